import type { FusedExpr } from '@loom/graph';
import type { WebGpuBackend } from './webgpu-backend.js';

/** A tiny program and the answer it must give, run before a device is trusted with real work. */
export interface SelfTest {
  input: Float32Array;
  expr: FusedExpr;
  expected: readonly number[];
}

/** 2x + 1 over four elements: a generated kernel, a parameter, an upload and a readback. */
export const defaultSelfTest: SelfTest = {
  input: new Float32Array([1, 2, 3, 4]),
  expr: {
    kind: 'binary',
    op: 'add',
    a: {
      kind: 'binary',
      op: 'mul',
      a: { kind: 'load', input: 0, view: { strides: [1], offset: 0 } },
      b: { kind: 'const', value: 2, dtype: 'float32' },
    },
    b: { kind: 'const', value: 1, dtype: 'float32' },
  },
  expected: [3, 5, 7, 9],
};

// Ids the graph never uses (it counts up from 1).
const INPUT = -1;
const OUTPUT = -2;

/** Runs `test` on `backend`; throws saying what came back when it is not the expected answer. */
export async function runSelfTest(backend: WebGpuBackend, test: SelfTest = defaultSelfTest): Promise<void> {
  const shape = [test.input.length];
  backend.write(INPUT, 'float32', test.input);
  try {
    await backend.run({
      steps: [
        {
          kind: 'fused',
          expr: test.expr,
          inputs: [{ id: INPUT, shape, dtype: 'float32' }],
          output: { id: OUTPUT, shape: [test.expected.length], dtype: 'float32' },
          label: 'self-test',
        },
      ],
    });
    const got = Array.from(await backend.read(OUTPUT));
    if (got.length !== test.expected.length || got.some((v, i) => v !== test.expected[i]))
      throw new Error(`the self-test kernel returned [${got.join(', ')}], expected [${test.expected.join(', ')}]`);
  } finally {
    backend.free(INPUT);
    try {
      backend.free(OUTPUT);
    } catch {
      // the run failed before creating it
    }
  }
}
