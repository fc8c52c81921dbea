import { activationEmitters } from './activation-emitters.js';
import { multiHeadAttentionEmitter, positionalEncodingEmitter, transformerEncoderLayerEmitter } from './attention-emitters.js';
import { avgPool2dEmitter, conv2dEmitter, flattenEmitter, maxPool2dEmitter } from './conv-emitters.js';
import type { NodeTypeName } from '../../node-types/registry.js';
import type { Emitter } from './emit-context.js';
import { embeddingEmitter } from './embedding-emitter.js';
import { graphOpEmitters } from './graph-op-emitters.js';
import { linearEmitter } from './linear-emitter.js';
import { batchNormEmitter, layerNormEmitter } from './norm-emitters.js';
import { recurrentEmitter } from './recurrent-emitter.js';

/** Node types the exporter handles itself: sources, sinks and training-only nodes. */
export type NonComputingType = 'dataset' | 'input' | 'output' | 'loss' | 'optimizer';

/**
 * How each computing node type becomes ONNX, keyed by the registry's type names: a node type
 * added to the registry without an entry here is a compile error.
 */
const emitters: Record<Exclude<NodeTypeName, NonComputingType>, Emitter> = {
  Linear: linearEmitter,
  Conv2d: conv2dEmitter,
  MaxPool2d: maxPool2dEmitter,
  AvgPool2d: avgPool2dEmitter,
  Flatten: flattenEmitter,
  BatchNorm1d: batchNormEmitter,
  BatchNorm2d: batchNormEmitter,
  LayerNorm: layerNormEmitter,
  Embedding: embeddingEmitter,
  RNN: recurrentEmitter,
  LSTM: recurrentEmitter,
  GRU: recurrentEmitter,
  MultiHeadAttention: multiHeadAttentionEmitter,
  PositionalEncoding: positionalEncodingEmitter,
  TransformerEncoderLayer: transformerEncoderLayerEmitter,
  ...activationEmitters,
  ...graphOpEmitters,
};

/** The emitters by type name (lookup by a document's string type). */
export const onnxEmitters: Readonly<Record<string, Emitter | undefined>> = emitters;
