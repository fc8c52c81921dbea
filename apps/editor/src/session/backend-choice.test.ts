import { describe, expect, it } from 'vitest';
import { isSoftwareAdapter } from './backend-choice.js';

describe('isSoftwareAdapter', () => {
  it('recognises emulated GPUs by their adapter description', () => {
    expect(
      isSoftwareAdapter(
        'WebGPU on google swiftshader — CPU emulation (SwiftShader): correct but slow',
      ),
    ).toBe(true);
    expect(isSoftwareAdapter('mesa llvmpipe')).toBe(true);
  });

  it('takes real GPUs and missing descriptions for hardware', () => {
    expect(isSoftwareAdapter('WebGPU on nvidia ampere')).toBe(false);
    expect(isSoftwareAdapter(undefined)).toBe(false);
  });
});
