import { formatShape, shapesEqual } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { noGrad } from '../core/grad-mode.js';
import { nodeLabel } from '../core/node.js';
import { add } from '../ops/elementwise.js';
import { ones } from '../creation.js';
import type { PrimitiveOp } from '../ops/primitive-op.js';
import type { Vjp } from './vjp.js';
import { vjps } from './vjp-table.js';

/** A node where differentiation stops: a source, or a tensor detached from its history. */
function isLeaf(t: Tensor): boolean {
  return t.op === 'source' || t.detached || t.inputs.length === 0;
}

/** Nodes that lead from differentiable leaves to `output`, outputs after inputs. */
function differentiableOrder(output: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const seen = new Set<Tensor>();
  const stack: { node: Tensor; expanded: boolean }[] = [{ node: output, expanded: false }];
  while (stack.length) {
    const { node, expanded } = stack.pop()!;
    if (expanded) {
      order.push(node);
      continue;
    }
    if (seen.has(node) || !node.requiresGrad) continue;
    seen.add(node);
    stack.push({ node, expanded: true });
    if (!isLeaf(node)) for (const input of node.inputs) stack.push({ node: input, expanded: false });
  }
  return order;
}

/**
 * Reverse-mode differentiation of `output` from gradient `seed`: records (lazily) the gradient of
 * every leaf that requires grad. The gradient graph itself is recorded without autograd.
 */
export function leafGradients(output: Tensor, seed: Tensor): Map<Tensor, Tensor> {
  const grads = new Map<Tensor, Tensor>([[output, seed]]);
  const leaves = new Map<Tensor, Tensor>();
  noGrad(() => {
    const order = differentiableOrder(output);
    for (let i = order.length - 1; i >= 0; i--) {
      const node = order[i];
      const g = grads.get(node);
      if (!g) continue;
      if (isLeaf(node)) {
        leaves.set(node, g);
        continue;
      }
      const vjp = vjps[node.op as PrimitiveOp] as Vjp<PrimitiveOp>;
      const inputGrads = vjp(g, { inputs: node.inputs, output: node, attrs: node.attrs! });
      node.inputs.forEach((input, k) => {
        const ig = inputGrads[k];
        if (!ig || !input.requiresGrad) return;
        if (!shapesEqual(ig.shape, input.shape))
          throw new Error(
            `autograd: the gradient of ${nodeLabel(node)} for input ${k} has shape ${formatShape(ig.shape)}, expected ${formatShape(input.shape)} (internal error)`,
          );
        const previous = grads.get(input);
        grads.set(input, previous ? add(previous, ig) : ig);
      });
    }
  });
  return leaves;
}

/** `loss.backward()`: accumulates gradients into `.grad` of the requiresGrad leaves `output` depends on. */
export function backward(output: Tensor, gradient?: Tensor): void {
  if (!output.requiresGrad)
    throw new Error(
      `backward: ${nodeLabel(output)} does not depend on any tensor created with requiresGrad: true`,
    );
  if (!gradient && output.size !== 1)
    throw new Error(`backward: output has shape ${formatShape(output.shape)}; pass a gradient or reduce it to a scalar`);
  const seed = gradient ?? ones(output.shape);
  if (!shapesEqual(seed.shape, output.shape))
    throw new Error(`backward: gradient shape ${formatShape(seed.shape)} differs from output shape ${formatShape(output.shape)}`);
  for (const [leaf, g] of leafGradients(output, seed))
    leaf.grad = leaf.grad ? noGrad(() => add(leaf.grad!, g)) : g;
}
