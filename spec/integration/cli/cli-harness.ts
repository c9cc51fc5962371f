// Runs the built `cassandra-orm` binary as a child process, as a user would, and collects its output.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../support/repo-root.js';
import { runNode, type NodeRun } from '../../support/run-node.js';

/** Exit code and output of one CLI run. */
export type CliResult = NodeRun;

/** The compiled entry point, exactly what `npx cassandra-orm` runs. */
export const CLI = join(repoRoot(), 'dist', 'src', 'cli', 'main.js');

/** Runs `node dist/src/cli/main.js ...args` in `cwd`, feeding `input` to its stdin. */
export function runCli(args: readonly string[], options: { cwd: string; input?: string; env?: Record<string, string> }): Promise<CliResult> {
  return runNode([CLI, ...args], { cwd: options.cwd, input: options.input ?? '', ...(options.env !== undefined ? { env: options.env } : {}) });
}

/** A temporary project folder; `remove()` deletes it. */
export function tempProject(prefix: string): { dir: string; write(name: string, text: string): string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), `corm-${prefix}-`));
  return {
    dir,
    write(name, text) {
      const file = join(dir, name);
      writeFileSync(file, text);
      return file;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** JavaScript source of a connection entry for the suite's node; credentials come from the environment. */
export function nodeConnectionSource(extra: Record<string, unknown> = {}): string {
  const fields = Object.entries(extra).map(([k, v]) => `, ${k}: ${JSON.stringify(v)}`).join('');
  return (
    '{ contactPoints: process.env.CASSANDRA_CONTACT_POINTS, localDataCenter: process.env.CASSANDRA_LOCAL_DC, ' +
    `username: process.env.CASSANDRA_USERNAME, password: process.env.CASSANDRA_PASSWORD${fields} }`
  );
}

/** A loopback port nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
