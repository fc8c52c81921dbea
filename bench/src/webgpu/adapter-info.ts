import type { AdapterInfo } from '../report/webgpu-label.js';

const text = (from: unknown, key: string): string => {
  const value: unknown = from && typeof from === 'object' ? Reflect.get(from, key) : undefined;
  return typeof value === 'string' ? value : '';
};

/**
 * The adapter's `info` (vendor, architecture, device, description) and whether it is a fallback
 * (software) adapter — read field by field, since TypeScript's DOM types and Chromium versions
 * disagree on where `isFallbackAdapter` lives.
 */
export function readAdapterInfo(adapter: object): AdapterInfo {
  const info: unknown = Reflect.get(adapter, 'info');
  const fallback = (from: unknown) => from !== null && typeof from === 'object' && Reflect.get(from, 'isFallbackAdapter') === true;
  return {
    vendor: text(info, 'vendor'),
    architecture: text(info, 'architecture'),
    device: text(info, 'device'),
    description: text(info, 'description'),
    isFallbackAdapter: fallback(info) || fallback(adapter),
  };
}
