#!/usr/bin/env node
// The `loom` command. It lives outside dist/ so npm links it at install time, before anything is
// built; the CLI itself is the compiled dist/main.js (`npm start` and `npm run build` build it).
import { existsSync } from 'node:fs';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('loom: the CLI is not built yet; run `npm run build` (or `npm start`) in the repository first\n');
  process.exit(1);
}
await import(main.href);
