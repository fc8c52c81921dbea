/** Open and save model documents as `.json` files. */
import type { ModelDocument } from '../model.js';
import { readDocumentText, type ReadResult } from './read-document.js';

/** The largest file the editor tries to read. */
export const maxFileBytes = 20 * 1024 * 1024;

export async function readDocumentFile(file: Blob & { name?: string }): Promise<ReadResult> {
  const name = file.name ? `"${file.name}"` : 'The file';
  if (file.size > maxFileBytes)
    return { ok: false, error: `${name} is too large to be a model (${file.size} bytes).` };
  return readDocumentText(await file.text(), name);
}

/** A file name for `doc`: its name in kebab case, with `.json`. */
export function documentFileName(doc: ModelDocument): string {
  const base = doc.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${base || 'model'}.loom.json`;
}

/** Offers `text` as a download (the browser's save dialog). */
export function downloadText(text: string, fileName: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
