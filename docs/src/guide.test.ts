import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { extractSamples } from './code-samples.js';

const docs = dirname(dirname(fileURLToPath(import.meta.url)));
// Inside the workspace, so the samples import the packages exactly as a user's project would.
const scratch = join(docs, '.samples');

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('getting-started.md: every code sample runs', () => {
  const samples = extractSamples(readFileSync(join(docs, 'getting-started.md'), 'utf8'));
  mkdirSync(scratch, { recursive: true });
  it('has a sample for each textbook model', () => {
    const sections = samples.map((s) => s.section);
    for (const model of ['Linear regression', 'An MLP on MNIST', 'A CNN on MNIST', 'An LSTM language model', 'A Transformer encoder'])
      expect(sections).toContain(model);
  });
  samples.forEach((sample, index) => {
    it(`${sample.section} (line ${sample.line})`, async () => {
      const file = join(scratch, `sample-${index + 1}.ts`);
      writeFileSync(file, `${sample.code}\nexport {};\n`);
      await import(pathToFileURL(file).href);
    });
  });
});
