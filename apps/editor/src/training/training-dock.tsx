import { memo } from 'react';
import { useAnalysis, useEditorDocument, useEditorStore } from '../editor-context.js';
import { browserMnist } from '../inspector/dataset-availability.js';
import type { ModelDocument } from '../model.js';
import { DigitPad } from '../inference/digit-pad.js';
import { TextSampler } from '../inference/text-sampler.js';
import { LivePreviewPanel } from '../preview/live-preview-panel.js';
import { useLivePreview } from '../preview/use-live-preview.js';
import { weightsKey } from '../session/document-structure.js';
import { datasetName } from '../session/session-data.js';
import { LayerInspector } from './layer-inspector.js';
import { TrainingPanel } from './training-panel.js';
import { isRunning } from './training-state.js';
import { trainBlocker } from './train-readiness.js';
import { useTraining } from './use-training.js';
import './training.css';
import './dock-theme.css';

// Re-rendered only when their own props change, not on every training update.
const Digits = memo(DigitPad);
const Text = memo(TextSampler);
const Inspector = memo(LayerInspector);
const Preview = memo(LivePreviewPanel);

/** The training and inference half of the editor for one document: train, watch, inspect, try it. */
export function TrainingDock({
  document,
  blocker,
  onShowProblems,
}: {
  document: ModelDocument;
  /** Why the document cannot train yet (see trainBlocker). */
  blocker?: string;
  onShowProblems?(): void;
}) {
  const controls = useTraining(document);
  // Inference and inspection state belongs to one model's weights: remount for another model.
  const model = weightsKey(document);
  const running = isRunning(controls.state);
  const ready = !running && controls.state.weights !== undefined;
  const { weights } = controls.state;
  const preview = useLivePreview(
    document,
    running,
    weights ? `${weights.savedAt}:${weights.steps}` : 'initial',
  );
  const name = datasetName(document);
  const usesMnist = document.nodes.some((n) => n.type === 'dataset' && n.params.name === 'mnist');
  return (
    <aside className="training-dock" data-testid="training-dock">
      <details open>
        <summary>Training</summary>
        {usesMnist && (
          <p className="training-note" data-testid="mnist-note">
            MNIST: {browserMnist.train.toLocaleString('en')} training digits in the browser.
          </p>
        )}
        <TrainingPanel
          document={document}
          controls={controls}
          {...(blocker ? { blocker } : {})}
          {...(onShowProblems ? { onShowProblems } : {})}
        />
      </details>
      <details open>
        <summary>Try it</summary>
        {name.includes('mnist') ? (
          <Digits key={model} ready={ready} />
        ) : name.includes('text') ? (
          <Text key={model} ready={ready} />
        ) : (
          <p>Inference is available for MNIST and text models.</p>
        )}
      </details>
      <details>
        <summary>Inspect a layer</summary>
        <Inspector key={model} document={document} ready={ready} />
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
  const document = useEditorDocument();
  const analysis = useAnalysis();
  const store = useEditorStore();
  const blocker = trainBlocker({
    nodeCount: document.nodes.length,
    errorCount: analysis.diagnostics.filter((d) => d.severity === 'error').length,
    hasDataset: document.nodes.some((n) => analysis.nodeType(n.type)?.category === 'data'),
  });
  const showProblems = () => {
    // The Problems list is part of the document inspector, shown when nothing is selected.
    store.select({ nodes: [], edges: [] });
    requestAnimationFrame(() =>
      window.document
        .querySelector('section[aria-label="Problems"]')
        ?.scrollIntoView({ block: 'nearest', behavior: 'smooth' }),
    );
  };
  return (
    <TrainingDock
      document={document}
      {...(blocker ? { blocker } : {})}
      onShowProblems={showProblems}
    />
  );
}
