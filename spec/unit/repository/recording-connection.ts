// A stand-in Connection for the change-tracking specs: records every statement that reaches the
// driver and answers with the rows (or the LWT outcome) a spec sets.
import type { Connection } from '../../../src/connection/connection.js';
import { EXECUTE_MAP, PAGED } from '../../../src/connection/internals.js';

/** One statement as the driver received it. */
export interface Call {
  readonly cql: string;
  readonly params: unknown[];
  readonly options: Record<string, unknown>;
}

/** The stand-in, its record of calls, and `answer(rows)` to set what the next statements return. */
export interface Recording {
  readonly connection: Connection;
  readonly calls: Call[];
  answer(rows: Record<string, unknown>[], columns?: string[]): void;
}

/** A connection that records statements and returns the rows last given to `answer` (none at first). */
export function recordingConnection(): Recording {
  const calls: Call[] = [];
  let rows: Record<string, unknown>[] = [];
  let columns: string[] = [];
  const connection = {
    client: { options: { encoding: { map: Map, set: Set } } },
    settings: { queryDefaults: {} },
    async execute(cql: string, params: unknown[], options: Record<string, unknown>) {
      calls.push({ cql, params: [...params], options });
      // A copy per call: hydrateInPlace overwrites the rows array it is given.
      return { rows: rows.map((r) => ({ ...r })), columns: columns.map((name) => ({ name })), info: {}, pageState: null };
    },
    // What connection[EXECUTE_MAP] does, over this stand-in's execute().
    [EXECUTE_MAP](cql: string, params: unknown[], options: Record<string, unknown>, map: (rs: unknown) => unknown) {
      return (this as unknown as { execute: (...a: unknown[]) => Promise<unknown> }).execute(cql, params, options).then(map);
    },
    [PAGED](cql: string, params: unknown[], options: Record<string, unknown>) {
      return () => (this as unknown as { execute: (...a: unknown[]) => Promise<unknown> }).execute(cql, params, options);
    },
  } as unknown as Connection;
  return {
    connection,
    calls,
    answer(next, names) {
      rows = next;
      columns = names ?? Object.keys(next[0] ?? {});
    },
  };
}
