import { browserTestConfig } from '../../tooling/vitest-browser.js';

// The conformance table on WebGPU, and the runtime tests that need a browser (MLP training on
// both backends, backend selection), in headless Chromium.
export default browserTestConfig();
