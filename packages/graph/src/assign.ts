import { formatShape, shapesEqual } from './shape.js';
import type { Tensor } from './tensor.js';
import { realizeNodes } from './core/realize.js';
import { activeTrace } from './compile/trace-state.js';

/**
 * Computes every new value (and `alsoRealize`, e.g. the loss) in one program, then makes each
 * target hold its new value, keeping the target's identity — an optimizer step. Anything that must
 * see the old values has to be realized here or before, since targets change afterwards.
 */
export async function assign(
  updates: readonly (readonly [target: Tensor, value: Tensor])[],
  ...alsoRealize: Tensor[]
): Promise<void> {
  for (const [target, value] of updates)
    if (!shapesEqual(target.shape, value.shape) || target.dtype !== value.dtype)
      throw new Error(
        `assign: ${target} cannot take a value of shape ${formatShape(value.shape)} and dtype ${value.dtype}`,
      );
  const trace = activeTrace();
  if (trace) {
    // Compiled: the program computes the values and the replay hands them to the targets.
    for (const [target, value] of updates) trace.assignments.push([target, value]);
    return;
  }
  const slots = await realizeNodes([...updates.map(([, value]) => value), ...alsoRealize]);
  updates.forEach(([target], i) => {
    target.pending = undefined;
    target.inputs = [];
    target.detached = true;
    target.adoptSlot(slots[i]);
  });
}
