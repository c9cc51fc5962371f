// The statements a repository runs on every call, built once per entity and keyspace.
import type { EntityMetadata } from '../metadata/entity-metadata.js';
import { selectFrom } from '../query/select-query.js';
import type { CompiledQuery } from '../query/compiled-query.js';

/** A prebuilt statement: fixed CQL and types; only the values change per call. */
export interface Prebuilt {
  readonly cql: string;
  readonly paramTypes: CompiledQuery['paramTypes'];
  /** Where each bound value is headed (for the errors of values that do not fit). */
  readonly paramSlots: NonNullable<CompiledQuery['paramSlots']>;
  /** Properties whose values are bound, in order. */
  readonly properties: readonly string[];
  readonly idempotent: true;
}

/** Prebuilt reads of one table: by full primary key, and by partition. */
export class TableStatements {
  readonly byKey: Prebuilt;
  readonly byPartition: Prebuilt;

  constructor(meta: EntityMetadata, keyspace: string | undefined) {
    const keyColumns = [...meta.partitionKeys, ...meta.clusteringKeys];
    this.byKey = prebuild(meta, keyspace, keyColumns.map((c) => c.property));
    this.byPartition = prebuild(meta, keyspace, meta.partitionKeys.map((c) => c.property));
  }
}

function prebuild(meta: EntityMetadata, keyspace: string | undefined, properties: readonly string[]): Prebuilt {
  // Compile once with placeholder values: the text and types are what is kept.
  const placeholder = Object.fromEntries(properties.map((p) => [p, 0]));
  const compiled = selectFrom(meta, keyspace).whereKey(placeholder).compile();
  return Object.freeze({ cql: compiled.cql, paramTypes: compiled.paramTypes, paramSlots: compiled.paramSlots ?? [], properties: Object.freeze([...properties]), idempotent: true });
}

const cache = new WeakMap<EntityMetadata, Map<string, TableStatements>>();

/** The cached statements of an entity in a keyspace. */
export function tableStatements(meta: EntityMetadata, keyspace: string | undefined): TableStatements {
  let perMeta = cache.get(meta);
  if (perMeta === undefined) cache.set(meta, (perMeta = new Map()));
  const key = keyspace ?? '';
  let s = perMeta.get(key);
  if (s === undefined) perMeta.set(key, (s = new TableStatements(meta, keyspace)));
  return s;
}
