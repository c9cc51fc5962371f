// The repository-side steps of managed columns: save() of a versioned or audited entity, settling a
// versioned write once sent (the entity's new version, or VersionConflictError with the current row),
// and the refusal of versioned writes in batches. Everything is sent through the repository's own
// public writes, so hooks, validation, options and error mapping stay the repository's.
import type { ColumnMetadata, EntityMetadata } from '../metadata/entity-metadata.js';
import { LwtOutcomeUnknownError, QueryBuildError, VersionConflictError, type ConnectionLostError, type QueryTimeoutError } from '../errors.js';
import type { CompiledQuery } from '../query/compiled-query.js';
import type { PrimaryKey } from '../query/entity-types.js';
import { update } from '../query/update-query.js';
import { comparedFor, sameValue } from '../mapping/comparable.js';
import { backoffDelay, sleep, transient, type ResolvedLwtOptions } from './lwt.js';
import { ttlOf, type VersionCheck } from './managed-writes.js';
import type { QueryOptions, ReadOptions, WriteOptions, WriteResult } from './options.js';
import type { Connection } from '../connection/connection.js';
import * as prep from './write-preparation.js';

/** What these steps use of a repository (its public writes and reads; named here, not imported, to keep the import graph acyclic). */
export interface ManagedRepository<T extends object> {
  readonly metadata: EntityMetadata<T>;
  readonly connection: Connection;
  insert(entity: T, options?: WriteOptions): Promise<WriteResult<T>>;
  update(entity: T, options?: WriteOptions): Promise<WriteResult<T>>;
  execute(query: CompiledQuery, options?: QueryOptions): Promise<WriteResult<T>>;
  findOne(key: PrimaryKey<T>, options?: ReadOptions): Promise<T | undefined>;
}

/** The key values of a row held by an entity or key object. */
function keyOf<T extends object>(meta: EntityMetadata<T>, values: object): PrimaryKey<T> {
  const key: Record<string, unknown> = {};
  for (const c of meta.partitionKeys) key[c.property] = (values as Record<string, unknown>)[c.property];
  for (const c of meta.clusteringKeys) key[c.property] = (values as Record<string, unknown>)[c.property];
  return key as PrimaryKey<T>;
}

/**
 * save() of a versioned entity: without a version it is new, so an insert (IF NOT EXISTS, version
 * 1 or a new timeuuid); with one, an update of every column checked against it (created-at untouched).
 */
export function saveVersioned<T extends object>(repo: ManagedRepository<T>, entity: T, options: WriteOptions | undefined): Promise<WriteResult<T>> {
  const column = repo.metadata.managed!.version!;
  const held = (entity as Record<string, unknown>)[column.property];
  return held === undefined || held === null ? repo.insert(entity, options) : repo.update(entity, options);
}

/**
 * save() (an upsert) of an unversioned entity with `@CreatedAt`: the INSERT leaves created-at out, so
 * it never overwrites the first one; then `UPDATE ... SET created_at = ? IF created_at = null` writes
 * it when the row has none (a Paxos round: the one way to write a cell only when it is absent). The
 * entity's property ends as the row's created-at either way. A conditional write whose outcome is
 * unknown is sent again: whether or not it applied the first time, the repeat leaves one value.
 */
export async function saveAudited<T extends object>(
  repo: ManagedRepository<T>,
  ctx: prep.WriteContext<T>,
  plainInsert: boolean,
  entity: T,
  options: WriteOptions | undefined,
  lwt: ResolvedLwtOptions,
): Promise<WriteResult<T>> {
  const spec = { ...(options?.ttl !== undefined ? { ttl: options.ttl } : {}), ...(options?.timestamp !== undefined ? { timestamp: options.timestamp } : {}) };
  const compiled = plainInsert ? prep.compileInsert(ctx, entity, spec, true, true) : await prep.prepareInsert(ctx, entity, spec, true);
  const result = await repo.execute(compiled, options);
  const meta = repo.metadata;
  const column = meta.managed!.createdAt!;
  const created = new Date();
  let q = (ctx.updateBase ?? update(meta, ctx.keyspace)).key(keyOf(meta, entity)).set(column.property as never, created as never).if(column.property as never, '=', null as never);
  const ttl = ttlOf(meta as EntityMetadata, options?.ttl);
  if (ttl !== undefined) q = q.ttl(ttl);
  const stamp: CompiledQuery = q.compile();
  for (let attempt = 1; ; attempt++) {
    try {
      const r = await repo.execute(stamp, options);
      (entity as Record<string, unknown>)[column.property] = r.applied ? created : ((r.current as Record<string, unknown> | undefined)?.[column.property] ?? created);
      return result;
    } catch (error) {
      if (!(error instanceof LwtOutcomeUnknownError) || attempt >= lwt.attempts) throw error;
      await sleep(backoffDelay(lwt, attempt));
    }
  }
}

/**
 * Settles a sent versioned write. Applied: the entity's version property becomes the one written.
 * Not applied: an insert found the row (its answer is the row); an update or delete reads the row at
 * SERIAL consistency, and if it is still at the expected version, the caller's own `if` condition
 * failed (not applied, as for any conditional write); otherwise VersionConflictError with that row.
 */
export async function settleVersion<T extends object>(
  repo: ManagedRepository<T>,
  check: VersionCheck,
  cql: string,
  result: WriteResult<T>,
  options: WriteOptions | undefined,
): Promise<WriteResult<T>> {
  const property = check.column.property;
  if (result.applied) {
    if (check.entity !== undefined && check.next !== undefined) (check.entity as Record<string, unknown>)[property] = check.next;
    return result;
  }
  const meta = repo.metadata;
  const proto = (meta.target as unknown as { prototype: object }).prototype;
  if (check.expected === undefined) {
    const current = result.current === undefined ? undefined : (Object.assign(Object.create(proto) as object, result.current) as T);
    throw VersionConflictError.of(meta.target.name, meta.table, property, undefined, (current as Record<string, unknown> | undefined)?.[property], current, cql);
  }
  const row = await currentRow(repo, keyOf(meta, check.key), options);
  const actual = (row as Record<string, unknown> | undefined)?.[property];
  const form = comparedFor(check.column.type);
  if (row !== undefined && sameValue(form(actual), form(check.expected))) return Object.freeze({ applied: false, current: row });
  throw VersionConflictError.of(meta.target.name, meta.table, property, check.expected, actual, row, cql);
}

/**
 * Resolves a versioned update or delete whose outcome is unknown (`lwt.resolveUnknownOutcome`): after
 * a jittered back-off, reads the row at SERIAL consistency, which completes any Paxos round in flight
 * on it. A delete: no row is applied. An update: the row at the version written and holding every
 * value set is applied (with an int version, another writer that held the same version and set the
 * same values is indistinguishable, and left the row as this one wanted; a timeuuid version tells
 * them apart); with an int version, the row at the version it would have written but with other
 * values is a VersionConflictError (one write from the held version applied, another's). A row still
 * at the expected version proves nothing yet (the write may still be queued on the coordinator, its
 * round not begun), so the same statement is sent again: the two carry one condition, at most one of
 * them applies, and the next read tells. A row at any other version was written after this write or
 * instead of it, which the row cannot tell: LwtOutcomeUnknownError.superseded. Reads or resends that
 * time out are tried again up to `attempts`, then LwtOutcomeUnknownError says so.
 */
export async function resolveVersioned<T extends object>(
  repo: ManagedRepository<T>,
  check: VersionCheck,
  cql: string,
  unknown: LwtOutcomeUnknownError,
  lwt: ResolvedLwtOptions,
  options: WriteOptions | undefined,
  resend: () => Promise<WriteResult<T>>,
): Promise<WriteResult<T>> {
  const meta = repo.metadata;
  const key = keyOf(meta, check.key);
  const property = check.column.property;
  const consistency = options?.serialConsistency ?? repo.connection.settings.queryDefaults.serialConsistency ?? 'SERIAL';
  const same = (column: ColumnMetadata, a: unknown, b: unknown): boolean => sameValue(comparedFor(column.type)(a ?? null), comparedFor(column.type)(b ?? null));
  let last: unknown = unknown;
  for (let attempt = 1; attempt <= lwt.attempts; attempt++) {
    await sleep(backoffDelay(lwt, attempt));
    let row: T | undefined;
    try {
      row = await repo.findOne(key, { consistency });
    } catch (error) {
      if (!transient(error)) throw error;
      last = error;
      continue;
    }
    const values = row as Record<string, unknown> | undefined;
    const cause = unknown.cause as QueryTimeoutError | ConnectionLostError;
    if (check.next === undefined && row === undefined) return RESOLVED;
    if (check.next !== undefined && values !== undefined && same(check.column, values[property], check.next)) {
      if (Object.entries(check.written ?? {}).every(([p, v]) => same(meta.byProperty.get(p)!, values[p], v))) return RESOLVED;
      if (!isTimeuuid(check.column)) throw VersionConflictError.of(meta.target.name, meta.table, property, check.expected, values[property], row, cql);
    }
    // An update whose row is gone was deleted after this write or before it: the row cannot tell which.
    if (values === undefined) throw LwtOutcomeUnknownError.superseded(cause, cql, attempt, 'none (the row is gone)');
    if (!same(check.column, values[property], check.expected)) throw LwtOutcomeUnknownError.superseded(cause, cql, attempt, values[property]);
    try {
      // Applied: this statement's condition held, so the other copy's cannot any more.
      if ((await resend()).applied) return RESOLVED;
    } catch (error) {
      // A conflict here may be the first copy, still queued at the read, applying before the resend:
      // the next read tells (the row at the version this write sets is this write).
      if (!transient(error) && !(error instanceof VersionConflictError)) throw error;
      last = error;
    }
  }
  throw LwtOutcomeUnknownError.of(unknown.cause as QueryTimeoutError | ConnectionLostError, cql, lwt.attempts, last);
}

const RESOLVED: WriteResult<never> = Object.freeze({ applied: true });

function isTimeuuid(column: ColumnMetadata): boolean {
  return column.type.kind === 'native' && column.type.name === 'timeuuid';
}

/** The row at SERIAL consistency (it sees every Paxos round that completed); a read at the default consistency if that one cannot be had. */
async function currentRow<T extends object>(repo: ManagedRepository<T>, key: PrimaryKey<T>, options: WriteOptions | undefined): Promise<T | undefined> {
  const consistency = options?.serialConsistency ?? repo.connection.settings.queryDefaults.serialConsistency ?? 'SERIAL';
  try {
    return await repo.findOne(key, { consistency });
  } catch (error) {
    if (!transient(error)) throw error;
    return repo.findOne(key);
  }
}

/** Prepares a batch operation, or refuses one of a versioned entity (a QueryBuildError; nothing is sent). */
export function unbatched<T extends object>(meta: EntityMetadata<T>, prepare: () => Promise<CompiledQuery>): Promise<CompiledQuery> {
  const column = meta.managed?.version;
  if (column === undefined) return prepare();
  return Promise.reject(QueryBuildError.invalid(
    meta.table,
    `${meta.target.name}.${column.property} is a @Version column: each write of the entity is a lightweight transaction whose conflict is reported on its own, so it cannot join a batch. ` +
      'Send it through the repository (insert, save, update, patch, saveChanges, delete).',
  ));
}
