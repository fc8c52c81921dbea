import { describe, expect, it } from 'vitest';
import { mnistMean, mnistStd } from '@loom/data';
import { centreOfMass, inkBounds, inkFromRgba, mnistSide, rasterizeDigit } from './digit-raster.js';

const background = -mnistMean / mnistStd;
const full = (1 - mnistMean) / mnistStd;

/** A width × height drawing with ink 1 inside the given rectangle. */
function drawing(
  width: number,
  height: number,
  rect: { x: number; y: number; w: number; h: number },
): Float32Array {
  const ink = new Float32Array(width * height);
  for (let y = rect.y; y < rect.y + rect.h; y++)
    for (let x = rect.x; x < rect.x + rect.w; x++) ink[y * width + x] = 1;
  return ink;
}

describe('rasterizeDigit', () => {
  it('gives the normalised background everywhere for an empty drawing', () => {
    const out = rasterizeDigit(new Float32Array(280 * 280), 280, 280);
    expect(out).toHaveLength(mnistSide * mnistSide);
    expect(out.every((v) => Math.abs(v - background) < 1e-6)).toBe(true);
  });

  it('scales a stroke to a 20-pixel box centred by its mass, standardised like MNIST', () => {
    // A vertical bar in the top-left corner of a 280×280 canvas.
    const out = rasterizeDigit(drawing(280, 280, { x: 10, y: 10, w: 40, h: 200 }), 280, 280);
    const unit = Array.from(out, (v) => v * mnistStd + mnistMean);
    const [cx, cy] = centreOfMass(unit, mnistSide, mnistSide);
    expect(Math.abs(cx - 14)).toBeLessThanOrEqual(1);
    expect(Math.abs(cy - 14)).toBeLessThanOrEqual(1);
    const box = inkBounds(unit, mnistSide, mnistSide)!;
    expect(box.bottom - box.top).toBe(20);
    expect(box.right - box.left).toBe(4);
    expect(Math.max(...out)).toBeCloseTo(full, 5);
  });

  it('is the same for the same digit drawn at another place', () => {
    const a = rasterizeDigit(drawing(100, 100, { x: 5, y: 5, w: 20, h: 50 }), 100, 100);
    const b = rasterizeDigit(drawing(100, 100, { x: 60, y: 40, w: 20, h: 50 }), 100, 100);
    expect(Array.from(a)).toEqual(Array.from(b));
  });
});

describe('inkFromRgba', () => {
  it('reads ink from the alpha channel', () => {
    expect(Array.from(inkFromRgba(new Uint8ClampedArray([0, 0, 0, 255, 9, 9, 9, 0])))).toEqual([
      1, 0,
    ]);
  });
});
