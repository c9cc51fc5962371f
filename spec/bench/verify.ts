// After a write workload's measured rounds, a sample of what each contender wrote is read back from
// the node through a client of the benchmark's own (the raw driver, not the contender) and compared
// with what the workload asked it to write. A contender whose writes did nothing, or wrote other
// values, would otherwise look cheapest: a mismatch fails the run.
import type cassandra from 'cassandra-driver';
import { eventRow, userRow, type EventRow, type UserRow } from './data.js';
import { lwtKey, updateKey, updateScore, writeKey, type Sizes, type WorkloadName } from './workloads.js';

/** The measured rounds of a workload: round numbers `first` to `first + count - 1` (after the warm-up). */
export interface MeasuredRounds {
  readonly first: number;
  readonly count: number;
}

/** What one contender's sampled writes showed. */
export interface WriteCheck {
  readonly workload: WorkloadName;
  readonly contender: string;
  /** Rows (insert, update) or partitions (batch) read back. */
  readonly checked: number;
  /** The ones not on the node as written, each said in a few words (at most 5 kept). */
  readonly mismatches: number;
  readonly examples: readonly string[];
}

/** How many rows or partitions per contender and workload are read back. */
export const SAMPLE = 100;

/** Up to `n` indexes spread evenly over 0..size-1, the first and the last included. */
export function spread(size: number, n: number): number[] {
  if (size <= 0) return [];
  if (size <= n) return Array.from({ length: size }, (_, i) => i);
  return Array.from({ length: n }, (_, k) => Math.round((k * (size - 1)) / (n - 1)));
}

/** The workloads whose writes are checked. */
export function isVerified(name: WorkloadName): boolean {
  return name === 'insert' || name === 'update' || name === 'batch' || name === 'lwt';
}

function sameUser(row: cassandra.types.Row | undefined, want: UserRow): string | undefined {
  if (row === undefined) return 'missing';
  const got = {
    name: row['name'] as unknown,
    email: row['email'] as unknown,
    age: row['age'] as unknown,
    score: row['score'] as unknown,
    active: row['active'] as unknown,
    created: (row['created'] as Date | null)?.getTime(),
  };
  const expected = { name: want.name, email: want.email, age: want.age, score: want.score, active: want.active, created: want.created.getTime() };
  const wrong = (Object.keys(expected) as (keyof typeof expected)[]).filter((k) => got[k] !== expected[k]);
  return wrong.length === 0 ? undefined : `${wrong.join(', ')} not as written`;
}

function sameEvents(rows: readonly cassandra.types.Row[], want: readonly EventRow[]): string | undefined {
  if (rows.length !== want.length) return `${rows.length} of ${want.length} rows`;
  for (let i = 0; i < want.length; i++) {
    const r = rows[i]!;
    const w = want[i]!;
    if (r['seq'] !== w.seq || r['name'] !== w.name || r['value'] !== w.value || r['payload'] !== w.payload) return `row ${w.seq} not as written`;
  }
  return undefined;
}

/** One item to read back: where it is, and a comparison that says what is wrong (undefined when right). */
interface Probe {
  readonly label: string;
  read(): Promise<string | undefined>;
}

async function inBatches(probes: readonly Probe[], concurrency: number): Promise<{ label: string; problem: string }[]> {
  const problems: { label: string; problem: string }[] = [];
  for (let i = 0; i < probes.length; i += concurrency) {
    const results = await Promise.all(probes.slice(i, i + concurrency).map(async (p) => ({ label: p.label, problem: await p.read() })));
    for (const r of results) if (r.problem !== undefined) problems.push({ label: r.label, problem: r.problem });
  }
  return problems;
}

/**
 * The probes of one contender (by its lane) for a workload: insert and lwt read sampled rows of every measured
 * round; update reads sampled rows of its lane, each updated once in the last round; batch reads
 * sampled partitions of every measured round.
 */
export function probes(admin: cassandra.Client, keyspace: string, workload: WorkloadName, sizes: Sizes, lane: number, rounds: MeasuredRounds): Probe[] {
  const user = (id: number, want: UserRow): Probe => ({
    label: `users id ${id}`,
    read: async () => sameUser((await admin.execute(`SELECT name, email, age, score, active, created FROM ${keyspace}.users WHERE id = ?`, [id], { prepare: true })).first() ?? undefined, want),
  });
  const perRound = Math.max(1, Math.ceil(SAMPLE / rounds.count));
  const out: Probe[] = [];
  switch (workload) {
    case 'insert':
      for (let r = rounds.first; r < rounds.first + rounds.count; r++) {
        for (const i of spread(sizes.pointOps, perRound)) {
          const id = writeKey(lane, r, sizes.pointOps, i);
          out.push(user(id, userRow(id)));
        }
      }
      return out;
    case 'lwt':
      for (let r = rounds.first; r < rounds.first + rounds.count; r++) {
        for (const i of spread(sizes.lwtOps, perRound)) {
          const id = lwtKey(lane, r, sizes.lwtOps, i);
          out.push(user(id, userRow(id)));
        }
      }
      return out;
    case 'update': {
      // In the last measured round, offsets written exactly once (so no two writes of one row race).
      const last = rounds.first + rounds.count - 1;
      const from = Math.max(0, sizes.pointOps - sizes.seedUsers);
      const to = Math.min(sizes.pointOps, sizes.seedUsers);
      for (const k of spread(to - from, SAMPLE)) {
        const i = from + k;
        const id = updateKey(lane, sizes, i);
        out.push(user(id, { ...userRow(id), score: updateScore(last, i) }));
      }
      return out;
    }
    case 'batch':
      for (let r = rounds.first; r < rounds.first + rounds.count; r++) {
        for (const i of spread(sizes.batchOps, perRound)) {
          const bucket = writeKey(lane, r, sizes.batchOps, i);
          const want = Array.from({ length: sizes.batchRows }, (_, seq) => eventRow(bucket, seq));
          out.push({
            label: `events bucket ${bucket}`,
            read: async () => sameEvents((await admin.execute(`SELECT seq, name, value, payload FROM ${keyspace}.events WHERE bucket = ?`, [bucket], { prepare: true })).rows, want),
          });
        }
      }
      return out;
    default:
      return out;
  }
}

/** Reads back one contender's sample of a write workload and says what it found. */
export async function verifyWrites(
  admin: cassandra.Client,
  keyspace: string,
  workload: WorkloadName,
  sizes: Sizes,
  contender: { readonly name: string; readonly lane: number },
  rounds: MeasuredRounds,
): Promise<WriteCheck> {
  const list = probes(admin, keyspace, workload, sizes, contender.lane, rounds);
  const problems = await inBatches(list, 32);
  return {
    workload,
    contender: contender.name,
    checked: list.length,
    mismatches: problems.length,
    examples: problems.slice(0, 5).map((p) => `${p.label}: ${p.problem}`),
  };
}

/** The error that fails a run whose sampled writes did not all match. */
export function verificationFailure(checks: readonly WriteCheck[]): Error | undefined {
  const bad = checks.filter((c) => c.mismatches > 0 || c.checked === 0);
  if (bad.length === 0) return undefined;
  return new Error(
    `writes not verified: ${bad
      .map((c) => (c.checked === 0 ? `${c.contender} ${c.workload}: nothing to read back` : `${c.contender} ${c.workload}: ${c.mismatches} of ${c.checked} sampled writes not on the node as written (${c.examples.join('; ')})`))
      .join(' | ')}`,
  );
}
