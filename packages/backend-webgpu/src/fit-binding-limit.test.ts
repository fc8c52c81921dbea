import { stridesOf, type BufferId, type BufferRef, type FusedExpr, type FusedLaunch, type ProgramStep } from '@loom/graph';
import { describe, expect, it } from 'vitest';
import { loadedInputs } from './fit-binding-limit.js';
import { planProgram } from './plan-program.js';
import { evaluateExpr } from './testing/evaluate-expr.js';
import { seeded } from './testing/reference.js';

const shape = [3, 4];
const load = (input: number, strides = stridesOf(shape)): FusedExpr => ({ kind: 'load', input, view: { strides, offset: 0 } });
const binary = (op: 'add' | 'mul' | 'sub', a: FusedExpr, b: FusedExpr): FusedExpr => ({ kind: 'binary', op, a, b });
const ref = (id: BufferId): BufferRef => ({ id, shape, dtype: 'float32' });

/** ((x0 + x1) · (x2 − x3)) + ((x4 · x5) + x6·broadcast row): 7 inputs, one of them broadcast. */
const wide: FusedLaunch = {
  kind: 'fused',
  expr: binary(
    'add',
    binary('mul', binary('add', load(0), load(1)), binary('sub', load(2), load(3))),
    binary('add', binary('mul', load(4), load(5)), load(6, [0, 1])),
  ),
  inputs: [1, 2, 3, 4, 5, 6, 7].map(ref),
  output: ref(100),
  label: 'wide #1',
};

/** Runs planned fused steps on float64 arrays, buffers by id. */
function runSteps(steps: readonly ProgramStep[], buffers: Map<BufferId, Float64Array>): void {
  for (const step of steps) {
    if (step.kind === 'free') buffers.delete(step.id);
    else if (step.kind === 'fused') buffers.set(step.output.id, evaluateExpr(step.expr, step.inputs.map((r) => buffers.get(r.id)!), step.output.shape));
    else throw new Error('only fused steps here');
  }
}

describe('planProgram under a binding limit', () => {
  it('splits a 7-input fused kernel so every kernel binds at most 4 buffers, computing the same values', () => {
    let next = -1;
    const { steps, plan } = planProgram([wide], 4, () => next--);
    expect(steps.filter((s) => s.kind === 'fused').length).toBeGreaterThan(1);
    for (const dispatches of plan) for (const d of dispatches) expect(d.bindings.length).toBeLessThanOrEqual(4);
    const data = () => new Map<BufferId, Float64Array>([1, 2, 3, 4, 5, 6, 7].map((id) => [id, Float64Array.from(seeded(12, id))]));
    const split = data();
    runSteps(steps, split);
    const whole = data();
    runSteps([wide], whole);
    expect(Array.from(split.get(100)!)).toEqual(Array.from(whole.get(100)!));
  });

  it('frees every temporary it adds once, after its last reader', () => {
    let next = -1;
    const { steps } = planProgram([wide], 4, () => next--);
    const temps = steps.flatMap((s) => (s.kind === 'fused' && s.output.id < 0 ? [s.output.id] : []));
    expect(temps.length).toBeGreaterThan(0);
    for (const id of temps) {
      const frees = steps.flatMap((s, k) => (s.kind === 'free' && s.id === id ? [k] : []));
      const readers = steps.flatMap((s, k) => (s.kind === 'fused' && s.inputs.some((r) => r.id === id) ? [k] : []));
      expect(frees).toHaveLength(1);
      expect(readers.length).toBeGreaterThan(0);
      expect(frees[0]).toBeGreaterThan(Math.max(...readers));
    }
  });

  it('leaves a kernel that fits alone', () => {
    const { steps } = planProgram([wide], 8, () => -1);
    expect(steps).toEqual([wide]);
    expect(loadedInputs(wide.expr).size).toBe(7);
  });

  it('names the launch when a kernel cannot be split to fit', () => {
    const matmul: ProgramStep = {
      kind: 'launch',
      op: 'matmul',
      attrs: {},
      inputs: [ref(1), { id: 2, shape: [4, 4], dtype: 'float32' }],
      output: ref(3),
      label: 'matmul #9',
    };
    expect(() => planProgram([matmul], 2, () => -1)).toThrow(/matmul #9: its kernel binds 3 storage buffers; this device allows 2/);
  });
});
