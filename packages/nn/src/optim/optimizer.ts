import { assign, formatShape, noGrad, shapesEqual, zeros, type Tensor } from '@loom/graph';
import { Module, type StateDict } from '../core/module.js';
import { clipByGlobalNorm } from './clip-grad-norm.js';
import type { Schedule } from './schedule.js';

/** What an update rule sees for one parameter at one step. */
export interface UpdateContext {
  param: Tensor;
  grad: Tensor;
  state: Readonly<Record<string, Tensor>>;
  /** The number of this update: 1 at the first (float32 scalar, so compiled steps see it change). */
  count: Tensor;
  lr: Tensor | number;
}

/**
 * An optimizer as a pure rule (optax style): initial per-parameter state, and a function from
 * (param, grad, state, count, lr) to the new param and state. The Optimizer class applies it.
 */
export interface UpdateRule {
  init(param: Tensor): Record<string, Tensor>;
  update(context: UpdateContext): { param: Tensor; state: Record<string, Tensor> };
}

export interface OptimizerOptions {
  /** A fixed learning rate, or a schedule of the step count. */
  lr: number | Schedule;
  /** Clip the global gradient norm to this before every update. */
  clipNorm?: number;
}

/**
 * Applies an update rule to parameters, PyTorch style: `loss.backward(); await opt.step();
 * opt.zeroGrad()`. `step()` computes every new parameter and state value in one program and
 * assigns them in place. Given a Module (not just its parameters), a step also applies the
 * module's pending buffer updates (BatchNorm running statistics).
 */
export class Optimizer {
  readonly params: readonly Tensor[];
  readonly state: Record<string, Tensor>[];
  /** Steps taken so far, a float32 scalar (read by schedules and bias corrections in the program). */
  readonly stepCount: Tensor;
  readonly lr: number | Schedule;
  readonly clipNorm: number | undefined;
  private readonly module: Module | undefined;

  constructor(
    params: Iterable<Tensor> | Module,
    readonly rule: UpdateRule,
    { lr, clipNorm }: OptimizerOptions,
  ) {
    this.module = params instanceof Module ? params : undefined;
    this.params = params instanceof Module ? params.parameters() : [...new Set(params)];
    if (this.params.length === 0) throw new Error(`${new.target.name}: no parameters to optimize`);
    this.params.forEach((p, i) => {
      if (!p.requiresGrad) throw new Error(`${new.target.name}: parameter ${i} ${formatShape(p.shape)} does not require grad`);
    });
    if (typeof lr === 'number' && !(lr >= 0)) throw new Error(`${new.target.name}: lr must be a non-negative number, got ${lr}`);
    this.lr = lr;
    this.clipNorm = clipNorm;
    this.state = this.params.map((p) => rule.init(p));
    this.stepCount = zeros([]);
  }

  /** The learning rate of the next step: a number, or a scalar tensor under a schedule. */
  learningRate(): number | Tensor {
    const lr = this.lr;
    return typeof lr === 'number' ? lr : noGrad(() => lr(this.stepCount));
  }

  /** Forgets every parameter's gradient. */
  zeroGrad(): void {
    for (const p of this.params) p.grad = undefined;
  }

  /**
   * The assignments one step makes, [target, new value] (lazy; nothing runs): parameters that have
   * a gradient, their state, the step count, and pending module buffers. Pass them to `assign` with
   * anything else the same program should compute, e.g. the loss.
   */
  updates(grads: readonly (Tensor | undefined)[] = this.params.map((p) => p.grad)): [Tensor, Tensor][] {
    if (grads.length !== this.params.length)
      throw new Error(`${this.constructor.name}.updates: ${grads.length} gradients for ${this.params.length} parameters`);
    return noGrad(() => {
      const active = this.params.flatMap((p, i) => (grads[i] ? [i] : []));
      const given = active.map((i) => grads[i]!);
      const clipped = this.clipNorm !== undefined && given.length ? clipByGlobalNorm(given, this.clipNorm).grads : given;
      const lr = this.learningRate();
      const count = this.stepCount.add(1);
      const out: [Tensor, Tensor][] = [];
      active.forEach((i, k) => {
        const param = this.params[i];
        if (!shapesEqual(clipped[k].shape, param.shape))
          throw new Error(`${this.constructor.name}: gradient ${formatShape(clipped[k].shape)} does not match parameter ${i} ${formatShape(param.shape)}`);
        const next = this.rule.update({ param, grad: clipped[k], state: this.state[i], count, lr });
        out.push([param, next.param]);
        for (const [name, value] of Object.entries(next.state)) out.push([this.state[i][name], value]);
      });
      out.push([this.stepCount, count]);
      if (this.module) out.push(...this.module.takeBufferUpdates());
      return out;
    });
  }

  /** Updates every parameter from its `.grad`, in one program (also computing `alsoRealize`). */
  async step(...alsoRealize: Tensor[]): Promise<void> {
    await assign(this.updates(), ...alsoRealize);
  }

  /** The step count and per-parameter state ('step', '0.expAvg', …), for checkpoints. */
  stateDict(): StateDict {
    const out: StateDict = { step: this.stepCount };
    this.state.forEach((state, i) => {
      for (const [name, value] of Object.entries(state)) out[`${i}.${name}`] = value;
    });
    return out;
  }

  /** Restores state saved by `stateDict` (same parameters in the same order). */
  async loadStateDict(state: StateDict): Promise<void> {
    const own = this.stateDict();
    const updates: [Tensor, Tensor][] = [];
    for (const [name, target] of Object.entries(own)) {
      const value = state[name];
      if (!value) throw new Error(`${this.constructor.name}.loadStateDict: "${name}" is missing`);
      if (!shapesEqual(value.shape, target.shape))
        throw new Error(
          `${this.constructor.name}.loadStateDict: "${name}" has shape ${formatShape(target.shape)} here but ${formatShape(value.shape)} in the state dict`,
        );
      updates.push([target, value]);
    }
    const unexpected = Object.keys(state).filter((name) => !(name in own));
    if (unexpected.length) throw new Error(`${this.constructor.name}.loadStateDict: unexpected names: ${unexpected.join(', ')}`);
    await assign(updates);
  }
}
