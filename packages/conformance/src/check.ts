/**
 * The three checks every case goes through on a backend: forward values against tfjs, gradients
 * against central finite differences, gradients against tfjs. Each throws an Error saying what
 * differs (and where), so any test runner — Vitest in Node, Vitest browser mode, a plain page — can
 * run them. Nothing here uses Node APIs.
 */
import { getBackend, grad, setBackend, tensor, type Tensor, type TypedArray } from '@loom/graph';
import * as tf from '@tensorflow/tfjs';
import { assertClose, assertSameShape } from './compare.js';
import { caseInputs, probeValues, toLoom, toTfjs } from './inputs.js';
import { isDifferentiableInput, type OpCase, type Output, type Tolerance } from './op-case.js';

export const FORWARD_TOL: Tolerance = { rtol: 1e-5, atol: 1e-6 };
export const TFJS_GRAD_TOL: Tolerance = { rtol: 1e-4, atol: 1e-5 };
/**
 * Central differences in float32: with step ε = 1e-2 the truncation error (ε²/6·f‴) stays below
 * ~1e-3 relative for the input ranges of the table, and the rounding error of the difference
 * quotient (≈ 2^-24·|f| / ε per output) below ~1e-4; rtol 1e-2 leaves headroom for both. Inputs
 * keep ≥ 0.05 from kinks and ties (see `FloatInput`), more than the largest step ε·|v| = 1e-2.
 */
export const FD_EPSILON = 1e-2;
export const FD_TOL: Tolerance = { rtol: 1e-2, atol: 1e-3 };

/**
 * Sets up tfjs as the oracle: its CPU backend, without the Node "install tfjs-node" banner
 * (production mode silences tfjs's warnings; it also skips debug-mode checks we do not need).
 */
export async function prepareTfjsOracle(): Promise<void> {
  tf.enableProdMode();
  await tf.setBackend('cpu');
  await tf.ready();
}

/** Activates `backendName` and fails if the selector fell back to another backend. */
export async function useBackend(backendName: string): Promise<void> {
  await setBackend(backendName);
  const active = getBackend();
  if (active.name !== backendName)
    throw new Error(`asked for backend "${backendName}" but "${active.name}" is active (${active.reason})`);
}

async function realize(t: Tensor): Promise<Output> {
  return { shape: t.shape, dtype: t.dtype, values: await t.data() };
}

function runLoom(c: OpCase, values: readonly TypedArray[]): Tensor {
  return c.loom(...c.inputs.map((spec, i) => toLoom(spec, values[i])));
}

async function runOracle(oracle: (...xs: tf.Tensor[]) => tf.Tensor, c: OpCase, values: readonly TypedArray[]): Promise<Output> {
  const y = tf.tidy(() => oracle(...c.inputs.map((spec, i) => toTfjs(spec, values[i]))));
  try {
    return { shape: y.shape, dtype: y.dtype, values: await y.data<'float32' | 'int32' | 'bool'>() };
  } finally {
    y.dispose();
  }
}

/** Forward: same shape, dtype and values (within `c.tol`) as tfjs; or the case's property holds. */
export async function checkForward(c: OpCase, backendName: string): Promise<void> {
  await useBackend(backendName);
  const values = caseInputs(c);
  const got = await realize(runLoom(c, values));
  if (c.property) {
    c.property(got, values);
    return;
  }
  const want = await runOracle(c.tfjs, c, values);
  assertSameShape(c.name, got.shape, want.shape);
  if (c.checkDtype !== false && got.dtype !== want.dtype)
    throw new Error(`${c.name}: dtype is ${got.dtype}, expected ${want.dtype}`);
  assertClose(c.name, got.values, want.values, want.shape, c.tol ?? FORWARD_TOL);
}

/** The indices of the inputs that gradients are checked for. */
function differentiableInputs(c: OpCase): number[] {
  if (!c.differentiable) throw new Error(`${c.name}: the case is not marked differentiable`);
  const indices = c.inputs.flatMap((spec, i) => (isDifferentiableInput(spec) ? [i] : []));
  if (indices.length === 0) throw new Error(`${c.name}: no float32 input to differentiate`);
  return indices;
}

/** Replaces the inputs at `indices` of `all` with `replacements`, in order. */
function withInputs<T>(all: readonly T[], indices: readonly number[], replacements: readonly T[]): T[] {
  const out = [...all];
  indices.forEach((input, k) => (out[input] = replacements[k]));
  return out;
}

interface LoomGradients {
  outShape: readonly number[];
  weights: Float32Array;
  grads: Output[];
}

/**
 * Loom's gradients of the scalar loss sum(op(x) · r), for fixed random weights r — every output
 * element contributes with its own weight (a plain sum would hide errors that cancel) — with
 * respect to the inputs at `indices`; the other inputs are constants.
 */
async function loomGradients(c: OpCase, values: readonly TypedArray[], indices: readonly number[]): Promise<LoomGradients> {
  const outShape = runLoom(c, values).shape;
  const weights = probeValues(`${c.name}/weights`, outShape.reduce((n, d) => n * d, 1));
  const constants = c.inputs.map((spec, i) => toLoom(spec, values[i]));
  const loss = (...xs: Tensor[]): Tensor =>
    c.loom(...withInputs(constants, indices, xs)).mul(tensor(weights, { shape: [...outShape] })).sum();
  const grads = await grad(loss)(...indices.map((i) => toLoom(c.inputs[i], values[i])));
  if (grads.length !== indices.length) throw new Error(`${c.name}: grad returned ${grads.length} gradients for ${indices.length} inputs`);
  const realized = await Promise.all(grads.map(realize));
  realized.forEach((g, k) => assertSameShape(`${c.name}: gradient of input ${indices[k]}`, g.shape, c.inputs[indices[k]].shape));
  return { outShape, weights, grads: realized };
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * Gradients against central finite differences: for each float input x and a random direction v,
 * ⟨∇loss, Δ⟩ must match (loss(x₊) − loss(x₋)) / 2ε, where x± = x ± εv rounded to float32 and
 * Δ = (x₊ − x₋) / 2ε ≈ v. The loss is summed in float64 from the op's float32 outputs.
 */
export async function checkGradFiniteDifference(c: OpCase, backendName: string): Promise<void> {
  await useBackend(backendName);
  const values = caseInputs(c);
  const indices = differentiableInputs(c);
  const { weights, grads } = await loomGradients(c, values, indices);
  for (const [k, input] of indices.entries()) {
    const x = values[input];
    const v = probeValues(`${c.name}/direction${input}`, x.length);
    const plus = Float32Array.from(x, (xi, i) => xi + FD_EPSILON * v[i]);
    const minus = Float32Array.from(x, (xi, i) => xi - FD_EPSILON * v[i]);
    const fPlus = await runLoom(c, withInputs(values, [input], [plus])).data();
    const fMinus = await runLoom(c, withInputs(values, [input], [minus])).data();
    const numeric = (dot(weights, fPlus) - dot(weights, fMinus)) / (2 * FD_EPSILON);
    const step = Float64Array.from(plus, (p, i) => (p - minus[i]) / (2 * FD_EPSILON));
    const analytic = dot(grads[k].values, step);
    const allowed = FD_TOL.atol + FD_TOL.rtol * Math.max(Math.abs(numeric), Math.abs(analytic));
    if (!(Math.abs(numeric - analytic) <= allowed))
      throw new Error(
        `${c.name}: gradient of input ${input} along a random direction is ${analytic}, ` +
          `but central finite differences give ${numeric} (allowed error ${allowed.toExponential(2)})`,
      );
  }
}

/** Gradients against tfjs's gradients of the same loss, elementwise within `c.gradTol`. */
export async function checkGradTfjs(c: OpCase, backendName: string): Promise<void> {
  if (!c.tfjs) throw new Error(`${c.name}: no tfjs oracle to differentiate`);
  if (c.noTfjsGrad) throw new Error(`${c.name}: tfjs cannot differentiate it (${c.noTfjsGrad})`);
  const oracle = c.tfjs;
  await useBackend(backendName);
  const values = caseInputs(c);
  const indices = differentiableInputs(c);
  const { outShape, weights, grads } = await loomGradients(c, values, indices);
  const expected = tf.tidy(() => {
    const args = c.inputs.map((spec, i) => toTfjs(spec, values[i]));
    const r = tf.tensor(weights, [...outShape]);
    const loss = (...xs: tf.Tensor[]): tf.Tensor => tf.sum(tf.mul(oracle(...withInputs(args, indices, xs)), r));
    return tf.grads(loss)(indices.map((i) => args[i]));
  });
  try {
    for (const [k, input] of indices.entries()) {
      const want = await expected[k].data();
      assertClose(`${c.name}: gradient of input ${input}`, grads[k].values, want, expected[k].shape, c.gradTol ?? TFJS_GRAD_TOL);
    }
  } finally {
    expected.forEach((t) => t.dispose());
  }
}

/** Which checks apply to a case: the runner makes one test of each. */
export function checksFor(c: OpCase): { forward: true; finiteDifference: boolean; tfjsGradient: boolean } {
  return {
    forward: true,
    finiteDifference: c.differentiable,
    tfjsGradient: c.differentiable && c.tfjs !== undefined && c.noTfjsGrad === undefined,
  };
}
