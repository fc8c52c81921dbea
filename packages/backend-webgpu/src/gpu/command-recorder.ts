import type { BufferPool } from './buffer-pool.js';

export interface RecordedDispatch {
  pipeline: GPUComputePipeline;
  /** The storage buffers, in binding order. */
  buffers: readonly GPUBuffer[];
  params: Uint32Array;
  workgroups: readonly [number, number, number];
}

/**
 * Collects the dispatches of one program and submits them as one command buffer with one compute
 * pass (WebGPU orders dispatches in a pass and makes each one's writes visible to the next). The
 * parameters of every dispatch share one uniform buffer, written once, at aligned offsets.
 */
export class CommandRecorder {
  private readonly items: RecordedDispatch[] = [];

  add(item: RecordedDispatch): void {
    if (item.workgroups.some((w) => w === 0)) return;
    this.items.push(item);
  }

  submit(device: GPUDevice, uniforms: BufferPool, label: string): void {
    if (this.items.length === 0) return;
    const align = device.limits.minUniformBufferOffsetAlignment;
    const offsets: number[] = [];
    let total = 0;
    for (const item of this.items) {
      offsets.push(total);
      total += Math.ceil(item.params.byteLength / align) * align;
    }
    const paramBuffer = total > 0 ? uniforms.acquire(total) : undefined;
    if (paramBuffer) {
      const host = new Uint32Array(total / 4);
      this.items.forEach((item, k) => host.set(item.params, offsets[k] / 4));
      device.queue.writeBuffer(paramBuffer, 0, host);
    }
    const encoder = device.createCommandEncoder({ label });
    const pass = encoder.beginComputePass({ label });
    this.items.forEach((item, k) => {
      const entries: GPUBindGroupEntry[] = item.buffers.map((buffer, binding) => ({ binding, resource: { buffer } }));
      if (paramBuffer && item.params.byteLength > 0)
        entries.push({
          binding: item.buffers.length,
          resource: { buffer: paramBuffer, offset: offsets[k], size: item.params.byteLength },
        });
      pass.setPipeline(item.pipeline);
      pass.setBindGroup(0, device.createBindGroup({ layout: item.pipeline.getBindGroupLayout(0), entries }));
      pass.dispatchWorkgroups(...item.workgroups);
    });
    pass.end();
    device.queue.submit([encoder.finish()]);
    if (paramBuffer) uniforms.release(paramBuffer);
  }
}
