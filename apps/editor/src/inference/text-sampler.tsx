import { useState } from 'react';
import { sessionClient } from '../session/session-client.js';

/** For character models: continue a prompt by sampling from the trained model in the session worker. */
export function TextSampler({ ready }: { ready: boolean }) {
  const [prompt, setPrompt] = useState('Alice was ');
  const [temperature, setTemperature] = useState(0.8);
  const [output, setOutput] = useState('');
  const [busy, setBusy] = useState(false);
  const sample = () => {
    setBusy(true);
    sessionClient()
      .sampleText(prompt, 120, temperature)
      .then(setOutput, (e: unknown) => setOutput(`(${e instanceof Error ? e.message : String(e)})`))
      .finally(() => setBusy(false));
  };
  return (
    <section className="text-sampler" aria-label="Sample text" data-testid="text-sampler">
      <label>
        Prompt <input value={prompt} onChange={(e) => setPrompt(e.target.value)} />
      </label>
      <label>
        Temperature{' '}
        <input
          type="number"
          min={0.1}
          max={2}
          step={0.1}
          value={temperature}
          onChange={(e) => setTemperature(Number(e.target.value))}
        />
      </label>
      <button type="button" onClick={sample} disabled={!ready || busy}>
        Sample
      </button>
      {output && (
        <p className="text-sample" data-testid="text-sample">
          <strong>{prompt}</strong>
          {output}
        </p>
      )}
    </section>
  );
}
