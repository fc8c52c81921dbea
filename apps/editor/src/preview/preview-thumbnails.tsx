import { useEffect, useRef } from 'react';
import type { ImageGrid } from '../session/protocol.js';
import { colorMapFor, paintPixels, type ColorMapName } from './color-map.js';

/** One channel drawn pixel-exact on a canvas and scaled up by CSS. */
function Tile({
  pixels,
  width,
  height,
  min,
  max,
  map,
  size,
}: {
  pixels: Float32Array;
  width: number;
  height: number;
  min: number;
  max: number;
  map: ColorMapName;
  size: number;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    const image = context.createImageData(width, height);
    image.data.set(paintPixels(pixels, min, max, map));
    context.putImageData(image, 0, 0);
  }, [pixels, width, height, min, max, map]);
  return (
    <canvas
      ref={canvas}
      width={width}
      height={height}
      className="node-preview-tile"
      style={{ width: size, height: Math.round((size * height) / width) }}
    />
  );
}

/**
 * The first channels of an image-shaped output as small tiles, one colour scale for all of them:
 * grey for one-signed values, diverging (blue < 0 < orange) when they cross zero.
 */
export function PreviewThumbnails({ grid, channels }: { grid: ImageGrid; channels: number }) {
  const min = grid.min ?? 0;
  const max = grid.max ?? 1;
  const map = colorMapFor(min, max);
  const per = grid.width * grid.height;
  // One channel gets a bigger thumbnail; several share the row.
  const size = grid.count === 1 ? 64 : 36;
  return (
    <div
      className="node-preview-tiles"
      data-colormap={map}
      title={`${grid.count < channels ? `first ${grid.count} of ${channels} channels` : `${channels} channel${channels === 1 ? '' : 's'}`}, ${map === 'diverging' ? 'blue < 0 < orange' : 'black = min, white = max'}`}
    >
      {Array.from({ length: grid.count }, (_, i) => (
        <Tile
          key={i}
          pixels={grid.pixels.subarray(i * per, (i + 1) * per)}
          width={grid.width}
          height={grid.height}
          min={min}
          max={max}
          map={map}
          size={size}
        />
      ))}
    </div>
  );
}
