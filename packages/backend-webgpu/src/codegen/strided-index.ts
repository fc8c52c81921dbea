import { isContiguous, type View } from '@loom/graph';
import type { ShaderBuilder } from './shader-builder.js';

/**
 * Reads through strided views at output element `flat` of an output of `shape`: the element at
 * multi-index c is `buffer[offset + Σ c[d]·strides[d]]`. The multi-index is computed once, when a
 * view first needs it; contiguous and broadcast-scalar views skip it. Sizes, strides and offsets
 * are parameters, so one shader serves every shape of the same rank and layout.
 */
export class StridedIndex {
  private coords: string[] | undefined;
  private readonly lines: string[] = [];

  constructor(
    private readonly b: ShaderBuilder,
    private readonly shape: readonly number[],
    private readonly flat: string,
    private readonly prefix = 'c',
  ) {}

  /** Statements computing the coordinates, to emit before any offset is used. */
  statements(): string[] {
    return this.lines;
  }

  /** The coordinate of axis `d` (a u32 expression); size-1 axes are always 0. */
  coordinate(d: number): string {
    return this.unravel()[d];
  }

  /** The flat offset of the element `view` reads, as a u32 expression. */
  offset(view: View): string {
    const live = this.shape.map((size, d) => size !== 1 && view.strides[d] !== 0);
    const base = view.offset === 0 ? '' : this.b.u32(view.offset);
    if (!live.some(Boolean)) return base || '0u';
    if (isContiguous({ strides: view.strides, offset: 0 }, this.shape)) return base ? `(${base} + ${this.flat})` : this.flat;
    const coords = this.unravel();
    const terms = this.shape.flatMap((_, d) => (live[d] ? [`${coords[d]} * ${this.b.u32(view.strides[d])}`] : []));
    return `(${[...(base ? [base] : []), ...terms].join(' + ')})`;
  }

  private unravel(): string[] {
    if (this.coords) return this.coords;
    const coords = this.shape.map(() => '0u');
    const live = this.shape.flatMap((size, d) => (size !== 1 ? [d] : []));
    if (live.length > 0) {
      const rest = `${this.prefix}_rest`;
      this.lines.push(`  var ${rest} = ${this.flat};`);
      // Innermost axis first: each takes the remainder, the quotient moves outward.
      for (let k = live.length - 1; k >= 1; k--) {
        const d = live[k];
        const size = this.b.u32(this.shape[d]);
        coords[d] = `${this.prefix}${d}`;
        this.lines.push(`  let ${coords[d]} = ${rest} % ${size};`, `  ${rest} = ${rest} / ${size};`);
      }
      coords[live[0]] = `${this.prefix}${live[0]}`;
      this.lines.push(`  let ${coords[live[0]]} = ${rest};`);
    }
    this.coords = coords;
    return coords;
  }
}
