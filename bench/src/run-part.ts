import { spawn } from 'node:child_process';

/**
 * Runs one part of the benchmark as a child process with inherited output (its progress and
 * markdown show live), and resolves when it exits 0; rejects with its exit status otherwise.
 */
export function runPart(command: string, args: readonly string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${signal ?? code}`)),
    );
  });
}
