// The data every contender reads and writes: three tables, deterministic rows, and the unmeasured
// seeding of the rows the read, update, scan, stream and vector workloads need.
import cassandra from 'cassandra-driver';
import { NEAREST_LIMIT, VECTOR_DIMENSIONS, vectorSet } from './vector-data.js';

/** A `users` row: a single-partition entity, the shape of the point workloads. */
export interface UserRow {
  id: number;
  name: string;
  email: string;
  age: number;
  score: number;
  active: boolean;
  created: Date;
}

/** An `events` row: one partition per bucket, clustered by seq; the shape of scans and streams. */
export interface EventRow {
  bucket: number;
  seq: number;
  name: string;
  value: number;
  payload: string;
}

/**
 * CQL of the three tables (and the vector index), for the contenders that have no DDL of their own (raw
 * driver, driver Mapper). The suite runs them first (main.ts); IF NOT EXISTS, because those contenders
 * run them again in their setup. The index has the name and options cassandra-orm's `@VectorIndex({
 * similarity: 'COSINE' })` gives it, so that its `syncSchema` finds nothing to change.
 */
export const TABLES_CQL: readonly string[] = [
  'CREATE TABLE IF NOT EXISTS users (id int PRIMARY KEY, name text, email text, age int, score double, active boolean, created timestamp)',
  'CREATE TABLE IF NOT EXISTS events (bucket int, seq int, name text, value double, payload text, PRIMARY KEY (bucket, seq)) WITH CLUSTERING ORDER BY (seq ASC)',
  `CREATE TABLE IF NOT EXISTS items (id int PRIMARY KEY, embedding vector<float, ${VECTOR_DIMENSIONS}>)`,
  "CREATE CUSTOM INDEX IF NOT EXISTS items_embedding_idx ON items (embedding) USING 'sai' WITH OPTIONS = {'similarity_function': 'COSINE'}",
];

/**
 * The ANN query of the vector workload, as the raw driver, the driver Mapper and express-cassandra send
 * it (cassandra-orm's nearest() sends the same with the LIMIT bound).
 */
export const SELECT_NEAREST = `SELECT id, embedding FROM items ORDER BY embedding ANN OF ? LIMIT ${NEAREST_LIMIT}`;

/**
 * The driver options of that query, as cassandra-orm's nearest() sends it: a fetch size of its LIMIT
 * (the result in one page, as the node returns an ANN result), and the client's default consistency
 * (LOCAL_ONE: driverOptions sets none), one of the two Cassandra 5.0 runs ANN queries at.
 */
export const NEAREST_OPTIONS = { prepare: true, fetchSize: NEAREST_LIMIT } as const;

/** A query vector as the driver binds a `vector<float, n>`. */
export function driverVector(v: readonly number[]): cassandra.types.Vector {
  return new cassandra.types.Vector(v as number[], 'float');
}

const EPOCH = Date.UTC(2024, 0, 1);
const PAYLOAD = 'x'.repeat(48);

/** The user with this id (same values for every contender). */
export function userRow(id: number): UserRow {
  return {
    id,
    name: `user ${id}`,
    email: `user${id}@example.com`,
    age: 18 + (id % 60),
    score: (id % 1000) / 7,
    active: id % 2 === 0,
    created: new Date(EPOCH + id * 1000),
  };
}

/** Event `seq` of partition `bucket`. */
export function eventRow(bucket: number, seq: number): EventRow {
  return { bucket, seq, name: `event ${seq}`, value: seq / 3, payload: PAYLOAD };
}

/** Partition the scan reads. */
export const SCAN_BUCKET = 0;
/** Partition the stream reads. */
export const STREAM_BUCKET = 1;

/** What to seed before measuring. */
export interface SeedPlan {
  /** Users 0..users-1, which every contender reads. */
  readonly users: number;
  /** Users the update workload changes (ids from..from+count-1), one range per contender. */
  readonly updateUsers?: { readonly from: number; readonly count: number };
  readonly scanRows: number;
  readonly streamRows: number;
  /** Items 0..vectorRows-1 (vectorSet(vectorRows)), which every contender's ANN queries search. */
  readonly vectorRows: number;
}

async function inParallel(count: number, concurrency: number, task: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < count; i = next++) await task(i);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

/** Writes the seed rows into `keyspace` with raw prepared statements (not measured). */
export async function seed(client: cassandra.Client, keyspace: string, plan: SeedPlan): Promise<void> {
  const insertUser = `INSERT INTO ${keyspace}.users (id, name, email, age, score, active, created) VALUES (?, ?, ?, ?, ?, ?, ?)`;
  const writeUser = async (id: number): Promise<void> => {
    const u = userRow(id);
    await client.execute(insertUser, [u.id, u.name, u.email, u.age, u.score, u.active, u.created], { prepare: true });
  };
  await inParallel(plan.users, 64, writeUser);
  const updated = plan.updateUsers;
  if (updated !== undefined) await inParallel(updated.count, 64, (k) => writeUser(updated.from + k));
  const insertEvent = `INSERT INTO ${keyspace}.events (bucket, seq, name, value, payload) VALUES (?, ?, ?, ?, ?)`;
  const CHUNK = 100;
  for (const [bucket, rows] of [[SCAN_BUCKET, plan.scanRows], [STREAM_BUCKET, plan.streamRows]] as const) {
    await inParallel(Math.ceil(rows / CHUNK), 16, async (chunk) => {
      const queries = [];
      for (let seq = chunk * CHUNK; seq < Math.min(rows, (chunk + 1) * CHUNK); seq++) {
        const e = eventRow(bucket, seq);
        queries.push({ query: insertEvent, params: [e.bucket, e.seq, e.name, e.value, e.payload] });
      }
      await client.batch(queries, { prepare: true, logged: false });
    });
  }
  await seedItems(client, keyspace, plan.vectorRows);
}

// Writes in flight into the vector-indexed table: Cassandra 5.0.9 fails vector-indexed writes beyond
// its vector graph's pool (processors + 1); the rare failure is retried.
const ITEM_WRITERS = 2;

/** The index of `items.embedding` (as TABLES_CQL and cassandra-orm's @VectorIndex name it). */
const ITEMS_INDEX = 'items_embedding_idx';
/** How long the seeding waits for the vector index: its build is queued behind any other index builds on the node. */
const INDEX_WAIT_MS = 300_000;

/**
 * Waits until the node reports the vector index queryable (system_views.sai_column_indexes). Created
 * on the empty table, its build is quick but asynchronous, and queued behind the node's other index
 * builds (40 s to three minutes on a shared node busy building another session's vector index); an
 * ANN query sent before then failed on the replica with a server error in a trial run.
 */
async function indexQueryable(client: cassandra.Client, keyspace: string): Promise<void> {
  const deadline = Date.now() + INDEX_WAIT_MS;
  for (;;) {
    const rs = await client.execute('SELECT index_name, is_queryable FROM system_views.sai_column_indexes WHERE keyspace_name = ?', [keyspace], { prepare: true });
    if (rs.rows.some((r) => r['index_name'] === ITEMS_INDEX && r['is_queryable'] === true)) return;
    if (Date.now() > deadline) throw new Error(`the vector index ${keyspace}.${ITEMS_INDEX} was not queryable ${INDEX_WAIT_MS / 1000} s after it was created`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Writes the items once the vector index is queryable, then waits until it answers ANN queries with
 * the whole LIMIT (the writes are indexed as they land; the wait is bounded).
 */
async function seedItems(client: cassandra.Client, keyspace: string, rows: number): Promise<void> {
  const { data, queries } = vectorSet(rows);
  await indexQueryable(client, keyspace);
  const insert = `INSERT INTO ${keyspace}.items (id, embedding) VALUES (?, ?)`;
  await inParallel(rows, ITEM_WRITERS, async (id) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await client.execute(insert, [id, driverVector(data[id]!)], { prepare: true });
        return;
      } catch (error) {
        if (attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 * (attempt + 1)));
      }
    }
  });
  const select = SELECT_NEAREST.replace('FROM items', `FROM ${keyspace}.items`);
  const deadline = Date.now() + 60_000;
  for (let found = -1; ; ) {
    try {
      found = (await client.execute(select, [driverVector(queries[0]!)], NEAREST_OPTIONS)).rows.length;
      if (found === NEAREST_LIMIT) return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) throw new Error(`the vector index of ${keyspace}.items answered ${found} rows instead of ${NEAREST_LIMIT} for 60 s after seeding`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
