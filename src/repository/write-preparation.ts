// Turns an entity write into a compiled statement: hooks first, then validation, then compile.
// Nothing is sent from here; a failure leaves the table untouched.
import { ConditionOperand } from '../query/conditions.js';
import type { EntityMetadata } from '../metadata/entity-metadata.js';
import type { HookEvent } from '../decorators/hooks.js';
import { compileInsertNode, insertInto, type InsertQuery } from '../query/insert-query.js';
import { checkTtl, keyColumns } from '../query/write-clauses.js';
import { compileUpdateNode, update, UpdateQuery } from '../query/update-query.js';
import { deleteFrom, type DeleteQuery } from '../query/delete-query.js';
import { node } from '../query/nodes.js';
import type { CompiledQuery } from '../query/compiled-query.js';
import type { PartitionKey, PrimaryKey } from '../query/entity-types.js';
import { validateEntity } from '../validation/validate-entity.js';
import { hasConstraints } from '../validation/constraints.js';
import { hooksOf, runHooks } from './hooks-runner.js';
import { entityOfKey, managedDelete, managedUpdate, stampInsert, ttlOf, versionedInsert, withCheck, type VersionCheck, type VersionedWriteSpec } from './managed-writes.js';

/** Options of an insert. */
export interface InsertSpec {
  /** `IF NOT EXISTS`: a lightweight transaction; the result says whether it applied. */
  readonly ifNotExists?: boolean;
  /** `USING TTL` in seconds. */
  readonly ttl?: number;
  /** `USING TIMESTAMP` in microseconds. */
  readonly timestamp?: bigint | number;
}

/** The conditions of an options object: per property, a value (`=`), a ConditionOperand, or several. */
export type ConditionsSpec<T> = { readonly [K in keyof T]?: T[K] | null | ConditionOperand | readonly ConditionOperand[] };

/** Options of an update or delete: `IF EXISTS`, or `IF` conditions, and `USING TTL` / `TIMESTAMP`. */
export interface ConditionalSpec<T> extends VersionedWriteSpec {
  /** `IF EXISTS`: a lightweight transaction; the result says whether it applied. */
  readonly ifExists?: boolean;
  /**
   * `IF ...` for each property given: a plain value means `=`; `is(op, value)`, `elementIs(key, op,
   * value)` and `fieldIs(field, op, value)` say otherwise, and an array of them ANDs several.
   * @example { if: { version: 3, score: is('>', 10), counts: elementIs('a', '>=', 1) } }
   */
  readonly if?: ConditionsSpec<T>;
  /** `USING TTL` in seconds (updates). */
  readonly ttl?: number;
  /** `USING TIMESTAMP` in microseconds. */
  readonly timestamp?: bigint | number;
}

/** What a repository knows when preparing a write. */
export interface WriteContext<T extends object> {
  readonly meta: EntityMetadata<T>;
  readonly keyspace: string | undefined;
  readonly validate: boolean;
  /** The repository's empty INSERT (its target is reused by every insert). */
  readonly insertBase?: InsertQuery<T>;
  /** The repository's empty UPDATE (builders start from it instead of building three nodes per call). */
  readonly updateBase?: UpdateQuery<T>;
  /** True when updates need no BeforeUpdate hooks and no validation (decided once per repository). */
  readonly plainUpdate?: boolean;
}

async function hooks(ctx: WriteContext<object>, instance: object, event: HookEvent): Promise<void> {
  const methods = hooksOf(ctx.meta.target, event);
  if (methods.length > 0) await runHooks(instance, methods);
}

async function check(ctx: WriteContext<object>, instance: object): Promise<void> {
  if (ctx.validate && hasConstraints(ctx.meta.target)) await validateEntity(instance);
}

/** The entity as an instance of its class (hooks are its methods): `values` itself when it already is one. */
export function instanceOf<T extends object>(meta: EntityMetadata<T>, values: object): T {
  const proto = (meta.target as unknown as { prototype: object }).prototype;
  if (Object.getPrototypeOf(values) === proto) return values as T;
  return Object.assign(Object.create(proto) as T, values);
}

/** True when an insert of this entity needs no hooks and no validation (it can compile synchronously). */
export function plainInsert(ctx: WriteContext<object>): boolean {
  return hooksOf(ctx.meta.target, 'beforeInsert').length === 0 && !(ctx.validate && hasConstraints(ctx.meta.target));
}

/** True when an update of this entity needs no hooks and no validation. */
export function plainUpdate(ctx: WriteContext<object>): boolean {
  return hooksOf(ctx.meta.target, 'beforeUpdate').length === 0 && !(ctx.validate && hasConstraints(ctx.meta.target));
}

/** BeforeInsert hooks, validation, INSERT. */
export async function prepareInsert<T extends object>(ctx: WriteContext<T>, entity: T, spec: InsertSpec = {}, upsert = false): Promise<CompiledQuery> {
  const instance = instanceOf(ctx.meta, entity);
  await hooks(ctx, instance, 'beforeInsert');
  await check(ctx, instance);
  return compileInsert(ctx, instance, spec, true, upsert);
}

/**
 * The INSERT of an entity, without hooks or validation; frozen unless the caller sends it at once and
 * never hands it out (`frozen: false`). With managed columns it stamps `@CreatedAt` and `@UpdatedAt` on
 * the entity (an `upsert`, save() of an unversioned entity, leaves `@CreatedAt` out), applies the
 * default TTL, and makes a versioned insert IF NOT EXISTS with the first version.
 */
export function compileInsert<T extends object>(ctx: WriteContext<T>, entity: T, spec: InsertSpec = NO_SPEC, frozen = true, upsert = false): CompiledQuery {
  const managed = ctx.meta.managed;
  let values = entity as Record<string, unknown>;
  let versioned: VersionCheck | undefined;
  if (managed !== undefined) {
    stampInsert(managed, entity);
    const v = versionedInsert(managed, entity);
    if (v !== undefined) ({ values, check: versioned } = v);
    if (upsert && managed.createdAt !== undefined) values = { ...values, [managed.createdAt.property]: undefined };
  }
  const ttl = ttlOf(ctx.meta as EntityMetadata, spec.ttl);
  // The compile of `insertInto(meta).values(entity).ifNotExists().ttl(t).timestamp(s)`, without the
  // builder's intermediate nodes (unit specs compare both paths).
  return withCheck(compileInsertNode({
    target: (ctx.insertBase ?? insertInto(ctx.meta, ctx.keyspace)).node.target,
    values,
    ifNotExists: spec.ifNotExists === true || versioned !== undefined,
    ttl: ttl === undefined ? undefined : checkTtl(ctx.meta.table, ttl),
    timestamp: spec.timestamp,
  }, frozen), versioned);
}

/** The spec of an insert given none (shared: a default `{}` was a new object per insert). */
const NO_SPEC: InsertSpec = Object.freeze({});

function conditional<Q extends UpdateQuery<T> | DeleteQuery<T>, T extends object>(q: Q, spec: ConditionalSpec<T> | undefined): Q {
  if (spec === undefined || spec.ifExists === undefined && spec.if === undefined && spec.timestamp === undefined) return q;
  let out = q;
  if (spec.ifExists === true) out = out.ifExists() as Q;
  for (const [p, v] of Object.entries(spec.if ?? {})) {
    if (v === undefined) continue;
    const list = Array.isArray(v) && v.length > 0 && v.every((x) => x instanceof ConditionOperand) ? (v as ConditionOperand[]) : [v];
    for (const c of list) {
      const u = out as UpdateQuery<T>;
      if (!(c instanceof ConditionOperand)) out = u.if(p as never, '=', c as never) as unknown as Q;
      else if (c.target === 'field') out = u.ifField(p as never, c.field as string, c.op, c.value) as unknown as Q;
      else if (c.target === 'element') out = u.ifElement(p as never, c.element, c.op, c.value) as unknown as Q;
      else out = u.if(p as never, c.op, c.value as never) as unknown as Q;
    }
  }
  if (spec.timestamp !== undefined) out = out.timestamp(spec.timestamp) as Q;
  return out;
}

/** BeforeUpdate hooks, validation of the given properties, UPDATE of every non-key, non-counter column. */
export async function prepareUpdateEntity<T extends object>(ctx: WriteContext<T>, entity: T, spec: ConditionalSpec<T> = {}): Promise<CompiledQuery> {
  const instance = instanceOf(ctx.meta, entity);
  await hooks(ctx, instance, 'beforeUpdate');
  await check(ctx, instance);
  let q = (ctx.updateBase ?? update(ctx.meta, ctx.keyspace)).key(instance as unknown as PrimaryKey<T>);
  const values = instance as Record<string, unknown>;
  const managed = ctx.meta.managed;
  for (const c of ctx.meta.columns) {
    if (c.kind === 'partition' || c.kind === 'clustering') continue;
    if (c.type.kind === 'native' && c.type.name === 'counter') continue;
    // The library writes these: the version by its bump, updated-at as now, created-at never on an update.
    if (managed !== undefined && (c === managed.version || c === managed.createdAt || c === managed.updatedAt)) continue;
    q = q.set(c.property as never, values[c.property] as never);
  }
  if (spec.ttl !== undefined) q = q.ttl(spec.ttl);
  return managedCompile(ctx, conditional(q, spec), spec, instance, instance);
}

/** Compiles an UPDATE with the managed columns applied, its version check kept beside it. */
function managedCompile<T extends object>(ctx: WriteContext<T>, q: UpdateQuery<T>, spec: ConditionalSpec<T> | undefined, entity: object | undefined, key: object, frozen = true): CompiledQuery {
  if (ctx.meta.managed === undefined) return frozen ? q.compile() : compileUpdateNode(q.node, frozen);
  const m = managedUpdate(ctx.meta, q, spec, entity, key);
  return withCheck(frozen ? m.query.compile() : compileUpdateNode(m.query.node, frozen), m.check);
}

function buildOnKey<T extends object>(ctx: WriteContext<T>, key: PrimaryKey<T> | PartitionKey<T>, build: (u: UpdateQuery<T>) => UpdateQuery<T>): UpdateQuery<T> {
  // A key without clustering values addresses the partition: only static columns may then be set (checked at compile).
  let full = true;
  const clustering = ctx.meta.clusteringKeys;
  for (let i = 0; i < clustering.length; i++) if ((key as Record<string, unknown>)[clustering[i]!.property] == null) full = false;
  const base = ctx.updateBase ?? update(ctx.meta, ctx.keyspace);
  return build(full ? base.key(key as PrimaryKey<T>) : base.partition(key as PartitionKey<T>));
}

/**
 * The built UPDATE on a key, without hooks or validation (for entities that have neither); frozen
 * unless the caller sends it at once and never hands it out (`frozen: false`).
 */
export function compileUpdateWith<T extends object>(
  ctx: WriteContext<T>,
  key: PrimaryKey<T> | PartitionKey<T>,
  build: (u: UpdateQuery<T>) => UpdateQuery<T>,
  spec: ConditionalSpec<T> | undefined = undefined,
  frozen = true,
): CompiledQuery {
  let q = buildOnKey(ctx, key, build);
  if (spec?.ttl !== undefined) q = q.ttl(spec.ttl);
  if (ctx.meta.managed !== undefined) return managedCompile(ctx, conditional(q, spec), spec, entityOfKey(ctx.meta as EntityMetadata, key), key, frozen);
  return compileUpdateNode(conditional(q, spec).node, frozen);
}

/** BeforeUpdate hooks on the key and assigned values, validation of those values, then the built UPDATE. */
export async function prepareUpdateWith<T extends object>(
  ctx: WriteContext<T>,
  key: PrimaryKey<T> | PartitionKey<T>,
  build: (u: UpdateQuery<T>) => UpdateQuery<T>,
  spec: ConditionalSpec<T> = {},
): Promise<CompiledQuery> {
  if (ctx.plainUpdate ?? plainUpdate(ctx as WriteContext<object>)) return compileUpdateWith(ctx, key, build, spec);
  let q = buildOnKey(ctx, key, build);
  const assigned: Record<string, unknown> = { ...key };
  for (const a of q.node.assignments) if (a.op === 'set') assigned[a.column.property] = a.value;
  const instance = instanceOf(ctx.meta, assigned);
  const before = { ...instance } as Record<string, unknown>;
  await hooks(ctx, instance, 'beforeUpdate');
  // A hook may change an assigned value or set another column: the statement follows the instance.
  const after = instance as Record<string, unknown>;
  const changed = Object.keys(after).filter((p) => after[p] !== before[p] && ctx.meta.byProperty.get(p)?.kind !== 'partition' && ctx.meta.byProperty.get(p)?.kind !== 'clustering');
  if (changed.length > 0) {
    const kept = q.node.assignments.filter((a) => !(a.op === 'set' && changed.includes(a.column.property)));
    q = changed.reduce((acc, p) => acc.set(p as never, after[p] as never), new UpdateQuery<T>(node({ ...q.node, assignments: Object.freeze(kept) })));
  }
  await check(ctx, instance);
  if (spec.ttl !== undefined) q = q.ttl(spec.ttl);
  return managedCompile(ctx, conditional(q, spec), spec, entityOfKey(ctx.meta as EntityMetadata, key), key);
}

/**
 * What `saveChanges` does before its UPDATE, on an entity with BeforeUpdate hooks or constraints:
 * the hooks run on the entity itself (as for `update(entity)`, so a hook that stamps a column sees
 * the whole entity and its stamp is one of the changes), then `diff` finds what changed after them,
 * then validation checks the values to be sent with the key (as for `patch`, so an untouched column
 * never blocks a write of another).
 */
export async function prepareChanges<T extends object, C extends { readonly values: Readonly<Record<string, unknown>> }>(
  ctx: WriteContext<T>,
  entity: T,
  diff: (instance: T) => C,
): Promise<C> {
  const instance = instanceOf(ctx.meta, entity);
  await hooks(ctx, instance, 'beforeUpdate');
  const changes = diff(instance);
  const sent: Record<string, unknown> = {};
  for (const c of keyColumns(ctx.meta as EntityMetadata)) sent[c.property] = (instance as Record<string, unknown>)[c.property];
  Object.assign(sent, changes.values);
  await check(ctx, instanceOf(ctx.meta, sent));
  return changes;
}

/** BeforeDelete hooks, then DELETE of the row (or what `build` chooses). */
export async function prepareDelete<T extends object>(
  ctx: WriteContext<T>,
  keyOrEntity: Partial<PrimaryKey<T>> | T,
  build: ((d: DeleteQuery<T>) => DeleteQuery<T>) | undefined,
  spec: ConditionalSpec<T> = {},
): Promise<CompiledQuery> {
  const instance = instanceOf(ctx.meta, keyOrEntity as object);
  await hooks(ctx, instance, 'beforeDelete');
  const keyValues: Record<string, unknown> = {};
  for (const c of [...ctx.meta.partitionKeys, ...ctx.meta.clusteringKeys]) keyValues[c.property] = (instance as Record<string, unknown>)[c.property];
  let q = deleteFrom(ctx.meta, ctx.keyspace).key(keyValues as Partial<PrimaryKey<T>>);
  if (build !== undefined) q = build(q);
  if (ctx.meta.managed?.version === undefined) return conditional(q, spec).compile();
  const m = managedDelete(ctx.meta, conditional(q, spec), spec, instance);
  return withCheck(m.query.compile(), m.check);
}
