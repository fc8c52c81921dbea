import { FunctionBody } from './function-body.js';
import { writeUnsignedLeb128 } from './leb128.js';
import { ExternalKind, SectionId } from './opcodes.js';
import type { ValType } from './opcodes.js';

/** The memory every kernel module imports as `env.memory`: the heap's, so kernels share tensors. */
export interface MemoryImport {
  minPages: number;
  /** Required for shared memory; absent means unbounded. */
  maxPages?: number;
  shared: boolean;
}

const magicAndVersion = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

/**
 * Assembles a wasm module: one imported memory, functions (numbered in the order they are added,
 * so a body can `call` a function added before or after it) and their exports.
 */
export class ModuleBuilder {
  private readonly functions: FunctionBody[] = [];
  private readonly exports: [string, number][] = [];

  constructor(private readonly memory: MemoryImport) {}

  /** Adds a function and returns its body to fill in; `exportName` makes it callable from JS. */
  function(
    params: readonly ValType[],
    results: readonly ValType[],
    exportName?: string,
  ): FunctionBody {
    const body = new FunctionBody(this.functions.length, params, results);
    this.functions.push(body);
    if (exportName !== undefined) this.exports.push([exportName, body.index]);
    return body;
  }

  toBytes(): Uint8Array<ArrayBuffer> {
    const signatures: string[] = [];
    const typeSection: number[] = [];
    const typeOf = this.functions.map((f) => {
      const key = `${f.params.join(',')}>${f.results.join(',')}`;
      let index = signatures.indexOf(key);
      if (index < 0) {
        index = signatures.push(key) - 1;
        typeSection.push(0x60);
        writeVector(typeSection, f.params);
        writeVector(typeSection, f.results);
      }
      return index;
    });

    const out = [...magicAndVersion];
    writeSection(out, SectionId.type, [...countPrefix(signatures.length), ...typeSection]);
    writeSection(out, SectionId.import, this.importSection());
    writeSection(out, SectionId.function, [...countPrefix(typeOf.length), ...leb(typeOf)]);
    writeSection(out, SectionId.export, this.exportSection());
    const code = countPrefix(this.functions.length);
    for (const f of this.functions) {
      const body = f.encode();
      writeUnsignedLeb128(code, body.length);
      code.push(...body);
    }
    writeSection(out, SectionId.code, code);
    return new Uint8Array(out);
  }

  private importSection(): number[] {
    const { minPages, maxPages, shared } = this.memory;
    if (shared && maxPages === undefined) throw new Error('a shared memory needs maxPages');
    const out = countPrefix(1);
    writeName(out, 'env');
    writeName(out, 'memory');
    out.push(ExternalKind.memory);
    // Limits flags: bit 0 = has a maximum, bit 1 = shared.
    out.push((maxPages === undefined ? 0 : 1) | (shared ? 2 : 0));
    writeUnsignedLeb128(out, minPages);
    if (maxPages !== undefined) writeUnsignedLeb128(out, maxPages);
    return out;
  }

  private exportSection(): number[] {
    const out = countPrefix(this.exports.length);
    for (const [name, index] of this.exports) {
      writeName(out, name);
      out.push(ExternalKind.function);
      writeUnsignedLeb128(out, index);
    }
    return out;
  }
}

function countPrefix(count: number): number[] {
  const out: number[] = [];
  writeUnsignedLeb128(out, count);
  return out;
}

function leb(values: readonly number[]): number[] {
  const out: number[] = [];
  for (const v of values) writeUnsignedLeb128(out, v);
  return out;
}

function writeVector(out: number[], bytes: readonly number[]): void {
  writeUnsignedLeb128(out, bytes.length);
  out.push(...bytes);
}

function writeName(out: number[], name: string): void {
  writeVector(out, Array.from(new TextEncoder().encode(name)));
}

function writeSection(out: number[], id: SectionId, payload: readonly number[]): void {
  out.push(id);
  writeUnsignedLeb128(out, payload.length);
  for (const byte of payload) out.push(byte);
}
