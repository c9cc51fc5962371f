// Query-table specs: a synced test keyspace per spec file, and full scans of its tables for comparisons.
import { Connection } from '../../../src/index.js';
import { TestKeyspace } from '../../../src/schema/test-keyspace.js';
import { testNode, uniqueKeyspace } from '../../support/test-node.js';

/** A connection to the test node with no keyspace (repositories name theirs). */
export function connect(): Connection {
  const node = testNode();
  return new Connection({ contactPoints: node.contactPoints, localDataCenter: node.localDataCenter, username: node.username, password: node.password });
}

/** Creates (by syncSchema) a fresh keyspace holding the entities' tables and query tables. */
export async function keyspaceWith(connection: Connection, prefix: string, entities: (abstract new (...args: never[]) => object)[]): Promise<TestKeyspace> {
  return TestKeyspace.create(connection, entities, { name: uniqueKeyspace(prefix) });
}

/** Every row of a table as plain objects of column → value (collections and uuids as strings), sorted. */
export async function scan(connection: Connection, keyspace: string, table: string): Promise<string[]> {
  const rows: string[] = [];
  let pageState: string | undefined;
  do {
    const rs = await connection.execute(`SELECT * FROM ${keyspace}.${table}`, [], { prepare: true, fetchSize: 500, ...(pageState !== undefined ? { pageState } : {}) });
    for (const r of rs.rows) rows.push(canonical(r as Record<string, unknown>));
    pageState = rs.pageState ?? undefined;
  } while (pageState !== undefined);
  return rows.sort();
}

/** A row as a stable string: columns sorted, nulls left out, values as text. */
export function canonical(row: Record<string, unknown>): string {
  const out: Record<string, string> = {};
  for (const k of Object.keys(row).sort()) {
    const v = row[k];
    if (v === null || v === undefined) continue;
    out[k] = v instanceof Set || Array.isArray(v) ? JSON.stringify([...v].map(String).sort()) : v instanceof Date ? v.toISOString() : String(v);
  }
  return JSON.stringify(out);
}
