// CQL for secondary indexes (regular, SAI, SASI, custom; KEYS/VALUES/ENTRIES/FULL) and materialized views.
import type { IndexMetadata, ViewMetadata } from '../metadata/entity-metadata.js';
import { qualifiedName, quoteIdentifier } from '../metadata/identifier.js';
import { mapLiteral, optionsClause, stringLiteral } from './cql-literal.js';
import { clusteringOrderClause, primaryKeyClause } from './table-ddl.js';

/** The class Cassandra runs a SASI index with. */
export const SASI_INDEX_CLASS = 'org.apache.cassandra.index.sasi.SASIIndex';

/** The indexed expression: `kind`, `KEYS(counts)`, `VALUES(tags)`, `ENTRIES(m)`, `FULL(frozen_list)`. */
export function indexTargetExpression(index: Pick<IndexMetadata, 'column' | 'target'>): string {
  const column = quoteIdentifier(index.column);
  return index.target === 'value' ? column : `${index.target.toUpperCase()}(${column})`;
}

/**
 * `CREATE INDEX IF NOT EXISTS events_kind_idx ON ks.events (kind)`; SAI adds `USING 'sai'`, SASI and custom
 * indexes are `CREATE CUSTOM INDEX ... USING '<class>'`, options go in `WITH OPTIONS = {...}`.
 */
export function createIndexCql(keyspace: string, table: string, index: IndexMetadata): string {
  const custom = index.using !== undefined && index.using !== 'sai';
  const using = index.using === undefined ? '' : ` USING ${stringLiteral(index.using === 'sasi' ? SASI_INDEX_CLASS : index.using)}`;
  const options = index.options !== undefined && Object.keys(index.options).length > 0 ? ` WITH OPTIONS = ${mapLiteral(index.options)}` : '';
  return (
    `CREATE ${custom ? 'CUSTOM ' : ''}INDEX IF NOT EXISTS ${quoteIdentifier(index.name)} ON ${qualifiedName(keyspace, table)} ` +
    `(${indexTargetExpression(index)})${using}${options}`
  );
}

/** `DROP INDEX IF EXISTS ks.events_kind_idx` */
export function dropIndexCql(keyspace: string, index: string): string {
  return `DROP INDEX IF EXISTS ${qualifiedName(keyspace, index)}`;
}

/**
 * `CREATE MATERIALIZED VIEW IF NOT EXISTS ks.v AS\n  SELECT a, b FROM ks.t\n  WHERE a IS NOT NULL AND b IS NOT NULL\n  PRIMARY KEY (a, b)\n  WITH CLUSTERING ORDER BY (b ASC)`
 */
export function createViewCql(keyspace: string, table: string, view: ViewMetadata): string {
  const keys = [...view.partitionKeys, ...view.clusteringKeys.map((k) => k.name)];
  const withParts = [
    ...(view.clusteringKeys.length > 0 ? [clusteringOrderClause(view.clusteringKeys)!] : []),
    ...optionsClause(view.options),
  ];
  return [
    `CREATE MATERIALIZED VIEW IF NOT EXISTS ${qualifiedName(keyspace, view.name)} AS`,
    `  SELECT ${view.includeAllColumns === true ? '*' : view.columns.map(quoteIdentifier).join(', ')} FROM ${qualifiedName(keyspace, table)}`,
    `  WHERE ${keys.map((k) => `${quoteIdentifier(k)} IS NOT NULL`).join(' AND ')}`,
    `  ${primaryKeyClause(view.partitionKeys, view.clusteringKeys.map((k) => k.name))}`,
    ...(withParts.length > 0 ? [`  WITH ${withParts.join(' AND ')}`] : []),
  ].join('\n');
}

/** `ALTER MATERIALIZED VIEW ks.v WITH comment = 'x'` */
export function alterViewOptionsCql(keyspace: string, view: string, options: Readonly<Record<string, unknown>>): string {
  return `ALTER MATERIALIZED VIEW ${qualifiedName(keyspace, view)} WITH ${optionsClause(options).join(' AND ')}`;
}

/** `DROP MATERIALIZED VIEW IF EXISTS ks.v` */
export function dropViewCql(keyspace: string, view: string): string {
  return `DROP MATERIALIZED VIEW IF EXISTS ${qualifiedName(keyspace, view)}`;
}
