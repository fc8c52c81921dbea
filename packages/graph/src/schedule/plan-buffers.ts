import type { AnyLaunch, BufferRef, Epilogue, ProgramStep } from '../backend/backend.js';
import type { GraphNode } from '../core/node.js';
import { nodeLabel } from '../core/node.js';
import { byteSize, newBufferId } from '../core/buffer-slot.js';
import type { ScheduledKernel } from './kernel.js';
import type { Schedule } from './fuse.js';

export interface BufferPlan {
  steps: ProgramStep[];
  /** The buffer each target ends up in. */
  outputs: Map<GraphNode, BufferRef>;
  /** Buffers created by this program (reused ones count once). */
  allocated: number;
  /** Bytes of the program's own buffers alive at once, at most. */
  peakBytes: number;
}

/**
 * Assigns buffers to kernel outputs: an intermediate's buffer is released after its last reader
 * and handed to the next output of the same byte size, so peak memory stays near the widest point
 * of the graph rather than the sum of every intermediate. Unused buffers are freed at the end.
 * `refOf` gives the buffer of a value computed before this program.
 */
export function planBuffers(
  { kernels, aliases }: Schedule,
  targets: ReadonlySet<GraphNode>,
  refOf: (node: GraphNode) => BufferRef,
): BufferPlan {
  const owner = (n: GraphNode) => aliases.get(n) ?? n;
  const lastReader = new Map<GraphNode, number>();
  kernels.forEach((k, i) => {
    for (const source of sourcesOf(k)) lastReader.set(owner(source), i);
  });
  const produced = new Map<GraphNode, BufferRef>();
  const idle = new Map<number, number[]>(); // byte size → buffer ids ready for reuse
  const steps: ProgramStep[] = [];
  let allocated = 0;
  let liveBytes = 0;
  let peakBytes = 0;
  const ref = (n: GraphNode): BufferRef => {
    const buffer = produced.get(owner(n)) ?? refOf(owner(n));
    return buffer.shape === n.shape ? buffer : { id: buffer.id, shape: n.shape, dtype: n.dtype };
  };

  kernels.forEach((kernel, i) => {
    const { node } = kernel;
    const bytes = byteSize(node.shape, node.dtype);
    const reused = idle.get(bytes)?.pop();
    if (reused === undefined) {
      allocated++;
      liveBytes += bytes;
      peakBytes = Math.max(peakBytes, liveBytes);
    }
    const output: BufferRef = { id: reused ?? newBufferId(), shape: node.shape, dtype: node.dtype };
    steps.push(toStep(kernel, output, ref));
    produced.set(node, output);
    for (const source of new Set(sourcesOf(kernel).map(owner))) {
      const buffer = produced.get(source);
      if (!buffer || lastReader.get(source) !== i || targets.has(source)) continue;
      const size = byteSize(source.shape, source.dtype);
      idle.set(size, [...(idle.get(size) ?? []), buffer.id]);
    }
  });
  for (const [size, ids] of idle)
    for (const id of ids) {
      steps.push({ kind: 'free', id });
      liveBytes -= size;
    }
  const outputs = new Map([...targets].flatMap((t) => (produced.has(t) ? [[t, produced.get(t)!] as const] : [])));
  return { steps, outputs, allocated, peakBytes };
}

function sourcesOf(kernel: ScheduledKernel): readonly GraphNode[] {
  return kernel.kind === 'primitive' && kernel.epilogue ? [...kernel.sources, ...kernel.epilogue.sources] : kernel.sources;
}

function toStep(kernel: ScheduledKernel, output: BufferRef, ref: (n: GraphNode) => BufferRef): ProgramStep {
  const label = nodeLabel(kernel.node);
  if (kernel.kind === 'fused') return { kind: 'fused', expr: kernel.expr, inputs: kernel.sources.map(ref), output, label };
  const { base } = kernel;
  const epilogue: Epilogue | undefined = kernel.epilogue && {
    expr: kernel.epilogue.expr,
    inputs: kernel.epilogue.sources.map(ref),
  };
  const baseLabel = base === kernel.node ? label : `${nodeLabel(base)} → ${label}`;
  return { kind: 'launch', op: base.op, attrs: base.attrs, inputs: kernel.sources.map(ref), output, label: baseLabel, ...(epilogue && { epilogue }) } as AnyLaunch;
}
