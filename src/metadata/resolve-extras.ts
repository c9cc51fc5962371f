// Indexes and materialized views of an entity: resolved from property names to CQL columns, with
// Cassandra's rules checked before anything reaches the cluster.
import { MetadataError } from '../errors.js';
import type { ColumnMetadata, IndexMetadata, IndexTarget, ViewMetadata } from './entity-metadata.js';
import { validateSchemaName } from './identifier.js';
import { classChain, KEYS, ownRecords, snakeCase, type IndexRecord, type ViewRecord } from './metadata-store.js';
import type { ClassRef } from './type-input.js';
import { resolveIndexOptions } from './sai-options.js';

const SASI_CLASS = 'org.apache.cassandra.index.sasi.SASIIndex';

function named(where: string, what: string, name: string): string {
  try {
    return validateSchemaName(what, name);
  } catch (error) {
    throw MetadataError.invalidName(where, error);
  }
}

function indexTarget(where: string, column: ColumnMetadata, requested: IndexTarget | undefined): IndexTarget {
  const t = column.type;
  const collection = t.kind === 'list' || t.kind === 'set' || t.kind === 'map';
  const frozenCollection = collection && t.frozen;
  const target = requested ?? 'value';
  if (target === 'value') return frozenCollection ? 'full' : collection ? 'values' : 'value';
  if (target === 'full') {
    if (!frozenCollection) throw MetadataError.invalidIndex(where, "target 'full' needs a frozen collection column");
    return target;
  }
  if (!collection || frozenCollection) {
    throw MetadataError.invalidIndex(where, `target '${target}' needs a non-frozen collection column`);
  }
  if ((target === 'keys' || target === 'entries') && t.kind !== 'map') {
    throw MetadataError.invalidIndex(where, `target '${target}' needs a map column, but this is a ${t.kind}`);
  }
  return target;
}

function indexUsing(using: string | undefined): string | undefined {
  if (using === undefined) return undefined;
  const lower = using.toLowerCase();
  if (lower === 'sai' || lower === 'storageattachedindex') return 'sai';
  if (lower === 'sasi' || using === SASI_CLASS) return 'sasi';
  return using;
}

/** The entity's secondary indexes, validated (only-partition-key, counter tables, collection targets). */
export function resolveIndexes(
  className: string,
  target: ClassRef,
  table: string,
  byProperty: ReadonlyMap<string, ColumnMetadata>,
  partitionKeyCount: number,
  counterTable: boolean,
): readonly IndexMetadata[] {
  const records = classChain(target).flatMap((c) => ownRecords<IndexRecord>(KEYS.indexes, c));
  const seen = new Set<string>();
  const indexes = records.map((r): IndexMetadata => {
    const where = `${className}.${r.property}`;
    const column = byProperty.get(r.property);
    if (column === undefined) throw MetadataError.unknownProperty(where, r.property, '@Index');
    if (column.kind === 'partition' && partitionKeyCount === 1) {
      throw MetadataError.indexOnKey(where, 'it is the only partition key column, which Cassandra already looks up directly');
    }
    if (counterTable) throw MetadataError.indexOnKey(where, 'Cassandra does not support secondary indexes on counter tables');
    const indexTargetValue = indexTarget(where, column, r.target);
    const suffix = r.target === undefined || r.target === 'value' ? '' : `_${indexTargetValue}`;
    const name = named(where, `@Index(${where})`, r.name ?? `${table}_${column.name}${suffix}_idx`);
    if (seen.has(name)) throw MetadataError.duplicateName(className, 'index', name, [r.property]);
    seen.add(name);
    const using = indexUsing(r.using);
    return Object.freeze({
      name,
      column: column.name,
      target: indexTargetValue,
      ...(using !== undefined ? { using } : {}),
      ...resolveIndexOptions(where, column, indexTargetValue, using, r),
    });
  });
  return Object.freeze(indexes);
}

/** The entity's materialized views, validated against Cassandra's primary key rules for views. */
export function resolveViews(
  className: string,
  target: ClassRef,
  byProperty: ReadonlyMap<string, ColumnMetadata>,
  counterTable: boolean,
): readonly ViewMetadata[] {
  const records = classChain(target).flatMap((c) => ownRecords<ViewRecord>(KEYS.views, c));
  return Object.freeze(records.map((r): ViewMetadata => {
    const where = `@MaterializedView(${className}.${r.name})`;
    const name = named(where, where, r.name);
    if (counterTable) throw MetadataError.invalidView(where, 'Cassandra does not support materialized views on counter tables');
    const column = (property: string): ColumnMetadata => {
      const c = byProperty.get(property);
      if (c === undefined) throw MetadataError.unknownProperty(where, property, 'the view');
      if (c.kind === 'static') throw MetadataError.invalidView(where, `static column '${property}' cannot be in a view`);
      return c;
    };
    if (r.partitionKeys.length === 0) throw MetadataError.invalidView(where, 'it needs at least one partition key');
    const partitionKeys = r.partitionKeys.map((p) => column(p).name);
    const clusteringKeys = r.clusteringKeys.map((k) => {
      const spec = typeof k === 'string' ? { property: k, order: undefined } : k;
      return Object.freeze({ name: column(spec.property).name, order: spec.order ?? 'ASC' });
    });
    const keyNames = [...partitionKeys, ...clusteringKeys.map((k) => k.name)];
    if (new Set(keyNames).size !== keyNames.length) throw MetadataError.invalidView(where, 'a column appears twice in its primary key');
    const baseKeys = [...byProperty.values()].filter((c) => c.kind === 'partition' || c.kind === 'clustering');
    const missing = baseKeys.filter((c) => !keyNames.includes(c.name));
    if (missing.length > 0) {
      throw MetadataError.invalidView(where, `its primary key must include every base primary key column; add ${missing.map((c) => c.property).join(', ')}`);
    }
    const extra = keyNames.filter((n) => !baseKeys.some((c) => c.name === n));
    if (extra.length > 1) throw MetadataError.invalidView(where, `at most one non-primary-key column may join its primary key, got ${extra.join(', ')}`);
    const selected = r.columns === undefined
      ? [...byProperty.values()].filter((c) => c.kind !== 'static').map((c) => c.name)
      : [...new Set([...keyNames, ...r.columns.map((p) => column(p).name)])];
    const options: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r.options ?? {})) if (v !== undefined) options[snakeCase(k)] = v;
    const includeAllColumns = r.columns === undefined && ![...byProperty.values()].some((c) => c.kind === 'static');
    return Object.freeze({
      name,
      ...(includeAllColumns ? { includeAllColumns } : {}),
      partitionKeys: Object.freeze(partitionKeys),
      clusteringKeys: Object.freeze(clusteringKeys),
      columns: Object.freeze(selected),
      options: Object.freeze(options),
    });
  }));
}
