/**
 * Checks of one backend against another (a new backend against the CPU reference) on the cases of
 * the table: the same inputs, forward values and gradients elementwise within a tolerance. The
 * tfjs checks bound each backend's error; these bound how far two backends drift apart.
 */
import { grad, tensor, type Tensor, type TypedArray } from '@loom/graph';
import { useBackend, TFJS_GRAD_TOL } from './check.js';
import { assertClose, assertSameShape } from './compare.js';
import { caseInputs, probeValues, toLoom } from './inputs.js';
import { isDifferentiableInput, type OpCase, type Tolerance } from './op-case.js';

/** rtol 1e-4 between backends, with the case's own absolute slack where it allows more. */
export function crossBackendTol(c: OpCase): Tolerance {
  return { rtol: 1e-4, atol: Math.max(TFJS_GRAD_TOL.atol, c.tol?.atol ?? 0) };
}

interface Result {
  shape: readonly number[];
  dtype: string;
  values: TypedArray;
}

async function forward(c: OpCase, backendName: string): Promise<Result> {
  await useBackend(backendName);
  const values = caseInputs(c);
  const out = c.loom(...c.inputs.map((spec, i) => toLoom(spec, values[i])));
  return { shape: out.shape, dtype: out.dtype, values: await out.data() };
}

/** Gradients of sum(op(x) · r) for fixed random weights r, as in the tfjs gradient check. */
async function gradients(c: OpCase, backendName: string): Promise<TypedArray[]> {
  await useBackend(backendName);
  const values = caseInputs(c);
  const indices = c.inputs.flatMap((spec, i) => (isDifferentiableInput(spec) ? [i] : []));
  const constants = c.inputs.map((spec, i) => toLoom(spec, values[i]));
  const outShape = c.loom(...constants).shape;
  const weights = tensor(probeValues(`${c.name}/weights`, outShape.reduce((n, d) => n * d, 1)), { shape: [...outShape] });
  const loss = (...xs: Tensor[]) => {
    const args = [...constants];
    indices.forEach((input, k) => (args[input] = xs[k]));
    return c.loom(...args).mul(weights).sum();
  };
  const grads = await grad(loss)(...indices.map((i) => toLoom(c.inputs[i], values[i])));
  return Promise.all(grads.map((g) => g.data()));
}

/** Forward values on `backendName` match `referenceName`'s: shape, dtype and values. */
export async function checkForwardAgainst(c: OpCase, backendName: string, referenceName: string): Promise<void> {
  const want = await forward(c, referenceName);
  const got = await forward(c, backendName);
  assertSameShape(`${c.name} on ${backendName} vs ${referenceName}`, got.shape, want.shape);
  if (got.dtype !== want.dtype) throw new Error(`${c.name}: dtype ${got.dtype} on ${backendName}, ${want.dtype} on ${referenceName}`);
  assertClose(`${c.name}: ${backendName} vs ${referenceName}`, got.values, want.values, want.shape, crossBackendTol(c));
}

/** Gradients with respect to every float input on `backendName` match `referenceName`'s. */
export async function checkGradAgainst(c: OpCase, backendName: string, referenceName: string): Promise<void> {
  const want = await gradients(c, referenceName);
  const got = await gradients(c, backendName);
  want.forEach((w, k) =>
    assertClose(`${c.name}: gradient ${k} on ${backendName} vs ${referenceName}`, got[k], w, [w.length], crossBackendTol(c)),
  );
}
