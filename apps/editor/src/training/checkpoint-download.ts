import { downloadFile, fileBaseName } from '../persistence/document-file.js';
import { sessionClient } from '../session/session-client.js';

/** A file name for a document's checkpoint: its name in kebab case, `.loomckpt`. */
export function checkpointFileName(documentName: string): string {
  return `${fileBaseName(documentName)}.loomckpt`;
}

/** Downloads the session's current weights (and optimizer state) in @loom/nn's checkpoint format. */
export async function downloadCheckpoint(documentName: string): Promise<void> {
  const bytes = await sessionClient().checkpoint();
  downloadFile(
    new Blob([bytes], { type: 'application/octet-stream' }),
    checkpointFileName(documentName),
  );
}
