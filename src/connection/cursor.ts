// The raw CQL escape hatch: any statement, parameters always bound (prepared), rows as plain objects,
// paging with resumable page state and `for await` streaming.
import type cassandra from 'cassandra-driver';
import { ConfigError } from '../errors.js';
import type { ExecuteOptions, StatementRunner } from './execute-options.js';

/** A row as a plain object: column name → value (bigint for bigint/counter/varint/COUNT(*)). */
export type CursorRow = Record<string, unknown>;

/** Per-call options of the cursor: the driver's query options except `prepare` (always on). */
export type CursorOptions = Omit<ExecuteOptions, 'prepare' | 'autoPage' | 'fetchSize' | 'pageState'>;

/** Paging options: rows per page and where to resume. */
export interface PageOptions extends CursorOptions {
  /** Rows per page. Default: the connection's fetch size (driver default 5000). */
  readonly pageSize?: number;
  /** Resume after the page this state was taken from (`page.pageState`). */
  readonly pageState?: string;
}

/** One page of rows and the state that resumes after it (`undefined` on the last page). */
export interface Page<T = CursorRow> {
  readonly rows: T[];
  readonly pageState: string | undefined;
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

  /** Fetches one page; pass `page.pageState` back later (even from another process) to continue. */
  async page<T = CursorRow>(cql: string, params?: cassandra.ArrayOrObject, options: PageOptions = {}): Promise<Page<T>> {
    const { pageSize, pageState, ...rest } = options;
    checkPageSize(pageSize);
    const rs = await this.connection.execute(cql, params, {
      ...rest,
      prepare: true,
      autoPage: false,
      ...(pageSize !== undefined ? { fetchSize: pageSize } : {}),
      ...(pageState !== undefined ? { pageState } : {}),
    });
    return { rows: (rs.rows ?? []).map((r) => plain<T>(r)), pageState: rs.pageState ?? undefined };
  }

  /** Pages one at a time: only the current page is held in memory. */
  async *pages<T = CursorRow>(cql: string, params?: cassandra.ArrayOrObject, options: PageOptions = {}): AsyncGenerator<Page<T>, void, undefined> {
    let pageState = options.pageState;
    do {
      const page = await this.page<T>(cql, params, { ...options, ...(pageState !== undefined ? { pageState } : {}) });
      pageState = page.pageState;
      yield page;
    } while (pageState !== undefined);
  }

  /** Rows one at a time over pages of `pageSize`: `for await (const row of cursor.stream(cql, [], { pageSize: 500 }))`. */
  async *stream<T = CursorRow>(cql: string, params?: cassandra.ArrayOrObject, options: PageOptions = {}): AsyncGenerator<T, void, undefined> {
    for await (const page of this.pages<T>(cql, params, options)) yield* page.rows;
  }
}
