import type { HelperAttachment, HelperMessage } from '../protocol.js';
import type { BlockTask } from './block-task.js';
import { Slot, Status, controlInts, readError } from './control-block.js';
import { runBlock, type BlockOperands } from './run-block.js';
import { roles, type Role, type Scratch, type ScratchArray } from './scratch.js';
import { encodeTask } from './task-codec.js';

interface HelperLink {
  control: SharedArrayBuffer;
  ints: Int32Array;
  port: MessagePort;
  /** False once the helper died or missed a deadline; the engine then never waits for it again. */
  usable: boolean;
}

/**
 * The engine's side of intra-op parallelism: hands blocks to persistent helper workers through
 * their control blocks, computes the first block itself, and waits (Atomics.wait) for the rest. A
 * helper that dies (the main thread clears its ALIVE flag and wakes us) or misses the deadline has
 * its block recomputed here, so a split launch still gives the right answer.
 */
export class HelperTeam {
  private readonly helpers: (HelperLink | undefined)[] = [];

  constructor(
    private readonly scratch: Scratch,
    private readonly deadlineMs: number,
  ) {}

  attach({ slot, control, port }: HelperAttachment): void {
    const link: HelperLink = { control, ints: controlInts(control), port, usable: true };
    this.helpers[slot] = link;
    for (const [role, array] of this.scratch.current()) send(link, role, array);
  }

  /** Helpers that can take a block now. */
  live(): HelperLink[] {
    return this.helpers.filter((h): h is HelperLink => !!h && h.usable && Atomics.load(h.ints, Slot.alive) === 1);
  }

  /** Threads available to a split: this one plus the live helpers. */
  threads(): number {
    return 1 + this.live().length;
  }

  /** Tells every helper about a scratch array that replaced a smaller one. */
  readonly onScratchGrow = (role: Role, array: ScratchArray): void => {
    for (const helper of this.helpers) if (helper?.usable) send(helper, role, array);
  };

  /**
   * Runs `blocks` (one per thread at most): the first here, the others on helpers. Throws the
   * first helper's kernel error; recomputes here the blocks of helpers that died.
   */
  run(blocks: readonly BlockTask[], operands: BlockOperands, { helperFault = false } = {}): void {
    const helpers = this.live();
    const dispatched = blocks.slice(1).map((task, i) => {
      const helper = helpers[i];
      if (!helper) throw new Error(`split into ${blocks.length} blocks but only ${helpers.length} helpers are live`);
      return { task, helper, seq: this.dispatch(helper, task, helperFault && i === 0) };
    });
    runBlock(blocks[0], operands);
    let failure: string | undefined;
    for (const { task, helper, seq } of dispatched) {
      if (this.await(helper, seq)) {
        if (Atomics.load(helper.ints, Slot.status) === Status.failed) failure ??= readError(helper.control);
      } else {
        helper.usable = false;
        runBlock(task, operands);
      }
    }
    if (failure !== undefined) throw new Error(failure);
  }

  private dispatch(helper: HelperLink, task: BlockTask, fault: boolean): number {
    const { ints } = helper;
    encodeTask(task, ints, Slot.task);
    roles.forEach((role) => (ints[Slot.generations + role] = this.scratch.generation(role)));
    ints[Slot.fault] = fault ? 1 : 0;
    ints[Slot.status] = Status.ok;
    const seq = ints[Slot.seq] + 1;
    Atomics.store(ints, Slot.seq, seq);
    Atomics.notify(ints, Slot.seq);
    return seq;
  }

  /** True when the helper finished block `seq`; false when it died or missed the deadline. */
  private await(helper: HelperLink, seq: number): boolean {
    const deadline = performance.now() + this.deadlineMs;
    for (;;) {
      const done = Atomics.load(helper.ints, Slot.done);
      if (done === seq) return true;
      if (Atomics.load(helper.ints, Slot.alive) !== 1) return false;
      const left = deadline - performance.now();
      if (left <= 0) return false;
      Atomics.wait(helper.ints, Slot.done, done, left);
    }
  }
}

function send(link: HelperLink, role: Role, array: ScratchArray): void {
  const message: HelperMessage = { kind: 'scratch', role, generation: array.generation, buffer: array.buffer };
  link.port.postMessage(message);
}
