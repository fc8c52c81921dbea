import { backendChoices, type BackendChoice, type BackendReport } from '../session/protocol.js';

interface BackendSelectorProps {
  choice: BackendChoice;
  report?: BackendReport;
  disabled: boolean;
  onChange(choice: BackendChoice): void;
}

const labels: Record<BackendChoice, string> = {
  auto: 'auto',
  webgpu: 'WebGPU',
  cpu: 'CPU (worker pool)',
};

/** Picks where kernels run, and shows what was chosen and why (getBackend() in the session worker). */
export function BackendSelector({ choice, report, disabled, onChange }: BackendSelectorProps) {
  return (
    <div className="backend-selector" data-testid="backend-selector">
      <label>
        Backend{' '}
        <select
          value={choice}
          disabled={disabled}
          onChange={(e) => onChange(e.target.value as BackendChoice)}
          data-testid="backend-choice"
        >
          {backendChoices.map((c) => (
            <option key={c} value={c}>
              {labels[c]}
            </option>
          ))}
        </select>
      </label>
      {report && (
        <p className="backend-report" data-testid="backend-report">
          <strong>{report.name}</strong>
          {report.description ? ` — ${report.description}` : ''}
          <br />
          <small>{report.reason}</small>
        </p>
      )}
    </div>
  );
}
