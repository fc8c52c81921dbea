import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { extractSamples } from './code-samples.js';

const docs = dirname(dirname(fileURLToPath(import.meta.url)));
// Inside the workspace, so the samples import the packages exactly as a user's project would.
const scratch = join(docs, '.samples');

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * Runs a shell sample as a reader would in a terminal inside the workspace: every line must
 * succeed (bash -e), with the workspace's bins (`loom`) on the PATH, in a scratch folder shared by
 * the guide's shell samples so later ones see the files earlier ones wrote.
 */
function runShell(code: string): void {
  const cwd = join(scratch, 'shell');
  mkdirSync(cwd, { recursive: true });
  const bins = join(dirname(docs), 'node_modules', '.bin');
  const result = spawnSync('bash', ['-e', '-o', 'pipefail', '-c', code], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${bins}:${process.env.PATH}` },
  });
  process.stdout.write(result.stdout);
  if (result.status !== 0) throw new Error(`exit ${result.status}:\n${result.stdout}\n${result.stderr}`);
}

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
      if (sample.language === 'sh') {
        runShell(sample.code);
        return;
      }
      const file = join(scratch, `sample-${index + 1}.ts`);
      writeFileSync(file, `${sample.code}\nexport {};\n`);
      await import(pathToFileURL(file).href);
    });
  });
});
