// A migration: an id, its CQL statements in order and an optional data step; its checksum; and
// loading the compiled migration modules of a folder.
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Connection } from 'cassandra-orm';
import type { Query } from 'cassandra-orm';
import { MigrationError } from '../../errors.js';
import type cassandra from 'cassandra-driver';

/** Paging options of a data step's `eachPage`. */
export interface EachPageOptions {
  /** Rows per page (default 500): at most this many rows are held at a time. */
  readonly pageSize?: number;
  /** What the progress line calls the rows (default: the migration id). */
  readonly label?: string;
}

/** The tools a data step gets besides its connection. */
export interface DataStep {
  /** The keyspace the migration runs in. */
  readonly keyspace: string;
  /**
   * Runs `select` page by page and hands each page's rows to `handle` before fetching the next, so
   * memory stays at one page whatever the table's size; reports progress. Resolves to the row count.
   */
  eachPage<T = Query.CursorRow>(
    select: string,
    params: cassandra.ArrayOrObject | undefined,
    handle: (rows: T[]) => Promise<void> | void,
    options?: EachPageOptions,
  ): Promise<number>;
}

/** A data step: runs once after the statements, with a connection in the migration's keyspace. */
export type MigrationData = (connection: Connection, step: DataStep) => Promise<void>;

/** One migration, as a migration module exports it (plus its id, the file name). */
export interface Migration {
  /** `<UTC timestamp>_<name>`, e.g. `20261203184501_add_email`; migrations run in id order. */
  readonly id: string;
  /** The CQL statements, in order, without a trailing semicolon. */
  readonly cql: readonly string[];
  /** Optional data step, run after the statements. */
  readonly data?: MigrationData;
}

/** The id pattern: a 14-digit UTC timestamp, an underscore, a lower-case name. */
export const MIGRATION_ID = /^\d{14}_[a-z0-9_]+$/;

/** A statement as the checksum sees it: trimmed, without a trailing semicolon. */
export function normaliseStatement(cql: string): string {
  return cql.trim().replace(/;\s*$/, '').trim();
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The checksum of one statement (recorded per statement, so a retry can tell whether the ones that ran changed). */
export function statementChecksum(cql: string): string {
  return sha256(normaliseStatement(cql));
}

/**
 * The checksum of a migration: its statements and its data step's code (whitespace collapsed, so
 * re-indenting is not a change). It is what `migrate` compares with the history.
 */
export function migrationChecksum(migration: Pick<Migration, 'cql' | 'data'>): string {
  const data = migration.data === undefined ? null : migration.data.toString().replace(/\s+/g, ' ').trim();
  return sha256(JSON.stringify({ cql: migration.cql.map(normaliseStatement), data }));
}

/** Checks what a migration module exports; MigrationError naming the file and the export otherwise. */
export function migrationFromModule(file: string, id: string, module: Readonly<Record<string, unknown>>): Migration {
  if (!MIGRATION_ID.test(id)) {
    throw MigrationError.invalidFile(file, `the file name must be <14-digit UTC timestamp>_<name> in lower case (e.g. 20261203184501_add_email), got '${id}'`);
  }
  const { cql, data } = module;
  if (!Array.isArray(cql) || cql.some((s) => typeof s !== 'string' || normaliseStatement(s) === '')) {
    throw MigrationError.invalidFile(file, 'must export `cql`: an array of non-empty CQL statements (use [] for a data-only migration)');
  }
  if (data !== undefined && typeof data !== 'function') {
    throw MigrationError.invalidFile(file, 'its `data` export must be an async function (connection, step) => Promise<void>');
  }
  const unknown = Object.keys(module).filter((k) => k !== 'cql' && k !== 'data' && k !== 'default');
  if (unknown.length > 0) throw MigrationError.invalidFile(file, `unknown export(s) ${unknown.join(', ')} (a migration exports cql and optionally data)`);
  return Object.freeze({
    id,
    cql: Object.freeze((cql as string[]).map(normaliseStatement)),
    ...(data !== undefined ? { data: data as MigrationData } : {}),
  });
}

/** The migration modules of a folder (`.js`/`.mjs`, declaration and map files ignored), by id. */
export function migrationFiles(directory: string, extensions: readonly string[] = ['.js', '.mjs']): { id: string; file: string }[] {
  let entries: string[];
  try {
    entries = readdirSync(directory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries
    .filter((f) => extensions.includes(extname(f)) && !f.endsWith('.d.ts') && !f.endsWith('.d.mts'))
    .map((f) => ({ id: basename(f, extname(f)), file: join(directory, f) }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Imports every migration module of a compiled folder, in id order. */
export async function loadMigrations(directory: string): Promise<Migration[]> {
  const migrations: Migration[] = [];
  const seen = new Set<string>();
  for (const { id, file } of migrationFiles(directory)) {
    if (seen.has(id)) throw MigrationError.invalidFile(file, `a second file with id ${id} (keep one of ${id}.js and ${id}.mjs)`);
    seen.add(id);
    let module: Record<string, unknown>;
    try {
      module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    } catch (error) {
      throw MigrationError.invalidFile(file, `cannot be imported: ${(error as Error).message.split('\n')[0]}`);
    }
    migrations.push(migrationFromModule(file, id, module));
  }
  return migrations;
}
