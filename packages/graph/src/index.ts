/** Lazy tensors, the primitive op set with shape rules and VJPs, autograd, the scheduler, the `Backend` interface and the backend selector. */
export const packageName = '@loom/graph';
