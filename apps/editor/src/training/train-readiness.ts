/** Why Train is not available for the document as it stands, or undefined when it can train. */
export interface TrainReadinessInput {
  nodeCount: number;
  /** Problems of severity "error" the analysis reports. */
  errorCount: number;
  /** Whether the document has a node of the data category. */
  hasDataset: boolean;
}

export function trainBlocker({
  nodeCount,
  errorCount,
  hasDataset,
}: TrainReadinessInput): string | undefined {
  const blocker = graphBlocker({ nodeCount, errorCount });
  if (blocker) return blocker;
  if (!hasDataset) return 'Add a dataset node first';
  return undefined;
}

/** Why the graph itself cannot run or be exported (empty, or with errors), or undefined. */
export function graphBlocker({
  nodeCount,
  errorCount,
}: Pick<TrainReadinessInput, 'nodeCount' | 'errorCount'>): string | undefined {
  if (nodeCount === 0) return 'Add nodes or open a template first';
  if (errorCount > 0) return `Fix ${errorCount} problem${errorCount === 1 ? '' : 's'} first`;
  return undefined;
}
