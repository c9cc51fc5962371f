// CQL for keyspaces: SimpleStrategy or NetworkTopologyStrategy with per-DC factors, durable_writes.
import { quoteIdentifier } from '../metadata/identifier.js';
import { stringLiteral } from './cql-literal.js';
import type { Replication } from 'cassandra-orm';

/** How a keyspace is replicated. */

/** A keyspace to create or keep in line: name, replication (default SimpleStrategy RF 1), durable writes (default true). */
export interface KeyspaceSpec {
  readonly name: string;
  readonly replication?: Replication;
  readonly durableWrites?: boolean;
}

/** The replication map Cassandra stores (`class` plus factors as text). */
export function replicationMap(replication: Replication | undefined): Record<string, string> {
  const r = replication ?? { class: 'SimpleStrategy', replicationFactor: 1 };
  if (r.class === 'SimpleStrategy') return { class: 'SimpleStrategy', replication_factor: String(r.replicationFactor) };
  const map: Record<string, string> = { class: 'NetworkTopologyStrategy' };
  for (const [dc, factor] of Object.entries(r.dataCenters)) map[dc] = String(factor);
  return map;
}

function replicationLiteral(replication: Replication | undefined): string {
  const parts = Object.entries(replicationMap(replication)).map(([k, v]) =>
    k === 'class' ? `'class': ${stringLiteral(v)}` : `${stringLiteral(k)}: ${v}`,
  );
  return `{${parts.join(', ')}}`;
}

function withClause(spec: KeyspaceSpec): string {
  return `WITH replication = ${replicationLiteral(spec.replication)} AND durable_writes = ${spec.durableWrites ?? true}`;
}

/** `CREATE KEYSPACE IF NOT EXISTS app WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1} AND durable_writes = true` */
export function createKeyspaceCql(spec: KeyspaceSpec): string {
  return `CREATE KEYSPACE IF NOT EXISTS ${quoteIdentifier(spec.name)} ${withClause(spec)}`;
}

/** `ALTER KEYSPACE app WITH replication = {...} AND durable_writes = true` */
export function alterKeyspaceCql(spec: KeyspaceSpec): string {
  return `ALTER KEYSPACE ${quoteIdentifier(spec.name)} ${withClause(spec)}`;
}

/** `DROP KEYSPACE IF EXISTS app` */
export function dropKeyspaceCql(name: string): string {
  return `DROP KEYSPACE IF EXISTS ${quoteIdentifier(name)}`;
}
