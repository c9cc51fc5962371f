// `--replay`: every contender's driver client answers from a recording of the node's own answers
// instead of the network. What is left in a slice is each library's own work above `client.execute()`
// and `client.batch()` (building the statement and its parameters, mapping the result set into
// objects), plus the same harness for all. The network, the node and the driver's protocol work are
// the same for every contender and dominate the real-node run, where a 1% difference between two
// mappers drowns in a few percent of noise; without them it shows.
//
// The recording is made on the real node first (recordWorkload): every distinct operation of the
// workload, once per contender, through the driver as usual. Answers without rows (writes), and those
// of conditional writes that applied (`[applied]` only), are kept per statement text and replayed for
// any parameters; answers with rows are kept per statement text,
// parameters, page size and paging state, so a read gets the values the node returned for it. Once
// armed, a call with no recorded answer rejects instead of reaching the node.
//
// Every replayed answer with rows is a new ResultSet with new driver `Row`s, built the way the driver
// builds them (`new Row(columns)`, then one store per column in column order), as young garbage like
// the real thing, and settles in a turn of the event loop of its own, as an answer from the network.
// Handing out the recorded objects again made the result depend on where and in what state the
// recording happened to sit: in one run the raw driver's control spent 1.8× what the raw driver did
// per streamed row, on identical code.
import cassandra from 'cassandra-driver';
import type { Contender } from './contenders/contender.js';
import { measureSlice } from './measure.js';
import type { LocalEntrant } from './runner.js';
import type { Workload } from './workloads.js';

type ResultSet = cassandra.types.ResultSet;
type Execute = (query: string, params?: unknown, options?: cassandra.QueryOptions) => Promise<ResultSet>;
type Batch = (queries: unknown[], options?: cassandra.QueryOptions) => Promise<ResultSet>;

/** A contender whose driver clients can be replayed. */
export interface Replayable extends Contender {
  /** Every driver client the contender's operations go through. */
  driverClients(): readonly cassandra.Client[];
}

/** True when the contender exposes its driver clients. */
export function isReplayable(contender: Contender): contender is Replayable {
  return typeof (contender as Partial<Replayable>).driverClients === 'function';
}

/**
 * Settles with what `answer` returns (or throws) in a later turn of the event loop, as the driver
 * settles with an answer from the network: each answer in a macrotask of its own, not in the caller's
 * frame or microtask queue.
 */
function later<T>(answer: () => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    setImmediate(() => {
      try {
        resolve(answer());
      } catch (error) {
        reject(error);
      }
    });
  });
}

/** Thrown by a replayed client asked for something the recording does not hold. */
export class ReplayMiss extends Error {
  override readonly name = 'ReplayMiss';
}

/** The key of an answer with rows: statement, parameters, page size and paging state. */
export function callKey(query: string, params: unknown, options: cassandra.QueryOptions | undefined): string {
  const values = params == null ? '' : Array.isArray(params) ? params.map(String).join('\u0001') : JSON.stringify(params);
  const state = options?.pageState;
  const page = state == null ? '' : typeof state === 'string' ? state : state.toString('hex');
  return `${query}\u0000${values}\u0000${options?.fetchSize ?? ''}\u0000${page}`;
}

/** One client's recorded answers, and its `execute` and `batch` switched between the node and the recording. */
export class ReplayedClient {
  private armed = false;
  /** Answers without rows (writes), by statement text. */
  private readonly writes = new Map<string, ResultSet>();
  /** Answers of conditional writes that applied (an `[applied]` column only), by statement text. */
  private readonly conditional = new Map<string, Recorded>();
  /** Answers with rows, by callKey. */
  private readonly reads = new Map<string, Recorded>();
  private batchAnswer: ResultSet | undefined;

  constructor(private readonly name: string, client: cassandra.Client) {
    const execute = client.execute.bind(client) as unknown as Execute;
    const batch = client.batch.bind(client) as unknown as Batch;
    const replayExecute = (query: string, params?: unknown, options?: cassandra.QueryOptions, callback?: unknown): Promise<ResultSet> => {
      if (typeof params === 'function' || typeof options === 'function' || callback !== undefined) {
        return Promise.reject(new ReplayMiss(`${this.name}: --replay records the promise form of execute() only`));
      }
      if (!this.armed) return execute(query, params, options).then((rs) => this.keep(query, params, options, rs));
      // Looked up and built in a turn of its own (later()), not in the caller's frame: built in place,
      // it was compiled into each contender's code (inlined by V8), so the same rows cost each
      // contender differently (a profile charged cassandra-orm's send() with the row building); and
      // settled in the microtask queue, concurrent scans interleaved unlike answers from the network.
      return later(() => this.lookup(query, params, options));
    };
    const replayBatch = (queries: unknown[], options?: cassandra.QueryOptions, callback?: unknown): Promise<ResultSet> => {
      if (typeof options === 'function' || callback !== undefined) {
        return Promise.reject(new ReplayMiss(`${this.name}: --replay records the promise form of batch() only`));
      }
      if (!this.armed) {
        return batch(queries, options).then((rs) => {
          if (rs.columns == null) this.batchAnswer ??= rs;
          return rs;
        });
      }
      return later(() => {
        if (this.batchAnswer === undefined) throw new ReplayMiss(`${this.name}: no batch was recorded`);
        return this.batchAnswer;
      });
    };
    // Own properties shadow the prototype's methods: every caller (the mapper's code included) gets these.
    Object.assign(client, { execute: replayExecute, batch: replayBatch });
  }

  /** From now on, answers come from the recording only. */
  arm(): void {
    this.armed = true;
  }

  /** Answers go to the node again (and are recorded). */
  disarm(): void {
    this.armed = false;
  }

  private lookup(query: string, params: unknown, options: cassandra.QueryOptions | undefined): ResultSet {
    const write = this.writes.get(query);
    if (write !== undefined) return write;
    const conditional = this.conditional.get(query);
    if (conditional !== undefined) return conditional.answer();
    const read = this.reads.get(callKey(query, params, options));
    if (read !== undefined) return read.answer();
    throw new ReplayMiss(`${this.name}: no recorded answer for ${query} with parameters ${JSON.stringify(params)}: the operation was not in the recording round`);
  }

  private keep(query: string, params: unknown, options: cassandra.QueryOptions | undefined, rs: ResultSet): ResultSet {
    if (rs.columns == null) {
      if (!this.writes.has(query)) this.writes.set(query, rs);
    } else if (rs.columns.length === 1 && rs.columns[0]!.name === '[applied]') {
      // A conditional write that applied: the same one-cell answer whatever it wrote.
      if (!this.conditional.has(query)) this.conditional.set(query, new Recorded(rs));
    } else {
      this.reads.set(callKey(query, params, options), new Recorded(rs));
    }
    return rs;
  }
}

// The driver's Row class (its typings declare the type only).
const DriverRow = (cassandra.types as unknown as { Row: new (columns: ResultSet['columns']) => Record<string, unknown> }).Row;

/**
 * An answer with rows: its result set without them, and the recorded values column by column. One
 * array per column keeps them contiguous (V8 stores a column of doubles unboxed, a column of small
 * integers untagged): with an array per row, each contender read its own recording from wherever the
 * heap had put it, and in one run the raw driver's identical control read a 10,000-row scan 7% cheaper.
 */
class Recorded {
  private readonly template: ResultSet;
  private readonly names: readonly string[];
  private readonly data: readonly (readonly unknown[])[];
  private readonly rowCount: number;

  constructor(rs: ResultSet) {
    const rows = rs.rows as unknown as readonly Record<string, unknown>[];
    this.names = rs.columns.map((c) => c.name);
    this.data = this.names.map((n) => rows.map((row) => row[n]));
    this.rowCount = rows.length;
    // The recorded rows themselves are not kept.
    this.template = Object.assign(Object.create(Object.getPrototypeOf(rs) as object) as ResultSet, rs, { rows: [] });
  }

  /** A new result set like the recorded one, with new rows holding the recorded values. */
  answer(): ResultSet {
    const { names, data, rowCount } = this;
    const columns = this.template.columns;
    const rows = new Array<cassandra.types.Row>(rowCount);
    for (let i = 0; i < rowCount; i++) {
      const row = new DriverRow(columns);
      for (let j = 0; j < names.length; j++) row[names[j] as string] = (data[j] as readonly unknown[])[i];
      rows[i] = row as unknown as cassandra.types.Row;
    }
    return Object.assign(Object.create(Object.getPrototypeOf(this.template) as object) as ResultSet, this.template, { rows });
  }
}

/** Every entrant's clients, replayed. */
export class Replay {
  private readonly clients: ReplayedClient[] = [];

  constructor(entrants: readonly LocalEntrant[]) {
    for (const e of entrants) {
      if (!isReplayable(e.contender)) throw new Error(`${e.plugin.name} cannot be replayed (it does not expose its driver clients)`);
      for (const client of e.contender.driverClients()) this.clients.push(new ReplayedClient(e.plugin.name, client));
    }
  }

  /**
   * Runs the workload's first `recordOps` operations (every distinct answer) for every entrant on the
   * real node, recording the answers, then arms the recording: from then on the workload's operations
   * never reach the node.
   */
  async recordWorkload(workload: Workload, entrants: readonly LocalEntrant[], round: number): Promise<void> {
    for (const c of this.clients) c.disarm();
    for (const e of entrants) await measureSlice(workload, e.contender, e.lane, round, 0, workload.recordOps);
    for (const c of this.clients) c.arm();
  }
}
