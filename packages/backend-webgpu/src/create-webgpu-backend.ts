import { runSelfTest, type SelfTest } from './self-test.js';
import { WebGpuBackend } from './webgpu-backend.js';

export interface WebGpuBackendOptions {
  /** Where to find WebGPU; defaults to `navigator.gpu` (in a window or a dedicated worker). */
  gpu?: () => Pick<GPU, 'requestAdapter'> | undefined;
  powerPreference?: GPUPowerPreference;
  /** The kernel run before the device is trusted; replace it only to test the selector. */
  selfTest?: SelfTest;
}

function navigatorGpu(): Pick<GPU, 'requestAdapter'> | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.gpu;
}

/** "google swiftshader (…)": what `getBackend().description` shows. */
export function describeAdapter(info: GPUAdapterInfo): string {
  const parts = [info.vendor, info.architecture].filter((s) => s !== '');
  const name = parts.length ? parts.join(' ') : 'unknown adapter';
  const detail = [info.description, info.device].filter((s) => s !== '').join(', ');
  const emulated = info.architecture === 'swiftshader' ? ' — CPU emulation (SwiftShader): correct but slow' : '';
  return `WebGPU on ${name}${detail ? ` (${detail})` : ''}${emulated}`;
}

/** The adapter's own limits where they exceed WebGPU's defaults, so large tensors and kernels fit. */
function wantedLimits(adapter: GPUAdapter): Record<string, number> {
  const { limits } = adapter;
  return {
    maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
    maxBufferSize: limits.maxBufferSize,
    maxStorageBuffersPerShaderStage: limits.maxStorageBuffersPerShaderStage,
    maxComputeWorkgroupStorageSize: limits.maxComputeWorkgroupStorageSize,
  };
}

/**
 * Starts a WebGPU backend: finds an adapter, opens a device, and runs a self-test kernel. Each step
 * that fails throws an Error saying which and why, which `setBackend('auto')` records as the reason
 * it chose another backend.
 */
export async function createWebGpuBackend(options: WebGpuBackendOptions = {}): Promise<WebGpuBackend> {
  const gpu = (options.gpu ?? navigatorGpu)();
  if (!gpu) throw new Error('navigator.gpu is undefined: this runtime has no WebGPU (Node, or a browser without it)');
  const adapter = await gpu.requestAdapter({ powerPreference: options.powerPreference });
  if (!adapter) throw new Error('navigator.gpu.requestAdapter() found no adapter (WebGPU disabled or no usable GPU)');
  let device: GPUDevice;
  try {
    device = await adapter.requestDevice({ requiredLimits: wantedLimits(adapter), label: 'loom' });
  } catch (error) {
    throw new Error(`the adapter refused a device: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const backend = new WebGpuBackend(device, describeAdapter(adapter.info));
  try {
    await runSelfTest(backend, options.selfTest);
  } catch (error) {
    backend.destroy();
    throw new Error(`self-test failed on ${backend.description}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return backend;
}
