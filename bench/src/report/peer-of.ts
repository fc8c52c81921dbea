import type { Peer } from './report-types.js';

/** The peer an engine name belongs to ("tfjs wasm (XNNPACK, …)" → 'tfjs wasm'); undefined for Loom. */
export function peerOf(engine: string): Peer | undefined {
  if (engine.startsWith('tfjs cpu')) return 'tfjs cpu';
  if (engine.startsWith('tfjs wasm')) return 'tfjs wasm';
  if (engine.startsWith('jax-js')) return 'jax-js';
  return undefined;
}
