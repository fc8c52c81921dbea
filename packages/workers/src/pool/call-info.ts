import type { BufferId, Program } from '@loom/graph';

/** What a pool call is doing, so a crash or timeout can be reported in the user's terms. */
export type CallInfo =
  | { kind: 'run'; programId: number; program: Program }
  | { kind: 'read'; id: BufferId }
  | { kind: 'submit' }
  | { kind: 'control'; what: string };

/**
 * "program #4 at step 2 (matmul #17)" when the progress record says where the engine was;
 * otherwise as much as is known.
 */
export function describeCall(call: CallInfo, progress: Int32Array | undefined): string {
  switch (call.kind) {
    case 'run': {
      const { programId, program } = call;
      if (!progress) {
        const labels = program.steps.flatMap((s) => (s.kind === 'free' ? [] : [s.label]));
        const shown = labels.slice(0, 4).join(', ') + (labels.length > 4 ? ', …' : '');
        return `program #${programId} (ops ${shown}; without shared memory the op in flight is unknown)`;
      }
      if (Atomics.load(progress, 0) !== programId) return `program #${programId} (before its first op)`;
      const index = Atomics.load(progress, 1);
      const step = program.steps[index];
      const label = !step ? 'unknown op' : step.kind === 'free' ? `free of buffer ${step.id}` : step.label;
      return `program #${programId} at step ${index} (${label})`;
    }
    case 'read':
      return `a read of buffer ${call.id}`;
    case 'submit':
      return 'buffer writes and frees';
    case 'control':
      return call.what;
  }
}
