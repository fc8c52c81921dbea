import { describe, expect, it } from 'vitest';
import { chromiumFlags, chromiumPath } from '../../../tooling/chromium.js';
import { executablePath, flags } from './chromium-launch.js';

describe('the bench launches Chromium like every other browser run', () => {
  it('uses the same executable and flags as tooling/chromium.ts', () => {
    expect(executablePath).toBe(chromiumPath);
    expect(flags).toEqual(chromiumFlags);
  });
});
