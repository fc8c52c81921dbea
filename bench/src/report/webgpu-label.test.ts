import { describe, expect, it } from 'vitest';
import { webgpuEngineLabel, type AdapterInfo } from './webgpu-label.js';

const adapter = (info: Partial<AdapterInfo>): AdapterInfo => ({
  vendor: '',
  architecture: '',
  device: '',
  description: '',
  isFallbackAdapter: false,
  ...info,
});

describe('webgpuEngineLabel', () => {
  it('labels a SwiftShader adapter "emulated (SwiftShader)"', () => {
    expect(webgpuEngineLabel(adapter({ vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true }))).toBe(
      'Loom WebGPU, emulated (SwiftShader)',
    );
  });

  it('labels another fallback adapter as a software one', () => {
    expect(webgpuEngineLabel(adapter({ vendor: 'mesa', isFallbackAdapter: true }))).toBe('Loom WebGPU, emulated (software adapter)');
  });

  it('leaves a hardware adapter unlabelled', () => {
    expect(webgpuEngineLabel(adapter({ vendor: 'nvidia', architecture: 'ampere' }))).toBe('Loom WebGPU');
  });
});
