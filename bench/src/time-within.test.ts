import { describe, expect, it } from 'vitest';
import { timeWithin } from './time-within.js';

function busyWait(ms: number) {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

describe('timeWithin', () => {
  it('warms up twice and then times at least three runs of a fast function', async () => {
    let calls = 0;
    // A budget no first call of a trivial function exceeds, even on a loaded machine.
    const timing = await timeWithin(() => void calls++, 200);
    expect(timing.runs).toBeGreaterThanOrEqual(3);
    expect(calls).toBe(timing.runs + 2);
  });

  it('times a function slower than the budget exactly once after its warm-up run', async () => {
    let calls = 0;
    const timing = await timeWithin(() => {
      calls++;
      busyWait(2);
    }, 1);
    expect(timing.runs).toBe(1);
    expect(calls).toBe(2);
    expect(timing.cpuMs).toBeGreaterThan(0);
  });

  it('reports a function slower than the alone limit by its first run only', async () => {
    let calls = 0;
    const timing = await timeWithin(
      () => {
        calls++;
        busyWait(2);
      },
      0,
      1,
    );
    expect(timing.runs).toBe(1);
    expect(calls).toBe(1);
  });
});
