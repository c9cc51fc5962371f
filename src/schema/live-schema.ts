// Reads one keyspace's schema from system_schema.* into plain, normalised objects the diff compares.
import type { Connection } from 'cassandra-orm';
import type { IndexTarget } from '../metadata/entity-metadata.js';
import { normaliseCqlType } from '../metadata/cql-type.js';
import { executeQualified } from '../connection/qualified.js';

/** A column as the cluster has it; `type` is normalised (see normaliseCqlType). */
export interface LiveColumn {
  readonly name: string;
  readonly type: string;
  readonly kind: 'partition' | 'clustering' | 'static' | 'regular';
  readonly position: number;
  readonly order?: 'ASC' | 'DESC';
}

/** A secondary index as the cluster has it. */
export interface LiveIndex {
  readonly name: string;
  readonly table: string;
  readonly column: string;
  readonly target: IndexTarget;
  /** undefined = regular index; 'sai', 'sasi' or a custom class name. */
  readonly using?: string;
  /** Options other than `target` and `class_name`. */
  readonly options: Readonly<Record<string, string>>;
}

/** A table or a view's columns and options. */
export interface LiveTable {
  readonly name: string;
  readonly columns: ReadonlyMap<string, LiveColumn>;
  readonly partitionKeys: readonly string[];
  readonly clusteringKeys: readonly { readonly name: string; readonly order: 'ASC' | 'DESC' }[];
  readonly options: Readonly<Record<string, unknown>>;
  readonly indexes: readonly LiveIndex[];
}

/** A materialized view: a table shape plus its base table. */
export interface LiveView extends LiveTable {
  readonly baseTable: string;
  readonly includeAllColumns: boolean;
}

/** A user-defined type; field types are normalised. */
export interface LiveType {
  readonly name: string;
  readonly fields: readonly { readonly name: string; readonly type: string }[];
}

/** Everything sync compares in one keyspace. */
export interface LiveKeyspace {
  readonly name: string;
  readonly replication: Readonly<Record<string, string>>;
  readonly durableWrites: boolean;
  readonly types: ReadonlyMap<string, LiveType>;
  readonly tables: ReadonlyMap<string, LiveTable>;
  readonly views: ReadonlyMap<string, LiveView>;
}

/** The table the opt-in schema lease lives in; the reader hides it, so sync never plans to drop it. */
export const LEASE_TABLE = 'cassandra_orm_schema_lease';

/** The table the migration history lives in; hidden from the reader like the lease table. */
export const HISTORY_TABLE = 'cassandra_orm_migrations';

type Row = Record<string, unknown>;
const NOT_OPTIONS = new Set(['keyspace_name', 'table_name', 'view_name', 'id', 'flags', 'base_table_id', 'base_table_name', 'include_all_columns', 'where_clause']);

function unquote(name: string): string {
  return name.startsWith('"') && name.endsWith('"') ? name.slice(1, -1).replace(/""/g, '"') : name;
}

const SAI_CLASSES = new Set(['sai', 'storageattachedindex', 'org.apache.cassandra.index.sai.storageattachedindex']);

/** Turns a system_schema.indexes row into a LiveIndex (target `keys(m)`, class `sai`, ...). */
export function liveIndexFromRow(row: Row): LiveIndex {
  const options = { ...((row['options'] ?? {}) as Record<string, string>) };
  const rawTarget = options['target'] ?? '';
  const m = /^(keys|values|entries|full)\((.+)\)$/i.exec(rawTarget);
  const className = options['class_name'];
  delete options['target'];
  delete options['class_name'];
  let using: string | undefined;
  if (row['kind'] === 'CUSTOM' && className !== undefined) {
    if (SAI_CLASSES.has(className.toLowerCase())) using = 'sai';
    else if (className === 'org.apache.cassandra.index.sasi.SASIIndex') using = 'sasi';
    else using = className;
  }
  return {
    name: String(row['index_name']),
    table: String(row['table_name']),
    column: unquote(m ? m[2]! : rawTarget),
    target: m ? (m[1]!.toLowerCase() as IndexTarget) : 'value',
    ...(using !== undefined ? { using } : {}),
    options,
  };
}

function columnFromRow(row: Row): LiveColumn {
  const kinds: Record<string, LiveColumn['kind']> = { partition_key: 'partition', clustering: 'clustering', static: 'static', regular: 'regular' };
  const order = String(row['clustering_order']).toUpperCase();
  return {
    name: String(row['column_name']),
    type: normaliseCqlType(String(row['type'])),
    kind: kinds[String(row['kind'])] ?? 'regular',
    position: Number(row['position']),
    ...(order === 'ASC' || order === 'DESC' ? { order } : {}),
  };
}

function shape(name: string, columnRows: Row[], optionsRow: Row, indexes: LiveIndex[]): LiveTable {
  const columns = columnRows.map(columnFromRow);
  const byPos = (kind: LiveColumn['kind']): LiveColumn[] => columns.filter((c) => c.kind === kind).sort((a, b) => a.position - b.position);
  const options: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(optionsRow)) if (!NOT_OPTIONS.has(k)) options[k] = v;
  return {
    name,
    columns: new Map(columns.map((c) => [c.name, c])),
    partitionKeys: byPos('partition').map((c) => c.name),
    clusteringKeys: byPos('clustering').map((c) => ({ name: c.name, order: c.order ?? 'ASC' })),
    options,
    indexes,
  };
}

/** system_schema maps and sets as plain objects and arrays, whatever collection encoding the connection uses. */
function plainRow(row: Row): Row {
  const plain: Row = {};
  for (const key of Object.keys(row)) {
    const value = row[key];
    plain[key] = value instanceof Map ? Object.fromEntries(value) : value instanceof Set ? [...value] : value;
  }
  return plain;
}

/** Reads a keyspace's schema; `undefined` when the keyspace does not exist. */
export async function readLiveSchema(connection: Connection, keyspace: string): Promise<LiveKeyspace | undefined> {
  const q = async (table: string): Promise<Row[]> =>
    (await executeQualified(connection, `SELECT * FROM system_schema.${table} WHERE keyspace_name = ?`, [keyspace])).rows.map((r) =>
      plainRow(r as unknown as Row),
    );
  const [ks] = await q('keyspaces');
  if (ks === undefined) return undefined;
  const [tableRows, viewRows, columnRows, indexRows, typeRows] = await Promise.all([
    q('tables'), q('views'), q('columns'), q('indexes'), q('types'),
  ]);
  const columnsOf = (name: string): Row[] => columnRows.filter((r) => r['table_name'] === name);
  const indexes = indexRows.map(liveIndexFromRow);
  const tables = new Map<string, LiveTable>();
  for (const row of tableRows) {
    const name = String(row['table_name']);
    if (name === LEASE_TABLE || name === HISTORY_TABLE) continue;
    tables.set(name, shape(name, columnsOf(name), row, indexes.filter((i) => i.table === name)));
  }
  const views = new Map<string, LiveView>();
  for (const row of viewRows) {
    const name = String(row['view_name']);
    views.set(name, { ...shape(name, columnsOf(name), row, []), baseTable: String(row['base_table_name']), includeAllColumns: row['include_all_columns'] === true });
  }
  const types = new Map<string, LiveType>();
  for (const row of typeRows) {
    const names = (row['field_names'] ?? []) as string[];
    const fieldTypes = (row['field_types'] ?? []) as string[];
    const name = String(row['type_name']);
    types.set(name, { name, fields: names.map((n, i) => ({ name: n, type: normaliseCqlType(fieldTypes[i] ?? '') })) });
  }
  return {
    name: keyspace,
    replication: { ...(ks['replication'] as Record<string, string>) },
    durableWrites: ks['durable_writes'] !== false,
    types,
    tables,
    views,
  };
}
