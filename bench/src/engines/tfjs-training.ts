import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TrainingEngine } from '../training-suite.js';
import { seededParams } from '../training-suite.js';
import { denseRowsForNhwc, layerShapes, oneHotLabels, seededBatch, toHwio } from './training-models.js';

const LEARNING_RATE = 0.05;

async function useBackend(backend: 'cpu' | 'wasm'): Promise<void> {
  tf.enableProdMode();
  if (backend === 'wasm') {
    const wasmDir = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
    setWasmPaths(pathToFileURL(wasmDir + '/').href);
  }
  await tf.setBackend(backend);
  await tf.ready();
}

/**
 * tfjs with `optimizer.minimize` (SGD). The CNN runs in tfjs's native NHWC layout with the same
 * weights, reordered. tfjs wasm has no Conv2DBackpropFilter kernel, so it cannot train the CNN.
 */
export function tfjsTraining(backend: 'cpu' | 'wasm'): TrainingEngine {
  let held: tf.Tensor[] = [];
  return {
    name: backend === 'cpu' ? 'tfjs cpu' : 'tfjs wasm (XNNPACK, 1 thread in Node)',
    async prepare(model, batch) {
      await useBackend(backend);
      if (model === 'cnn' && backend === 'wasm') return 'cannot train: tfjs wasm has no Conv2DBackpropFilter kernel';
      tf.dispose(held);
      const shapes = layerShapes(model);
      const values = seededParams(model);
      const vars = values.map((v, i) => {
        const { weight } = shapes[i >> 1];
        if (i % 2 === 1) return tf.variable(tf.tensor1d(v));
        if (weight.length === 4) return tf.variable(tf.tensor4d(toHwio(v, weight), [weight[2], weight[3], weight[1], weight[0]]));
        const rows = model === 'cnn' ? denseRowsForNhwc(v, 64, 25, 10) : v;
        return tf.variable(tf.tensor2d(rows, [weight[0], weight[1]]));
      });
      const x = model === 'mlp' ? tf.tensor2d(seededBatch(model, batch), [batch, 784]) : tf.tensor4d(seededBatch(model, batch), [batch, 28, 28, 1]);
      const y = tf.tensor2d(oneHotLabels(batch), [batch, 10]);
      held = [...vars, x, y];
      const forward = (): tf.Tensor2D => {
        if (model === 'mlp') {
          let h: tf.Tensor = x;
          for (let i = 0; i < 3; i++) {
            h = tf.add(tf.matMul(h as tf.Tensor2D, vars[2 * i] as tf.Tensor2D), vars[2 * i + 1]);
            if (i < 2) h = tf.relu(h);
          }
          return h as tf.Tensor2D;
        }
        let h = x as tf.Tensor4D;
        for (let i = 0; i < 2; i++) {
          h = tf.relu(tf.add(tf.conv2d(h, vars[2 * i] as tf.Tensor4D, 1, 'valid'), vars[2 * i + 1])) as tf.Tensor4D;
          h = tf.maxPool(h, 2, 2, 'valid');
        }
        return tf.add(tf.matMul(tf.reshape(h, [batch, -1]), vars[4] as tf.Tensor2D), vars[5]);
      };
      const optimizer = tf.train.sgd(LEARNING_RATE);
      const loss = () => tf.tidy(() => tf.neg(tf.div(tf.sum(tf.mul(tf.logSoftmax(forward()), y)), batch)).asScalar());
      return async () => {
        const value = optimizer.minimize(loss, true);
        await value?.data();
        value?.dispose();
      };
    },
    async close() {
      tf.dispose(held);
      held = [];
    },
  };
}
