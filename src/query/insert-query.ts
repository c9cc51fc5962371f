// INSERT: every column bound (undefined → unset, so no tombstone), with IF NOT EXISTS, TTL, TIMESTAMP.
import type { ColumnMetadata, CqlType, EntityMetadata } from '../metadata/entity-metadata.js';
import { qualifiedName, quoteIdentifier } from '../metadata/identifier.js';
import { QueryBuildError } from '../errors.js';
import { node, type Target } from './nodes.js';
import type { CompiledQuery } from './compiled-query.js';
import type { ValueLocation } from '../errors.js';
import { ParamList, columnSlot } from './params.js';
import { checkTtl, keyColumns, printUsing, type WriteUsing } from './write-clauses.js';
import { metadataOf, type EntityRef } from '../metadata/resolve-entity.js';

/** The frozen description of an INSERT. */
export interface InsertNode extends WriteUsing {
  readonly target: Target;
  /** Property values by property name; every column of the table is bound. */
  readonly values: Readonly<Record<string, unknown>>;
  readonly ifNotExists: boolean;
}

/** CQL text per table, keyspace and clause shape (8 shapes): built once, not per call. */
const textCache = new WeakMap<EntityMetadata, Map<string, (string | undefined)[]>>();

function insertColumns(meta: EntityMetadata): readonly ColumnMetadata[] {
  return meta.columns;
}

const typesCache = new WeakMap<EntityMetadata, readonly CqlType[]>();
const slotsCache = new WeakMap<EntityMetadata, readonly ValueLocation[]>();

/** The CQL types of every column, in INSERT order (computed once per table). */
function columnTypes(meta: EntityMetadata): readonly CqlType[] {
  let types = typesCache.get(meta);
  if (types === undefined) typesCache.set(meta, (types = Object.freeze(insertColumns(meta).map((c) => c.type))));
  return types;
}

/** Where every column's value is headed, in INSERT order (computed once per table). */
export function insertSlots(meta: EntityMetadata): readonly ValueLocation[] {
  let slots = slotsCache.get(meta);
  if (slots === undefined) slotsCache.set(meta, (slots = Object.freeze(insertColumns(meta).map((c) => columnSlot(meta, c)))));
  return slots;
}

function insertText(n: Pick<InsertNode, 'target' | 'ifNotExists' | 'ttl' | 'timestamp'>): string {
  const meta = n.target.meta;
  const shape = (n.ifNotExists ? 1 : 0) | (n.ttl !== undefined ? 2 : 0) | (n.timestamp !== undefined ? 4 : 0);
  let perMeta = textCache.get(meta);
  if (perMeta === undefined) textCache.set(meta, (perMeta = new Map()));
  const ks = n.target.keyspace ?? '';
  let texts = perMeta.get(ks);
  if (texts === undefined) perMeta.set(ks, (texts = new Array<string | undefined>(8)));
  let text = texts[shape];
  if (text === undefined) {
    const cols = insertColumns(meta);
    const using = n.ttl !== undefined ? (n.timestamp !== undefined ? ' USING TTL ? AND TIMESTAMP ?' : ' USING TTL ?') : n.timestamp !== undefined ? ' USING TIMESTAMP ?' : '';
    text =
      `INSERT INTO ${qualifiedName(n.target.keyspace, meta.table)} (${cols.map((c) => quoteIdentifier(c.name)).join(', ')}) ` +
      `VALUES (${cols.map(() => '?').join(', ')})${n.ifNotExists ? ' IF NOT EXISTS' : ''}${using}`;
    texts[shape] = text;
  }
  return text;
}

/**
 * A typed INSERT of one entity. Immutable.
 * @example insertInto(meta).values(user).ifNotExists().ttl(60)
 * // INSERT INTO users (id, name) VALUES (?, ?) IF NOT EXISTS USING TTL ?
 */
export class InsertQuery<T extends object> {
  /** @internal Builders are made by selectFrom / insertInto / update / deleteFrom and by their own methods. */
  constructor(
    /** @internal The frozen node this builder compiles. */
    readonly node: InsertNode,
  ) {}

  private with(patch: Partial<InsertNode>): InsertQuery<T> {
    return new InsertQuery<T>(node({ ...this.node, ...patch }));
  }

  /** The entity (or plain object) to write; `undefined` properties are left unset. */
  values(entity: Partial<T>): InsertQuery<T> {
    return this.with({ values: entity as Record<string, unknown> });
  }

  /** `IF NOT EXISTS` (a lightweight transaction). */
  ifNotExists(): InsertQuery<T> {
    return this.with({ ifNotExists: true });
  }

  /** `USING TTL ?` in seconds. */
  ttl(seconds: number): InsertQuery<T> {
    return this.with({ ttl: checkTtl(this.node.target.meta.table, seconds) });
  }

  /** `USING TIMESTAMP ?` in microseconds. */
  timestamp(micros: bigint | number): InsertQuery<T> {
    return this.with({ timestamp: micros });
  }

  /** Checks the key and prints the CQL (text cached per table and shape). */
  compile(): CompiledQuery {
    return compileInsertNode(this.node, true);
  }
}

/** The error of an INSERT whose primary key properties are missing (null or undefined), naming them. */
export function missingKeyError(meta: EntityMetadata, values: Readonly<Record<string, unknown>>): QueryBuildError {
  const missing = [...meta.partitionKeys, ...meta.clusteringKeys].filter((k) => values[k.property] == null).map((k) => k.property);
  return QueryBuildError.invalid(meta.table, `INSERT needs every primary key column (missing ${missing.join(', ')}).`);
}

/** The CQL of a plain INSERT into the target (no IF NOT EXISTS, TTL or TIMESTAMP; cached). */
export function plainInsertText(target: Target, ifNotExists = false): string {
  return insertText({ target, ifNotExists, ttl: undefined, timestamp: undefined });
}

/**
 * Compiles the INSERT an InsertNode describes. Also what a repository calls directly with a plain
 * `{ target, values, ifNotExists, ttl, timestamp }` (no builder nodes): one code path, one result.
 * `frozen: false` is for callers that send the result at once and never hand it out (a repository's
 * own write); what `compile()` returns is always frozen.
 */
export function compileInsertNode(n: Pick<InsertNode, 'target' | 'values' | 'ifNotExists' | 'ttl' | 'timestamp'>, frozen: boolean): CompiledQuery {
  const meta = n.target.meta;
  if (meta.isCounterTable) throw QueryBuildError.invalid(meta.table, 'counter tables cannot be INSERTed into; use increment() in an update.');
  const keys = keyColumns(meta);
  for (let i = 0; i < keys.length; i++) if (n.values[keys[i]!.property] == null) throw missingKeyError(meta, n.values);
  const columns = insertColumns(meta);
  const values = new Array<unknown>(columns.length);
  for (let i = 0; i < columns.length; i++) values[i] = n.values[columns[i]!.property];
  let paramTypes: readonly (CqlType | undefined)[] = columnTypes(meta);
  let paramSlots: readonly (ValueLocation | undefined)[] = insertSlots(meta);
  if (n.ttl !== undefined || n.timestamp !== undefined) {
    const using = new ParamList();
    printUsing(meta, n, using);
    values.push(...using.values);
    paramTypes = Object.freeze([...paramTypes, ...using.types]);
    paramSlots = Object.freeze([...paramSlots, ...using.slots]);
  }
  const q: CompiledQuery = {
    kind: 'insert',
    cql: insertText(n),
    params: values,
    paramTypes,
    paramSlots,
    idempotent: !n.ifNotExists,
    lwt: n.ifNotExists,
    counter: false,
  };
  return frozen ? Object.freeze(q) : q;
}

/** An INSERT into an entity's table (its class or metadata); `keyspace` overrides the entity's. */
export function insertInto<T extends object>(entity: abstract new (...args: never[]) => T, keyspace?: string): InsertQuery<T>;
/** @internal The same over resolved metadata (repositories build their statements from it). */
export function insertInto<T extends object>(entity: EntityRef<T>, keyspace?: string): InsertQuery<T>;
export function insertInto<T extends object>(entity: EntityRef<T>, keyspace?: string): InsertQuery<T> {
  const meta = metadataOf(entity);
  return new InsertQuery<T>(
    node({ target: node({ meta: meta as EntityMetadata, keyspace: keyspace ?? meta.keyspace }), values: {}, ifNotExists: false }),
  );
}
