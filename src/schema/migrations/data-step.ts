// Running a migration's data step: a connection in the migrated keyspace and `eachPage`, which
// holds one page of rows at a time and reports how many rows it went through.
import type { Connection } from 'cassandra-orm';
import type { Query } from 'cassandra-orm';
import { ConfigError } from '../../errors.js';
import type { DataStep, EachPageOptions, Migration } from './migration.js';

/** Progress of a data step: rows gone through so far by one `eachPage` call. */
export interface DataProgress {
  readonly label: string;
  readonly rows: number;
  readonly pages: number;
}

/** Runs the data step of `migration`; resolves to the rows its `eachPage` calls went through. */
export async function runDataStep(
  connection: Connection,
  keyspace: string,
  migration: Migration,
  onProgress: (progress: DataProgress) => void,
): Promise<number> {
  let total = 0;
  const scoped = connection.keyspace === keyspace ? connection : connection.useKeyspace(keyspace);
  const step: DataStep = {
    keyspace,
    async eachPage<T = Query.CursorRow>(
      select: string,
      params: Parameters<DataStep['eachPage']>[1],
      handle: (rows: T[]) => Promise<void> | void,
      options: EachPageOptions = {},
    ): Promise<number> {
      const pageSize = options.pageSize ?? 500;
      if (!Number.isInteger(pageSize) || pageSize < 1) throw ConfigError.wrongType('eachPage options.pageSize', 'an integer >= 1', pageSize);
      const label = options.label ?? migration.id;
      let rows = 0;
      let pages = 0;
      // The next page is fetched only after the handler of this one settled: one page in memory.
      for await (const page of scoped.cursor().pages<T>(select, params, { pageSize })) {
        if (page.rows.length > 0) await handle(page.rows);
        rows += page.rows.length;
        pages++;
        total += page.rows.length;
        onProgress({ label, rows, pages });
      }
      return rows;
    },
  };
  await migration.data!(scoped, step);
  return total;
}
