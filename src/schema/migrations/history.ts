// The migration history: one row per migration in a table of the migrated keyspace, written only
// with lightweight transactions conditioned on the run that owns the row, and read with SERIAL
// consistency (one partition, so the read sees every accepted transaction).
import { hostname } from 'node:os';
import type { Connection } from 'cassandra-orm';
import { MigrationError } from '../../errors.js';
import { qualifiedName } from '../../metadata/identifier.js';
import { HISTORY_TABLE } from '../live-schema.js';
import { executeQualified } from '../../connection/qualified.js';

/** Where a migration stands in the history. */
export type HistoryOutcome = 'running' | 'applied' | 'failed';

/** One history row. */
export interface HistoryRow {
  readonly id: string;
  readonly checksum: string;
  readonly outcome: HistoryOutcome;
  /** The run that wrote the row: `host:pid:uuid`. */
  readonly owner: string;
  readonly host: string;
  readonly startedAt: Date;
  readonly finishedAt: Date | undefined;
  /** How many statements the migration had when it was (last) started. */
  readonly statements: number;
  /** Checksums of the statements that ran, in order. */
  readonly done: readonly string[];
  /** 1-based number of the statement that failed; 0 when the data step failed. */
  readonly failedStatement: number | undefined;
  readonly failedCql: string | undefined;
  readonly error: string | undefined;
  /** Rows the data step went through. */
  readonly dataRows: number | undefined;
}

const SCOPE = 'migrations';

/** `CREATE TABLE IF NOT EXISTS ks.cassandra_orm_migrations (...)`: one partition, a row per migration. */
export function historyTableCql(keyspace: string): string {
  return (
    `CREATE TABLE IF NOT EXISTS ${qualifiedName(keyspace, HISTORY_TABLE)} (scope text, id text, checksum text, outcome text, owner text, ` +
    'host text, started_at timestamp, finished_at timestamp, statements int, done list<text>, failed_statement int, failed_cql text, ' +
    'error text, data_rows bigint, PRIMARY KEY (scope, id))'
  );
}

/** True when the history table exists (without creating it: status and --plan write nothing). */
export async function historyExists(connection: Connection, keyspace: string): Promise<boolean> {
  const rs = await executeQualified(connection, 'SELECT table_name FROM system_schema.tables WHERE keyspace_name = ? AND table_name = ?', [keyspace, HISTORY_TABLE]);
  return rs.rowLength > 0;
}

/** Every history row, by id; empty when the table does not exist. */
export async function readHistory(connection: Connection, keyspace: string): Promise<Map<string, HistoryRow>> {
  if (!(await historyExists(connection, keyspace))) return new Map();
  const rs = await executeQualified(connection, `SELECT * FROM ${qualifiedName(keyspace, HISTORY_TABLE)} WHERE scope = ?`, [SCOPE], { consistency: 'SERIAL', fetchSize: 10_000 });
  const rows = new Map<string, HistoryRow>();
  for (const r of rs.rows) {
    const optional = <T>(v: unknown, f: (x: unknown) => T): T | undefined => (v === null || v === undefined ? undefined : f(v));
    rows.set(String(r['id']), {
      id: String(r['id']),
      checksum: String(r['checksum'] ?? ''),
      outcome: String(r['outcome']) as HistoryOutcome,
      owner: String(r['owner'] ?? ''),
      host: String(r['host'] ?? ''),
      startedAt: r['started_at'] as Date,
      finishedAt: optional(r['finished_at'], (v) => v as Date),
      statements: Number(r['statements'] ?? 0),
      done: ((r['done'] ?? []) as string[]).map(String),
      failedStatement: optional(r['failed_statement'], Number),
      failedCql: optional(r['failed_cql'], String),
      error: optional(r['error'], String),
      dataRows: optional(r['data_rows'], (v) => Number(String(v))),
    });
  }
  return rows;
}

/** Writes one run's rows: every statement is a lightweight transaction on the row it owns. */
export class HistoryWriter {
  readonly host = hostname();
  private readonly table: string;

  constructor(private readonly connection: Connection, keyspace: string, readonly owner: string) {
    this.table = qualifiedName(keyspace, HISTORY_TABLE);
  }

  private async lwt(cql: string, params: unknown[]): Promise<boolean> {
    const rs = await executeQualified(this.connection, cql, params);
    return rs.first()?.['[applied]'] === true;
  }

  /** Claims a migration never started; false when another run already has a row for it. */
  claim(id: string, checksum: string, statements: number): Promise<boolean> {
    return this.lwt(
      `INSERT INTO ${this.table} (scope, id, checksum, outcome, owner, host, started_at, statements, done) VALUES (?, ?, ?, 'running', ?, ?, ?, ?, []) IF NOT EXISTS`,
      [SCOPE, id, checksum, this.owner, this.host, new Date(), statements],
    );
  }

  /** Takes over a failed or interrupted row (as last seen), keeping what ran; false when it changed meanwhile. */
  retake(seen: HistoryRow, checksum: string, statements: number): Promise<boolean> {
    return this.lwt(
      `UPDATE ${this.table} SET checksum = ?, outcome = 'running', owner = ?, host = ?, started_at = ?, finished_at = null, statements = ?, ` +
        'failed_statement = null, failed_cql = null, error = null WHERE scope = ? AND id = ? IF outcome = ? AND owner = ?',
      [checksum, this.owner, this.host, new Date(), statements, SCOPE, seen.id, seen.outcome, seen.owner],
    );
  }

  // A row this run no longer owns means another run took the migration over (this one lost the lease): stop.
  private async owned(id: string, cql: string, params: unknown[]): Promise<void> {
    if (!(await this.lwt(cql, params))) throw MigrationError.inProgress(id, 'another run (this run lost the schema lease)');
  }

  /** Records the statements that ran so far. */
  async progress(id: string, done: readonly string[]): Promise<void> {
    await this.owned(id, `UPDATE ${this.table} SET done = ? WHERE scope = ? AND id = ? IF owner = ?`, [done, SCOPE, id, this.owner]);
  }

  async applied(id: string, dataRows: number | undefined): Promise<void> {
    // The count is written as a literal: a bound bigint's encoding depends on the connection's settings.
    await this.owned(
      id,
      `UPDATE ${this.table} SET outcome = 'applied', finished_at = ?, data_rows = ${dataRows === undefined ? 'null' : String(Math.trunc(dataRows))} WHERE scope = ? AND id = ? IF owner = ?`,
      [new Date(), SCOPE, id, this.owner],
    );
  }

  /** Records a failure; best effort, since the error that caused it is what the caller reports. */
  async failed(id: string, failure: { statement: number; cql: string | undefined; error: string }): Promise<void> {
    await this.lwt(
      `UPDATE ${this.table} SET outcome = 'failed', finished_at = ?, failed_statement = ?, failed_cql = ?, error = ? WHERE scope = ? AND id = ? IF owner = ?`,
      [new Date(), failure.statement, failure.cql ?? null, failure.error.slice(0, 4000), SCOPE, id, this.owner],
    );
  }
}
