/**
 * Plain float64 versions of PyTorch's update formulas on number arrays: the independent reference
 * the optimizer tests compare with.
 */
export type Vec = number[];

export interface ReferenceState {
  step: number;
  buffers: Record<string, Vec>;
}

const zerosLike = (v: Vec) => v.map(() => 0);

export function referenceSgd(p: Vec, g: Vec, s: ReferenceState, o: { lr: number; momentum?: number; dampening?: number; nesterov?: boolean; weightDecay?: number }): Vec {
  const { lr, momentum = 0, dampening = 0, nesterov = false, weightDecay = 0 } = o;
  s.step++;
  const d = g.map((gi, i) => gi + weightDecay * p[i]);
  if (!momentum) return p.map((pi, i) => pi - lr * d[i]);
  const buf = s.buffers.momentum;
  const next = s.step === 1 ? d : buf.map((b, i) => momentum * b + (1 - dampening) * d[i]);
  s.buffers.momentum = next;
  return p.map((pi, i) => pi - lr * (nesterov ? d[i] + momentum * next[i] : next[i]));
}

export function referenceAdam(p: Vec, g: Vec, s: ReferenceState, o: { lr: number; betas?: [number, number]; eps?: number; weightDecay?: number; decoupled?: boolean }): Vec {
  const { lr, betas = [0.9, 0.999], eps = 1e-8, weightDecay = 0, decoupled = false } = o;
  s.step++;
  const d = decoupled ? g : g.map((gi, i) => gi + weightDecay * p[i]);
  const m = (s.buffers.m ??= zerosLike(p)).map((mi, i) => betas[0] * mi + (1 - betas[0]) * d[i]);
  const v = (s.buffers.v ??= zerosLike(p)).map((vi, i) => betas[1] * vi + (1 - betas[1]) * d[i] ** 2);
  s.buffers.m = m;
  s.buffers.v = v;
  const c1 = 1 - betas[0] ** s.step;
  const c2 = 1 - betas[1] ** s.step;
  return p.map((pi, i) => (decoupled ? pi * (1 - lr * weightDecay) : pi) - (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + eps));
}

export function referenceRmsprop(p: Vec, g: Vec, s: ReferenceState, o: { lr: number; alpha?: number; eps?: number; momentum?: number; centered?: boolean }): Vec {
  const { lr, alpha = 0.99, eps = 1e-8, momentum = 0, centered = false } = o;
  const sq = (s.buffers.sq ??= zerosLike(p)).map((a, i) => alpha * a + (1 - alpha) * g[i] ** 2);
  s.buffers.sq = sq;
  let denominator = sq;
  if (centered) {
    const avg = (s.buffers.avg ??= zerosLike(p)).map((a, i) => alpha * a + (1 - alpha) * g[i]);
    s.buffers.avg = avg;
    denominator = sq.map((v, i) => v - avg[i] ** 2);
  }
  const stepDir = g.map((gi, i) => gi / (Math.sqrt(denominator[i]) + eps));
  if (!momentum) return p.map((pi, i) => pi - lr * stepDir[i]);
  const buf = (s.buffers.buf ??= zerosLike(p)).map((b, i) => momentum * b + stepDir[i]);
  s.buffers.buf = buf;
  return p.map((pi, i) => pi - lr * buf[i]);
}
