import { CpuBackend } from '@loom/backend-cpu';
import type { Backend, BufferId, DType, Program, ReplayableProgram, TypedArray } from '@loom/graph';
import type { PoolBackend } from '../pool/pool-backend.js';
import { rebind } from '../rebind.js';

/**
 * Test double: runs everything both in-process (a CpuBackend) and through the pool, and fails any
 * read whose bytes differ, or any program that fails on one side only. Running the conformance
 * suite on it checks every value the suite reads, bit for bit, between the two.
 */
export class MirrorBackend implements Backend {
  readonly name: string;
  private readonly local: CpuBackend;
  private readonly prepared = new Map<number, ReplayableProgram>();
  private nextTemporary = -1;
  reads = 0;

  constructor(
    private readonly pool: PoolBackend,
    name = 'mirror',
    /** Whether the in-process side runs the WASM kernels (as the pool's engine does by default). */
    { wasm = true }: { wasm?: boolean } = {},
  ) {
    this.name = name;
    this.local = new CpuBackend({ wasm });
  }

  write(id: BufferId, dtype: DType, data: TypedArray): void {
    this.local.write(id, dtype, data);
    this.pool.write(id, dtype, data);
  }

  free(id: BufferId): void {
    this.pool.free(id);
    this.local.free(id);
  }

  async read(id: BufferId): Promise<TypedArray> {
    const [want, got] = await Promise.all([this.local.read(id), this.pool.read(id)]);
    this.reads++;
    if (want.constructor !== got.constructor || !sameBytes(want, got))
      throw new Error(`buffer ${id}: the pool read ${describe(got)}, in-process gives ${describe(want)}`);
    return got;
  }

  async run(program: Program): Promise<void> {
    await this.both(() => this.local.run(program), () => this.pool.run(program));
  }

  prepare(program: ReplayableProgram): number {
    const id = this.pool.prepare(program);
    this.prepared.set(id, program);
    return id;
  }

  async replay(id: number, params: readonly BufferId[], results: readonly BufferId[]): Promise<void> {
    const program = this.prepared.get(id);
    if (!program) throw new Error(`mirror: program ${id} was not prepared`);
    const steps = rebind(program, params, results, () => this.nextTemporary--);
    await this.both(() => this.local.run({ steps }), () => this.pool.replay(id, params, results));
  }

  /** Runs both sides; both must succeed, or both fail with the same kernel message. */
  private async both(local: () => void | Promise<void>, pool: () => Promise<void>): Promise<void> {
    const [l, p] = await Promise.allSettled([Promise.resolve().then(local), pool()]);
    if (l.status === 'fulfilled' && p.status === 'fulfilled') return;
    if (l.status === 'rejected' && p.status === 'rejected') {
      const want = messageOf(l.reason);
      const got = messageOf(p.reason);
      const detail = want.slice(want.indexOf(': ') + 2);
      if (!got.includes(detail)) throw new Error(`the pool failed with "${got}", in-process with "${want}"`);
      throw p.reason;
    }
    if (p.status === 'rejected') throw new Error(`only the pool failed: ${messageOf(p.reason)}`);
    throw new Error(`only in-process failed: ${l.status === 'rejected' ? messageOf(l.reason) : ''}`);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sameBytes(a: TypedArray, b: TypedArray): boolean {
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  return x.length === y.length && x.every((byte, i) => byte === y[i]);
}

function describe(data: TypedArray): string {
  const head = Array.from(data.slice(0, 6)).join(', ');
  return `${data.constructor.name}(${data.length}) [${head}${data.length > 6 ? ', …' : ''}]`;
}
