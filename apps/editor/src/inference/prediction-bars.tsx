import type { Prediction } from '../session/protocol.js';

/** The predicted class, and every class's probability as a bar. */
export function PredictionBars({ prediction }: { prediction: Prediction }) {
  return (
    <div
      className="prediction"
      data-testid="prediction"
      data-predicted={prediction.classes[prediction.predicted]}
    >
      <p className="prediction-top">
        Predicted{' '}
        <strong data-testid="predicted-class">{prediction.classes[prediction.predicted]}</strong> (
        {(prediction.probabilities[prediction.predicted] * 100).toFixed(1)}%)
      </p>
      <ol className="prediction-bars">
        {prediction.probabilities.map((p, i) => (
          <li key={prediction.classes[i]} data-testid="class-probability" data-probability={p}>
            <span className="prediction-label">{prediction.classes[i]}</span>
            <span className="prediction-bar" style={{ width: `${Math.max(1, p * 100)}%` }} />
            <span className="prediction-value">{(p * 100).toFixed(1)}%</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
