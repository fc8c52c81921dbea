import { beforeAll, describe, expect, it } from 'vitest';
import { compile, tensor, type Tensor } from '@loom/graph';
import { useCpu } from '../testing/use-cpu.js';
import { parameter } from '../core/parameter.js';
import type { Optimizer } from './optimizer.js';
import { SGD } from './sgd.js';
import { Adam, AdamW } from './adam.js';
import { RMSprop } from './rmsprop.js';
import { stepDecay } from './schedule.js';
import { referenceAdam, referenceRmsprop, referenceSgd, type ReferenceState, type Vec } from '../testing/reference-rules.js';

beforeAll(useCpu);

const start: Vec = [1.5, -2, 0.5];
const curvature: Vec = [1, 3, -0.5];

/** Loss Σ c·p² / 2 + Σ p, whose gradient c·p + 1 changes with p. */
const lossOf = (p: Tensor) => p.square().mul(tensor(curvature)).mul(0.5).add(p).sum();
const gradOf = (p: Vec) => p.map((v, i) => curvature[i] * v + 1);

async function runLoom(make: (p: Tensor) => Optimizer, steps: number): Promise<number[]> {
  const p = parameter(tensor(start));
  const opt = make(p);
  for (let i = 0; i < steps; i++) {
    opt.zeroGrad();
    lossOf(p).backward();
    await opt.step();
  }
  return Array.from(await p.data());
}

function runReference(update: (p: Vec, g: Vec, s: ReferenceState) => Vec, steps: number): Vec {
  const state: ReferenceState = { step: 0, buffers: {} };
  let p = start;
  for (let i = 0; i < steps; i++) p = update(p, gradOf(p), state);
  return p;
}

function expectClose(actual: number[], expected: Vec): void {
  actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 4));
}

describe('optimizers follow PyTorch’s update rules', () => {
  it('SGD', async () => {
    expectClose(await runLoom((p) => new SGD([p], { lr: 0.1 }), 4), runReference((p, g, s) => referenceSgd(p, g, s, { lr: 0.1 }), 4));
  });

  it('SGD with momentum and weight decay', async () => {
    const o = { lr: 0.05, momentum: 0.9, weightDecay: 0.01 };
    expectClose(await runLoom((p) => new SGD([p], o), 5), runReference((p, g, s) => referenceSgd(p, g, s, o), 5));
  });

  it('SGD with Nesterov momentum', async () => {
    const o = { lr: 0.05, momentum: 0.9, nesterov: true };
    expectClose(await runLoom((p) => new SGD([p], o), 5), runReference((p, g, s) => referenceSgd(p, g, s, o), 5));
  });

  it('SGD with dampening (the first step uses the raw gradient)', async () => {
    const o = { lr: 0.05, momentum: 0.8, dampening: 0.5 };
    expectClose(await runLoom((p) => new SGD([p], o), 4), runReference((p, g, s) => referenceSgd(p, g, s, o), 4));
  });

  it('Adam with bias correction and L2 weight decay', async () => {
    const o = { lr: 0.1, weightDecay: 0.1 };
    expectClose(await runLoom((p) => new Adam([p], o), 6), runReference((p, g, s) => referenceAdam(p, g, s, o), 6));
  });

  it('AdamW with decoupled weight decay', async () => {
    const o = { lr: 0.1, weightDecay: 0.5, betas: [0.8, 0.99] as [number, number] };
    expectClose(await runLoom((p) => new AdamW([p], o), 6), runReference((p, g, s) => referenceAdam(p, g, s, { ...o, decoupled: true }), 6));
  });

  it('RMSprop, plain and centred with momentum', async () => {
    expectClose(await runLoom((p) => new RMSprop([p], { lr: 0.01 }), 5), runReference((p, g, s) => referenceRmsprop(p, g, s, { lr: 0.01 }), 5));
    const o = { lr: 0.01, momentum: 0.5, centered: true };
    expectClose(await runLoom((p) => new RMSprop([p], o), 5), runReference((p, g, s) => referenceRmsprop(p, g, s, o), 5));
  });
});

describe('Optimizer', () => {
  it('leaves a parameter without a gradient (unused by the loss) unchanged', async () => {
    const used = parameter(tensor([1]));
    const unused = parameter(tensor([5]));
    const opt = new SGD([used, unused], { lr: 0.5 });
    used.square().sum().backward();
    await opt.step();
    expect([await used.item(), await unused.item()]).toEqual([0, 5]);
  });

  it('clips the global gradient norm before the update', async () => {
    const p = parameter(tensor([0, 0]));
    const opt = new SGD([p], { lr: 1, clipNorm: 1 });
    p.mul(tensor([3, 4])).sum().backward(); // gradient [3, 4], norm 5
    await opt.step();
    expectClose(Array.from(await p.data()), [-0.6, -0.8]);
  });

  it('keeps the step count and state in its state dict, and restores them', async () => {
    const p = parameter(tensor([1, 2]));
    const opt = new Adam([p], { lr: 0.1 });
    lossOf(p.reshape([2]).concat([tensor([0])])).backward();
    await opt.step();
    const state = opt.stateDict();
    expect(Object.keys(state)).toEqual(['step', '0.expAvg', '0.expAvgSq']);
    expect(await state.step.item()).toBe(1);
    const fresh = new Adam([parameter(tensor([1, 2]))], { lr: 0.1 });
    await fresh.loadStateDict(state);
    expect(await fresh.stateDict()['0.expAvg'].data()).toEqual(await state['0.expAvg'].data());
  });

  it('reads a schedule at every replay of a compiled step, without retracing', async () => {
    const p = parameter(tensor([1]));
    const opt = new SGD([p], { lr: stepDecay(1, { stepSize: 1, gamma: 0.5 }) });
    let traces = 0;
    const step = compile(async (x: Tensor) => {
      traces++;
      p.mul(x).sum().backward(); // gradient x = 1
      await opt.step();
      opt.zeroGrad();
      return x;
    });
    const values: number[] = [];
    for (let i = 0; i < 4; i++) {
      await step(tensor([1]));
      values.push(await p.item());
    }
    expect(traces).toBe(1);
    expect(values).toEqual([0, -0.5, -0.75, -0.875]);
  });
});
