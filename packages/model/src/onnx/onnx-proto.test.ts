import { describe, expect, it } from 'vitest';
import { GraphBuilder } from './graph-builder.js';
import { decodeOnnxModel, encodeOnnxModel, OnnxDataType } from './onnx-proto.js';
import { maxAbsDiff, runOnnx } from './testing/run-onnx.js';

function gemmModel(): Uint8Array {
  const g = new GraphBuilder();
  g.input('x', OnnxDataType.float, ['N', 3]);
  const w = g.floats('w', [1, 2, 3, 4, 5, 6], [2, 3]);
  const b = g.floats('b', [0.5, -0.5], [2]);
  g.output('y', g.op('Gemm', ['x', w, b], { transB: 1 }), OnnxDataType.float, ['N', 2]);
  return encodeOnnxModel({ irVersion: 8, producerName: 'loom', opsetImport: [{ domain: '', version: 17 }], graph: g.graph('gemm') });
}

describe('onnx protobuf subset', () => {
  it('writes a model onnxruntime runs with the expected values', async () => {
    const x = Float32Array.from([1, 0, -1, 2, 2, 2]);
    const { y } = await runOnnx(gemmModel(), { x: { data: x, shape: [2, 3] } });
    expect(y.shape).toEqual([2, 2]);
    expect(maxAbsDiff(y.data, [1 - 3 + 0.5, 4 - 6 - 0.5, 12 + 0.5, 30 - 0.5])).toBeLessThan(1e-6);
  });

  it('reads back what it wrote, with int64 fields as numbers and raw bytes intact', () => {
    const model = decodeOnnxModel(gemmModel());
    expect(model.irVersion).toBe(8);
    expect(model.opsetImport?.[0].version).toBe(17);
    const gemm = model.graph?.node?.find((n) => n.opType === 'Gemm');
    expect(gemm?.attribute?.[0]).toMatchObject({ name: 'transB', i: 1 });
    const w = model.graph?.initializer?.find((t) => t.name === 'w');
    expect(w?.dims).toEqual([2, 3]);
    expect(w?.rawData?.byteLength).toBe(24);
    expect(model.graph?.input?.[0].type?.tensorType?.shape?.dim?.[0]).toEqual({ dimParam: 'N' });
  });

  it('names bytes that are not an ONNX model', () => {
    expect(() => decodeOnnxModel(Uint8Array.from([0xff, 0xff, 0xff]))).toThrow(/not an ONNX model/);
  });
});
