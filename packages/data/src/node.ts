/** Node-only loaders (they read files): `import { loadMnist } from '@loom/data/node'`. */
export { loadMnist, mnistDataDirectory } from './mnist/load-mnist.js';
