import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { templates } from '../templates/templates.js';
import type { Diagnostic } from '../document/diagnostic.js';
import { nodeTypes } from '../node-types/registry.js';
import { parseDocument } from '../document/parse-document.js';
import { compileModel } from '../compile/compile-model.js';
import { DocumentError } from '../compile/document-error.js';
import { validate } from './validate.js';

/** Every diagnostic is well formed, and every error says where it is. */
function expectLocated(diagnostics: Diagnostic[], doc: unknown): void {
  const parsed = parseDocument(doc);
  const nodeIds = new Set(parsed.ok ? parsed.document.nodes.map((n) => n.id) : []);
  const edgeIds = new Set(parsed.ok ? parsed.document.edges.map((e) => e.id) : []);
  for (const d of diagnostics) {
    expect(['error', 'warning']).toContain(d.severity);
    expect(d.code.length).toBeGreaterThan(0);
    expect(d.message.length).toBeGreaterThan(0);
    if (d.severity === 'error') expect(d.nodeId ?? d.edgeId ?? d.field, d.message).toBeDefined();
    if (parsed.ok && d.nodeId !== undefined) expect(nodeIds.has(d.nodeId), d.message).toBe(true);
    if (parsed.ok && d.edgeId !== undefined) expect(edgeIds.has(d.edgeId), d.message).toBe(true);
  }
}

/** Every (object or array, key) slot in a JSON tree. */
function slots(value: unknown, out: [Record<string, unknown> | unknown[], string | number][] = []): typeof out {
  if (Array.isArray(value)) value.forEach((v, i) => (out.push([value, i]), slots(v, out)));
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) {
      out.push([value as Record<string, unknown>, k]);
      slots(v, out);
    }
  return out;
}

const typeNames = nodeTypes.list().map((t) => t.type);
const portNames = [...new Set(nodeTypes.list().flatMap((t) => [...t.inputs, ...t.outputs].map((p) => p.name)))];

/** A mutation of a document: replace or delete any value in the tree, or rewire, retype or re-id a node. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('retype' as const), at: fc.nat(), type: fc.constantFrom(...typeNames, 'Nope') }),
  fc.record({ kind: fc.constant('rewire' as const), from: fc.nat(), to: fc.nat(), fromPort: fc.constantFrom(...portNames), toPort: fc.constantFrom(...portNames) }),
  fc.record({ kind: fc.constant('param' as const), at: fc.nat(), value: fc.oneof(fc.integer({ min: -3, max: 2000 }), fc.double(), fc.boolean(), fc.constant(null), fc.string()) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Applies one mutation; earlier mutations may have broken the shape, so every step checks what it touches. */
function mutate(doc: Loose, m: Mutation): void {
  const nodes = (Array.isArray(doc.nodes) ? doc.nodes : []).filter(isObject);
  const pick = (i: number) => nodes[i % nodes.length];
  switch (m.kind) {
    case 'set':
    case 'delete': {
      const all = slots(doc);
      if (!all.length) return;
      const [container, key] = all[m.at % all.length];
      if (m.kind === 'set') (container as Record<string | number, unknown>)[key] = m.value;
      else if (Array.isArray(container)) container.splice(Number(key), 1);
      else delete container[key as string];
      return;
    }
    case 'retype':
      if (nodes.length) pick(m.at).type = m.type;
      return;
    case 'rewire':
      if (nodes.length && Array.isArray(doc.edges))
        doc.edges.push({ id: `fuzz${doc.edges.length}`, from: { node: pick(m.from).id, port: m.fromPort }, to: { node: pick(m.to).id, port: m.toPort } });
      return;
    case 'param': {
      const node = nodes.length ? pick(m.at) : undefined;
      if (!node || !isObject(node.params)) return;
      const names = (typeof node.type === 'string' && nodeTypes.get(node.type)?.params.map((p) => p.name)) || ['x'];
      node.params[names[m.at % names.length]] = m.value;
      return;
    }
    case 'duplicate':
      if (nodes.length && Array.isArray(doc.nodes)) doc.nodes.push(structuredClone(pick(m.at)));
      return;
  }
}

describe('validate under fuzzing', () => {
  it('never throws on arbitrary JSON, and locates every error', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const diagnostics = validate(value);
        expectLocated(diagnostics, value);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on document-shaped random values, and locates every error', () => {
    const shaped = fc.record({
      format: fc.oneof(fc.constant('loom-model'), fc.string()),
      version: fc.oneof(fc.constant(1), fc.integer()),
      name: fc.string(),
      nodes: fc.array(fc.record({ id: fc.string({ maxLength: 3 }), type: fc.constantFrom(...typeNames, 'x'), params: fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 1 })) }), { maxLength: 6 }),
      edges: fc.array(fc.record({ id: fc.string({ maxLength: 2 }), from: fc.record({ node: fc.string({ maxLength: 3 }), port: fc.constantFrom(...portNames) }), to: fc.record({ node: fc.string({ maxLength: 3 }), port: fc.constantFrom(...portNames) }) }), { maxLength: 8 }),
    });
    fc.assert(fc.property(shaped, (doc) => expectLocated(validate(doc), doc)), { numRuns: 300 });
  });

  it('never throws on mutated templates, locates every error, and what validates compiles', () => {
    fc.assert(
      fc.property(fc.constantFrom(...templates), fc.array(mutation, { minLength: 1, maxLength: 4 }), (template, mutations) => {
        const doc: Loose = structuredClone(template.document);
        for (const m of mutations) mutate(doc, m);
        const diagnostics = validate(doc);
        expectLocated(diagnostics, doc);
        const parsed = parseDocument(doc);
        // Only models of a size worth allocating are compiled (a valid Linear(784, 10⁶) is legal but slow).
        const small = parsed.ok && parsed.document.nodes.every((n) => Object.values(n.params).every((v) => typeof v !== 'number' || Math.abs(v) <= 4096));
        if (parsed.ok && small && !diagnostics.some((d) => d.severity === 'error')) {
          try {
            compileModel(parsed.document);
          } catch (error) {
            // A document that validates may still not be a trainable model (e.g. its model reads the
            // targets); that must be a located DocumentError, never a crash.
            expect(error).toBeInstanceOf(DocumentError);
            expectLocated([...(error as DocumentError).diagnostics], doc);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
