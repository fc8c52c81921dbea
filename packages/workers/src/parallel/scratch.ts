/** The three shared float32 arrays a split launch uses: first input, second input, output. */
export const Role = { a: 0, b: 1, out: 2 } as const;
export type Role = (typeof Role)[keyof typeof Role];
export const roles: readonly Role[] = [Role.a, Role.b, Role.out];

export interface ScratchArray {
  buffer: SharedArrayBuffer;
  /** Bumped whenever the role gets a new (bigger) buffer. */
  generation: number;
}

/**
 * The engine's scratch arrays. They only grow (to the next power of two), so helpers receive a
 * new buffer rarely — once per growth — and otherwise reuse what they hold.
 */
export class Scratch {
  private readonly arrays: (ScratchArray | undefined)[] = [undefined, undefined, undefined];

  /** A float32 view of at least `floats` elements for `role`; `onGrow` hears about new buffers. */
  view(role: Role, floats: number, onGrow: (role: Role, array: ScratchArray) => void): Float32Array {
    let array = this.arrays[role];
    if (!array || array.buffer.byteLength < floats * 4) {
      const bytes = 4 * 2 ** Math.ceil(Math.log2(Math.max(floats, 1 << 14)));
      array = { buffer: new SharedArrayBuffer(bytes), generation: (array?.generation ?? 0) + 1 };
      this.arrays[role] = array;
      onGrow(role, array);
    }
    return new Float32Array(array.buffer, 0, floats);
  }

  generation(role: Role): number {
    return this.arrays[role]?.generation ?? 0;
  }

  /** Every current array, to hand a newly attached helper. */
  current(): [Role, ScratchArray][] {
    return roles.flatMap((role): [Role, ScratchArray][] => {
      const array = this.arrays[role];
      return array ? [[role, array]] : [];
    });
  }
}
