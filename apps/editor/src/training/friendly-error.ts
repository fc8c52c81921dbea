/**
 * Turns a session worker's error message (written for developers: "resolveDataset: …",
 * "compileModel: …") into a sentence for the person training the model.
 */
const known: readonly [RegExp, string][] = [
  [
    /has no dataset node/,
    'This model has no dataset node. Add one from the palette (Data) and connect it.',
  ],
  [
    /has a cycle/,
    'The graph has a loop. Remove one of the connections that go back to an earlier node.',
  ],
  [
    /MNIST: fetching .* failed/,
    'The MNIST digits could not be downloaded. Check the connection and try again.',
  ],
  [/training is already running/, 'Training is already running.'],
  [/cannot change while training/, 'Stop training before changing the backend.'],
  [/stop training before resetting/, 'Stop training before resetting the weights.'],
];

/** Internal prefixes such as `resolveDataset: ` or `Cannot compile "x": `. */
const prefix = /^(?:[a-zA-Z]+: |Cannot compile "[^"]*": )+/;

export function friendlyError(message: string): string {
  for (const [pattern, text] of known) if (pattern.test(message)) return text;
  const plain = message
    .replace(prefix, '')
    .replace(/\s*\(the last good weights are kept\)/, '')
    .trim();
  if (!plain) return 'Training failed.';
  const sentence = plain[0]!.toUpperCase() + plain.slice(1);
  const ended = /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
  return /loss became|\bNaN\b|Infinity/.test(plain)
    ? `${ended} Try a smaller learning rate.`
    : ended;
}
