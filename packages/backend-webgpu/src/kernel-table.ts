import { conv2dKernels } from './kernels/conv2d.js';
import { elementwiseKernels } from './kernels/elementwise.js';
import { indexingKernels } from './kernels/indexing.js';
import type { WebGpuKernelTable } from './kernels/kernel.js';
import { matmulKernels } from './kernels/matmul.js';
import { movementKernels } from './kernels/movement.js';
import { pool2dKernels } from './kernels/pool2d.js';
import { reduceKernels } from './kernels/reduce.js';

/** Every primitive's WebGPU kernel. Typed by the primitive list, so a missing one fails to compile. */
export const webgpuKernels: WebGpuKernelTable = {
  ...elementwiseKernels,
  ...reduceKernels,
  ...movementKernels,
  ...matmulKernels,
  ...conv2dKernels,
  ...pool2dKernels,
  ...indexingKernels,
};
