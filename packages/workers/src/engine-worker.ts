/** Entry of the engine worker: a CpuBackend behind the Comlink-exposed `EngineApi`. */
import { CpuBackend } from '@loom/backend-cpu';
import { Engine } from './engine.js';
import { parentLink } from './platform/parent-endpoint.js';

const parent = await parentLink();
parent.expose(new Engine((options) => new CpuBackend(options), { exit: parent.exit }));
