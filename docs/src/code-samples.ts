/** A fenced code block of a guide that its tests execute. */
export interface CodeSample {
  /** `ts` blocks run as modules; `sh` blocks run in bash with `loom` on the PATH. */
  language: 'ts' | 'sh';
  /** The heading the block sits under, to name the test. */
  section: string;
  /** 1-based line of the opening fence, for error messages. */
  line: number;
  code: string;
}

/**
 * The blocks fenced as ```ts sample or ```sh sample in `markdown`, in order. Other blocks (shell commands, output,
 * fragments) are prose and are not run. An unclosed sample fence is an error naming its line.
 */
export function extractSamples(markdown: string): CodeSample[] {
  const samples: CodeSample[] = [];
  const lines = markdown.split('\n');
  let section = '(top)';
  for (let i = 0; i < lines.length; i++) {
    const heading = /^#{1,6}\s+(.*)$/.exec(lines[i]);
    if (heading) {
      section = heading[1].trim();
      continue;
    }
    const fence = /^(`{3,})(.*)$/.exec(lines[i]);
    if (!fence) continue;
    const close = lines.findIndex((l, j) => j > i && l.startsWith(fence[1]) && l.trim() === fence[1]);
    if (close < 0) throw new Error(`line ${i + 1}: the code fence is never closed`);
    const info = fence[2].trim().split(/\s+/);
    const language = info[0];
    if ((language === 'ts' || language === 'sh') && info.includes('sample'))
      samples.push({ language, section, line: i + 1, code: lines.slice(i + 1, close).join('\n') });
    i = close;
  }
  return samples;
}
