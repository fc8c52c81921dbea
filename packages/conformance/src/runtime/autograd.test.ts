import { beforeAll, describe, expect, it } from 'vitest';
import { grad, tensor, valueAndGrad, zeros, type Tensor } from '@loom/graph';
import { useCpu } from './use-cpu.js';

beforeAll(useCpu);

const values = async (t: Tensor | undefined) => Array.from(await t!.data());

describe('autograd', () => {
  it('gives one gradient per argument, JAX style', async () => {
    const [ga, gb] = await grad((a, b) => a.mul(b).sum())(tensor([1, 2]), tensor([3, 4]));
    expect(await values(ga)).toEqual([3, 4]);
    expect(await values(gb)).toEqual([1, 2]);
  });

  it('gives zeros for an argument the function ignores', async () => {
    const [, gb] = await grad((a) => a.sum())(tensor([1, 2]), tensor([5, 6, 7]));
    expect(await values(gb)).toEqual([0, 0, 0]);
  });

  it('sums the gradients of a tensor used twice', async () => {
    const [g] = await grad((a) => a.mul(a).add(a).sum())(tensor([1, 2]));
    expect(await values(g)).toEqual([3, 5]);
  });

  it('reduces broadcast gradients back to the input shape', async () => {
    const [gb] = await grad((b) => zeros([3, 2]).add(b).sum())(tensor([1, 1]));
    expect(gb.shape).toEqual([2]);
    expect(await values(gb)).toEqual([3, 3]);
  });

  it('returns the value with the gradients', async () => {
    const { value, grads } = await valueAndGrad((a) => a.pow(2).sum())(tensor([3]));
    expect(await value.item()).toBe(9);
    expect(await values(grads[0])).toEqual([6]);
  });

  it('accumulates into .grad across backward() calls, PyTorch style', async () => {
    const w = tensor([2, -1], { requiresGrad: true });
    w.mul(3).sum().backward();
    expect(await values(w.grad)).toEqual([3, 3]);
    w.mul(w).sum().backward();
    expect(await values(w.grad)).toEqual([7, 1]);
  });

  it('does not differentiate through detach()', async () => {
    const [g] = await grad((a) => a.mul(a.detach()).sum())(tensor([3]));
    expect(await values(g)).toEqual([3]);
  });

  it('refuses to differentiate a non-scalar function', async () => {
    await expect(grad((a) => a.mul(2))(tensor([1, 2]))).rejects.toThrow(/scalar.*\[2\]/);
  });

  it('refuses backward() on a tensor with no requiresGrad inputs', () => {
    expect(() => tensor([1]).sum().backward()).toThrow(/requiresGrad/);
  });
});
