import { useEffect, useRef } from 'react';

interface ImageCanvasProps {
  /** Values in [0, 1], row-major. */
  pixels: ArrayLike<number>;
  width: number;
  height: number;
  /** CSS size of the drawn image. */
  size?: number;
  /** 'grey': black → white; 'heat': transparent → red (for saliency overlays). */
  palette?: 'grey' | 'heat';
  title?: string;
  testId?: string;
}

/** One small image (a digit, a feature map, a filter, a saliency map), drawn pixel-exact and scaled up. */
export function ImageCanvas({
  pixels,
  width,
  height,
  size = 56,
  palette = 'grey',
  title,
  testId,
}: ImageCanvasProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    const image = context.createImageData(width, height);
    for (let i = 0; i < width * height; i++) {
      const v = Math.max(0, Math.min(1, pixels[i] ?? 0));
      const o = i * 4;
      if (palette === 'heat')
        image.data.set([255, Math.round(200 * (1 - v)), 0, Math.round(255 * v)], o);
      else image.data.set([v * 255, v * 255, v * 255, 255], o);
    }
    context.putImageData(image, 0, 0);
  }, [pixels, width, height, palette]);
  const aspect = height / width;
  return (
    <canvas
      ref={canvas}
      width={width}
      height={height}
      title={title}
      data-testid={testId}
      className="image-canvas"
      style={{ width: size, height: size * aspect, imageRendering: 'pixelated' }}
    />
  );
}

/** The images of a grid side by side. */
export function ImageGridView({
  grid,
  size = 40,
  testId,
}: {
  grid: { count: number; width: number; height: number; pixels: Float32Array };
  size?: number;
  testId?: string;
}) {
  const per = grid.width * grid.height;
  return (
    <div className="image-grid" data-testid={testId}>
      {Array.from({ length: grid.count }, (_, i) => (
        <ImageCanvas
          key={i}
          pixels={grid.pixels.subarray(i * per, (i + 1) * per)}
          width={grid.width}
          height={grid.height}
          size={size}
        />
      ))}
    </div>
  );
}
