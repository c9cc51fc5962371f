// Query tables of an entity: the same rows under other primary keys, each resolved into an entity-like
// view of its own (table, keys, column subset) so that DDL, sync and the builders treat it as a table.
import { MetadataError } from '../errors.js';
import type { ColumnMetadata, CqlType, EntityMetadata, QueryTableMetadata } from './entity-metadata.js';
import { validateSchemaName } from './identifier.js';
import type { QueryTableRecord } from './metadata-store.js';
import { collectUdts } from './resolve-udt.js';
import type { UdtMetadata } from './entity-metadata.js';

/** Why a column of this type cannot be part of a primary key, or undefined when it can. */
function keyTypeProblem(type: CqlType): string | undefined {
  if ((type.kind === 'list' || type.kind === 'set' || type.kind === 'map' || type.kind === 'udt') && !type.frozen) return `its type is a non-frozen ${type.kind}`;
  if (type.kind === 'native' && type.name === 'duration') return 'duration cannot be part of a primary key';
  if (type.kind === 'vector') return 'a vector cannot be part of a primary key here';
  return undefined;
}

/**
 * The entity's query tables, validated: every property exists, the key holds the base table's whole
 * primary key (so each base row is exactly one row of the query table), the key columns can be key
 * columns, and no static column is held. `base` is the entity as resolved so far.
 */
export function resolveQueryTables<T extends object>(
  className: string,
  base: EntityMetadata<T>,
  records: readonly QueryTableRecord[] | undefined,
  tableOptions: (where: string, options: Readonly<Record<string, unknown>> | undefined) => Readonly<Record<string, unknown>>,
): readonly QueryTableMetadata<T>[] | undefined {
  if (records === undefined || records.length === 0) return undefined;
  const taken = new Set<string>([base.table, ...base.views.map((v) => v.name)]);
  return Object.freeze(records.map((r, i): QueryTableMetadata<T> => {
    const label = typeof r?.name === 'string' ? r.name : `#${i}`;
    const where = `@Table(${className}).queryTables[${label}]`;
    if (typeof r?.name !== 'string') throw MetadataError.invalidQueryTable(where, 'it needs a `name`');
    let name: string;
    try {
      name = validateSchemaName(where, r.name);
    } catch (error) {
      throw MetadataError.invalidName(where, error);
    }
    if (taken.has(name)) throw MetadataError.invalidQueryTable(where, `the name '${name}' is already the entity's table, a view or another query table; give it its own name`);
    taken.add(name);
    if (base.isCounterTable) throw MetadataError.invalidQueryTable(where, 'a counter table cannot have query tables (counter updates cannot be copied idempotently); keep counters in a table of their own');
    const column = (property: unknown, role: string): ColumnMetadata => {
      const c = typeof property === 'string' ? base.byProperty.get(property) : undefined;
      if (c === undefined) {
        const mapped = base.columns.map((m) => m.property).join(', ');
        throw MetadataError.invalidQueryTable(where, `its ${role} names '${String(property)}', which is not a mapped property of ${className}; use one of ${mapped}`);
      }
      if (c.kind === 'static') {
        throw MetadataError.invalidQueryTable(where, `static column '${c.property}' cannot be held by a query table (one value per base partition is not one value per row); leave it out of ${role}`);
      }
      return c;
    };
    if (!Array.isArray(r.partitionKey) || r.partitionKey.length === 0) throw MetadataError.invalidQueryTable(where, 'it needs at least one property in `partitionKey`');
    const partition = r.partitionKey.map((p) => column(p, 'partitionKey'));
    const clustering = (r.clusteringKey ?? []).map((k) => {
      const spec = typeof k === 'string' ? { property: k, order: undefined } : k;
      const order = spec.order ?? 'ASC';
      if (order !== 'ASC' && order !== 'DESC') throw MetadataError.invalidQueryTable(where, `clustering order of '${spec.property}' must be 'ASC' or 'DESC'`);
      return { column: column(spec.property, 'clusteringKey'), order };
    });
    const keyColumns = [...partition, ...clustering.map((k) => k.column)];
    const twice = keyColumns.find((c, j) => keyColumns.indexOf(c) !== j);
    if (twice !== undefined) throw MetadataError.invalidQueryTable(where, `'${twice.property}' appears twice in its primary key`);
    const baseKeys = [...base.partitionKeys, ...base.clusteringKeys];
    const missing = baseKeys.filter((c) => !keyColumns.includes(c));
    if (missing.length > 0) {
      throw MetadataError.invalidQueryTable(
        where,
        `its primary key must include the base table's whole primary key, so that each ${className} row is exactly one row of it; ` +
          `add ${missing.map((c) => `'${c.property}'`).join(', ')} to its clusteringKey`,
      );
    }
    for (const c of keyColumns) {
      const problem = keyTypeProblem(c.type);
      if (problem !== undefined) throw MetadataError.invalidQueryTable(where, `'${c.property}' cannot be a key column: ${problem}`);
    }
    const extra = keyColumns.filter((c) => !baseKeys.includes(c));
    const held = r.columns === undefined
      ? base.columns.filter((c) => c.kind !== 'static' && !keyColumns.includes(c))
      : [...new Set(r.columns.map((p) => column(p, 'columns')))].filter((c) => !keyColumns.includes(c));
    const columns: ColumnMetadata[] = [
      ...partition.map((c, position) => Object.freeze({ ...stripped(c), kind: 'partition' as const, position })),
      ...clustering.map((k, position) => Object.freeze({ ...stripped(k.column), kind: 'clustering' as const, position, order: k.order })),
      ...held.map((c) => Object.freeze({ ...stripped(c), kind: 'regular' as const, position: -1 })),
    ];
    const udts = new Map<string, UdtMetadata>();
    for (const c of columns) collectUdts(c.type, udts);
    return Object.freeze({
      target: base.target,
      table: name,
      ...(base.keyspace !== undefined ? { keyspace: base.keyspace } : {}),
      ...(base.connection !== undefined ? { connection: base.connection } : {}),
      columns: Object.freeze(columns),
      partitionKeys: Object.freeze(columns.filter((c) => c.kind === 'partition')),
      clusteringKeys: Object.freeze(columns.filter((c) => c.kind === 'clustering')),
      byProperty: new Map(columns.map((c) => [c.property, c])),
      byName: new Map(columns.map((c) => [c.name, c])),
      options: tableOptions(where, r.options),
      indexes: Object.freeze([]),
      views: Object.freeze([]),
      isCounterTable: false,
      udts: Object.freeze([...udts.values()]),
      baseTable: base.table,
      extraKeyProperties: Object.freeze(extra.map((c) => c.property)),
    });
  }));
}

/** A base column's facts without its key role (the query table gives it its own). */
function stripped(c: ColumnMetadata): Omit<ColumnMetadata, 'kind' | 'position' | 'order'> {
  return { property: c.property, name: c.name, type: c.type, ...(c.secret === true ? { secret: true as const } : {}) };
}
