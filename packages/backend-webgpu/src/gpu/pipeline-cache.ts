import type { Binding, Dispatch } from '../codegen/dispatch.js';

/** The binding layout of a kernel: its storage buffers, then its uniform parameters if any. */
function layoutEntries(bindings: readonly Binding[], hasParams: boolean): GPUBindGroupLayoutEntry[] {
  const entries: GPUBindGroupLayoutEntry[] = bindings.map((binding, i) => ({
    binding: i,
    visibility: GPUShaderStage.COMPUTE,
    buffer: { type: binding.access === 'read' ? 'read-only-storage' : 'storage' },
  }));
  if (hasParams) entries.push({ binding: bindings.length, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'uniform' } });
  return entries;
}

/**
 * Compute pipelines by WGSL source. Kernels put sizes and constants in parameters, so a training
 * loop compiles each distinct kernel once; compilation is asynchronous and its errors name the
 * launch and quote the compiler.
 */
export class PipelineCache {
  private readonly pipelines = new Map<string, GPUComputePipeline>();
  private readonly pending = new Map<string, Promise<GPUComputePipeline>>();
  private readonly layouts = new Map<string, GPUPipelineLayout>();

  constructor(private readonly device: GPUDevice) {}

  /** The compiled pipeline of `dispatch`, if it has been compiled. */
  lookup(dispatch: Dispatch): GPUComputePipeline | undefined {
    return this.pipelines.get(dispatch.code);
  }

  /** Compiles whatever of `dispatches` is not compiled yet, in parallel. */
  async compile(dispatches: readonly { dispatch: Dispatch; label: string }[]): Promise<void> {
    const missing = dispatches.filter(({ dispatch }) => !this.pipelines.has(dispatch.code));
    await Promise.all(missing.map(({ dispatch, label }) => this.create(dispatch, label)));
  }

  get size(): number {
    return this.pipelines.size;
  }

  private create(dispatch: Dispatch, label: string): Promise<GPUComputePipeline> {
    const { code } = dispatch;
    let promise = this.pending.get(code);
    if (!promise) {
      promise = this.build(dispatch, label).finally(() => this.pending.delete(code));
      this.pending.set(code, promise);
    }
    return promise;
  }

  private async build(dispatch: Dispatch, label: string): Promise<GPUComputePipeline> {
    // A scope catches the module's compile errors, which would otherwise poison the device.
    this.device.pushErrorScope('validation');
    const module = this.device.createShaderModule({ code: dispatch.code, label });
    const moduleError = this.device.popErrorScope();
    try {
      const pipeline = await this.device.createComputePipelineAsync({
        label,
        layout: this.layout(dispatch),
        compute: { module, entryPoint: 'main' },
      });
      if (await moduleError) throw new Error('the shader module is invalid');
      this.pipelines.set(dispatch.code, pipeline);
      return pipeline;
    } catch (error) {
      await moduleError;
      const info = await module.getCompilationInfo();
      const messages = info.messages.map((m) => `${m.type} at line ${m.lineNum}:${m.linePos}: ${m.message}`).join('\n');
      const reason = messages || (error instanceof Error ? error.message : String(error));
      throw new Error(`webgpu: the generated kernel for ${label} does not compile:\n${reason}\n--- WGSL ---\n${dispatch.code}`, {
        cause: error,
      });
    }
  }

  private layout(dispatch: Dispatch): GPUPipelineLayout {
    const hasParams = dispatch.params.length > 0;
    const key = `${dispatch.bindings.map((b) => b.access).join(',')}|${hasParams}`;
    let layout = this.layouts.get(key);
    if (!layout) {
      const group = this.device.createBindGroupLayout({ entries: layoutEntries(dispatch.bindings, hasParams) });
      layout = this.device.createPipelineLayout({ bindGroupLayouts: [group] });
      this.layouts.set(key, layout);
    }
    return layout;
  }
}
