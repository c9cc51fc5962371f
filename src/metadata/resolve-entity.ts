// @Table classes → frozen, cached EntityMetadata: every record validated once, in one place.
import { MetadataError } from '../errors.js';
import type { ColumnKind, ColumnMetadata, CqlType, EntityMetadata, UdtMetadata } from './entity-metadata.js';
import { validateColumnName, validateSchemaName } from './identifier.js';
import { applyNaming, inheritedRecords, KEYS, ownRecord, snakeCase, type ColumnRecord, type TableRecord } from './metadata-store.js';
import { resolvePropertyType } from './resolve-type.js';
import { collectUdts, udtMetadata } from './resolve-udt.js';
import { resolveIndexes, resolveViews } from './resolve-extras.js';
import { resolveQueryTables } from './resolve-query-tables.js';
import { cosineIndexed } from './sai-options.js';
import type { ClassRef } from './type-input.js';
import { printCqlType, walkType } from './cql-type.js';
import { checkManagedWithQueryTables, resolveManaged } from './managed-columns.js';

function named<T>(where: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    throw MetadataError.invalidName(where, error);
  }
}

function orderKeys(className: string, kind: string, records: ColumnRecord[]): ColumnRecord[] {
  const withPos = records.filter((r) => r.position !== undefined);
  if (withPos.length === 0) return records;
  if (withPos.length !== records.length) {
    const without = records.filter((r) => r.position === undefined);
    throw MetadataError.mixedPositions(className, kind, withPos.map((r) => r.property), without.map((r) => r.property));
  }
  const byPos = new Map<number, ColumnRecord>();
  for (const r of withPos) {
    const clash = byPos.get(r.position!);
    if (clash !== undefined) throw MetadataError.duplicatePosition(className, kind, r.position!, [clash.property, r.property]);
    byPos.set(r.position!, r);
  }
  const positions = [...byPos.keys()].sort((a, b) => a - b);
  if (positions.some((p, i) => p !== i)) throw MetadataError.gappedPositions(className, kind, positions);
  return positions.map((p) => byPos.get(p)!);
}

function checkType(where: string, type: CqlType, kind: ColumnKind): void {
  const isKey = kind === 'partition' || kind === 'clustering';
  walkType(type, (t) => {
    if (t !== type && t.kind === 'native' && t.name === 'counter') {
      throw MetadataError.counterNotAllowed(where, 'inside a collection, tuple or vector');
    }
  });
  if (type.kind === 'native' && type.name === 'counter' && isKey) throw MetadataError.counterNotAllowed(where, 'a primary key column');
  if (isKey) {
    if ((type.kind === 'list' || type.kind === 'set' || type.kind === 'map' || type.kind === 'udt') && !type.frozen) {
      throw MetadataError.invalidType(where, type.kind, 'a primary key column must be frozen; use frozen<...>');
    }
    walkType(type, (t) => {
      if (t.kind === 'native' && t.name === 'duration') {
        throw MetadataError.invalidType(where, 'duration', 'duration cannot be part of a primary key');
      }
    });
  }
  if (type.kind === 'udt' && !type.frozen && type.udt !== undefined) {
    for (const f of type.udt().fields) {
      if ((f.type.kind === 'list' || f.type.kind === 'set' || f.type.kind === 'map') && !f.type.frozen) {
        throw MetadataError.invalidType(
          where, type.name,
          `a non-frozen UDT cannot hold the non-frozen collection field '${f.name}'; drop \`frozen: false\` or freeze the field`,
        );
      }
    }
  }
}

function tableOptions(className: string, options: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options ?? {})) {
    if (value === undefined) continue;
    const ok = ['string', 'number', 'boolean'].includes(typeof value) || (typeof value === 'object' && value !== null && !Array.isArray(value));
    if (!ok) throw MetadataError.invalidOption(className, key);
    result[snakeCase(key)] = typeof value === 'object' ? Object.freeze({ ...(value as object) }) : value;
  }
  return Object.freeze(result);
}

/** A declared `maxSize`: a whole number >= 1 on a list, set or map column. */
function collectionBound(at: string, type: CqlType, maxSize: unknown): number {
  if (type.kind !== 'list' && type.kind !== 'set' && type.kind !== 'map') {
    throw MetadataError.invalidType(at, printCqlType(type), 'maxSize bounds a list, set or map column; remove it from this column');
  }
  if (typeof maxSize !== 'number' || !Number.isInteger(maxSize) || maxSize < 1) {
    throw MetadataError.invalidType(at, printCqlType(type), `maxSize must be a whole number of elements >= 1, got ${String(maxSize)}`);
  }
  return maxSize;
}

/** The resolved, frozen metadata of a `@Table` class (validated on first call, then cached on the class). */
export function entityMetadata<T extends object>(target: abstract new (...args: never[]) => T): EntityMetadata<T> {
  const cached = ownRecord<EntityMetadata<T>>(KEYS.resolvedEntity, target);
  if (cached !== undefined) return cached;
  const className = target.name || 'anonymous class';
  const table = ownRecord<TableRecord>(KEYS.table, target);
  if (table === undefined) throw MetadataError.notAnEntity(className);
  const where = `@Table(${className})`;
  const tableName = named(where, () => validateSchemaName(where, table.name ?? applyNaming(table.naming, className)));
  const keyspace = table.keyspace === undefined ? undefined : named(where, () => validateSchemaName(`${where} keyspace`, table.keyspace!));

  const records = inheritedRecords<ColumnRecord>(KEYS.columns, target as ClassRef);
  const partition = orderKeys(className, 'partition', records.filter((r) => r.role === 'partition'));
  const clustering = orderKeys(className, 'clustering', records.filter((r) => r.role === 'clustering'));
  if (partition.length === 0) throw MetadataError.missingPartitionKey(className);
  const others = records.filter((r) => r.role === 'column');
  const ordered = [...partition, ...clustering, ...others.filter((r) => r.static === true), ...others.filter((r) => r.static !== true)];

  const cosine = cosineIndexed(target as ClassRef);
  const columns: ColumnMetadata[] = ordered.map((r) => {
    const at = `${className}.${r.property}`;
    const kind: ColumnKind = r.role === 'partition' ? 'partition' : r.role === 'clustering' ? 'clustering' : r.static === true ? 'static' : 'regular';
    if (kind === 'static' && clustering.length === 0) throw MetadataError.staticWithoutClustering(at);
    const resolved = resolvePropertyType(at, r.type, r.designType, r.frozen, udtMetadata);
    const type = resolved.kind === 'vector' && cosine.has(r.property) ? Object.freeze({ ...resolved, nonZero: true as const }) : resolved;
    checkType(at, type, kind);
    const name = named(at, () => validateColumnName(at, r.name ?? applyNaming(table.naming, r.property)));
    const position = kind === 'partition' ? partition.indexOf(r) : kind === 'clustering' ? clustering.indexOf(r) : -1;
    return Object.freeze({
      property: r.property, name, type, kind, position,
      ...(kind === 'clustering' ? { order: r.order ?? 'ASC' } : {}),
      ...(r.secret === true ? { secret: true as const } : {}),
      ...(r.maxSize !== undefined ? { maxSize: collectionBound(at, type, r.maxSize) } : {}),
    });
  });

  const byName = new Map<string, ColumnMetadata>();
  for (const c of columns) {
    const clash = byName.get(c.name);
    if (clash !== undefined) throw MetadataError.duplicateName(className, 'column', c.name, [clash.property, c.property]);
    byName.set(c.name, c);
  }
  const isCounter = (c: ColumnMetadata): boolean => c.type.kind === 'native' && c.type.name === 'counter';
  const nonKey = columns.filter((c) => c.kind === 'static' || c.kind === 'regular');
  const counters = nonKey.filter(isCounter);
  if (counters.length > 0 && counters.length < nonKey.length) {
    throw MetadataError.counterMixed(className, counters.map((c) => c.property), nonKey.filter((c) => !isCounter(c)).map((c) => c.property));
  }

  const udts = new Map<string, UdtMetadata>();
  for (const c of columns) collectUdts(c.type, udts);
  const partitionKeys = columns.filter((c) => c.kind === 'partition');
  const clusteringKeys = columns.filter((c) => c.kind === 'clustering');
  const byProperty = new Map(columns.map((c) => [c.property, c]));
  const isCounterTable = counters.length > 0;
  const managed = resolveManaged(className, records, byProperty, isCounterTable, table.ttl);
  const resolved: EntityMetadata<T> = {
    target,
    table: tableName,
    ...(keyspace !== undefined ? { keyspace } : {}),
    ...(table.connection !== undefined ? { connection: table.connection } : {}),
    columns: Object.freeze(columns),
    partitionKeys: Object.freeze(partitionKeys),
    clusteringKeys: Object.freeze(clusteringKeys),
    byProperty,
    byName,
    options: tableOptions(className, table.options),
    indexes: resolveIndexes(className, target as ClassRef, tableName, byProperty, partitionKeys.length, isCounterTable),
    views: resolveViews(className, target as ClassRef, byProperty, isCounterTable),
    isCounterTable,
    udts: Object.freeze([...udts.values()]),
    ...(managed !== undefined ? { managed } : {}),
  };
  const queryTables = resolveQueryTables(className, resolved, table.queryTables, tableOptions);
  if (queryTables !== undefined) checkManagedWithQueryTables(className, managed, queryTables);
  const meta: EntityMetadata<T> = Object.freeze(queryTables === undefined ? resolved : { ...resolved, queryTables });
  Reflect.defineMetadata(KEYS.resolvedEntity, meta, target);
  return meta;
}

/** An entity as its `@Table` class or as its resolved metadata: what the query builders take. */
export type EntityRef<T extends object> = EntityMetadata<T> | (abstract new (...args: never[]) => T);

/** The resolved metadata of an entity given either way. */
export function metadataOf<T extends object>(entity: EntityRef<T>): EntityMetadata<T> {
  return typeof entity === 'function' ? entityMetadata(entity) : entity;
}
