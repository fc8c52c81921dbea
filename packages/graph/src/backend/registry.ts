import type { Backend } from './backend.js';

export type BackendName = string;
export type BackendFactory = () => Backend | Promise<Backend>;

export interface BackendInfo {
  name: BackendName;
  /** The backend's own description of what it runs on (adapter, threads), when it gives one. */
  description?: string;
  /** Why this backend was chosen (or why a preferred one was not). */
  reason: string;
}

interface Registration {
  create: BackendFactory;
  /** Higher wins under 'auto'. */
  priority: number;
}

const registrations = new Map<BackendName, Registration>();
let current: { backend: Backend; info: BackendInfo } | undefined;

/** Makes a backend available to `setBackend`. Apps register the backends they ship. */
export function registerBackend(name: BackendName, create: BackendFactory, { priority = 0 } = {}): void {
  registrations.set(name, { create, priority });
}

export function registeredBackends(): BackendName[] {
  return [...registrations.keys()];
}

/**
 * Selects the backend that runs every later realize. 'auto' tries registered backends from the
 * highest priority down and keeps the first that starts, recording why the others did not.
 * Tensors realized on the previous backend move to the new one when a computation first needs
 * them (read there, written here); one whose backend was lost fails naming the tensor.
 */
export async function setBackend(name: BackendName | 'auto' = 'auto'): Promise<BackendInfo> {
  if (name !== 'auto') {
    const registration = registrations.get(name);
    if (!registration) {
      const known = registeredBackends().join(', ') || 'none';
      throw new Error(`setBackend: no backend named "${name}" is registered (registered: ${known})`);
    }
    return use(await registration.create(), { name, reason: 'selected by setBackend' });
  }
  const candidates = [...registrations.entries()].sort((a, b) => b[1].priority - a[1].priority);
  const skipped: string[] = [];
  for (const [candidate, registration] of candidates) {
    try {
      const backend = await registration.create();
      const reason = skipped.length ? `auto: ${skipped.join('; ')}` : 'auto: highest-priority backend available';
      return use(backend, { name: candidate, reason });
    } catch (error) {
      skipped.push(`${candidate} unavailable (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  throw new Error(`setBackend('auto'): no backend could start (${skipped.join('; ') || 'none registered'})`);
}

function use(backend: Backend, info: BackendInfo): BackendInfo {
  const full = backend.description === undefined ? info : { ...info, description: backend.description };
  current = { backend, info: full };
  return full;
}

export function getBackend(): BackendInfo {
  if (!current) throw new Error(noBackendMessage);
  return current.info;
}

/** The backend realize runs on. */
export function activeBackend(): Backend {
  if (!current) throw new Error(noBackendMessage);
  return current.backend;
}

const noBackendMessage =
  'no backend selected: register one (e.g. registerBackend("cpu", () => new CpuBackend())) and call setBackend()';
