import { describe, expect, it } from 'vitest';
import { isOnnxFile, onnxFileName } from './onnx-file.js';

describe('isOnnxFile', () => {
  it('knows an ONNX file by its extension, in any case', () => {
    expect(isOnnxFile({ name: 'mnist.onnx' })).toBe(true);
    expect(isOnnxFile({ name: 'MODEL.ONNX' })).toBe(true);
  });

  it('leaves documents and nameless blobs to the JSON reader', () => {
    expect(isOnnxFile({ name: 'mlp.loom.json' })).toBe(false);
    expect(isOnnxFile({ name: 'onnx.json' })).toBe(false);
    expect(isOnnxFile({})).toBe(false);
  });
});

describe('onnxFileName', () => {
  it('names the export after the document, in kebab case', () => {
    expect(onnxFileName('MLP on MNIST')).toBe('mlp-on-mnist.onnx');
  });

  it('falls back to "model" for a name without letters or digits', () => {
    expect(onnxFileName(' ✨ ')).toBe('model.onnx');
  });
});
