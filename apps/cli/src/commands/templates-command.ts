import { writeFile } from 'node:fs/promises';
import { serializeDocument, templateDocument, templates, type TemplateId } from '@loom/model';
import { parseCommandArgs, stringOption } from '../cli-args.js';
import { usageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';

const options = { out: { type: 'string', short: 'o' } } as const;

/** `loom templates [id] [--out file]`: lists the shipped models, or writes one as a model document. */
export async function templatesCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs('templates', args, options);
  const [id, extra] = parsed.positionals;
  if (extra !== undefined) throw usageError(`loom templates: unexpected argument "${extra}"`);
  if (id === undefined) {
    const width = Math.max(...templates.map((t) => t.id.length));
    for (const t of templates) io.out(`${t.id.padEnd(width)}  ${t.title}: ${t.description}\n`);
    return 0;
  }
  const template = templates.find((t) => t.id === id);
  if (!template) throw usageError(`loom templates: no template "${id}" (there are: ${templates.map((t) => t.id).join(', ')})`);
  const json = serializeDocument(templateDocument(template.id as TemplateId));
  const out = stringOption(parsed, 'out');
  if (!out) return io.out(json.endsWith('\n') ? json : `${json}\n`), 0;
  await writeFile(out, json);
  io.out(`wrote ${out}: ${template.title}\n`);
  return 0;
}
