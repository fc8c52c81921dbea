/** Module, layers, initialisers, losses, optimizers, schedulers and `fit()` returning an RxJS Observable. */
export const packageName = '@loom/nn';
