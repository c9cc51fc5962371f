// `--isolate`: every contender in a Node process of its own (contender-process.ts), as an application
// runs one library, instead of all of them in the benchmark's process. The parent keeps the schedule
// and asks each process in turn to run and measure a slice; the measuring happens inside the
// contender's process, so CPU, heap and RSS are that process's alone.
//
// Why: in one shared process every contender's garbage, retained objects and compiled code share one
// heap and one set of inline caches. A collection started by one contender's allocations finishes on
// V8's background threads while the next contender runs, and is charged to it; a major collection
// marks every contender's live objects. Isolated, what a contender's work costs the collector is
// charged to that contender: the CPU its process spends between its own slices (background marking
// and sweeping that its last slice started, and the IPC request for the next slice) is added to its
// next slice.
import { fork, type ChildProcess } from 'node:child_process';
import type { SliceResult } from './measure.js';
import type { Sizes, WorkloadName } from './workloads.js';

/** What the parent asks a contender process. */
export type Request = RequestBody & { readonly id: number };
type RequestBody =
  | { readonly kind: 'setup'; readonly contender: string; readonly lane: number; readonly keyspace: string; readonly sizes: Sizes; readonly concurrency: number }
  | { readonly kind: 'slice'; readonly workload: WorkloadName; readonly round: number; readonly from: number; readonly to: number }
  | { readonly kind: 'retention'; readonly rows: number; readonly pageSize: number }
  | { readonly kind: 'close' };

/** What a contender process answers: the request's value, or its error's stack. */
export type Reply = { readonly id: number } & ({ readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string });

/** A slice measured in a contender's process, with the CPU it spent since its previous slice ended (included in cpuUs). */
export interface IsolatedSlice extends SliceResult {
  readonly carriedCpuUs: number;
}

/** One contender's process, driven over IPC. */
export class ContenderProcess {
  private readonly child: ChildProcess;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private exited: Error | undefined;
  private readonly done: Promise<void>;
  /** Per workload: slices measured, CPU µs they carried from between slices, and their CPU µs in all. */
  private readonly carried = new Map<WorkloadName, { slices: number; carriedUs: number; cpuUs: number }>();

  /** Starts the process (with this process's Node flags, e.g. --expose-gc, and environment). */
  constructor(readonly name: string) {
    this.child = fork(new URL('./contender-process.js', import.meta.url), [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (reply: Reply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.ok) waiting?.resolve(reply.value);
      else waiting?.reject(new Error(`${name} (in its own process): ${reply.error}`));
    });
    // A failed send (the channel closed under it) is reported by the exit below.
    this.child.on('error', () => undefined);
    this.done = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.exited = new Error(`the process of ${name} exited (${signal ?? `code ${code}`}) before answering`);
        for (const waiting of this.pending.values()) waiting.reject(this.exited);
        this.pending.clear();
        resolve();
      });
    });
  }

  /** The contender process's id. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  private request(body: RequestBody): Promise<unknown> {
    if (this.exited !== undefined) return Promise.reject(this.exited);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ ...body, id } satisfies Request);
    });
  }

  /** Creates the contender in its process and sets it up in `keyspace`. */
  async setup(lane: number, keyspace: string, sizes: Sizes, concurrency: number): Promise<void> {
    await this.request({ kind: 'setup', contender: this.name, lane, keyspace, sizes, concurrency });
  }

  /** Runs and measures operations `from` to `to` of a workload's round. */
  async measureSlice(workload: WorkloadName, round: number, from: number, to: number): Promise<IsolatedSlice> {
    const slice = (await this.request({ kind: 'slice', workload, round, from, to })) as IsolatedSlice;
    const tally = this.carried.get(workload) ?? { slices: 0, carriedUs: 0, cpuUs: 0 };
    this.carried.set(workload, { slices: tally.slices + 1, carriedUs: tally.carriedUs + slice.carriedCpuUs, cpuUs: tally.cpuUs + slice.cpuUs });
    return slice;
  }

  /** What the slices of a workload (warm-up included) carried from between slices: µs per slice, and the share of their CPU. */
  carriedCpu(workload: WorkloadName): { usPerSlice: number; share: number } | undefined {
    const tally = this.carried.get(workload);
    return tally === undefined ? undefined : { usPerSlice: tally.carriedUs / tally.slices, share: tally.carriedUs / tally.cpuUs };
  }

  /** The stream-retention check (stream-retention.ts) in the contender's process. */
  async streamRetention(rows: number, pageSize: number): Promise<number[] | undefined> {
    return (await this.request({ kind: 'retention', rows, pageSize })) as number[] | undefined;
  }

  /** Closes the contender's connections and ends its process. */
  async close(): Promise<void> {
    if (this.exited === undefined) {
      try {
        await this.request({ kind: 'close' });
      } finally {
        if (this.child.connected) this.child.disconnect();
      }
    }
    await this.done;
  }

  /** Ends the process at once (on an interrupt). */
  kill(): void {
    this.child.kill();
  }
}
