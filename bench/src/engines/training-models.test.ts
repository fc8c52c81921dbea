import { describe, expect, it } from 'vitest';
import { denseRowsForNhwc, layerShapes, toHwio } from './training-models.js';

describe('training models', () => {
  it('reorders OIHW filters to HWIO element by element', () => {
    const shape = [2, 3, 2, 2];
    const w = Float32Array.from({ length: 24 }, (_, i) => i);
    const hwio = toHwio(w, shape);
    // element (o=1, i=2, y=1, x=0) of OIHW sits at ((y·kW + x)·I + i)·O + o in HWIO
    expect(hwio[((1 * 2 + 0) * 3 + 2) * 2 + 1]).toBe(w[((1 * 3 + 2) * 2 + 1) * 2 + 0]);
    expect([...hwio].sort((a, b) => a - b)).toEqual([...w]);
  });

  it('moves dense rows from (c, h, w) order to (h, w, c) order', () => {
    const channels = 2;
    const plane = 3;
    const w = Float32Array.from({ length: channels * plane * 2 }, (_, i) => i);
    const moved = denseRowsForNhwc(w, channels, plane, 2);
    // row (c=1, p=2) → (p=2, c=1)
    expect(Array.from(moved.subarray((2 * channels + 1) * 2, (2 * channels + 1) * 2 + 2))).toEqual(Array.from(w.subarray((1 * plane + 2) * 2, (1 * plane + 2) * 2 + 2)));
  });

  it('gives the CNN dense layer the 64·5·5 inputs two pools leave of 28×28', () => {
    expect(layerShapes('cnn')[2].weight).toEqual([1600, 10]);
  });
});
