import { sessionClient } from '../session/session-client.js';

/** A file name for a document's checkpoint: its name in kebab case, `.loomckpt`. */
export function checkpointFileName(documentName: string): string {
  const base = documentName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${base || 'model'}.loomckpt`;
}

/** Downloads the session's current weights (and optimizer state) in @loom/nn's checkpoint format. */
export async function downloadCheckpoint(documentName: string): Promise<void> {
  const bytes = await sessionClient().checkpoint();
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = checkpointFileName(documentName);
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
