import { useState } from 'react';
import { nodeTypes, type ModelDocument } from '../model.js';
import type { LayerInspection, ValueStats } from '../session/protocol.js';
import { sessionClient } from '../session/session-client.js';
import { ImageGridView } from '../preview/image-canvas.js';
import { HistogramView } from './histogram-view.js';

/** Layers and activations (from the registry's categories) have weights or activations to show. */
const isInspectable = (type: string) => {
  const category = nodeTypes.get(type)?.category;
  return category === 'layer' || category === 'activation';
};

const formatStats = (s: ValueStats) =>
  `min ${s.min.toFixed(3)} · max ${s.max.toFixed(3)} · mean ${s.mean.toFixed(3)} · std ${s.std.toFixed(3)}`;

/** On demand: one layer's weight histograms, conv filters and activation maps for a test example. */
export function LayerInspector({ document, ready }: { document: ModelDocument; ready: boolean }) {
  const layers = document.nodes.filter((n) => isInspectable(n.type));
  const [nodeId, setNodeId] = useState('');
  const [inspection, setInspection] = useState<LayerInspection | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const selected = layers.some((n) => n.id === nodeId) ? nodeId : (layers[0]?.id ?? '');
  const inspect = () =>
    sessionClient()
      .inspect(selected)
      .then(
        (i) => (setInspection(i), setError(undefined)),
        (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
      );
  return (
    <section className="layer-inspector" aria-label="Inspect a layer" data-testid="layer-inspector">
      <select value={selected} onChange={(e) => setNodeId(e.target.value)}>
        {layers.map((n) => (
          <option key={n.id} value={n.id}>
            {n.label ?? n.id} ({n.type})
          </option>
        ))}
      </select>
      <button
        type="button"
        onClick={inspect}
        disabled={!ready || !selected}
        data-testid="inspect-button"
      >
        Inspect
      </button>
      {error && <p role="alert">{error}</p>}
      {inspection && (
        <div className="inspection" data-testid="inspection">
          {inspection.parameters.map((p) => (
            <figure key={p.name}>
              <figcaption>
                {p.name} [{p.shape.join(', ')}] — {formatStats(p.stats)}
              </figcaption>
              <HistogramView histogram={p.histogram} />
            </figure>
          ))}
          {inspection.filters && (
            <figure>
              <figcaption>Filters (first input channel)</figcaption>
              <ImageGridView grid={inspection.filters} size={28} />
            </figure>
          )}
          {inspection.activationStats && (
            <figure>
              <figcaption>
                Output for a test example — {formatStats(inspection.activationStats)}
              </figcaption>
              {inspection.activations && <ImageGridView grid={inspection.activations} />}
            </figure>
          )}
        </div>
      )}
    </section>
  );
}
