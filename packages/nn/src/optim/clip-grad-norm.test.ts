import { beforeAll, describe, expect, it } from 'vitest';
import { tensor } from '@loom/graph';
import { useCpu } from '../testing/use-cpu.js';
import { parameter } from '../core/parameter.js';
import { clipByGlobalNorm, clipGradNorm } from './clip-grad-norm.js';

beforeAll(useCpu);

describe('gradient clipping by norm', () => {
  it('scales gradients whose global norm exceeds the limit down to it, keeping their direction', async () => {
    const { grads, norm } = clipByGlobalNorm([tensor([3, 0]), tensor([4])], 1);
    expect(await norm.item()).toBeCloseTo(5, 5);
    expect(Array.from(await grads[0].data())[0]).toBeCloseTo(0.6, 5);
    expect(await grads[1].item()).toBeCloseTo(0.8, 5);
  });

  it('leaves gradients within the limit unchanged', async () => {
    const { grads } = clipByGlobalNorm([tensor([0.3, 0.4])], 1);
    expect(Array.from(await grads[0].data()).map((v) => Number(v.toFixed(5)))).toEqual([0.3, 0.4]);
  });

  it('clipGradNorm replaces .grad in place and returns the norm before clipping', async () => {
    const p = parameter(tensor([1, 1]));
    p.mul(tensor([6, 8])).sum().backward();
    const norm = clipGradNorm([p], 5);
    expect(await norm.item()).toBeCloseTo(10, 4);
    expect(Array.from(await p.grad!.data()).map((v) => Number(v.toFixed(4)))).toEqual([3, 4]);
  });
});
