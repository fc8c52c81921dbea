/**
 * The op conformance suite every Loom backend must pass: a table of cases (seeded inputs, the Loom
 * op, a tfjs oracle) and the checks that run them. Runners (Vitest in Node, Vitest browser mode for
 * WebGPU) register their backend and make one test per case and check.
 */
export type { OpCase, InputSpec, FloatInput, IntInput, BoolInput, Tolerance, Output, PropertyCheck } from './op-case.js';
export { opCases } from './op-cases.js';
export { errorCases, checkRecordError, type ErrorCase } from './error-cases.js';
export { apiChecks, type ApiCheck } from './api-checks.js';
export {
  checkForward,
  checkGradFiniteDifference,
  checkGradTfjs,
  checksFor,
  prepareTfjsOracle,
  useBackend,
  FORWARD_TOL,
  TFJS_GRAD_TOL,
  FD_EPSILON,
  FD_TOL,
} from './check.js';
