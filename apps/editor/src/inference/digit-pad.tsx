import { useRef, useState, type PointerEvent } from 'react';
import { mnistMean, mnistStd } from '@loom/data';
import type { Prediction } from '../session/protocol.js';
import { sessionClient } from '../session/session-client.js';
import { ImageCanvas } from '../preview/image-canvas.js';
import { inkFromRgba, mnistSide, rasterizeDigit } from './digit-raster.js';
import { PredictionBars } from './prediction-bars.js';

const padSize = 224;

/**
 * Draw a digit; on each finished stroke it is turned into an MNIST-like 28×28 input (as the
 * training data was normalised) and classified in the session worker, which also returns a
 * saliency map (the gradient of the predicted class's score with respect to the pixels).
 */
export function DigitPad({ ready }: { ready: boolean }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const [input, setInput] = useState<Float32Array | undefined>(undefined);
  const [prediction, setPrediction] = useState<Prediction | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);

  const point = (e: PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    return [
      ((e.clientX - rect.left) / rect.width) * padSize,
      ((e.clientY - rect.top) / rect.height) * padSize,
    ] as const;
  };
  const context = () => canvas.current?.getContext('2d', { willReadFrequently: true }) ?? null;

  const onDown = (e: PointerEvent<HTMLCanvasElement>) => {
    const ctx = context();
    if (!ctx) return;
    drawing.current = true;
    e.currentTarget.setPointerCapture?.(e.pointerId);
    ctx.lineWidth = 16;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = '#000';
    ctx.beginPath();
    ctx.moveTo(...point(e));
    ctx.lineTo(...point(e));
    ctx.stroke();
  };
  const onMove = (e: PointerEvent<HTMLCanvasElement>) => {
    const ctx = context();
    if (!drawing.current || !ctx) return;
    ctx.lineTo(...point(e));
    ctx.stroke();
  };
  const onUp = () => {
    const ctx = context();
    if (!drawing.current || !ctx) return;
    drawing.current = false;
    const image = rasterizeDigit(
      inkFromRgba(ctx.getImageData(0, 0, padSize, padSize).data),
      padSize,
      padSize,
    );
    setInput(image.map((v) => v * mnistStd + mnistMean));
    if (!ready) return;
    sessionClient()
      .predict(image.slice())
      .then(
        (p) => (setPrediction(p), setError(undefined)),
        (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
      );
  };
  const clear = () => {
    context()?.clearRect(0, 0, padSize, padSize);
    setInput(undefined);
    setPrediction(undefined);
  };

  return (
    <section className="digit-pad" aria-label="Draw a digit" data-testid="digit-pad">
      <canvas
        ref={canvas}
        width={padSize}
        height={padSize}
        className="digit-pad-canvas"
        data-testid="digit-canvas"
        onPointerDown={onDown}
        onPointerMove={onMove}
        onPointerUp={onUp}
        onPointerLeave={onUp}
        style={{ touchAction: 'none' }}
      />
      <div className="digit-pad-side">
        <button type="button" onClick={clear}>
          Clear
        </button>
        {!ready && <p>Train the model (or restore its weights) to classify drawings.</p>}
        {input && (
          <div className="digit-pad-views">
            <ImageCanvas
              pixels={input}
              width={mnistSide}
              height={mnistSide}
              title="what the model sees (28×28)"
              testId="digit-input"
            />
            {prediction && (
              <div className="saliency" title="saliency: |∂ score / ∂ pixel|">
                <ImageCanvas pixels={input} width={mnistSide} height={mnistSide} />
                <ImageCanvas
                  pixels={prediction.saliency}
                  width={prediction.width}
                  height={prediction.height}
                  palette="heat"
                  testId="saliency-map"
                />
              </div>
            )}
          </div>
        )}
        {prediction && <PredictionBars prediction={prediction} />}
        {error && <p role="alert">{error}</p>}
      </div>
    </section>
  );
}
