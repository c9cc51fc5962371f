// The columns the library writes itself, applied to each write as it is prepared: `@CreatedAt` and
// `@UpdatedAt` stamps, the entity's default TTL, and the optimistic-locking condition and bump of
// `@Version`. Pure: statements are changed here, sent by the repository; the version a write expects
// and the one it writes are kept beside its compiled statement for the repository to settle.
import cassandra from 'cassandra-driver';
import type { ColumnMetadata, EntityMetadata, ManagedColumns } from '../metadata/entity-metadata.js';
import { QueryBuildError } from '../errors.js';
import type { CompiledQuery } from '../query/compiled-query.js';
import { InsertQuery } from '../query/insert-query.js';
import { UpdateQuery } from '../query/update-query.js';
import { DeleteQuery } from '../query/delete-query.js';
import { node } from '../query/nodes.js';

/** The version options of an update or delete (on top of its ConditionalSpec). */
export interface VersionedWriteSpec {
  /** The version the caller holds: the write applies only while the row is at it (needed when only a key is given). */
  readonly ifVersion?: number | bigint | string;
  /** Writes without the version condition and without bumping the version (it bypasses optimistic locking). */
  readonly force?: boolean;
}

/** What a versioned write expects and writes, for the repository to settle once it is sent. */
export interface VersionCheck {
  readonly column: ColumnMetadata;
  /** The version the row must be at; undefined for an insert (no row). */
  readonly expected: unknown;
  /** The version written; undefined for a delete. */
  readonly next: unknown;
  /** The entity whose version property becomes `next` once applied (a key alone has none). */
  readonly entity: object | undefined;
  /** The object holding the row's key values (for the SERIAL read of a conflict). */
  readonly key: object;
  /** The values an update sets (`col = ?`), by property: what a SERIAL read compares after an unknown outcome. */
  readonly written?: Readonly<Record<string, unknown>>;
}

const checks = new WeakMap<CompiledQuery, VersionCheck>();

/** The version check of a compiled write, when it is a versioned one. */
export function versionCheckOf(compiled: CompiledQuery): VersionCheck | undefined {
  return checks.get(compiled);
}

/** Keeps a compiled write's version check beside it; returns the statement. */
export function withCheck(compiled: CompiledQuery, check: VersionCheck | undefined): CompiledQuery {
  if (check !== undefined) checks.set(compiled, check);
  return compiled;
}

/** The first version of a row: 1, or a new timeuuid. */
export function initialVersion(column: ColumnMetadata): number | bigint | string {
  const type = column.type.kind === 'native' ? column.type.name : '';
  if (type === 'timeuuid') return cassandra.types.TimeUuid.now().toString();
  return type === 'bigint' ? 1n : 1;
}

/** The version after `held`: one more, or a new timeuuid. */
export function nextVersion(column: ColumnMetadata, held: unknown): number | bigint | string {
  const type = column.type.kind === 'native' ? column.type.name : '';
  if (type === 'timeuuid') return cassandra.types.TimeUuid.now().toString();
  if (type === 'bigint') return BigInt(held as bigint | number) + 1n;
  return Number(held) + 1;
}

/**
 * True when an UPDATE restricts every clustering column, so it writes rows; without them it writes a
 * partition's static columns only, which carry no version and no updated-at (setting a regular
 * column there is refused by Cassandra).
 */
function writesRows(meta: EntityMetadata, q: UpdateQuery<object>): boolean {
  return meta.clusteringKeys.every((c) => q.node.where.some((r) => r.kind === 'column' && r.column === c));
}

/** The TTL of a write: the call's, else the entity's default (`@Table({ ttl })`), else none. */
export function ttlOf(meta: EntityMetadata, ttl: number | undefined): number | undefined {
  return ttl ?? meta.managed?.ttl;
}

/** Sets `@CreatedAt` and `@UpdatedAt` on an entity about to be inserted (both to the same instant). */
export function stampInsert(managed: ManagedColumns, instance: object): void {
  const now = new Date();
  const v = instance as Record<string, unknown>;
  if (managed.createdAt !== undefined) v[managed.createdAt.property] = now;
  if (managed.updatedAt !== undefined) v[managed.updatedAt.property] = now;
}

/**
 * The values and version check of an insert of a versioned entity: the version starts again (1 or
 * a new timeuuid) and the insert becomes IF NOT EXISTS. The entity's own property is set once applied.
 */
export function versionedInsert(managed: ManagedColumns, instance: object): { values: Record<string, unknown>; check: VersionCheck } | undefined {
  const column = managed.version;
  if (column === undefined) return undefined;
  const next = initialVersion(column);
  return { values: { ...(instance as Record<string, unknown>), [column.property]: next }, check: { column, expected: undefined, next, entity: instance, key: instance } };
}

/**
 * The object of a key-based write, when it is a loaded entity: of a versioned entity, one that holds a
 * version (the held one); else an instance of the entity class (its `@UpdatedAt` is set as the write is
 * prepared, as for update(entity)). A plain key object is no entity: nothing is set on it.
 */
export function entityOfKey(meta: EntityMetadata, key: object): object | undefined {
  const column = meta.managed?.version;
  if (column === undefined) return key instanceof meta.target ? key : undefined;
  const v = (key as Record<string, unknown>)[column.property];
  return v === undefined || v === null ? undefined : key;
}

/** The held version of a write: the call's `ifVersion`, else the entity's property; a QueryBuildError when neither is given and not forced. */
function heldVersion(meta: EntityMetadata, column: ColumnMetadata, spec: VersionedWriteSpec | undefined, entity: object | undefined, what: string): unknown {
  const held = spec?.ifVersion ?? (entity as Record<string, unknown> | undefined)?.[column.property];
  if (held !== undefined && held !== null) return held;
  throw QueryBuildError.invalid(
    meta.table,
    `${meta.target.name}.${column.property} is a @Version column and this ${what} gives no version to check. ` +
      'Pass the version you read ({ ifVersion: entity.' + column.property + ' }), write a loaded entity, or pass { force: true } to write without the check (it bypasses optimistic locking).',
  );
}

/**
 * An UPDATE with the managed columns applied: `@UpdatedAt = now` unless the update sets it, the
 * default TTL unless it has one, and for a versioned entity `SET version = next ... IF version = held`
 * (ANDed with the caller's conditions; IF EXISTS is dropped, the version condition implies it).
 * `entity` is the entity written, when the write has one (its version is the held one, and its
 * `@UpdatedAt` and version properties are set); `key` holds the row's key values.
 */
export function managedUpdate<T extends object>(
  meta: EntityMetadata<T>,
  q: UpdateQuery<T>,
  spec: VersionedWriteSpec | undefined,
  entity: object | undefined,
  key: object,
): { query: UpdateQuery<T>; check: VersionCheck | undefined } {
  const managed = meta.managed;
  if (managed === undefined) return { query: q, check: undefined };
  const rows = writesRows(meta as EntityMetadata, q as UpdateQuery<object>);
  let out = q;
  const assigned = (c: ColumnMetadata): boolean => out.node.assignments.some((a) => a.column === c);
  if (managed.updatedAt !== undefined && rows && !assigned(managed.updatedAt)) {
    const now = new Date();
    out = out.set(managed.updatedAt.property as never, now as never);
    if (entity !== undefined) (entity as Record<string, unknown>)[managed.updatedAt.property] = now;
  }
  if (managed.ttl !== undefined && out.node.ttl === undefined) out = out.ttl(managed.ttl);
  const column = managed.version;
  if (column === undefined || spec?.force === true || !rows) return { query: out, check: undefined };
  if (assigned(column)) {
    throw QueryBuildError.invalid(meta.table, `${meta.target.name}.${column.property} is a @Version column: the library sets it on every write. Leave it out of the update (pass { ifVersion } to say which version you hold).`);
  }
  const held = heldVersion(meta, column, spec, entity, 'update');
  const next = nextVersion(column, held);
  if (out.node.ifExists) out = new UpdateQuery<T>(node({ ...out.node, ifExists: false }));
  out = out.set(column.property as never, next as never).if(column.property as never, '=', held as never);
  const written: Record<string, unknown> = {};
  for (const a of out.node.assignments) if (a.op === 'set' && a.column !== column) written[a.column.property] = a.value;
  return { query: out, check: { column, expected: held, next, entity, key, written } };
}

/** A DELETE of a versioned entity with `IF version = held`; unchanged for other entities or with `force`. */
export function managedDelete<T extends object>(
  meta: EntityMetadata<T>,
  q: DeleteQuery<T>,
  spec: VersionedWriteSpec | undefined,
  entity: object,
): { query: DeleteQuery<T>; check: VersionCheck | undefined } {
  const column = meta.managed?.version;
  if (column === undefined || spec?.force === true) return { query: q, check: undefined };
  const held = heldVersion(meta, column, spec, entity, 'delete');
  const base = q.node.ifExists ? new DeleteQuery<T>(node({ ...q.node, ifExists: false })) : q;
  const out = base.if(column.property as never, '=', held as never);
  return { query: out, check: { column, expected: held, next: undefined, entity: undefined, key: entity } };
}

/**
 * A write builder run through the repository (`execute`, `batch.add`) with the stamps and default
 * TTL applied: an INSERT gets `@CreatedAt` and `@UpdatedAt` unless its values have them, an UPDATE gets
 * `@UpdatedAt` unless it sets it. The version is not checked: builders are sent as they are.
 */
export function managedBuilder<Q>(meta: EntityMetadata, query: Q): Q {
  const managed = meta.managed;
  if (managed === undefined) return query;
  if (query instanceof InsertQuery && query.node.target.meta === meta) {
    const values: Record<string, unknown> = { ...query.node.values };
    const now = new Date();
    if (managed.createdAt !== undefined && values[managed.createdAt.property] === undefined) values[managed.createdAt.property] = now;
    if (managed.updatedAt !== undefined && values[managed.updatedAt.property] === undefined) values[managed.updatedAt.property] = now;
    const stamped = query.values(values);
    return (managed.ttl !== undefined && query.node.ttl === undefined ? stamped.ttl(managed.ttl) : stamped) as Q;
  }
  if (query instanceof UpdateQuery && query.node.target.meta === meta) {
    let out = query as UpdateQuery<object>;
    if (managed.updatedAt !== undefined && writesRows(meta, out) && !out.node.assignments.some((a) => a.column === managed.updatedAt)) out = out.set(managed.updatedAt.property as never, new Date() as never);
    if (managed.ttl !== undefined && out.node.ttl === undefined) out = out.ttl(managed.ttl);
    return out as Q;
  }
  return query;
}
