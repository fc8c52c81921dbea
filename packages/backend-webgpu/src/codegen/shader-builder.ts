import type { DType } from '@loom/graph';
import type { Binding, BindingSource, Dispatch, IndexCheck } from './dispatch.js';
import { wgslType, type WgslType } from './wgsl-type.js';

/** Invocations per workgroup of the one-thread-per-element kernels. */
export const ELEMENTWISE_WORKGROUP = 64;
/** WebGPU's guaranteed maximum workgroups per dispatch dimension. */
export const MAX_WORKGROUPS_PER_DIMENSION = 65535;

const f32Bits = new Float32Array(1);
const u32Bits = new Uint32Array(f32Bits.buffer);

function sameSource(a: BindingSource, b: BindingSource): boolean {
  if (a.kind !== b.kind) return false;
  return !('index' in a) || !('index' in b) || a.index === b.index;
}

/**
 * Assembles one WGSL compute shader: storage bindings, a uniform array of parameters, helper
 * functions (each emitted once), workgroup variables and the entry point. Kernels ask it for names
 * and get back text to splice into their code; values that vary between launches of the same
 * kernel (sizes, strides, constants) go into parameters, never into the text.
 */
export class ShaderBuilder {
  private readonly bindings: { binding: Binding; name: string; type: string }[] = [];
  private readonly params: number[] = [];
  private readonly helpers = new Map<string, string>();
  private readonly workgroupVars: string[] = [];
  private check: IndexCheck | undefined;
  private tagName = '';

  /** A read-only launch input, as an array of its element type; returns the array's name. */
  input(index: number, dtype: DType): string {
    return this.bind({ kind: 'input', index }, 'read', `in${index}`, `array<${wgslType(dtype)}>`);
  }

  /** A read-only input of the launch's epilogue. */
  epilogueInput(index: number, dtype: DType): string {
    return this.bind({ kind: 'epilogue', index }, 'read', `ep${index}`, `array<${wgslType(dtype)}>`);
  }

  output(dtype: DType): string {
    return this.bind({ kind: 'output' }, 'read_write', 'out', `array<${wgslType(dtype)}>`);
  }

  /**
   * The status buffer, [launch tag, offending index], written when an index is out of range, and
   * the parameter holding this launch's tag (the backend sets it: `Dispatch.check.tagSlot`).
   */
  status(check: Omit<IndexCheck, 'tagSlot'>): { status: string; tag: string } {
    const status = this.bind({ kind: 'status' }, 'read_write', 'status', 'array<atomic<u32>, 2>');
    if (!this.check) {
      this.check = { ...check, tagSlot: this.params.length };
      this.tagName = this.param(0);
    }
    return { status, tag: this.tagName };
  }

  /** A u32 parameter; returns the WGSL expression that reads it. */
  u32(value: number): string {
    if (!Number.isInteger(value) || value < 0 || value > 0xffffffff)
      throw new Error(`webgpu codegen: parameter ${value} is not a u32`);
    return this.param(value);
  }

  i32(value: number): string {
    return `bitcast<i32>(${this.param(value >>> 0)})`;
  }

  f32(value: number): string {
    f32Bits[0] = value;
    return `bitcast<f32>(${this.param(u32Bits[0])})`;
  }

  /** A constant of `dtype`, as a parameter (bool: 1 for any non-zero value). */
  constant(value: number, dtype: DType): string {
    if (dtype === 'float32') return this.f32(value);
    if (dtype === 'int32') return this.i32(value | 0);
    return this.u32(value !== 0 ? 1 : 0);
  }

  /** Adds a helper function (or constant) once, however many times it is asked for. */
  helper(name: string, code: string): string {
    if (!this.helpers.has(name)) this.helpers.set(name, code);
    return name;
  }

  workgroupVar(declaration: string): void {
    this.workgroupVars.push(`var<workgroup> ${declaration};`);
  }

  /**
   * The finished kernel. The entry point sees `gid`, `lid`, `wid`, `nwg` (vec3<u32>) and `li`
   * (the local invocation index); `body` is its code.
   */
  build(body: string, workgroupSize: readonly [number, number, number], workgroups: readonly [number, number, number]): Dispatch {
    const declarations = this.bindings.map(
      ({ binding, name, type }, i) =>
        `@group(0) @binding(${i}) var<storage, ${binding.access}> ${name}: ${type};`,
    );
    if (this.params.length > 0) {
      const vectors = Math.ceil(this.params.length / 4);
      declarations.push(`@group(0) @binding(${this.bindings.length}) var<uniform> p: array<vec4<u32>, ${vectors}>;`);
    }
    const code = [
      ...declarations,
      ...this.workgroupVars,
      ...this.helpers.values(),
      `@compute @workgroup_size(${workgroupSize.join(', ')})`,
      'fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>,',
      '        @builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,',
      '        @builtin(local_invocation_index) li: u32) {',
      body,
      '}',
    ].join('\n');
    const params = new Uint32Array(Math.ceil(this.params.length / 4) * 4);
    params.set(this.params);
    return {
      code,
      bindings: this.bindings.map((b) => b.binding),
      params,
      workgroups,
      ...(this.check && { check: this.check }),
    };
  }

  /**
   * A kernel with one invocation per element `i` in [0, count): `body` sees `i` (u32) and runs only
   * for i < count. Dispatches spill into a second dimension past 65535 workgroups.
   */
  buildElementwise(count: number, body: string): Dispatch {
    const groups = Math.ceil(count / ELEMENTWISE_WORKGROUP);
    const x = Math.min(groups, MAX_WORKGROUPS_PER_DIMENSION);
    const y = Math.ceil(groups / MAX_WORKGROUPS_PER_DIMENSION);
    if (y > MAX_WORKGROUPS_PER_DIMENSION) throw new Error(`webgpu: ${count} elements is too many for one dispatch`);
    const n = this.u32(count);
    const code = [
      `  let i = (wid.y * nwg.x + wid.x) * ${ELEMENTWISE_WORKGROUP}u + lid.x;`,
      `  if (i >= ${n}) { return; }`,
      body,
    ].join('\n');
    return this.build(code, [ELEMENTWISE_WORKGROUP, 1, 1], [x, y, 1]);
  }

  private bind(source: BindingSource, access: Binding['access'], name: string, type: string): string {
    const existing = this.bindings.find((b) => sameSource(b.binding.source, source));
    if (existing) return existing.name;
    this.bindings.push({ binding: { source, access }, name, type });
    return name;
  }

  private param(bits: number): string {
    const slot = this.params.push(bits) - 1;
    return `p[${slot >> 2}].${'xyzw'[slot & 3]}`;
  }
}

export type { WgslType };
