import { readFile, writeFile } from 'node:fs/promises';
import type { Module } from '../core/module.js';
import type { Optimizer } from '../optim/optimizer.js';
import { loadCheckpoint, saveCheckpoint } from './checkpoint.js';

/** Node only: saves a checkpoint to a file. */
export async function saveCheckpointFile(path: string, model: Module, optimizer?: Optimizer, metadata?: Record<string, unknown>): Promise<void> {
  await writeFile(path, new Uint8Array(await saveCheckpoint(model, optimizer, metadata)));
}

/** Node only: loads a checkpoint file into a model (and optimizer); returns its metadata. */
export async function loadCheckpointFile(path: string, model: Module, optimizer?: Optimizer): Promise<Record<string, unknown>> {
  return loadCheckpoint(await readFile(path), model, optimizer);
}
