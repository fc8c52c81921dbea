import type { Example } from './example.js';
import { linearRegressionExample } from './linear-regression.js';
import { mlpMnistExample } from './mlp-mnist.js';
import { cnnMnistExample } from './cnn-mnist.js';
import { charLstmExample } from './char-lstm.js';
import { charTransformerExample } from './char-transformer.js';
import { reverseDigitsExample } from './reverse-digits.js';

/** Every example by the name `npm run example -- <name>` takes. */
export const examples: Record<string, Example> = {
  'linear-regression': linearRegressionExample,
  'mlp-mnist': mlpMnistExample,
  'cnn-mnist': cnnMnistExample,
  'char-lstm': charLstmExample,
  'char-transformer': charTransformerExample,
  'reverse-digits': reverseDigitsExample,
};
