import type { BufferId, BufferRef, ProgramStep, ReplayableProgram } from '@loom/graph';

/**
 * The steps of a prepared program with its own ids replaced: parameters and results by the
 * caller's buffers, temporaries by ids the caller never uses (negative, counting down), so one
 * replay's temporaries cannot collide with the caller's tensors.
 */
export function rebind(
  program: ReplayableProgram,
  params: readonly BufferId[],
  results: readonly BufferId[],
  nextTemporary: () => BufferId,
): ProgramStep[] {
  if (params.length !== program.params.length || results.length !== program.results.length)
    throw new Error(
      `replay: the program takes ${program.params.length} params and ${program.results.length} results, ` +
        `got ${params.length} and ${results.length}`,
    );
  const ids = new Map<BufferId, BufferId>();
  program.params.forEach((id, i) => ids.set(id, params[i]));
  program.results.forEach((id, i) => ids.set(id, results[i]));
  const map = (id: BufferId): BufferId => {
    let mapped = ids.get(id);
    if (mapped === undefined) ids.set(id, (mapped = nextTemporary()));
    return mapped;
  };
  const ref = (r: BufferRef): BufferRef => ({ ...r, id: map(r.id) });
  return program.steps.map((step): ProgramStep => {
    if (step.kind === 'free') return { kind: 'free', id: map(step.id) };
    if (step.kind === 'fused') return { ...step, inputs: step.inputs.map(ref), output: ref(step.output) };
    const epilogue = step.epilogue && { ...step.epilogue, inputs: step.epilogue.inputs.map(ref) };
    return { ...step, inputs: step.inputs.map(ref), output: ref(step.output), ...(epilogue && { epilogue }) };
  });
}
