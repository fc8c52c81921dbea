import { describe, expect, it } from 'vitest';
import { extractSamples } from './code-samples.js';

describe('extractSamples', () => {
  it('takes the ts sample blocks with the heading they sit under, and skips other blocks', () => {
    const markdown = ['# Guide', '```sh', 'npm test', '```', '## Tensors', 'text', '```ts sample', 'const a = 1;', '```', '```ts', 'fragment', '```', '```sh sample', 'loom --help', '```'].join('\n');
    expect(extractSamples(markdown)).toEqual([
      { language: 'ts', section: 'Tensors', line: 7, code: 'const a = 1;' },
      { language: 'sh', section: 'Tensors', line: 13, code: 'loom --help' },
    ]);
  });

  it('does not take a heading inside a code block for a section', () => {
    const markdown = ['## Real', '```ts sample', '# not a heading', '```', '```ts sample', 'x', '```'].join('\n');
    expect(extractSamples(markdown).map((s) => s.section)).toEqual(['Real', 'Real']);
  });

  it('names the line of a fence that is never closed', () => {
    expect(() => extractSamples('a\n```ts sample\nconst x = 1;')).toThrow(/line 2: the code fence is never closed/);
  });
});
