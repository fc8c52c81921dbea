import { where, type Tensor } from '@loom/graph';

/**
 * A learning rate as a function of the step count (a float32 scalar tensor, 0 at the first step),
 * optax style: it is evaluated inside the compiled training step, so it changes every replay
 * without retracing.
 */
export type Schedule = (step: Tensor) => Tensor;

/** The same rate at every step. */
export function constantSchedule(value: number): Schedule {
  return (step) => step.mul(0).add(value);
}

/** initial · gamma^⌊step / stepSize⌋ (PyTorch's StepLR). */
export function stepDecay(initial: number, { stepSize, gamma = 0.1 }: { stepSize: number; gamma?: number }): Schedule {
  if (!(stepSize > 0)) throw new Error(`stepDecay: stepSize must be positive, got ${stepSize}`);
  // step ≥ 0, so truncating to int32 is the floor.
  return (step) => step.div(stepSize).cast('int32').cast('float32').mul(Math.log(gamma)).exp().mul(initial);
}

/** Half a cosine from `initial` down to `final` over decaySteps, then `final` (optax's cosine_decay_schedule). */
export function cosineDecay(initial: number, { decaySteps, final = 0 }: { decaySteps: number; final?: number }): Schedule {
  if (!(decaySteps > 0)) throw new Error(`cosineDecay: decaySteps must be positive, got ${decaySteps}`);
  return (step) => {
    const progress = step.minimum(decaySteps).div(decaySteps);
    return progress.mul(Math.PI).cos().add(1).mul(0.5 * (initial - final)).add(final);
  };
}

/**
 * A linear ramp from peak/warmupSteps to `peak` over the first warmupSteps steps, then `after`
 * (counted from the end of the warm-up), or `peak` held.
 * @example linearWarmup(1e-3, 100, cosineDecay(1e-3, { decaySteps: 900 }))
 */
export function linearWarmup(peak: number, warmupSteps: number, after?: Schedule): Schedule {
  if (!(warmupSteps > 0)) throw new Error(`linearWarmup: warmupSteps must be positive, got ${warmupSteps}`);
  return (step) => {
    const ramp = step.add(1).div(warmupSteps).mul(peak);
    const rest = after ? after(step.sub(warmupSteps).maximum(0)) : step.mul(0).add(peak);
    return where(step.lt(warmupSteps), ramp, rest);
  };
}
