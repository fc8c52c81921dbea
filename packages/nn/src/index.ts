/** Module, layers, initialisers, losses, optimizers, schedules and `fit()` returning an RxJS Observable. */
export { Module, type StateDict, type Layer, type LayerModule, type LoadStateDictOptions } from './core/module.js';
export { parameter, buffer, isParameter, isBuffer } from './core/parameter.js';
export * from './core/init.js';

export { Linear, type LinearOptions } from './layers/linear.js';
export { Conv2d, type Conv2dLayerOptions } from './layers/conv2d.js';
export { MaxPool2d, AvgPool2d, type PoolLayerOptions } from './layers/pooling.js';
export { Flatten } from './layers/flatten.js';
export { Dropout } from './layers/dropout.js';
export { ReLU, Sigmoid, Tanh, GELU, LeakyReLU, ELU, Softplus, Softmax, LogSoftmax, Identity } from './layers/activations.js';
export { Sequential } from './layers/sequential.js';
export { BatchNorm1d, BatchNorm2d, type BatchNormOptions } from './layers/batch-norm.js';
export { LayerNorm, type LayerNormLayerOptions } from './layers/layer-norm.js';
export { Embedding, type EmbeddingOptions } from './layers/embedding.js';
export { RecurrentCell, type CellStep, type RecurrentCellOptions } from './layers/recurrent-cell.js';
export { RNNCell, type RNNCellOptions } from './layers/rnn-cell.js';
export { LSTMCell } from './layers/lstm-cell.js';
export { GRUCell, type GRUCellOptions } from './layers/gru-cell.js';
export { Recurrent, type RecurrentOptions } from './layers/recurrent.js';
export { RNN, type RNNOptions } from './layers/rnn.js';
export { LSTM } from './layers/lstm.js';
export { GRU, type GRUOptions } from './layers/gru.js';
export { MultiHeadAttention, type MultiHeadAttentionOptions, type AttentionMasks } from './layers/multi-head-attention.js';
export { PositionalEncoding, type PositionalEncodingOptions } from './layers/positional-encoding.js';
export { TransformerEncoderLayer, type TransformerEncoderLayerOptions, type EncoderMasks } from './layers/transformer-encoder-layer.js';
export { TransformerEncoder } from './layers/transformer-encoder.js';
export { scaledDotProductAttention, causalMask, maskToBias, maskedScore, type AttentionOptions } from './functional/attention.js';

export { mse } from './losses/mse.js';
export { crossEntropy, type CrossEntropyOptions } from './losses/cross-entropy.js';
export { nllLoss, type NllLossOptions } from './losses/nll-loss.js';
export { binaryCrossEntropyWithLogits, type BinaryCrossEntropyOptions } from './losses/binary-cross-entropy.js';
export type { Reduction } from './losses/reduction.js';

export { Optimizer, type UpdateRule, type UpdateContext, type OptimizerOptions } from './optim/optimizer.js';
export { SGD, sgdRule, type SgdOptions } from './optim/sgd.js';
export { Adam, AdamW, adamRule, type AdamOptions } from './optim/adam.js';
export { RMSprop, rmspropRule, type RmspropOptions } from './optim/rmsprop.js';
export { constantSchedule, stepDecay, cosineDecay, linearWarmup, type Schedule } from './optim/schedule.js';
export { clipGradNorm, clipByGlobalNorm, globalNorm } from './optim/clip-grad-norm.js';

export { fit, type FitOptions, type RecoveryOptions } from './train/fit.js';
export { TrainingSnapshot } from './train/training-snapshot.js';
export { evaluate, predict, type EvaluateOptions, type Evaluation } from './train/evaluate.js';
export { compileTrainStep, compileEvalStep, compileForward, type LossFunction } from './train/steps.js';
export { accuracy, correctCount, isClassification } from './train/metrics.js';
export { EarlyStopping, type EarlyStoppingOptions } from './train/early-stopping.js';
export type { TrainEvent, BatchEvent, EpochEvent, EarlyStopEvent, BackendLostEvent, MonitoredMetric } from './train/train-event.js';

export { saveCheckpoint, loadCheckpoint } from './checkpoint/checkpoint.js';
export { encodeCheckpoint, decodeCheckpoint, type CheckpointHeader, type CheckpointEntry } from './checkpoint/checkpoint-format.js';
