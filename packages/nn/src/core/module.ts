import { assign, formatShape, shapesEqual, type Tensor } from '@loom/graph';
import { isBuffer, isParameter } from './parameter.js';

/** Named tensors: a module's parameters and buffers, or an optimizer's state. Names join with '.'. */
export type StateDict = Record<string, Tensor>;

export interface LoadStateDictOptions {
  /** Every name must match both ways (default). Off: load what matches, ignore the rest. */
  strict?: boolean;
}

/**
 * The base of every layer and model, as in PyTorch: fields holding `parameter(...)`s, `buffer(...)`s,
 * Modules or arrays of Modules are found by walking the object, in field order, so nothing is
 * registered by hand. Subclasses add a `forward`.
 */
export abstract class Module {
  /** Training mode (dropout on, batch statistics) until `eval()`. */
  training = true;
  /** New values for buffers computed by the last training forward, applied with the next optimizer step. */
  readonly #bufferUpdates = new Map<Tensor, Tensor>();

  /** This module's own entries, as [name, value]; Sequential overrides it to name children 0, 1, … */
  protected ownEntries(): [string, unknown][] {
    return Object.entries(this);
  }

  /** Direct submodules with their names. */
  namedChildren(): [string, Module][] {
    const children: [string, Module][] = [];
    for (const [name, value] of this.ownEntries()) {
      if (value instanceof Module) children.push([name, value]);
      else if (Array.isArray(value))
        value.forEach((item: unknown, i) => {
          if (item instanceof Module) children.push([`${name}.${i}`, item]);
        });
    }
    return children;
  }

  /** This module ('' ) and every submodule, depth first, with dotted names. */
  namedModules(prefix = ''): [string, Module][] {
    const out: [string, Module][] = [[prefix, this]];
    for (const [name, child] of this.namedChildren()) out.push(...child.namedModules(join(prefix, name)));
    return out;
  }

  private namedTensors(test: (value: unknown) => value is Tensor): [string, Tensor][] {
    const seen = new Set<Tensor>();
    const out: [string, Tensor][] = [];
    for (const [prefix, module] of this.namedModules())
      for (const [name, value] of module.ownEntries())
        if (test(value) && !seen.has(value)) {
          // A tensor shared by two modules (tied weights) is listed once, under its first name.
          seen.add(value);
          out.push([join(prefix, name), value]);
        }
    return out;
  }

  /** Every trainable parameter with its dotted name, e.g. ['0.weight', …]. */
  namedParameters(): [string, Tensor][] {
    return this.namedTensors(isParameter);
  }

  parameters(): Tensor[] {
    return this.namedParameters().map(([, p]) => p);
  }

  /** Persistent buffers (running statistics) with their dotted names. */
  namedBuffers(): [string, Tensor][] {
    return this.namedTensors(isBuffer);
  }

  /** The number of trainable values. */
  parameterCount(): number {
    return this.parameters().reduce((n, p) => n + p.size, 0);
  }

  /** Parameters and buffers by name: everything a checkpoint needs to rebuild this module's state. */
  stateDict(): StateDict {
    return Object.fromEntries([...this.namedParameters(), ...this.namedBuffers()]);
  }

  /**
   * Copies values into this module's parameters and buffers (keeping their identity, so optimizers
   * and compiled steps stay valid), all in one program. A missing name or a shape that differs is
   * an error naming the parameter.
   */
  async loadStateDict(state: StateDict, { strict = true }: LoadStateDictOptions = {}): Promise<void> {
    const own = this.stateDict();
    const updates: [Tensor, Tensor][] = [];
    for (const [name, target] of Object.entries(own)) {
      const value = state[name];
      if (!value) {
        if (strict) throw new Error(`loadStateDict: "${name}" is missing from the state dict`);
        continue;
      }
      if (!shapesEqual(value.shape, target.shape) || value.dtype !== target.dtype)
        throw new Error(
          `loadStateDict: "${name}" has shape ${formatShape(target.shape)} ${target.dtype} in the model but ${formatShape(value.shape)} ${value.dtype} in the state dict`,
        );
      updates.push([target, value]);
    }
    if (strict) {
      const unexpected = Object.keys(state).filter((name) => !(name in own));
      if (unexpected.length) throw new Error(`loadStateDict: unexpected names in the state dict: ${unexpected.join(', ')}`);
    }
    await assign(updates);
  }

  /** Sets training mode on this module and every submodule. */
  train(mode = true): this {
    for (const [, module] of this.namedModules()) module.training = mode;
    return this;
  }

  /** Evaluation mode: dropout off, BatchNorm uses its running statistics. */
  eval(): this {
    return this.train(false);
  }

  /** Forgets the gradients `backward()` accumulated. */
  zeroGrad(): void {
    for (const p of this.parameters()) p.grad = undefined;
  }

  /**
   * Records a new value for one of this module's buffers (BatchNorm's running mean after a training
   * batch). It is not applied now — forward stays synchronous and lazy — but by the next
   * `optimizer.step()` (or `applyBufferUpdates`), in the same program as the parameter update.
   */
  protected updateBuffer(target: Tensor, value: Tensor): void {
    this.#bufferUpdates.set(target, value);
  }

  /** The buffer value a forward should read: the pending update if there is one. */
  protected currentBuffer(target: Tensor): Tensor {
    return this.#bufferUpdates.get(target) ?? target;
  }

  /** Removes and returns every pending buffer update of this module and its submodules. */
  takeBufferUpdates(): [Tensor, Tensor][] {
    const updates: [Tensor, Tensor][] = [];
    for (const [, module] of this.namedModules()) {
      updates.push(...module.#bufferUpdates);
      module.#bufferUpdates.clear();
    }
    return updates;
  }

  /** Applies pending buffer updates now (only needed when no optimizer step follows the forward). */
  async applyBufferUpdates(): Promise<void> {
    await assign(this.takeBufferUpdates());
  }
}

function join(prefix: string, name: string): string {
  return prefix ? `${prefix}.${name}` : name;
}

/** A module that maps one tensor to one tensor: what Sequential chains and fit() trains. */
export interface Layer {
  forward(input: Tensor): Tensor;
}

export type LayerModule = Module & Layer;
