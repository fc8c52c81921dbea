import { primitiveOps } from '@loom/graph';
import type { AnyLaunch, BufferRef, Program } from '@loom/graph';
import { describe, expect, it } from 'vitest';
import { CpuBackend } from './cpu-backend.js';
import { cpuKernels } from './kernel-table.js';

const ref = (id: number, shape: number[], dtype: BufferRef['dtype'] = 'float32'): BufferRef => ({
  id,
  shape,
  dtype,
});

/** a [2, 2] = 1..4 in buffer 1, b [2, 2] = 10, 20, 30, 40 in buffer 2. */
function backendWithInputs(): CpuBackend {
  const backend = new CpuBackend();
  backend.write(1, 'float32', new Float32Array([1, 2, 3, 4]));
  backend.write(2, 'float32', new Float32Array([10, 20, 30, 40]));
  return backend;
}

const add: AnyLaunch = {
  kind: 'launch',
  op: 'add',
  attrs: {},
  inputs: [ref(1, [2, 2]), ref(2, [2, 2])],
  output: ref(3, [2, 2]),
  label: 'add #1',
};
const matmul: AnyLaunch = {
  kind: 'launch',
  op: 'matmul',
  attrs: {},
  inputs: [ref(3, [2, 2]), ref(1, [2, 2])],
  output: ref(4, [2, 2]),
  label: 'matmul #2',
};

describe('CpuBackend', () => {
  it('has a kernel for every primitive op and nothing else', () => {
    expect(Object.keys(cpuKernels).sort()).toEqual([...primitiveOps].sort());
  });

  it('runs launches in order, each reading the outputs of earlier ones', async () => {
    const backend = backendWithInputs();
    backend.run({ steps: [add, matmul] });
    expect(Array.from(await backend.read(3))).toEqual([11, 22, 33, 44]);
    // [[11, 22], [33, 44]] · [[1, 2], [3, 4]]
    expect(Array.from(await backend.read(4))).toEqual([77, 110, 165, 242]);
  });

  it('views a written buffer with the shape each launch gives it', async () => {
    const backend = new CpuBackend();
    backend.write(1, 'float32', new Float32Array([1, 2, 3, 4, 5, 6]));
    backend.run({
      steps: [
        {
          kind: 'launch',
          op: 'sum',
          attrs: { axes: [1] },
          inputs: [ref(1, [2, 3])],
          output: ref(2, [2, 1]),
          label: 'sum #1',
        },
        {
          kind: 'launch',
          op: 'sum',
          attrs: { axes: [1] },
          inputs: [ref(1, [3, 2])],
          output: ref(3, [3, 1]),
          label: 'sum #2',
        },
      ],
    });
    expect(Array.from(await backend.read(2))).toEqual([6, 15]);
    expect(Array.from(await backend.read(3))).toEqual([3, 7, 11]);
  });

  it('frees buffers on free steps and reports live buffers and bytes', () => {
    const backend = backendWithInputs();
    expect(backend.liveBufferCount()).toBe(2);
    expect(backend.liveBytes()).toBe(32);
    backend.run({ steps: [add, { kind: 'free', id: 2 }] });
    expect(backend.liveBufferCount()).toBe(2);
    backend.write(9, 'bool', new Uint8Array(3));
    expect(backend.liveBytes()).toBe(32 + 3);
    backend.free(9);
    backend.free(1);
    expect(backend.liveBufferCount()).toBe(1);
  });

  it('lets an output take the id of an input it reads', async () => {
    const backend = backendWithInputs();
    backend.run({ steps: [{ ...add, output: ref(1, [2, 2]) }] });
    expect(Array.from(await backend.read(1))).toEqual([11, 22, 33, 44]);
  });

  it('copies on write and on read, so callers never alias its buffers', async () => {
    const backend = new CpuBackend();
    const source = new Int32Array([1, 2]);
    backend.write(1, 'int32', source);
    source[0] = 99;
    const first = await backend.read(1);
    first[1] = 99;
    expect(Array.from(await backend.read(1))).toEqual([1, 2]);
    expect(first).toBeInstanceOf(Int32Array);
  });

  it('re-throws a kernel error prefixed with the launch label', () => {
    const backend = new CpuBackend();
    backend.write(1, 'float32', new Float32Array(5));
    backend.write(2, 'int32', new Int32Array([7]));
    const gather: AnyLaunch = {
      kind: 'launch',
      op: 'gather',
      attrs: { axis: 0 },
      inputs: [ref(1, [5]), ref(2, [1], 'int32')],
      output: ref(3, [1]),
      label: 'gather #12',
    };
    expect(() => backend.run({ steps: [gather] })).toThrow(
      new Error('gather #12: index 7 is out of range for axis 0 of size 5'),
    );
    expect(backend.liveBufferCount()).toBe(2);
  });

  it('names the buffer and the launch when a launch reads a freed buffer', () => {
    const backend = backendWithInputs();
    const program: Program = { steps: [{ kind: 'free', id: 2 }, add] };
    expect(() => backend.run(program)).toThrow(
      'add #1: buffer 2 does not exist (freed, or never written)',
    );
  });

  it('names the buffer when reading or freeing one that does not exist', async () => {
    const backend = backendWithInputs();
    backend.free(2);
    await expect(backend.read(2)).rejects.toThrow('read: buffer 2 does not exist');
    expect(() => backend.free(2)).toThrow('free: buffer 2 does not exist');
    await expect(backend.read(42)).rejects.toThrow('buffer 42');
  });

  it('rejects a launch that reads a buffer with the wrong size or dtype', () => {
    const backend = backendWithInputs();
    expect(() =>
      backend.run({ steps: [{ ...add, inputs: [ref(1, [3]), ref(2, [2, 2])] }] }),
    ).toThrow('add #1: buffer 1 holds 4 float32 elements, but the launch reads it as float32 [3]');
    expect(() =>
      backend.run({ steps: [{ ...add, inputs: [ref(1, [2, 2], 'int32'), ref(2, [2, 2])] }] }),
    ).toThrow(/buffer 1 .* as int32/);
  });

  it('rejects data whose array type does not match the dtype', () => {
    expect(() => new CpuBackend().write(1, 'int32', new Float32Array(2))).toThrow(
      'write: buffer 1 is int32 but was given a Float32Array',
    );
  });
});
