import { beforeAll, describe, expect, it } from 'vitest';
import { concat, randn, tensor, type Tensor } from '@loom/graph';
import { useCpu } from '../testing/use-cpu.js';
import { causalMask, scaledDotProductAttention } from '../functional/attention.js';
import { MultiHeadAttention } from './multi-head-attention.js';
import { PositionalEncoding } from './positional-encoding.js';
import { TransformerEncoderLayer } from './transformer-encoder-layer.js';

beforeAll(useCpu);

async function rows(t: Tensor): Promise<number[][]> {
  return (await t.array()) as number[][];
}

describe('attention', () => {
  it('causalMask blocks exactly the keys after each query', async () => {
    expect(await causalMask(3).array()).toEqual([
      [false, true, true],
      [false, false, true],
      [false, false, false],
    ]);
  });

  it('attention weights are a distribution over keys, and causal ones put no weight on the future', async () => {
    const q = randn([1, 4, 8], { seed: 1 });
    const k = randn([1, 4, 8], { seed: 2 });
    const { weights } = scaledDotProductAttention(q, k, k, { isCausal: true });
    const w = (await weights.reshape([4, 4]).array()) as number[][];
    w.forEach((row, i) => {
      expect(row.reduce((a, b) => a + b)).toBeCloseTo(1, 5);
      row.forEach((v, j) => (j > i ? expect(v).toBeLessThan(1e-6) : expect(v).toBeGreaterThan(0)));
    });
  });

  it('a causal MultiHeadAttention output at position t does not change when later positions change', async () => {
    const mha = new MultiHeadAttention(8, 2, { batchFirst: true, seed: 3 });
    const x = randn([1, 5, 8], { seed: 4 });
    const changedTail = concat([x.slice([0, 0], [1, 3]), randn([1, 2, 8], { seed: 5 })], 1);
    const a = await rows(mha.forward(x, x, x, { isCausal: true }).output.reshape([5, 8]));
    const b = await rows(mha.forward(changedTail, changedTail, changedTail, { isCausal: true }).output.reshape([5, 8]));
    for (let t = 0; t < 3; t++) b[t].forEach((v, j) => expect(v).toBeCloseTo(a[t][j], 5));
    expect(Math.abs(b[4][0] - a[4][0])).toBeGreaterThan(1e-4);
  });

  it('a key padding mask removes the padded keys from every query’s weights', async () => {
    const mha = new MultiHeadAttention(4, 1, { batchFirst: true, seed: 6 });
    const x = randn([2, 3, 4], { seed: 7 });
    const padding = tensor([
      [false, false, true],
      [false, false, false],
    ]);
    const { weights } = mha.forward(x, x, x, { keyPaddingMask: padding });
    const w = (await weights.array()) as number[][][];
    for (const row of w[0]) expect(row[2]).toBeLessThan(1e-6);
    for (const row of w[1]) expect(row[2]).toBeGreaterThan(1e-6);
  });

  it('keeps PyTorch’s [seq, batch, embed] layout unless batchFirst', () => {
    const x = randn([5, 2, 8], { seed: 8 });
    expect(new MultiHeadAttention(8, 4).forward(x, x, x).output.shape).toEqual([5, 2, 8]);
    expect(new MultiHeadAttention(8, 4).forward(x, x, x).weights.shape).toEqual([2, 5, 5]);
    expect(() => new MultiHeadAttention(6, 4)).toThrow(/divisible/);
  });

  it('positional encoding adds sin and cos codes by position', async () => {
    const pe = new PositionalEncoding(4, { dropout: 0, batchFirst: true });
    const codes = (await pe.forward(tensor([[[0, 0, 0, 0], [0, 0, 0, 0]]])).array()) as number[][][];
    expect(codes[0][0]).toEqual([0, 1, 0, 1]);
    [Math.sin(1), Math.cos(1), Math.sin(1 / 100), Math.cos(1 / 100)].forEach((v, i) => expect(codes[0][1][i]).toBeCloseTo(v, 5));
  });

  it('a transformer encoder layer keeps the input shape and names PyTorch’s parameters', () => {
    const layer = new TransformerEncoderLayer(8, 2, { dimFeedforward: 16, batchFirst: true });
    expect(layer.forward(randn([3, 4, 8])).shape).toEqual([3, 4, 8]);
    expect(layer.namedParameters().map(([n]) => n)).toContain('selfAttn.outProj.weight');
    expect(layer.namedParameters().map(([n]) => n)).toContain('norm2.bias');
  });
});
