/** Colour maps for preview thumbnails: grey for one-signed values, diverging around zero otherwise. */
export type ColorMapName = 'grey' | 'diverging';

type Rgb = readonly [number, number, number];

/** Dark at zero, so the map reads on light and dark cards alike. */
const neutral: Rgb = [24, 26, 32];
const negative: Rgb = [86, 156, 255];
const positive: Rgb = [255, 128, 64];

/**
 * 'diverging' when the values cross zero with both signs weighing in (the smaller side at least a
 * quarter of the larger: conv outputs, logits), else 'grey' — also for a normalised image, whose
 * slightly negative background would otherwise tint the whole thumbnail.
 */
export function colorMapFor(min: number, max: number): ColorMapName {
  if (!(min < 0 && max > 0)) return 'grey';
  return Math.min(-min, max) >= 0.25 * Math.max(-min, max) ? 'diverging' : 'grey';
}

/** `t` in [-1, 1] (clamped) → neutral at 0, blue at -1, orange at +1. */
export function divergingRgb(t: number): Rgb {
  const s = Math.max(-1, Math.min(1, Number.isFinite(t) ? t : 0));
  const end = s < 0 ? negative : positive;
  const a = Math.abs(s);
  return [0, 1, 2].map((c) => Math.round(neutral[c] + (end[c] - neutral[c]) * a)) as unknown as Rgb;
}

/**
 * RGBA bytes for `pixels` (values in [0, 1] that stand for [min, max]). Grey maps 0 → black and
 * 1 → white; diverging maps each pixel's value back to [min, max] and scales by the largest
 * magnitude, so zero stays neutral and the sign shows as the hue.
 */
export function paintPixels(
  pixels: ArrayLike<number>,
  min: number,
  max: number,
  map: ColorMapName = colorMapFor(min, max),
): Uint8ClampedArray {
  const out = new Uint8ClampedArray(pixels.length * 4);
  const span = max - min;
  const magnitude = Math.max(Math.abs(min), Math.abs(max)) || 1;
  for (let i = 0; i < pixels.length; i++) {
    const p = Number.isFinite(pixels[i]) ? Math.max(0, Math.min(1, pixels[i])) : 0;
    const o = i * 4;
    if (map === 'diverging') {
      const [r, g, b] = divergingRgb((min + p * span) / magnitude);
      out[o] = r;
      out[o + 1] = g;
      out[o + 2] = b;
    } else {
      const v = Math.round(p * 255);
      out[o] = v;
      out[o + 1] = v;
      out[o + 2] = v;
    }
    out[o + 3] = 255;
  }
  return out;
}
