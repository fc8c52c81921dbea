/**
 * Seeded randomness for the suite: every input value, direction and "random shape" comes from here,
 * so a failing case fails the same way on every run and on every backend.
 */

/** A generator of uniform numbers in [0, 1). */
export type Rng = () => number;

/** mulberry32: small, fast and good enough for test data. */
export function makeRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a hash of a string, used to derive one seed per case (and per input) from its name. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A generator seeded by a string, e.g. a case family's name. */
export function rngFor(label: string): Rng {
  return makeRng(hashString(label));
}

/** An integer in [lo, hi]. */
export function randInt(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)];
}

/** A uniformly random permutation of 0..n-1. */
export function randomPermutation(rng: Rng, n: number): number[] {
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [p[i], p[j]] = [p[j], p[i]];
  }
  return p;
}

/** A shape of rank in [minRank, maxRank] with dims in [1, maxDim]. */
export function randomShape(rng: Rng, minRank: number, maxRank: number, maxDim = 5): number[] {
  const rank = randInt(rng, minRank, maxRank);
  return Array.from({ length: rank }, () => randInt(rng, 1, maxDim));
}

/**
 * A shape that broadcasts against `shape` to `shape` itself: some trailing axes kept, some set to 1,
 * and possibly some leading axes dropped.
 */
export function broadcastPartner(rng: Rng, shape: readonly number[]): number[] {
  const drop = randInt(rng, 0, Math.max(0, shape.length - 1));
  const partner = shape.slice(drop).map((d) => (rng() < 0.4 ? 1 : d));
  // Make sure the pair really broadcasts (not identical) when that is possible.
  if (partner.length === shape.length && partner.every((d, i) => d === shape[i]) && shape.length > 0) {
    const axis = randInt(rng, 0, shape.length - 1);
    partner[axis] = 1;
  }
  return partner;
}

/** Two shapes that broadcast against each other in both directions, e.g. [3, 1, 5] and [4, 5]. */
export function mutualBroadcastPair(rng: Rng): [number[], number[]] {
  const full = randomShape(rng, 2, 4, 4).map((d) => Math.max(d, 2));
  const a = full.map((d) => (rng() < 0.5 ? d : 1));
  const b = full.map((d, i) => (a[i] === 1 ? d : rng() < 0.5 ? d : 1));
  return [a, b.slice(randInt(rng, 0, 1))];
}

/** A random non-empty subset of the axes of a rank-`rank` shape, each written positive or negative. */
export function randomAxes(rng: Rng, rank: number, count: number): number[] {
  const axes = randomPermutation(rng, rank).slice(0, count);
  return axes.map((a) => (rng() < 0.5 ? a - rank : a));
}
