import { memo } from 'react';
import { useEditorDocument } from '../editor-context.js';
import type { ModelDocument } from '../model.js';
import { DigitPad } from '../inference/digit-pad.js';
import { TextSampler } from '../inference/text-sampler.js';
import { LivePreviewPanel } from '../preview/live-preview-panel.js';
import { useLivePreview } from '../preview/use-live-preview.js';
import { datasetName } from '../session/session-data.js';
import { LayerInspector } from './layer-inspector.js';
import { TrainingPanel } from './training-panel.js';
import { isRunning } from './training-state.js';
import { useTraining } from './use-training.js';
import './training.css';

// Re-rendered only when their own props change, not on every training update.
const Digits = memo(DigitPad);
const Text = memo(TextSampler);
const Inspector = memo(LayerInspector);
const Preview = memo(LivePreviewPanel);

/** The training and inference half of the editor for one document: train, watch, inspect, try it. */
export function TrainingDock({ document }: { document: ModelDocument }) {
  const controls = useTraining(document);
  const running = isRunning(controls.state);
  const ready = !running && controls.state.weights !== undefined;
  const { weights } = controls.state;
  const preview = useLivePreview(
    document,
    running,
    weights ? `${weights.savedAt}:${weights.steps}` : 'initial',
  );
  const name = datasetName(document);
  return (
    <aside className="training-dock" data-testid="training-dock">
      <details open>
        <summary>Training</summary>
        <TrainingPanel document={document} controls={controls} />
      </details>
      <details open>
        <summary>Try it</summary>
        {name.includes('mnist') ? (
          <Digits ready={ready} />
        ) : name.includes('text') ? (
          <Text ready={ready} />
        ) : (
          <p>Inference is available for MNIST and text models.</p>
        )}
      </details>
      <details>
        <summary>Inspect a layer</summary>
        <Inspector document={document} ready={ready} />
      </details>
      <details>
        <summary>Live preview</summary>
        <Preview document={document} preview={preview} />
      </details>
    </aside>
  );
}

/** The dock for the editor's current document (inside the editor's provider). */
export function EditorTrainingDock() {
  return <TrainingDock document={useEditorDocument()} />;
}
