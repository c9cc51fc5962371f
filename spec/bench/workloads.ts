// The nine workloads: what one operation is, how many a round runs, at what concurrency, and the
// check that the contender really did the work (a scan must return every row).
import type { Contender } from './contenders/contender.js';
import { eventRow, SCAN_BUCKET, STREAM_BUCKET, userRow, type SeedPlan } from './data.js';
import { NEAREST_LIMIT, nearestMismatch, VECTOR_DIMENSIONS, VECTOR_QUERIES, vectorSet } from './vector-data.js';

/** A workload's name, as on the command line and in the table. */
export type WorkloadName = 'insert' | 'read' | 'scan' | 'update' | 'batch' | 'stream' | 'page' | 'lwt' | 'vector';

/** Sizes of one run: full (manual) or smoke (CI). */
export interface Sizes {
  /** Operations per round of the point workloads (insert, read, update). */
  readonly pointOps: number;
  /** Batches per round, and rows per batch. */
  readonly batchOps: number;
  readonly batchRows: number;
  /** Rows in the scanned partition, and scans per round. */
  readonly scanRows: number;
  readonly scanOps: number;
  /** Rows in the streamed partition, streams per round, rows per page. */
  readonly streamRows: number;
  readonly streamOps: number;
  readonly streamPage: number;
  /** Page reads per round (each the first page of the streamed partition and the page after it), and rows per page. */
  readonly pageOps: number;
  readonly pageRows: number;
  /** Conditional inserts (INSERT ... IF NOT EXISTS) per round. */
  readonly lwtOps: number;
  /** Vector-indexed items seeded for the ANN queries, and ANN queries per round. */
  readonly vectorRows: number;
  readonly vectorOps: number;
  /** Users seeded for reads and updates. */
  readonly seedUsers: number;
}

/** Sizes of the full (manual) run. */
export const FULL: Sizes = {
  pointOps: 10_000,
  batchOps: 2_000,
  batchRows: 10,
  scanRows: 10_000,
  // 40 scans and 4 streams a round: with fewer, a single major GC in one contender's slice moved its
  // round's CPU ratio by 10% or more.
  scanOps: 40,
  streamRows: 100_000,
  streamOps: 4,
  streamPage: 1_000,
  pageOps: 2_000,
  pageRows: 100,
  // A Paxos round costs the node four exchanges, so a round of 2,000 was short: its slices held about
  // 14 ms of client CPU each, and one collection moved a round's ratio by a third (the control read
  // 0.62–1.32×). 5,000 make a round about as long as the others'.
  lwtOps: 5_000,
  // Few enough rows to seed in seconds (two writes in flight: see data.ts), as many queries as the
  // page and lwt workloads run.
  vectorRows: 2_000,
  vectorOps: 2_000,
  seedUsers: 10_000,
};

/** Sizes of the smoke run CI makes: a few hundred operations. */
export const SMOKE: Sizes = {
  pointOps: 300,
  batchOps: 60,
  batchRows: 10,
  scanRows: 500,
  scanOps: 4,
  streamRows: 2_000,
  streamOps: 1,
  streamPage: 200,
  pageOps: 30,
  pageRows: 50,
  lwtOps: 60,
  vectorRows: 300,
  vectorOps: 100,
  seedUsers: 300,
};

/**
 * The sizes of a `--replay` run: ten times the operations a round, since a replayed operation costs
 * 20–100 times less CPU than one on the node and a slice must stay long enough to time (several ms).
 * Rows and seeded users stay the same: the recording holds every distinct answer once.
 */
export function replaySizes(sizes: Sizes): Sizes {
  return { ...sizes, pointOps: sizes.pointOps * 10, batchOps: sizes.batchOps * 10, scanOps: sizes.scanOps * 10, streamOps: sizes.streamOps * 10, pageOps: sizes.pageOps * 10, lwtOps: sizes.lwtOps * 10, vectorOps: sizes.vectorOps * 10 };
}

/** What the suite seeds before measuring, for these sizes and this many contenders (lanes). */
export function seedPlan(sizes: Sizes, lanes: number): SeedPlan {
  return { users: sizes.seedUsers, updateUsers: { from: UPDATE_BASE, count: lanes * sizes.seedUsers }, scanRows: sizes.scanRows, streamRows: sizes.streamRows, vectorRows: sizes.vectorRows };
}

/** One workload, ready to run `ops` operations of a round. */
export interface Workload {
  readonly name: WorkloadName;
  /** One line for the table's legend. */
  readonly describe: string;
  readonly ops: number;
  readonly concurrency: number;
  /**
   * How many operations, counted from 0, meet every distinct answer the node gives this workload: what
   * `--replay` records (replay.ts). Writes get the same answer whatever they write.
   */
  readonly recordOps: number;
  /**
   * Runs operation `i` of round `round` for the contender in lane `lane` (rounds and lanes are
   * numbered so that no two writes hit the same key).
   */
  run(contender: Contender, lane: number, round: number, i: number): Promise<void>;
}

// Keys written by the write workloads start far above the seeded ones; every contender (lane) writes
// in its own range of 10 million keys, 1,000 full rounds.
const WRITE_BASE = 1_000_000;
const LANE_KEYS = 10_000_000;

// The rows the update workload changes: seedUsers of them per lane, below the written keys, so that
// what each contender's updates left can be read back (verify.ts) without another lane overwriting it.
const UPDATE_BASE = 500_000;

/** The user row that update operation `i` changes in `lane`. */
export function updateKey(lane: number, sizes: Sizes, i: number): number {
  const key = UPDATE_BASE + lane * sizes.seedUsers + (i % sizes.seedUsers);
  if (key >= WRITE_BASE) throw new Error(`update key ${key} of lane ${lane} runs into the written keys: run fewer contenders`);
  return key;
}

/**
 * The user key conditional insert `i` of `round` writes in `lane`: in the upper half of the lane's
 * range, which the insert workload's keys (writeKey) never reach, so every condition finds no row.
 */
export function lwtKey(lane: number, round: number, opsPerRound: number, i: number): number {
  const offset = round * opsPerRound + i;
  if (offset >= LANE_KEYS / 2) throw new Error(`conditional insert key ${offset} of lane ${lane} is past the lane's ${LANE_KEYS / 2} keys: run fewer rounds`);
  const key = WRITE_BASE + lane * LANE_KEYS + LANE_KEYS / 2 + offset;
  if (key > 2 ** 31 - 1) throw new Error(`lane ${lane} has no room in an int key: run fewer contenders`);
  return key;
}

/** The score update operation `i` of `round` sets. */
export function updateScore(round: number, i: number): number {
  return round + i / 1000;
}

/** The key (user id, or event bucket) that operation `i` of `round` writes in `lane`. */
export function writeKey(lane: number, round: number, opsPerRound: number, i: number): number {
  const offset = round * opsPerRound + i;
  // Past its half of the range a lane would write the conditional inserts' keys (lwtKey), past the
  // range the next lane's rows, and past 2^31 an int key overflows.
  if (offset >= LANE_KEYS / 2) throw new Error(`write key ${offset} of lane ${lane} is past the lane's ${LANE_KEYS / 2} keys: run fewer rounds`);
  const key = WRITE_BASE + lane * LANE_KEYS + offset;
  if (key > 2 ** 31 - 1) throw new Error(`lane ${lane} has no room in an int key: run fewer contenders`);
  return key;
}

function fail(workload: string, message: string): never {
  throw new Error(`${workload}: ${message}`);
}

/**
 * The vector workload: operation i is an ANN query (the NEAREST_LIMIT nearest items by cosine
 * similarity) with query vector i of the seeded ones, in turn; its answer is checked against the
 * seeded rows and the exact neighbours computed here (vector-data.ts).
 */
export function vectorWorkload(sizes: Sizes, concurrency: number): Workload {
  const set = vectorSet(sizes.vectorRows);
  return {
    name: 'vector',
    describe: `vector: one ANN query (ORDER BY embedding ANN OF ? LIMIT ${NEAREST_LIMIT}) over ${sizes.vectorRows.toLocaleString('en-US')} vector<float, ${VECTOR_DIMENSIONS}> rows with an SAI index, the ${NEAREST_LIMIT} rows materialised into objects and checked against the exact nearest`,
    ops: sizes.vectorOps,
    concurrency,
    recordOps: Math.min(sizes.vectorOps, VECTOR_QUERIES),
    run: async (c, _lane, _round, i) => {
      const q = i % VECTOR_QUERIES;
      const wrong = nearestMismatch(set, q, await c.nearest(set.queries[q]!));
      if (wrong !== undefined) fail('vector', `query ${q}: ${wrong}`);
    },
  };
}

/** The workloads of a run, in table order, for `concurrency` in-flight operations. */
export function workloads(sizes: Sizes, concurrency: number): Workload[] {
  const scanConcurrency = Math.min(concurrency, 4);
  return [
    {
      name: 'insert',
      describe: 'insert: one single-row INSERT of a 7-column users row',
      ops: sizes.pointOps,
      concurrency,
      recordOps: Math.min(sizes.pointOps, concurrency),
      run: (c, lane, round, i) => c.insert(userRow(writeKey(lane, round, sizes.pointOps, i))),
    },
    {
      name: 'read',
      describe: 'read: one SELECT by primary key, materialised into an object',
      ops: sizes.pointOps,
      concurrency,
      recordOps: Math.min(sizes.pointOps, sizes.seedUsers),
      run: async (c, _lane, _round, i) => {
        const found = await c.readByKey(i % sizes.seedUsers);
        if (found === undefined) fail('read', `user ${i % sizes.seedUsers} not found`);
      },
    },
    {
      name: 'scan',
      describe: `scan: one ${sizes.scanRows.toLocaleString('en-US')}-row partition read in one request, materialised into objects (concurrency ${scanConcurrency})`,
      ops: sizes.scanOps,
      concurrency: scanConcurrency,
      recordOps: 1,
      run: async (c) => {
        const rows = await c.scanPartition(SCAN_BUCKET);
        if (rows.length !== sizes.scanRows) fail('scan', `expected ${sizes.scanRows} rows, got ${rows.length}`);
      },
    },
    {
      name: 'update',
      describe: 'update: one UPDATE of one column (score) by primary key, of rows of its own per contender',
      ops: sizes.pointOps,
      concurrency,
      recordOps: Math.min(sizes.pointOps, concurrency),
      run: (c, lane, round, i) => c.updateScore(updateKey(lane, sizes, i), updateScore(round, i)),
    },
    {
      name: 'batch',
      describe: `batch: one logged BATCH of ${sizes.batchRows} single-row INSERTs into one partition`,
      ops: sizes.batchOps,
      concurrency,
      recordOps: Math.min(sizes.batchOps, concurrency),
      run: (c, lane, round, i) => {
        const bucket = writeKey(lane, round, sizes.batchOps, i);
        return c.insertBatch(Array.from({ length: sizes.batchRows }, (_, seq) => eventRow(bucket, seq)));
      },
    },
    {
      name: 'stream',
      describe: `stream: every row of a ${sizes.streamRows.toLocaleString('en-US')}-row partition, ${sizes.streamPage.toLocaleString('en-US')} rows a page, one at a time (concurrency 1)`,
      ops: sizes.streamOps,
      concurrency: 1,
      recordOps: 1,
      run: async (c) => {
        let checksum = 0;
        const count = await c.streamPartition(STREAM_BUCKET, sizes.streamPage, (row) => {
          checksum += (row as { seq: number }).seq;
        });
        const n = sizes.streamRows;
        if (count !== n) fail('stream', `expected ${n} rows, got ${count}`);
        if (checksum !== (n * (n - 1)) / 2) fail('stream', 'rows arrived with wrong values');
      },
    },
    {
      name: 'page',
      describe: `page: the first ${sizes.pageRows}-row page of a partition, then the page after it by the token the first returned, each materialised into objects`,
      ops: sizes.pageOps,
      concurrency,
      recordOps: 1,
      run: async (c) => {
        const size = sizes.pageRows;
        const first = await c.readPage(STREAM_BUCKET, size, undefined);
        if (first.rows.length !== size || first.next === undefined) fail('page', `expected a first page of ${size} rows and a token, got ${first.rows.length} rows${first.next === undefined ? ' and no token' : ''}`);
        const second = await c.readPage(STREAM_BUCKET, size, first.next);
        if (second.rows.length !== size) fail('page', `expected a second page of ${size} rows, got ${second.rows.length}`);
        const seqs = [first.rows[0], first.rows[size - 1], second.rows[0]].map((r) => (r as { seq?: unknown }).seq);
        if (seqs[0] !== 0 || seqs[1] !== size - 1 || seqs[2] !== size) fail('page', `pages hold rows ${seqs.join(', ')} instead of 0, ${size - 1}, ${size}`);
      },
    },
    {
      name: 'lwt',
      describe: 'lwt: one INSERT ... IF NOT EXISTS of a new users row (a lightweight transaction), which must apply',
      ops: sizes.lwtOps,
      concurrency,
      recordOps: 1,
      run: async (c, lane, round, i) => {
        const id = lwtKey(lane, round, sizes.lwtOps, i);
        if (!(await c.insertIfAbsent(userRow(id)))) fail('lwt', `the conditional insert of user ${id} did not apply`);
      },
    },
    vectorWorkload(sizes, concurrency),
  ];
}

/** Every workload, in table order. */
export const WORKLOAD_NAMES: readonly WorkloadName[] = ['insert', 'read', 'scan', 'update', 'batch', 'stream', 'page', 'lwt', 'vector'];
