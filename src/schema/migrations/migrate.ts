// Applying migrations: under the schema lease (so concurrent runs never apply one twice), the
// pending ones in id order, schema agreement after every statement, each step recorded in the
// history; an applied migration whose file changed stops the run before anything is applied.
import type { Connection } from 'cassandra-orm';
import { InvalidQueryError, MigrationError, causeMessage } from '../../errors.js';
import type { KeyspaceSpec, LeaseOptions } from 'cassandra-orm/schema';
import { acquireSchemaLease } from '../schema-lease.js';
import { waitForBuild, waitForSchemaAgreement } from '../plan-apply.js';
import { runDataStep, type DataProgress } from './data-step.js';
import { HistoryWriter, historyTableCql, readHistory } from './history.js';
import { MIGRATION_ID, type Migration } from './migration.js';
import { migrationStates, type MigrationState } from './status.js';
import { executeQualified } from '../../connection/qualified.js';

/** What migrate reports while it works. */
export type MigrateEvent =
  | { readonly type: 'lease-acquired'; readonly owner: string }
  | { readonly type: 'migration'; readonly id: string; readonly statements: number; readonly resumeFrom: number }
  | { readonly type: 'statement'; readonly id: string; readonly index: number; readonly total: number; readonly cql: string }
  | { readonly type: 'data'; readonly id: string; readonly progress: DataProgress }
  | { readonly type: 'applied'; readonly id: string; readonly ms: number };

/** Options of migrate(). */
export interface MigrateOptions {
  /** The keyspace the migrations run in (the history table lives there); created with this replication if missing. */
  readonly keyspace: KeyspaceSpec;
  /** Apply up to and including this migration id. Default: all. */
  readonly to?: string;
  /** The schema lease; the default waits up to 10 minutes for another migrating process. */
  readonly lease?: LeaseOptions;
  /** How long to wait for schema agreement after each statement. Default 30000 ms. */
  readonly agreementTimeoutMs?: number;
  /** How long to wait for an index or a view a statement creates to be built. Default 120000 ms. */
  readonly buildTimeoutMs?: number;
  /** Called with each step (for logging and progress). */
  readonly onEvent?: (event: MigrateEvent) => void;
}

/** What migrate() did. */
export interface MigrateResult {
  /** Ids of the migrations this run applied (in order); empty when everything was up to date. */
  readonly applied: readonly string[];
  /** The state of every migration after the run. */
  readonly states: readonly MigrationState[];
}

/** The migrations to consider: sorted, unique, up to `to`. */
function selected(migrations: readonly Migration[], to: string | undefined): Migration[] {
  const sorted = [...migrations].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const m of sorted) {
    if (!MIGRATION_ID.test(m.id)) throw MigrationError.invalidFile(m.id, 'a migration id is <14-digit UTC timestamp>_<name> in lower case, e.g. 20261203184501_add_email');
  }
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.id === sorted[i - 1]!.id) throw MigrationError.invalidFile(sorted[i]!.id, 'appears twice');
  }
  if (to === undefined) return sorted;
  const end = sorted.findIndex((m) => m.id === to);
  if (end < 0) throw MigrationError.unknownTarget(to, sorted.map((m) => m.id));
  return sorted.slice(0, end + 1);
}

const IDENT = String.raw`("(?:[^"]|"")+"|\w+)`;
const CREATE_INDEX = new RegExp(String.raw`^CREATE\s+(?:CUSTOM\s+)?INDEX\s+(?:IF\s+NOT\s+EXISTS\s+)?${IDENT}\s+ON\s+(?:${IDENT}\.)?${IDENT}`, 'i');
const CREATE_VIEW = new RegExp(String.raw`^CREATE\s+MATERIALIZED\s+VIEW\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:${IDENT}\.)?${IDENT}\s+AS\b`, 'i');

function unquote(name: string): string {
  return name.startsWith('"') ? name.slice(1, -1).replace(/""/g, '"') : name.toLowerCase();
}

/**
 * The named index or view a statement creates, and its keyspace when the statement names one, so
 * that migrate waits for it to be built (as sync does).
 */
export function buildOf(cql: string): { kind: 'index' | 'view'; name: string; keyspace?: string } | undefined {
  const index = CREATE_INDEX.exec(cql);
  const view = index === null ? CREATE_VIEW.exec(cql) : null;
  const [name, keyspace] = index !== null ? [index[1]!, index[2]] : view !== null ? [view[2]!, view[1]] : [undefined, undefined];
  if (name === undefined) return undefined;
  return { kind: index !== null ? 'index' : 'view', name: unquote(name), ...(keyspace !== undefined ? { keyspace: unquote(keyspace) } : {}) };
}

// A statement retried after a failure may have been applied by the cluster before the failure was
// reported (a timeout): its "already exists" is then success.
function alreadyDone(cql: string, error: unknown): boolean {
  if (!(error instanceof InvalidQueryError)) return false;
  if (/^(CREATE|ALTER)\b/i.test(cql) && /already exists|conflicts with an existing/i.test(error.message)) return true;
  return /^DROP\b/i.test(cql) && /doesn't exist|does not exist|not found/i.test(error.message);
}

/**
 * Applies the pending migrations in id order and returns what it did. Runs under the schema lease;
 * refuses to start (nothing applied) when an applied migration's file changed or is missing; a
 * failed statement or data step is recorded and thrown as MigrationError, and the next run resumes
 * from it.
 */
export async function migrate(connection: Connection, migrations: readonly Migration[], options: MigrateOptions): Promise<MigrateResult> {
  const chosen = selected(migrations, options.to);
  const ks = options.keyspace.name;
  const agree = (cql: string): Promise<void> => waitForSchemaAgreement(connection, cql, options.agreementTimeoutMs);
  const leaseOptions = { timeoutMs: 600_000, ...options.lease };
  await connection.connect();
  const lease = await acquireSchemaLease(connection, options.keyspace, agree, leaseOptions);
  // A failed renewal only shortens the lease; every history write is still conditioned on its owner.
  const renewal = setInterval(() => lease.renew().catch(() => undefined), ((leaseOptions.ttlSeconds ?? 60) * 1000) / 3);
  renewal.unref();
  try {
    options.onEvent?.({ type: 'lease-acquired', owner: lease.owner });
    const historyCql = historyTableCql(ks);
    await executeQualified(connection, historyCql, [], { prepare: false });
    await agree(historyCql);
    const history = await readHistory(connection, ks);
    const states = migrationStates(migrations, history);
    // Refuse before applying anything: a changed or vanished applied migration means the files are not what ran.
    for (const s of states) {
      if (s.state === 'changed') throw MigrationError.changed(s.id, s.history!.checksum, s.checksum!);
      if (s.state === 'missing') throw MigrationError.missingFile(s.id);
    }
    const writer = new HistoryWriter(connection, ks, lease.owner);
    const applied: string[] = [];
    for (const migration of chosen) {
      const state = states.find((s) => s.id === migration.id)!;
      if (state.state === 'applied') continue;
      await applyOne(connection, writer, migration, state, options, agree);
      applied.push(migration.id);
    }
    return { applied, states: migrationStates(migrations, await readHistory(connection, ks)) };
  } finally {
    clearInterval(renewal);
    await lease.release().catch(() => undefined);
  }
}

async function applyOne(
  connection: Connection,
  writer: HistoryWriter,
  migration: Migration,
  state: MigrationState,
  options: MigrateOptions,
  agree: (cql: string) => Promise<void>,
): Promise<void> {
  const started = Date.now();
  const { id, cql } = migration;
  const checksum = state.checksum!;
  const statementChecksums = state.statementChecksums!;
  let done: string[] = [];
  if (state.history === undefined) {
    if (!(await writer.claim(id, checksum, cql.length))) throw MigrationError.inProgress(id, 'another run');
  } else {
    // Resume: the statements that ran must be the file's first statements, unchanged.
    done = [...state.history.done];
    if (done.length > cql.length || done.some((c, i) => c !== statementChecksums[i])) throw MigrationError.editedDone(id, done.length);
    if (!(await writer.retake(state.history, checksum, cql.length))) throw MigrationError.inProgress(id, state.history.owner);
  }
  const resumeFrom = done.length;
  options.onEvent?.({ type: 'migration', id, statements: cql.length, resumeFrom });
  for (let i = resumeFrom; i < cql.length; i++) {
    const statement = cql[i]!;
    options.onEvent?.({ type: 'statement', id, index: i + 1, total: cql.length, cql: statement });
    try {
      try {
        await connection.execute(statement, [], { prepare: false });
      } catch (error) {
        if (!(i === resumeFrom && resumeFrom > 0 && alreadyDone(statement, error))) throw error;
      }
      await agree(statement);
      const build = buildOf(statement);
      if (build !== undefined) await waitForBuild(connection, build.keyspace ?? options.keyspace.name, build, options.buildTimeoutMs ?? 120_000);
    } catch (error) {
      await writer.failed(id, { statement: i + 1, cql: statement, error: causeMessage(error) }).catch(() => undefined);
      throw MigrationError.statementFailed(id, i + 1, cql.length, statement, error);
    }
    done = [...done, statementChecksums[i]!];
    await writer.progress(id, done);
  }
  let dataRows: number | undefined;
  if (migration.data !== undefined) {
    try {
      dataRows = await runDataStep(connection, options.keyspace.name, migration, (progress) => options.onEvent?.({ type: 'data', id, progress }));
    } catch (error) {
      await writer.failed(id, { statement: 0, cql: undefined, error: causeMessage(error) }).catch(() => undefined);
      throw MigrationError.dataFailed(id, error);
    }
  }
  await writer.applied(id, dataRows);
  options.onEvent?.({ type: 'applied', id, ms: Date.now() - started });
}
