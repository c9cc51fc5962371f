// Lines of standard input, one awaited at a time, with a prompt on a terminal (line editing and
// history come from node:readline). Lets the shell ask "more?" between pages on the same input.
import { createInterface, type Interface } from 'node:readline';
import type { CliIo } from './io.js';

/** Reads lines; `null` at end of input. */
export class LineReader {
  private readonly rl: Interface;
  private readonly queue: string[] = [];
  private waiting: ((line: string | null) => void) | undefined;
  private closed = false;
  /** Called on Ctrl-C at the prompt (terminal only). */
  onInterrupt: () => void = () => undefined;

  constructor(io: CliIo, readonly terminal: boolean, history: readonly string[] = []) {
    this.rl = createInterface({
      input: io.stdin,
      output: terminal ? io.stdout : undefined,
      terminal,
      history: [...history],
      historySize: 1000,
      removeHistoryDuplicates: true,
    } as Parameters<typeof createInterface>[0]);
    this.rl.on('line', (line) => this.deliver(line));
    this.rl.on('close', () => {
      this.closed = true;
      this.deliver(null);
    });
    this.rl.on('SIGINT', () => {
      this.rl.write('\n');
      this.onInterrupt();
    });
  }

  private deliver(line: string | null): void {
    const waiting = this.waiting;
    if (waiting !== undefined) {
      this.waiting = undefined;
      waiting(line);
    } else if (line !== null) this.queue.push(line);
  }

  /** The next line (after showing `prompt` on a terminal), or `null` when input ended. */
  async next(prompt: string): Promise<string | null> {
    const queued = this.queue.shift();
    if (queued !== undefined) return queued;
    if (this.closed) return null;
    if (this.terminal) {
      this.rl.setPrompt(prompt);
      this.rl.prompt();
    }
    return new Promise((resolve) => (this.waiting = resolve));
  }

  /** Lines entered, most recent first (terminal only). */
  get history(): readonly string[] {
    return (this.rl as unknown as { history?: string[] }).history ?? [];
  }

  close(): void {
    this.rl.close();
  }
}
