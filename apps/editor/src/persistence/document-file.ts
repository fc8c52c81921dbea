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

/** A document name as the start of a file name: kebab case, or "model" when nothing is left. */
export function fileBaseName(name: string): string {
  const base = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return base || 'model';
}

/** A file name for `doc`: its name in kebab case, with `.json`. */
export function documentFileName(doc: ModelDocument): string {
  return `${fileBaseName(doc.name)}.loom.json`;
}

/** Offers `text` as a download (the browser's save dialog). */
export function downloadText(text: string, fileName: string, type = 'application/json'): void {
  downloadFile(new Blob([text], { type }), fileName);
}

/** Offers a blob as a download under `fileName`. */
export function downloadFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  // Revoked later, not at once: the browser may still be reading a big file.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
