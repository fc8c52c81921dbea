import type { Tensor } from '@loom/graph';
import { Module } from '../core/module.js';

/** Activation functions as modules, for Sequential. Each is the Tensor method of the same name. */

export class ReLU extends Module {
  forward(input: Tensor): Tensor {
    return input.relu();
  }
}

export class Sigmoid extends Module {
  forward(input: Tensor): Tensor {
    return input.sigmoid();
  }
}

export class Tanh extends Module {
  forward(input: Tensor): Tensor {
    return input.tanh();
  }
}

/** The exact (erf) GELU. */
export class GELU extends Module {
  forward(input: Tensor): Tensor {
    return input.gelu();
  }
}

export class LeakyReLU extends Module {
  constructor(readonly negativeSlope = 0.01) {
    super();
  }

  forward(input: Tensor): Tensor {
    return input.leakyRelu(this.negativeSlope);
  }
}

export class ELU extends Module {
  constructor(readonly alpha = 1) {
    super();
  }

  forward(input: Tensor): Tensor {
    return input.elu(this.alpha);
  }
}

export class Softplus extends Module {
  forward(input: Tensor): Tensor {
    return input.softplus();
  }
}

export class Softmax extends Module {
  constructor(readonly dim = -1) {
    super();
  }

  forward(input: Tensor): Tensor {
    return input.softmax(this.dim);
  }
}

export class LogSoftmax extends Module {
  constructor(readonly dim = -1) {
    super();
  }

  forward(input: Tensor): Tensor {
    return input.logSoftmax(this.dim);
  }
}

/** Passes its input through (a placeholder, e.g. for an optional normalisation). */
export class Identity extends Module {
  forward(input: Tensor): Tensor {
    return input;
  }
}
