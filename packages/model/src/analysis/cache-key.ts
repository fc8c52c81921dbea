import type { DocEdge, DocNode } from '../document/model-document.js';
import { defaultParams } from '../node-types/registry.js';

/** A 53-bit string hash (cyrb53) in base 36: short, fast, stable across runs and platforms. */
export function hashString(text: string, seed = 0): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/**
 * A node's cache key: a hash of its type, its params (defaults filled in, in name order) and, per input port, the
 * upstream node's key and port. Equal keys mean equal computations, so a front end can re-run only
 * nodes whose key changed. Labels and layout do not enter the key.
 */
export function nodeCacheKey(node: DocNode, incoming: ReadonlyMap<string, DocEdge>, upstreamKey: (nodeId: string) => string | undefined): string {
  const all = { ...defaultParams(node.type), ...node.params };
  const params = Object.keys(all)
    .sort()
    .map((k) => [k, all[k]]);
  const inputs = [...incoming.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([port, edge]) => [port, upstreamKey(edge.from.node) ?? '?', edge.from.port]);
  return hashString(JSON.stringify([node.type, params, inputs]));
}
