import type { TestProject } from 'vitest/node';
import { startPreviewServer } from './preview-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    editorUrl: string;
  }
}

/** Starts the built editor once for all specs and stops it afterwards. */
export default async function setup(project: TestProject) {
  const server = await startPreviewServer();
  project.provide('editorUrl', server.url);
  return () => server.stop();
}
