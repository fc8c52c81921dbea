import type { HelperApi, HelperAttachment, HelperMessage } from '../protocol.js';
import { Slot, Status, controlInts, writeError } from './control-block.js';
import { runBlock } from './run-block.js';
import { roles, type Role, type ScratchArray } from './scratch.js';
import { decodeTask } from './task-codec.js';

/**
 * A helper worker's loop: waits on its control block without blocking its event loop
 * (Atomics.waitAsync, so scratch registrations still arrive as messages), runs each block with
 * the CPU kernels on the shared scratch arrays, and reports through the control block.
 */
export class Helper implements HelperApi {
  private control: SharedArrayBuffer | undefined;
  private readonly scratch = new Map<Role, ScratchArray>();
  /** A task whose scratch arrays have not arrived yet. */
  private waiting = false;

  constructor(private readonly exit: () => void) {}

  attach({ control, port }: HelperAttachment): void {
    if (this.control) throw new Error('helper: already attached to an engine');
    this.control = control;
    port.onmessage = (event: MessageEvent<HelperMessage>) => this.receive(event.data);
    void this.loop(controlInts(control));
  }

  private receive(message: HelperMessage): void {
    if (message.kind === 'scratch') {
      this.scratch.set(message.role, message);
      if (this.waiting) this.tryRun();
    }
  }

  private async loop(ints: Int32Array): Promise<void> {
    let seen = Atomics.load(ints, Slot.seq);
    for (;;) {
      const wait = Atomics.waitAsync(ints, Slot.seq, seen);
      if (wait.async) await wait.value;
      const seq = Atomics.load(ints, Slot.seq);
      if (seq === seen) continue;
      seen = seq;
      this.waiting = true;
      this.tryRun();
    }
  }

  private tryRun(): void {
    const control = this.control;
    if (!control) return;
    const ints = controlInts(control);
    const views = roles.map((role) => {
      const array = this.scratch.get(role);
      return array && array.generation === ints[Slot.generations + role] ? new Float32Array(array.buffer) : undefined;
    });
    const [a, b, out] = views;
    if (!a || !b || !out) return; // the registration is still in flight; receive() retries
    this.waiting = false;
    if (ints[Slot.fault] === 1) this.exit();
    try {
      runBlock(decodeTask(ints, Slot.task), { a, b, out });
      ints[Slot.status] = Status.ok;
    } catch (error) {
      writeError(control, error instanceof Error ? error.message : String(error));
      ints[Slot.status] = Status.failed;
    }
    Atomics.store(ints, Slot.done, Atomics.load(ints, Slot.seq));
    Atomics.notify(ints, Slot.done);
  }
}
