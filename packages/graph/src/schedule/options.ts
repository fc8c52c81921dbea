export interface SchedulerOptions {
  /** Fuse elementwise chains and epilogues into single kernels (on by default). */
  fuse: boolean;
}

const options: SchedulerOptions = { fuse: true };

export function schedulerOptions(): Readonly<SchedulerOptions> {
  return options;
}

/** For tests and benchmarks that compare the fused schedule with one kernel per primitive. */
export function setSchedulerOptions(changes: Partial<SchedulerOptions>): void {
  Object.assign(options, changes);
}
