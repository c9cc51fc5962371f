// The CLI's view of its process: streams, working folder, environment. Commands print through it,
// never through `console`, so unit specs can drive them with in-memory streams.
import { createInterface } from 'node:readline';
import { CliError } from './cli-error.js';

/** A stream that may be a terminal (process.stdin/stdout/stderr are). */
export type MaybeTty<S> = S & { isTTY?: boolean };

/** Streams and environment of one CLI run. */
export interface CliIo {
  readonly stdin: MaybeTty<NodeJS.ReadableStream>;
  readonly stdout: MaybeTty<NodeJS.WritableStream>;
  readonly stderr: MaybeTty<NodeJS.WritableStream>;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The real process's streams. */
export function processIo(): CliIo {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env };
}

/** Writes one line to standard output. */
export function out(io: CliIo, line = ''): void {
  io.stdout.write(`${line}\n`);
}

/** Writes one line to standard error. */
export function err(io: CliIo, line: string): void {
  io.stderr.write(`${line}\n`);
}

/** Asks a yes/no question on the terminal; refuses (with the way out) when stdin is not one. */
export async function confirm(io: CliIo, question: string, yesFlag: string): Promise<boolean> {
  if (io.stdin.isTTY !== true) {
    throw CliError.usage(`refusing to ask "${question}" because standard input is not a terminal; pass ${yesFlag} to proceed without asking`);
  }
  const rl = createInterface({ input: io.stdin, output: io.stderr, terminal: true });
  try {
    const answer = await new Promise<string>((resolve) => {
      rl.question(`${question} [y/N] `, resolve);
      rl.once('close', () => resolve(''));
    });
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

/** Reports progress of `total` steps; draws on a terminal (stderr), prints nothing in pipes. */
export interface Progress {
  step(label: string): void;
  done(): void;
}

/** A progress line `[3/10] label` redrawn in place on a terminal; silent when stderr is not one. */
export function progress(io: CliIo, total: number): Progress {
  if (io.stderr.isTTY !== true || total === 0) return { step: () => undefined, done: () => undefined };
  let n = 0;
  let drawn = false;
  return {
    step(label) {
      n++;
      io.stderr.write(`\r\x1b[2K[${n}/${total}] ${label}`);
      drawn = true;
    },
    done() {
      if (drawn) io.stderr.write('\r\x1b[2K');
    },
  };
}
