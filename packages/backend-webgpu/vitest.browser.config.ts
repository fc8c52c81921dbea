import { browserTestConfig } from '../../tooling/vitest-browser.js';

// The WebGPU kernels, device loss and worker tests, in headless Chromium.
export default browserTestConfig();
