#!/usr/bin/env node
import { examples } from './examples.js';
import { parseOptions } from './setup/options.js';
import { useBackend } from './setup/use-backend.js';

/** `node dist/main.js <example> [--option value …]`: runs one example and prints its final metrics. */
async function main(args: string[]): Promise<void> {
  const [name, ...rest] = args;
  const example = examples[name];
  if (!example) {
    console.log(`usage: npm run example -w @loom/examples -- <name> [--option value …]\n`);
    for (const [key, e] of Object.entries(examples))
      console.log(`  ${key.padEnd(18)} ${e.description}\n  ${''.padEnd(18)} ${Object.entries(e.defaults).map(([k, v]) => `--${k} ${v}`).join(' ')}`);
    process.exitCode = name ? 1 : 0;
    return;
  }
  const options = parseOptions(rest, example.defaults);
  const backend = await useBackend();
  console.log(`${name}: ${example.description}\nbackend: ${backend.name} (${backend.reason}); options: ${JSON.stringify(options)}`);
  const start = performance.now();
  const metrics = await example.run(options, (line) => console.log(line));
  const seconds = (performance.now() - start) / 1000;
  console.log(`final metrics: ${Object.entries(metrics).map(([k, v]) => `${k} ${Number.isInteger(v) ? v : v.toFixed(4)}`).join(', ')} (${seconds.toFixed(1)} s)`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
