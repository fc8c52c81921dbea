/** Node-only helpers (they touch the file system): `import { saveCheckpointFile } from '@loom/nn/node'`. */
export { saveCheckpointFile, loadCheckpointFile } from './checkpoint/checkpoint-file.js';
