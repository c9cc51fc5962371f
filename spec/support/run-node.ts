// Runs a Node.js script as a child process, as a user would, and collects what it prints.
import { spawn } from 'node:child_process';

export interface NodeRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunNodeOptions {
  readonly cwd?: string;
  /** Added to (and overriding) this process's environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** Written to the child's stdin, which is then closed; without it stdin is ignored. */
  readonly input?: string;
}

/** `node ...args` with this process's Node binary; resolves when the child has exited and its streams closed. */
export function runNode(args: readonly string[], options: RunNodeOptions = {}): Promise<NodeRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...args], {
      ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
      env: { ...process.env, ...options.env },
      stdio: [options.input !== undefined ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}
