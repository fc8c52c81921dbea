/**
 * The wire format between the page and the training-session worker. The page holds a
 * `Remote<SessionApi>` (Comlink); the worker reports progress by calling the page's `SessionListener`
 * (a `Comlink.proxy`) with `SessionEvent`s. Big arrays (checkpoints, images) move with `transfer`.
 */
import type { ModelDocument } from '../model.js';

/** What the user picks in the backend selector. 'cpu' runs the CPU kernels in the worker pool. */
export type BackendChoice = 'auto' | 'webgpu' | 'cpu';
export const backendChoices: readonly BackendChoice[] = ['auto', 'webgpu', 'cpu'];

/** Which backend runs the session's kernels, and why (from @loom/graph's getBackend()). */
export interface BackendReport {
  choice: BackendChoice;
  name: string;
  description?: string;
  reason: string;
}

export interface TrainRequest {
  document: ModelDocument;
  backend: BackendChoice;
  /** Stop after this many optimizer steps (undefined: the document's epochs). */
  maxSteps?: number;
}

/** Per-batch figures, as @loom/nn's fit() reports them. Steps count from 0. */
export interface BatchPoint {
  step: number;
  epoch: number;
  batch: number;
  batches: number;
  loss: number;
  accuracy?: number;
  samplesPerSecond: number;
  batchSize: number;
}

export interface EpochPoint {
  epoch: number;
  epochs: number;
  loss: number;
  accuracy?: number;
  valLoss?: number;
  valAccuracy?: number;
}

/** Loss, accuracy and the confusion matrix (rows: true class, columns: predicted) on the test split. */
export interface TestEvaluation {
  loss: number;
  accuracy: number;
  examples: number;
  classes: string[];
  confusion: number[][];
}

/** A summary of what the session knows about the trained weights. */
export interface WeightsInfo {
  steps: number;
  savedAt: string;
  evaluation?: TestEvaluation;
  /** Whether the weights came from IndexedDB rather than training in this page. */
  restored: boolean;
  /** The ONNX file the weights were imported from (until they train further). */
  importedFrom?: string;
}

/** An ONNX export of the document with the session's weights (transferred). */
export interface OnnxExport {
  bytes: ArrayBuffer;
  /** False when the model has no trained, restored or imported weights: the initial ones were written. */
  trained: boolean;
}

/** A model read from an ONNX file: its document, and what is known of the weights now in the session. */
export interface OnnxImport {
  document: ModelDocument;
  info: WeightsInfo;
}

export type SessionPhase = 'loading-data' | 'compiling' | 'training' | 'evaluating';

export type SessionEvent =
  | { kind: 'phase'; phase: SessionPhase; detail: string }
  | { kind: 'backend'; report: BackendReport }
  | { kind: 'started'; totalSteps: number; batchSize: number; trainExamples: number }
  | { kind: 'batch'; point: BatchPoint }
  | { kind: 'epoch'; point: EpochPoint }
  | { kind: 'evaluation'; evaluation: TestEvaluation }
  | { kind: 'weights'; info: WeightsInfo }
  /** Training ended: completed its steps/epochs, or stopped by the user. Weights are kept either way. */
  | { kind: 'finished'; reason: 'completed' | 'stopped'; steps: number }
  /** Training failed (a NaN loss, a shape error, a lost backend); the last good weights are kept. */
  | { kind: 'failed'; message: string; steps: number }
  /** Other weights took the place of the session's (an ONNX import): what was shown is stale. */
  | { kind: 'weights-replaced'; info: WeightsInfo };

/** Receives events in order, a few at a time (batch events are sent together, ~4 times a second). */
export type SessionListener = (events: SessionEvent[]) => void;

/** The class probabilities for one input, and how much each input pixel moved the top class score. */
export interface Prediction {
  classes: string[];
  probabilities: number[];
  predicted: number;
  /** |∂ score / ∂ input| per pixel, scaled to [0, 1]; same size as the input image. */
  saliency: Float32Array;
  width: number;
  height: number;
}

/** What the inspector shows for one layer node. */
export interface LayerInspection {
  nodeId: string;
  parameters: ParameterSummary[];
  /** Conv filters as small images (first input channel of each output channel). */
  filters?: ImageGrid;
  /** The layer's output for one test example: channel maps when image-shaped. */
  activations?: ImageGrid;
  activationStats?: ValueStats;
}

export interface ParameterSummary {
  name: string;
  shape: number[];
  stats: ValueStats;
  histogram: Histogram;
}

export interface ValueStats {
  min: number;
  max: number;
  mean: number;
  std: number;
  count: number;
}

export interface Histogram {
  /** Bin edges: bins + 1 values. */
  edges: number[];
  counts: number[];
}

/** `count` images of `height` × `width`, row-major, values scaled to [0, 1]. */
export interface ImageGrid {
  count: number;
  height: number;
  width: number;
  pixels: Float32Array;
  /** The values that pixel 0 and 1 stand for (so a view can colour around zero). */
  min?: number;
  max?: number;
}

/** One node's output in the live preview: a small image when image-shaped, else statistics. */
export interface NodePreview {
  nodeId: string;
  /** The cache key the value was computed for (ModelAnalysis.cacheKey). */
  key: string;
  shape: number[];
  stats?: ValueStats;
  image?: ImageGrid;
  /** A non-image output's values, downsampled to a few dozen (for a bar strip). */
  series?: number[];
  error?: string;
}

export interface PreviewResult {
  previews: NodePreview[];
  /** Nodes whose value was computed now (the rest came from the cache). */
  recomputed: string[];
}

/** The API the session worker exposes. */
export interface SessionApi {
  /** Selects the backend for later work; reports what was chosen and why. */
  selectBackend(choice: BackendChoice): Promise<BackendReport>;
  /** Trains the document's model, calling `listener` with events, until done, stopped or failed. */
  train(request: TrainRequest, listener: SessionListener): Promise<void>;
  /** Stops training after the step in flight. */
  stop(): void;
  /** Restores weights autosaved for this document, if any fit it. */
  restore(document: ModelDocument): Promise<WeightsInfo | undefined>;
  /** Forgets the trained and saved weights of this document's layers: the next run starts afresh. */
  resetWeights(document: ModelDocument): Promise<void>;
  /** The current weights in @loom/nn's checkpoint format (transferred). */
  checkpoint(): Promise<ArrayBuffer>;
  /** The document as ONNX with the session's weights for its layers (the initial ones if it has none). */
  exportOnnx(document: ModelDocument): Promise<OnnxExport>;
  /**
   * Reads an ONNX file (parsed here, off the page) and makes its weights the session's, evaluated
   * on the test split when the document names a dataset, and autosaved. Throws, changing nothing,
   * on a malformed file or an op Loom does not read.
   */
  importOnnx(bytes: ArrayBuffer, fileName: string): Promise<OnnxImport>;
  /** Predicts the class of one image (already MNIST-normalised, [1, 28, 28] row-major). */
  predict(image: Float32Array): Promise<Prediction>;
  /** Weight histograms, filters and activations of one layer node. */
  inspect(nodeId: string): Promise<LayerInspection>;
  /** Samples `length` characters after `prompt` from a text model. */
  sampleText(prompt: string, length: number, temperature: number): Promise<string>;
  /** Runs one dataset example through the document, recomputing only nodes whose cache key changed. */
  preview(document: ModelDocument): Promise<PreviewResult>;
}
