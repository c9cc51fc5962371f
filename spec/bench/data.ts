// The data every contender reads and writes: two tables, deterministic rows, and the unmeasured
// seeding of the rows the read, update, scan and stream workloads need.
import type cassandra from 'cassandra-driver';

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
 * CQL of the two tables, for the contenders that have no DDL of their own (raw driver, driver Mapper).
 * The suite runs them first (main.ts); IF NOT EXISTS, because those contenders run them again in their setup.
 */
export const TABLES_CQL: readonly string[] = [
  'CREATE TABLE IF NOT EXISTS users (id int PRIMARY KEY, name text, email text, age int, score double, active boolean, created timestamp)',
  'CREATE TABLE IF NOT EXISTS events (bucket int, seq int, name text, value double, payload text, PRIMARY KEY (bucket, seq)) WITH CLUSTERING ORDER BY (seq ASC)',
];

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
}
