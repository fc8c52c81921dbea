import type { TestEvaluation } from '../session/protocol.js';

/** The test-set confusion matrix as a table shaded by each row's share (rows: true class). */
export function ConfusionMatrixView({ evaluation }: { evaluation: TestEvaluation }) {
  const { classes, confusion } = evaluation;
  return (
    <div className="confusion-matrix-scroll">
      <table className="confusion-matrix" data-testid="confusion-matrix">
        <caption>
          Test set: {(evaluation.accuracy * 100).toFixed(1)}% of{' '}
          {evaluation.examples.toLocaleString('en')} (rows true, columns predicted)
        </caption>
        <thead>
          <tr>
            <th />
            {classes.map((c) => (
              <th key={c}>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {confusion.map((row, t) => {
            const total = row.reduce((a, b) => a + b, 0) || 1;
            return (
              <tr key={classes[t]}>
                <th>{classes[t]}</th>
                {row.map((n, p) => (
                  <td
                    key={p}
                    title={`${n} × ${classes[t]} predicted as ${classes[p]}`}
                    style={{
                      background: `rgba(${t === p ? '46, 125, 50' : '198, 40, 40'}, ${Math.min(1, n / total)})`,
                    }}
                  >
                    {n}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
