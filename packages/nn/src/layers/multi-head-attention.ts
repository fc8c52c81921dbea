import { formatShape, type Tensor } from '@loom/graph';
import { Module } from '../core/module.js';
import { seedFor } from '../core/init.js';
import { maskToBias, scaledDotProductAttention } from '../functional/attention.js';
import { Linear } from './linear.js';

export interface MultiHeadAttentionOptions {
  /** Dropout on the attention weights, in training. */
  dropout?: number;
  bias?: boolean;
  /** [batch, seq, embed] instead of PyTorch's default [seq, batch, embed]. */
  batchFirst?: boolean;
  /** Feature sizes of key and value when they differ from embedDim. */
  kdim?: number;
  vdim?: number;
  seed?: number;
}

export interface AttentionMasks {
  /** bool [batch, S], true at padding positions: no query attends to them. */
  keyPaddingMask?: Tensor;
  /** bool [L, S] or broadcastable to [batch, heads, L, S], true = blocked (PyTorch's convention); or a float bias to add. */
  attnMask?: Tensor;
  /** Block each query from later keys (a causal, decoder-style mask). */
  isCausal?: boolean;
}

/**
 * Multi-head attention: project queries, keys and values, attend in `numHeads` subspaces of size
 * embedDim / numHeads, concatenate, project out. Returns the output (the query's layout) and the
 * attention weights averaged over heads, [batch, L, S].
 */
export class MultiHeadAttention extends Module {
  readonly qProj: Linear;
  readonly kProj: Linear;
  readonly vProj: Linear;
  readonly outProj: Linear;
  readonly headDim: number;
  readonly dropout: number;
  readonly batchFirst: boolean;

  constructor(
    readonly embedDim: number,
    readonly numHeads: number,
    { dropout = 0, bias = true, batchFirst = false, kdim = embedDim, vdim = embedDim, seed }: MultiHeadAttentionOptions = {},
  ) {
    super();
    if (!Number.isInteger(embedDim / numHeads))
      throw new Error(`MultiHeadAttention: embedDim ${embedDim} must be divisible by numHeads ${numHeads}`);
    this.headDim = embedDim / numHeads;
    this.qProj = new Linear(embedDim, embedDim, { bias, seed: seedFor(seed, 0) });
    this.kProj = new Linear(kdim, embedDim, { bias, seed: seedFor(seed, 1) });
    this.vProj = new Linear(vdim, embedDim, { bias, seed: seedFor(seed, 2) });
    this.outProj = new Linear(embedDim, embedDim, { bias, seed: seedFor(seed, 3) });
    this.dropout = dropout;
    this.batchFirst = batchFirst;
  }

  forward(query: Tensor, key: Tensor, value: Tensor, masks: AttentionMasks = {}): { output: Tensor; weights: Tensor } {
    const [q, k, v] = [query, key, value].map((t) => {
      if (t.rank !== 3) throw new Error(`MultiHeadAttention: inputs must be rank 3, got ${formatShape(t.shape)}`);
      return this.batchFirst ? t : t.transpose([1, 0, 2]);
    });
    const [batch, targetLength] = q.shape;
    const sourceLength = k.shape[1];
    const heads = (t: Tensor) => t.reshape([batch, t.shape[1], this.numHeads, this.headDim]).transpose([0, 2, 1, 3]);
    const { output, weights } = scaledDotProductAttention(heads(this.qProj.forward(q)), heads(this.kProj.forward(k)), heads(this.vProj.forward(v)), {
      bias: this.maskBias(masks, batch, targetLength, sourceLength),
      isCausal: masks.isCausal,
      dropout: this.dropout,
      training: this.training,
    });
    const merged = output.transpose([0, 2, 1, 3]).reshape([batch, targetLength, this.embedDim]);
    const projected = this.outProj.forward(merged);
    return { output: this.batchFirst ? projected : projected.transpose([1, 0, 2]), weights: weights.mean(1) };
  }

  /** One additive bias [batch or 1, heads or 1, L, S] from the padding mask and the attention mask. */
  private maskBias({ keyPaddingMask, attnMask }: AttentionMasks, batch: number, targetLength: number, sourceLength: number): Tensor | undefined {
    let bias: Tensor | undefined;
    if (keyPaddingMask) {
      if (keyPaddingMask.rank !== 2 || keyPaddingMask.shape[0] !== batch || keyPaddingMask.shape[1] !== sourceLength)
        throw new Error(`MultiHeadAttention: keyPaddingMask ${formatShape(keyPaddingMask.shape)} must be bool [${batch}, ${sourceLength}]`);
      bias = maskToBias(keyPaddingMask).reshape([batch, 1, 1, sourceLength]);
    }
    if (attnMask) {
      const last = attnMask.shape.slice(-2);
      if (last[0] !== targetLength || last[1] !== sourceLength)
        throw new Error(`MultiHeadAttention: attnMask ${formatShape(attnMask.shape)} must end in [${targetLength}, ${sourceLength}]`);
      const extra = attnMask.dtype === 'bool' ? maskToBias(attnMask) : attnMask;
      bias = bias ? bias.add(extra) : extra;
    }
    return bias;
  }
}
