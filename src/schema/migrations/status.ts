// The state of each migration: the files compared with the history.
import type { Connection } from 'cassandra-orm';
import { readHistory, type HistoryRow } from './history.js';
import { migrationChecksum, statementChecksum, type Migration } from './migration.js';

/**
 * Where a migration stands: `applied` (recorded, same checksum), `pending` (never started),
 * `changed` (applied, but the file's checksum differs), `failed` (a statement or the data step
 * failed; the next run resumes), `running` (started and not finished: in progress now, or its
 * process died), `missing` (applied, but no file has its id).
 */
export type MigrationStateName = 'applied' | 'pending' | 'changed' | 'failed' | 'running' | 'missing';

/** One migration's state, with its history row when it has one. */
export interface MigrationState {
  readonly id: string;
  readonly state: MigrationStateName;
  /** The file's checksum (absent for `missing`). */
  readonly checksum?: string;
  /** Checksums of the file's statements, in order (absent for `missing`). */
  readonly statementChecksums?: readonly string[];
  /** The file's statements (absent for `missing`). */
  readonly cql?: readonly string[];
  readonly history?: HistoryRow;
}

/** Compares the migrations with the history rows: one state per migration, then one per row with no file. */
export function migrationStates(migrations: readonly Migration[], history: ReadonlyMap<string, HistoryRow>): MigrationState[] {
  const states: MigrationState[] = [];
  const sorted = [...migrations].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const m of sorted) {
    const checksum = migrationChecksum(m);
    const row = history.get(m.id);
    const file = { checksum, statementChecksums: m.cql.map(statementChecksum), cql: m.cql };
    if (row === undefined) states.push({ id: m.id, state: 'pending', ...file });
    else if (row.outcome === 'applied') states.push({ id: m.id, state: row.checksum === checksum ? 'applied' : 'changed', ...file, history: row });
    else states.push({ id: m.id, state: row.outcome, ...file, history: row });
  }
  const ids = new Set(migrations.map((m) => m.id));
  for (const row of [...history.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (!ids.has(row.id) && row.outcome === 'applied') states.push({ id: row.id, state: 'missing', history: row });
  }
  return states;
}

/** Reads the history of `keyspace` and returns the state of every migration (writes nothing). */
export async function migrationStatus(connection: Connection, migrations: readonly Migration[], keyspace: string): Promise<MigrationState[]> {
  return migrationStates(migrations, await readHistory(connection, keyspace));
}

/** True when a state means migrate has work to do (pending, failed or interrupted). */
export function needsRun(state: MigrationState): boolean {
  return state.state === 'pending' || state.state === 'failed' || state.state === 'running';
}
