import { describe, expect, it } from 'vitest';
import {
  exportedNotice,
  importedNotice,
  importFailedNotice,
  onnxExportBlocker,
} from './onnx-notices.js';

describe('ONNX notices', () => {
  it('says when an export holds untrained weights', () => {
    expect(exportedNotice('mlp.onnx', true)).toMatch(/trained weights/);
    expect(exportedNotice('mlp.onnx', false)).toMatch(/untrained weights/);
  });

  it('names the first error when the graph blocks an export, and lets a valid graph export', () => {
    const error = {
      severity: 'error' as const,
      code: 'shape-mismatch',
      message: 'Linear "fc2": expects 128 input features, gets 64',
      nodeId: 'fc2',
    };
    const warning = { ...error, severity: 'warning' as const, message: 'unused node "x"' };
    expect(onnxExportBlocker(5, [warning, error])).toBe(
      'Fix 1 problem first: Linear "fc2": expects 128 input features, gets 64',
    );
    expect(onnxExportBlocker(0, [])).toMatch(/template/);
    expect(onnxExportBlocker(5, [warning])).toBeUndefined();
  });

  it('passes on the importer’s node and op, without its internal prefix', () => {
    const message = importFailedNotice(
      'odd.onnx',
      'importOnnx: node "head" (Hardmax): op Hardmax is not supported. Supported ops: Add, Conv',
    );
    expect(message).toBe(
      'Could not open odd.onnx. Node "head" (Hardmax): op Hardmax is not supported. Supported ops: Add, Conv. The current model is unchanged.',
    );
  });

  it('reports the imported weights’ test accuracy', () => {
    const evaluation = { loss: 0.3, accuracy: 0.9123, examples: 10, classes: [], confusion: [] };
    const info = {
      steps: 0,
      savedAt: 'now',
      restored: false,
      importedFrom: 'mlp.onnx',
      evaluation,
    };
    expect(importedNotice('MLP on MNIST', info)).toBe(
      'Opened “MLP on MNIST” with the weights from mlp.onnx. Test accuracy 91.2% without training.',
    );
  });
});
