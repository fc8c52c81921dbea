import type { TrainingEngine } from '../training-suite.js';
import { seededParams } from '../training-suite.js';
import { layerShapes, oneHotLabels, seededBatch } from './training-models.js';

const LEARNING_RATE = 0.05;

/**
 * jax-js on its wasm device (one thread in Node): the loss's valueAndGrad and the SGD update in one
 * `jit`, as a JAX training loop is written. Max-pooling is `lax.reduceWindow` with `max`.
 */
export const jaxTraining: TrainingEngine = {
  name: 'jax-js wasm (jit, 1 thread in Node)',
  async prepare(model, batch) {
    const jax = await import('@jax-js/jax');
    await jax.init('wasm');
    jax.defaultDevice('wasm');
    const { numpy: np, nn, lax, tree, jit, valueAndGrad } = jax;
    type JaxArray = InstanceType<typeof jax.Array>;
    type Params = { w: JaxArray[] };
    const shapes = layerShapes(model);
    let params: Params = {
      w: seededParams(model).map((v, i) => np.array(v, { shape: i % 2 === 0 ? shapes[i >> 1].weight : [shapes[i >> 1].bias] })),
    };
    const valid: [number, number][] = [
      [0, 0],
      [0, 0],
    ];
    const pool = (h: JaxArray) => lax.reduceWindow(h, (w: JaxArray) => np.max(w), [2, 2], [2, 2]);
    const forward = (p: Params, x: JaxArray): JaxArray => {
      if (model === 'mlp') {
        let h = x;
        for (let i = 0; i < 3; i++) {
          h = np.matmul(h, p.w[2 * i]).add(p.w[2 * i + 1]);
          if (i < 2) h = nn.relu(h);
        }
        return h;
      }
      let h = x;
      for (let i = 0; i < 2; i++) {
        h = nn.relu(lax.conv(h, p.w[2 * i], [1, 1], valid).add(p.w[2 * i + 1].reshape([1, -1, 1, 1])));
        h = pool(h);
      }
      return np.matmul(h.reshape([batch, -1]), p.w[4]).add(p.w[5]);
    };
    const lossFn = (p: Params, x: JaxArray, y: JaxArray) => nn.logSoftmax(forward(p, x), -1).mul(y).sum().mul(-1 / batch);
    const step = jit((p: Params, x: JaxArray, y: JaxArray): [JaxArray, Params] => {
      const [loss, grads] = valueAndGrad(lossFn)(tree.ref(p), x, y);
      const next: Params = tree.map((w: JaxArray, g: JaxArray) => w.sub(g.mul(LEARNING_RATE)), p, grads);
      return [loss, next];
    });
    const x = np.array(seededBatch(model, batch), { shape: model === 'mlp' ? [batch, 784] : [batch, 1, 28, 28] });
    const y = np.array(oneHotLabels(batch), { shape: [batch, 10] });
    return async () => {
      const [loss, next] = step(params, x.ref, y.ref);
      params = next;
      await loss.data();
    };
  },
};
