// CQL for tables, their columns and options, and user-defined types.
import type { ColumnMetadata, EntityMetadata, UdtFieldMetadata, UdtMetadata } from '../metadata/entity-metadata.js';
import { printCqlType } from '../metadata/cql-type.js';
import { qualifiedName, quoteIdentifier } from '../metadata/identifier.js';
import { optionsClause } from './cql-literal.js';

function columnDefinition(column: ColumnMetadata): string {
  return `${quoteIdentifier(column.name)} ${printCqlType(column.type)}${column.kind === 'static' ? ' static' : ''}`;
}

/** `PRIMARY KEY ((a, b), c, d)`, or `PRIMARY KEY (a, c)` for a single partition key. */
export function primaryKeyClause(partitionKeys: readonly string[], clusteringKeys: readonly string[]): string {
  const pk = partitionKeys.map(quoteIdentifier);
  const partition = pk.length === 1 ? pk[0]! : `(${pk.join(', ')})`;
  return `PRIMARY KEY (${[partition, ...clusteringKeys.map(quoteIdentifier)].join(', ')})`;
}

/** `CLUSTERING ORDER BY (at DESC, seq ASC)`, or undefined without clustering keys. */
export function clusteringOrderClause(keys: readonly { readonly name: string; readonly order?: 'ASC' | 'DESC' | undefined }[]): string | undefined {
  if (keys.length === 0) return undefined;
  return `CLUSTERING ORDER BY (${keys.map((k) => `${quoteIdentifier(k.name)} ${k.order ?? 'ASC'}`).join(', ')})`;
}

/**
 * `CREATE TABLE IF NOT EXISTS ks.events (\n  user_id uuid,\n  ...,\n  PRIMARY KEY ((user_id, day), at)\n) WITH CLUSTERING ORDER BY (at DESC) AND comment = '...'`
 */
export function createTableCql(keyspace: string, entity: EntityMetadata): string {
  const lines = [
    ...entity.columns.map(columnDefinition),
    primaryKeyClause(entity.partitionKeys.map((c) => c.name), entity.clusteringKeys.map((c) => c.name)),
  ];
  const order = clusteringOrderClause(entity.clusteringKeys);
  const withParts = [...(order !== undefined ? [order] : []), ...optionsClause(entity.options)];
  const withText = withParts.length > 0 ? ` WITH ${withParts.join(' AND ')}` : '';
  return `CREATE TABLE IF NOT EXISTS ${qualifiedName(keyspace, entity.table)} (\n  ${lines.join(',\n  ')}\n)${withText}`;
}

/** `ALTER TABLE ks.t ADD IF NOT EXISTS note text` (`... static` for a static column). */
export function addColumnCql(keyspace: string, table: string, column: ColumnMetadata): string {
  return `ALTER TABLE ${qualifiedName(keyspace, table)} ADD IF NOT EXISTS ${columnDefinition(column)}`;
}

/** `ALTER TABLE ks.t DROP IF EXISTS note` */
export function dropColumnCql(keyspace: string, table: string, column: string): string {
  return `ALTER TABLE ${qualifiedName(keyspace, table)} DROP IF EXISTS ${quoteIdentifier(column)}`;
}

/** `ALTER TABLE ks.t WITH comment = 'x' AND default_time_to_live = 60` */
export function alterTableOptionsCql(keyspace: string, table: string, options: Readonly<Record<string, unknown>>): string {
  return `ALTER TABLE ${qualifiedName(keyspace, table)} WITH ${optionsClause(options).join(' AND ')}`;
}

/** `DROP TABLE IF EXISTS ks.t` */
export function dropTableCql(keyspace: string, table: string): string {
  return `DROP TABLE IF EXISTS ${qualifiedName(keyspace, table)}`;
}

/** `TRUNCATE TABLE ks.t` */
export function truncateTableCql(keyspace: string, table: string): string {
  return `TRUNCATE TABLE ${qualifiedName(keyspace, table)}`;
}

function fieldDefinition(field: UdtFieldMetadata): string {
  return `${quoteIdentifier(field.name)} ${printCqlType(field.type)}`;
}

/** `CREATE TYPE IF NOT EXISTS ks.address (street text, zip int)` */
export function createTypeCql(keyspace: string, udt: UdtMetadata): string {
  return `CREATE TYPE IF NOT EXISTS ${qualifiedName(keyspace, udt.name)} (${udt.fields.map(fieldDefinition).join(', ')})`;
}

/** `ALTER TYPE ks.address ADD IF NOT EXISTS zip int` */
export function addTypeFieldCql(keyspace: string, udt: string, field: UdtFieldMetadata): string {
  return `ALTER TYPE ${qualifiedName(keyspace, udt)} ADD IF NOT EXISTS ${fieldDefinition(field)}`;
}

/** `DROP TYPE IF EXISTS ks.address` */
export function dropTypeCql(keyspace: string, udt: string): string {
  return `DROP TYPE IF EXISTS ${qualifiedName(keyspace, udt)}`;
}
