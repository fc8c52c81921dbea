/** Entry of a helper worker: runs split blocks handed over through shared memory. */
import { Helper } from './parallel/helper.js';
import { parentLink } from './platform/parent-endpoint.js';

const parent = await parentLink();
parent.expose(new Helper(parent.exit));
