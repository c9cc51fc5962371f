// The raw CQL escape hatch: any statement, parameters always bound (prepared), rows as plain objects,
// paging with resumable page state and `for await` streaming.
import type cassandra from 'cassandra-driver';
import { ConfigError } from '../errors.js';
import type { ExecuteOptions, StatementRunner } from './execute-options.js';
import { report, type Page, type PageOptions, type QueryOptions } from './query-options.js';

/** A row as a plain object: column name → value (bigint for bigint/counter/varint/COUNT(*)). */
export type CursorRow = Record<string, unknown>;

/** The driver options of one cursor statement: always prepared, the call's options translated. */
function executeOptions(options: QueryOptions): ExecuteOptions {
  const o: { -readonly [K in keyof ExecuteOptions]: ExecuteOptions[K] } = { prepare: true };
  if (options.consistency !== undefined) o.consistency = options.consistency;
  if (options.serialConsistency !== undefined) o.serialConsistency = options.serialConsistency;
  if (options.timeout !== undefined) o.readTimeout = options.timeout;
  if (options.tracing === true) o.traceQuery = true;
  if (options.executionProfile !== undefined) o.executionProfile = options.executionProfile;
  return o;
}

function plain<T>(row: cassandra.types.Row): T {
  return { ...row } as T;
}

function checkPageSize(pageSize: number | undefined): void {
  if (pageSize !== undefined && (!Number.isInteger(pageSize) || pageSize < 1)) {
    throw ConfigError.wrongType('options.pageSize', 'an integer >= 1', pageSize);
  }
}

/** Runs raw CQL on one connection: `(await cursor.execute('SELECT COUNT(*) FROM t'))[0].count` → bigint. */
export class Cursor {
  /** @internal Cursors come from `connection.cursor()`. */
  constructor(private readonly connection: StatementRunner) {}

  /** Runs any statement with bound parameters; returns every row (all pages) as plain objects, `[]` for DML/DDL. */
  async execute<T = CursorRow>(cql: string, params?: cassandra.ArrayOrObject, options?: PageOptions): Promise<T[]> {
    const rows: T[] = [];
    for await (const page of this.pages<T>(cql, params, options)) rows.push(...page.rows);
    return rows;
  }

  /** Fetches one page; pass `page.nextPageToken` back as `pageToken` later (even from another process) to continue. */
  async page<T = CursorRow>(cql: string, params?: cassandra.ArrayOrObject, options: PageOptions = {}): Promise<Page<T>> {
    const { pageSize, pageToken } = options;
    checkPageSize(pageSize);
    const fetchSize = pageSize ?? options.fetchSize;
    const rs = await this.connection.execute(cql, params, {
      ...executeOptions(options),
      autoPage: false,
      ...(fetchSize !== undefined ? { fetchSize } : {}),
      ...(pageToken !== undefined ? { pageState: pageToken } : {}),
    });
    report(rs, options);
    return { rows: (rs.rows ?? []).map((r) => plain<T>(r)), nextPageToken: rs.pageState ?? undefined };
  }

  /** Pages one at a time: only the current page is held in memory. */
  async *pages<T = CursorRow>(cql: string, params?: cassandra.ArrayOrObject, options: PageOptions = {}): AsyncGenerator<Page<T>, void, undefined> {
    let pageToken = options.pageToken;
    do {
      const page = await this.page<T>(cql, params, { ...options, pageToken });
      pageToken = page.nextPageToken;
      yield page;
    } while (pageToken !== undefined);
  }

  /** Rows one at a time over pages of `pageSize`: `for await (const row of cursor.stream(cql, [], { pageSize: 500 }))`. */
  async *stream<T = CursorRow>(cql: string, params?: cassandra.ArrayOrObject, options: PageOptions = {}): AsyncGenerator<T, void, undefined> {
    for await (const page of this.pages<T>(cql, params, options)) yield* page.rows;
  }
}
