import type { BufferId, Launch, PrimitiveOp, ProgramStep } from '@loom/graph';
import type { Dispatch } from './codegen/dispatch.js';
import { splitStep } from './fit-binding-limit.js';
import { fusedDispatch } from './kernels/fused.js';
import type { WebGpuKernel } from './kernels/kernel.js';
import { webgpuKernels } from './kernel-table.js';

/** Steps to run and, for each, the dispatches that run it (none for a free). */
export interface PlannedProgram {
  steps: ProgramStep[];
  plan: Dispatch[][];
}

/** The dispatches of one launch of a primitive. */
export function planLaunch<Op extends PrimitiveOp>(launch: Launch<Op>): Dispatch[] {
  const kernel: WebGpuKernel<Op> = webgpuKernels[launch.op];
  return kernel({ inputs: launch.inputs, output: launch.output, attrs: launch.attrs, epilogue: launch.epilogue });
}

/** The dispatches of one step: code generation from shapes, dtypes and attributes only. */
export function planStep(step: ProgramStep): Dispatch[] {
  if (step.kind === 'free') return [];
  try {
    return step.kind === 'fused' ? [fusedDispatch(step.expr, step.inputs, step.output)] : planLaunch(step);
  } catch (error) {
    throw new Error(`${step.label}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/**
 * Generates every step's dispatches, splitting steps whose kernels would bind more than
 * `maxStorageBuffers` storage buffers (a fused kernel of many inputs, an epilogue with many) into
 * steps that fit, with temporaries named by `newId`.
 */
export function planProgram(steps: readonly ProgramStep[], maxStorageBuffers: number, newId: () => BufferId): PlannedProgram {
  const planned: PlannedProgram = { steps: [], plan: [] };
  const visit = (step: ProgramStep): void => {
    const dispatches = planStep(step);
    const widest = Math.max(0, ...dispatches.map((d) => d.bindings.length));
    if (step.kind !== 'free' && widest > maxStorageBuffers) {
      const split = splitStep(step, maxStorageBuffers - 1, newId);
      if (!split)
        throw new Error(`${step.label}: its kernel binds ${widest} storage buffers; this device allows ${maxStorageBuffers}`);
      split.forEach(visit);
      return;
    }
    planned.steps.push(step);
    planned.plan.push(dispatches);
  };
  steps.forEach(visit);
  return planned;
}
