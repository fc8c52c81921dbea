/**
 * Bad input: each case records one invalid op. It must throw at once (at record time, not when the
 * value is read) with an Error whose message names the op and the shapes involved — never yield a
 * tensor (of NaN or anything else).
 */
import { concat, ones, tensor, where, zeros, type Tensor } from '@loom/graph';
import { useBackend } from './check.js';

export interface ErrorCase {
  /** A sentence fragment: "add rejects [2, 3] + [4]". */
  name: string;
  /** Records the invalid op (creating its inputs first). */
  record: () => unknown;
  /** Every pattern must match the message: the op's name, the shapes, and what is wrong where useful. */
  message: readonly RegExp[];
}

/** Matches a shape written as "[2, 3]" (spaces optional). */
export function shapePattern(shape: readonly number[]): RegExp {
  return new RegExp(`\\[${shape.join(',\\s*')}\\]`);
}

const boolMatrix = (): Tensor => tensor(new Uint8Array([1, 0, 0, 1]), { dtype: 'bool', shape: [2, 2] });

export const errorCases: readonly ErrorCase[] = [
  {
    name: 'add rejects shapes that do not broadcast, [2, 3] + [4]',
    record: () => zeros([2, 3]).add(zeros([4])),
    message: [/\badd\b/, shapePattern([2, 3]), shapePattern([4])],
  },
  {
    name: 'matmul rejects mismatched inner dims, [2, 3] @ [4, 5]',
    record: () => zeros([2, 3]).matmul(zeros([4, 5])),
    message: [/\bmatmul\b/, shapePattern([2, 3]), shapePattern([4, 5])],
  },
  {
    name: 'matmul rejects batch dims that do not broadcast, [2, 3, 4] @ [5, 4, 2]',
    record: () => zeros([2, 3, 4]).matmul(zeros([5, 4, 2])),
    message: [/\bmatmul\b/, shapePattern([2, 3, 4]), shapePattern([5, 4, 2])],
  },
  {
    name: 'sum rejects axis 5 of a rank-2 tensor',
    record: () => zeros([2, 3]).sum(5),
    message: [/\bsum\b/, /\b5\b/, shapePattern([2, 3])],
  },
  {
    name: 'matmul rejects bool operands',
    record: () => boolMatrix().matmul(boolMatrix()),
    message: [/\bmatmul\b/, /\bbool\b/, shapePattern([2, 2])],
  },
  {
    name: 'where rejects a float32 condition',
    record: () => where(ones([2, 3]), zeros([2, 3]), ones([2, 3])),
    message: [/\bwhere\b/, /\bfloat32\b/, shapePattern([2, 3])],
  },
  {
    name: 'conv2d rejects a kernel larger than the padded input',
    record: () => zeros([1, 1, 3, 3]).conv2d(zeros([1, 1, 6, 6]), { padding: 1 }),
    message: [/\bconv2d\b/, shapePattern([1, 1, 3, 3]), shapePattern([1, 1, 6, 6])],
  },
  {
    name: 'conv2d rejects a weight whose input channels do not match',
    record: () => zeros([1, 3, 5, 5]).conv2d(zeros([2, 2, 3, 3])),
    message: [/\bconv2d\b/, shapePattern([1, 3, 5, 5]), shapePattern([2, 2, 3, 3])],
  },
  {
    name: 'maxPool2d rejects a window larger than the input',
    record: () => zeros([1, 1, 2, 2]).maxPool2d({ kernelSize: 3 }),
    message: [/\bmaxPool2d\b/, shapePattern([1, 1, 2, 2])],
  },
  {
    name: 'reshape rejects a shape of another size, [2, 3] to [4, 2]',
    record: () => zeros([2, 3]).reshape([4, 2]),
    message: [/\breshape\b/, shapePattern([2, 3]), shapePattern([4, 2])],
  },
  {
    name: 'expand rejects a non-1 axis of another size, [3, 2] to [3, 4]',
    record: () => zeros([3, 2]).expand([3, 4]),
    message: [/\bexpand\b/, shapePattern([3, 2]), shapePattern([3, 4])],
  },
  {
    name: 'concat rejects tensors that differ off the concat axis',
    record: () => concat([zeros([2, 3]), zeros([3, 4])], 0),
    message: [/\bconcat\b/, shapePattern([2, 3]), shapePattern([3, 4])],
  },
  {
    name: 'permute rejects a perm that repeats an axis',
    record: () => zeros([2, 3]).permute([0, 0]),
    message: [/\bpermute\b/, shapePattern([2, 3]), shapePattern([0, 0])],
  },
  {
    name: 'gather rejects float32 indices',
    record: () => zeros([4, 3]).gather(zeros([2])),
    message: [/\bgather\b/, /\bfloat32\b/, shapePattern([2])],
  },
];

/**
 * Records the case's op and throws unless it threw synchronously an Error whose message matches
 * every pattern. A case that records without throwing fails, whatever the value would be.
 */
export async function checkRecordError(e: ErrorCase, backendName: string): Promise<void> {
  await useBackend(backendName);
  let thrown: unknown;
  let result: unknown;
  try {
    result = e.record();
  } catch (err) {
    thrown = err;
  }
  if (thrown === undefined)
    throw new Error(`${e.name}: recording the op did not throw (it returned ${String(result)})`);
  if (!(thrown instanceof Error)) throw new Error(`${e.name}: threw ${String(thrown)}, not an Error`);
  const { message } = thrown;
  const missing = e.message.filter((pattern) => !pattern.test(message));
  if (missing.length > 0)
    throw new Error(`${e.name}: the message "${message}" does not match ${missing.map(String).join(', ')}`);
}
