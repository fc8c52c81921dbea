/**
 * Checks of the Tensor API around the ops: the three ways to ask for gradients — grad(f),
 * valueAndGrad(f), loss.backward() — agree with each other (the op checks use only grad), and
 * array()/item() read back what data() does. Backend-independent like the rest of the suite.
 */
import { grad, tensor, valueAndGrad, type Tensor } from '@loom/graph';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from './check.js';
import { assertClose, assertSameShape } from './compare.js';
import { probeValues } from './inputs.js';
import type { Tolerance } from './op-case.js';

export interface ApiCheck {
  name: string;
  run: (backendName: string) => Promise<void>;
}

const TOL: Tolerance = { rtol: 1e-6, atol: 1e-7 };
const SHAPE = [2, 3];

const input = (label: string, requiresGrad = false): Tensor =>
  tensor(probeValues(label, 6), { shape: SHAPE, requiresGrad });

/** A loss that uses both arguments more than once, through several op families. */
const f = (a: Tensor, b: Tensor): Tensor => a.mul(b).add(a.exp()).sum().add(b.matmul(a.transpose()).mean());

async function expectSame(label: string, got: Tensor | undefined, want: Tensor): Promise<void> {
  if (!got) throw new Error(`${label}: missing`);
  assertSameShape(label, got.shape, want.shape);
  assertClose(label, await got.data(), await want.data(), want.shape, TOL);
}

export const apiChecks: readonly ApiCheck[] = [
  {
    name: 'valueAndGrad returns the value of f and the same gradients as grad',
    run: async (backendName) => {
      await useBackend(backendName);
      const [a, b] = [input('api/a'), input('api/b')];
      const expected = await grad(f)(a, b);
      const { value, grads } = await valueAndGrad(f)(a, b);
      await expectSame('value', value, f(a, b));
      await expectSame('gradient of a', grads[0], expected[0]);
      await expectSame('gradient of b', grads[1], expected[1]);
    },
  },
  {
    name: 'loss.backward() fills p.grad with the same gradients as grad',
    run: async (backendName) => {
      await useBackend(backendName);
      const [a, b] = [input('api/a', true), input('api/b', true)];
      const expected = await grad(f)(input('api/a'), input('api/b'));
      f(a, b).backward();
      await expectSame('a.grad', a.grad, expected[0]);
      await expectSame('b.grad', b.grad, expected[1]);
    },
  },
  {
    name: 'grad adds up the contributions of an input used several times',
    run: async (backendName) => {
      await useBackend(backendName);
      const x = input('api/x');
      const [g] = await grad((t: Tensor) => t.mul(t).add(t).sum())(x);
      await expectSame('d/dx sum(x·x + x) = 2x + 1', g, x.mul(2).add(1));
    },
  },
  {
    name: 'array() gives the same nested arrays as tfjs',
    run: async (backendName) => {
      await useBackend(backendName);
      const values = probeValues('api/array', 24);
      const got = await tensor(values, { shape: [2, 3, 4] }).array();
      const want = tf.tidy(() => tf.tensor(values, [2, 3, 4]).arraySync());
      if (JSON.stringify(got) !== JSON.stringify(want))
        throw new Error(`array(): got ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
    },
  },
  {
    name: 'item() reads the value of a one-element tensor',
    run: async (backendName) => {
      await useBackend(backendName);
      const got = await tensor([[1.5, -2], [3, 4]]).sum().item();
      if (got !== 6.5) throw new Error(`item(): got ${got}, expected 6.5`);
      const int = await tensor([7], 'int32').reshape([]).item();
      if (int !== 7) throw new Error(`item() of an int32 tensor: got ${int}, expected 7`);
    },
  },
];
