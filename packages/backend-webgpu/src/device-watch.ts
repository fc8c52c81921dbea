import { BackendLostError } from '@loom/graph';

/**
 * Watches a GPU device for loss and for errors nothing else caught. Once either happens every
 * later call on the backend fails with an error that names the backend and says what happened, so
 * a lost device reads as such instead of as a wrong result or a hang.
 */
export class DeviceWatch {
  private failure: string | undefined;

  constructor(
    device: GPUDevice,
    private readonly backend: string,
  ) {
    void device.lost.then((info) => {
      this.failure ??= `the GPU device was lost (${info.reason}${info.message ? `: ${info.message}` : ''})`;
    });
    device.addEventListener('uncapturederror', (event) => {
      this.failure ??= `the GPU reported an error: ${event.error.message}`;
    });
  }

  /** Marks the device as released on purpose. */
  destroyed(): void {
    this.failure ??= 'the GPU device was destroyed';
  }

  get lost(): boolean {
    return this.failure !== undefined;
  }

  /** Throws if the device can no longer be used; `operation` names the call that was attempted. */
  check(operation: string): void {
    if (this.failure)
      throw new BackendLostError(
        this.backend,
        `${this.backend} backend: ${this.failure}; ${operation} cannot run and its buffers are gone. ` +
          "Select another backend (setBackend('cpu')) or create the tensors again after setBackend('webgpu').",
      );
  }
}
