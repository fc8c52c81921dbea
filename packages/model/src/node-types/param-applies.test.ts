import { describe, expect, it } from 'vitest';
import { paramApplies } from './node-type.js';
import { defaultParams, nodeTypes } from './registry.js';

const visible = (type: string, params: Record<string, string>) => {
  const spec = nodeTypes.get(type)!;
  const values = { ...defaultParams(type), ...params };
  return spec.params.filter((p) => paramApplies(p, values)).map((p) => p.name);
};

describe('paramApplies', () => {
  it('shows a dataset node only the options its dataset uses', () => {
    expect(visible('dataset', { name: 'mnist' })).toEqual(['name', 'trainSize', 'testSize', 'normalization']);
    expect(visible('dataset', { name: 'blobs' })).toEqual(['name', 'samples', 'features', 'classes', 'seed']);
    expect(visible('dataset', { name: 'alice-text' })).toEqual(['name', 'sequenceLength']);
  });

  it("shows an optimizer's hyperparameters for its kind only", () => {
    expect(visible('optimizer', { kind: 'sgd' })).toEqual(['kind', 'lr', 'momentum', 'weightDecay']);
    expect(visible('optimizer', { kind: 'adam' })).toEqual(['kind', 'lr', 'weightDecay', 'beta1', 'beta2', 'eps']);
  });

  it('every appliesWhen names a param of its own node type and values that param can take', () => {
    for (const type of nodeTypes.list())
      for (const spec of type.params) {
        if (!spec.appliesWhen) continue;
        const target = type.params.find((p) => p.name === spec.appliesWhen!.param);
        expect(target, `${type.type}.${spec.name}`).toBeDefined();
        for (const value of spec.appliesWhen.oneOf) expect(target!.options, `${type.type}.${spec.name}`).toContain(value);
      }
  });
});
