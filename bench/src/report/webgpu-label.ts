/** What the page reports about the WebGPU adapter it ran on (GPUAdapterInfo plus the fallback flag). */
export interface AdapterInfo {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  isFallbackAdapter: boolean;
}

/** "emulated (SwiftShader)" for a software adapter, undefined for a real GPU. */
export function emulationLabel(info: AdapterInfo): string | undefined {
  const text = [info.vendor, info.architecture, info.device, info.description].join(' ').toLowerCase();
  if (text.includes('swiftshader')) return 'emulated (SwiftShader)';
  if (info.isFallbackAdapter || /llvmpipe|lavapipe|warp|software/.test(text)) return 'emulated (software adapter)';
  return undefined;
}

/** The row label of Loom's WebGPU figures: "Loom WebGPU, emulated (SwiftShader)" on a software adapter. */
export function webgpuEngineLabel(info: AdapterInfo | undefined): string {
  const emulated = info && emulationLabel(info);
  return emulated ? `Loom WebGPU, ${emulated}` : 'Loom WebGPU';
}
