import type { HostTensor } from '../graph-builder.js';
import { floatData, reorderBlocks, transpose2d } from '../export/host-arrays.js';
import { onnxGateOrder } from '../export/recurrent-emitter.js';

/** The transpose of a [rows, cols] host matrix. */
export function transposed(t: HostTensor): HostTensor {
  const [rows, cols] = t.shape;
  return { data: transpose2d(floatData(t), rows, cols), shape: [cols, rows] };
}

/** A host tensor with a new shape (same values). */
export function reshaped(t: HostTensor, shape: readonly number[]): HostTensor {
  return { data: floatData(t), shape };
}

/** The permutation that undoes `order` (order[k] = source block of target block k). */
function inverse(order: readonly number[]): number[] {
  const out: number[] = [];
  order.forEach((from, to) => (out[from] = to));
  return out;
}

/**
 * Loom's recurrent cell tensors from an ONNX RNN/LSTM/GRU op's W [1, G·H, I], R [1, G·H, H] and
 * B [1, 2·G·H] (optional): gate blocks go back to PyTorch's order, B splits into biasIh and biasHh.
 */
export function recurrentCellWeights(type: keyof typeof onnxGateOrder, w: HostTensor, r: HostTensor, b: HostTensor | undefined): Record<string, HostTensor> {
  const order = inverse(onnxGateOrder[type]);
  const gates = order.length;
  const [, gh, inputSize] = w.shape;
  const hidden = gh / gates;
  const out: Record<string, HostTensor> = {
    weightIh: { data: reorderBlocks(floatData(w), gates, order), shape: [gh, inputSize] },
    weightHh: { data: reorderBlocks(floatData(r), gates, order), shape: [gh, hidden] },
  };
  if (b) {
    const data = floatData(b);
    out.biasIh = { data: reorderBlocks(data.slice(0, gh), gates, order), shape: [gh] };
    out.biasHh = { data: reorderBlocks(data.slice(gh), gates, order), shape: [gh] };
  }
  return out;
}
