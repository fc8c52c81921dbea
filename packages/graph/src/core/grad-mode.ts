let enabled = true;

/** Whether ops record what autograd needs. Off while gradients themselves are recorded. */
export function isGradEnabled(): boolean {
  return enabled;
}

/** Runs `fn` without recording for autograd, like PyTorch's `torch.no_grad()`. */
export function noGrad<T>(fn: () => T): T {
  const previous = enabled;
  enabled = false;
  try {
    return fn();
  } finally {
    enabled = previous;
  }
}
