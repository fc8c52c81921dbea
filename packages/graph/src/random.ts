/**
 * Seeded pseudo-random numbers (mulberry32: small, fast, and good enough for initialisation,
 * dropout masks and shuffling). Every random op takes a seed or draws one from the global stream.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A standard normal sample (Box–Muller). */
  normal(): number {
    const u = 1 - this.next(); // in (0, 1], so log(u) is finite
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}

let global = new Random(0x5eed);

/** Re-seeds the stream that random ops use when they are given no seed. */
export function manualSeed(seed: number): void {
  global = new Random(seed);
}

/** A fresh seed from the global stream. */
export function nextSeed(): number {
  return global.int(2 ** 32);
}
