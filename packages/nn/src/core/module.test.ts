import { beforeAll, describe, expect, it } from 'vitest';
import { ones, tensor, type Tensor } from '@loom/graph';
import { useCpu } from '../testing/use-cpu.js';
import { Module } from './module.js';
import { parameter } from './parameter.js';
import { Linear } from '../layers/linear.js';
import { ReLU } from '../layers/activations.js';
import { Dropout } from '../layers/dropout.js';
import { Sequential } from '../layers/sequential.js';
import { BatchNorm1d } from '../layers/batch-norm.js';

beforeAll(useCpu);

class TwoTower extends Module {
  readonly encoder = new Sequential(new Linear(4, 3, { seed: 1 }), new ReLU(), new Dropout(0.5));
  readonly heads = [new Linear(3, 2, { seed: 2 }), new Linear(3, 1, { bias: false, seed: 3 })];
  readonly scale = parameter(ones([1]));
  readonly notState = tensor([1, 2, 3]);

  forward(x: Tensor): Tensor {
    const h = this.encoder.forward(x);
    return this.heads[0].forward(h).sum(-1).add(this.heads[1].forward(h).reshape([-1])).mul(this.scale);
  }
}

describe('Module', () => {
  it('finds parameters in fields, Sequential children and arrays of modules: its own first, then children in field order (as PyTorch)', () => {
    expect(new TwoTower().namedParameters().map(([name]) => name)).toEqual([
      'scale',
      'encoder.0.weight',
      'encoder.0.bias',
      'heads.0.weight',
      'heads.0.bias',
      'heads.1.weight',
    ]);
  });

  it('lists every parameter as a requiresGrad leaf and counts their values', () => {
    const model = new TwoTower();
    expect(model.parameters().every((p) => p.requiresGrad)).toBe(true);
    expect(model.parameterCount()).toBe(4 * 3 + 3 + 3 * 2 + 2 + 3 + 1);
  });

  it('lists a tensor shared by two modules (tied weights) once', () => {
    const a = new Linear(2, 2);
    const tied = new Sequential(a, a);
    expect(tied.parameters()).toHaveLength(2);
  });

  it('switches every submodule between training and evaluation mode', () => {
    const model = new TwoTower().eval();
    expect(model.namedModules().every(([, m]) => !m.training)).toBe(true);
    model.train();
    expect(model.encoder.at(2).training).toBe(true);
  });

  it('includes persistent buffers in the state dict next to parameters', () => {
    const model = new Sequential(new Linear(3, 3), new BatchNorm1d(3));
    expect(Object.keys(model.stateDict())).toEqual(['0.weight', '0.bias', '1.weight', '1.bias', '1.runningMean', '1.runningVar']);
  });

  it('loads a state dict into the same tensors (identity kept), so outputs match the source model', async () => {
    const source = new TwoTower();
    const target = new TwoTower();
    const weightBefore = target.heads[0].weight;
    await target.loadStateDict(source.stateDict());
    expect(target.heads[0].weight).toBe(weightBefore);
    const x = tensor([[0.5, -1, 2, 0.25]]);
    source.eval();
    target.eval();
    expect(await target.forward(x).data()).toEqual(await source.forward(x).data());
  });

  it('refuses a state dict whose shape differs, naming the parameter', async () => {
    const state = new Linear(3, 2).stateDict();
    await expect(new Linear(4, 2).loadStateDict(state)).rejects.toThrow(/"weight" has shape \[2, 4\] float32 in the model but \[2, 3\] float32/);
  });

  it('refuses missing and unexpected names unless strict is off', async () => {
    const model = new Sequential(new Linear(2, 2));
    const { '0.bias': _bias, ...withoutBias } = model.stateDict();
    await expect(model.loadStateDict(withoutBias)).rejects.toThrow(/"0.bias" is missing/);
    await expect(model.loadStateDict({ ...model.stateDict(), extra: ones([1]) })).rejects.toThrow(/unexpected names in the state dict: extra/);
    await model.loadStateDict({ ...withoutBias, extra: ones([1]) }, { strict: false });
  });

  it('clears accumulated gradients with zeroGrad', () => {
    const model = new Linear(2, 1);
    model.forward(tensor([[1, 2]])).sum().backward();
    expect(model.weight.grad).toBeDefined();
    model.zeroGrad();
    expect(model.parameters().every((p) => p.grad === undefined)).toBe(true);
  });
});
