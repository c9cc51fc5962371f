// Batches across entities: each operation goes through its repository (hooks, validation), then one
// driver batch (logged, unlogged or counter) with the same per-call options.
import type { Connection } from '../connection/connection.js';
import { MapperError } from '../errors.js';
import type { EntityMetadata } from '../metadata/entity-metadata.js';
import { compileBatch, type BatchType, type CompiledBatch } from '../query/batch-query.js';
import type { CompiledQuery } from '../query/compiled-query.js';
import type { DeleteQuery } from '../query/delete-query.js';
import type { InsertQuery } from '../query/insert-query.js';
import type { UpdateQuery } from '../query/update-query.js';
import type { PrimaryKey } from '../query/entity-types.js';
import { mapModeOf, runBatch, runInsertBatch, writeResult } from './executor.js';
import { BATCH_ACCESS } from './internals.js';
import { managedBuilder } from './managed-writes.js';
import type { QueryOptions, WriteResult } from './options.js';
import type { Repository } from './repository.js';
import type { ConditionalSpec, InsertSpec } from './write-preparation.js';

/** One operation: a closure preparing it, or (for inserts, the common case) the repository and entity, with no closure per row. */
export type Step =
  | { readonly connection: Connection; readonly meta: EntityMetadata; readonly prepare: () => Promise<CompiledQuery> }
  | { readonly connection: Connection; readonly meta: EntityMetadata; readonly repo: Repository<object>; readonly entity: object; readonly spec: InsertSpec | undefined };

const NO_STEPS: readonly Step[] = Object.freeze([]);
/** What an empty batch resolves to: applied, with nothing sent. */
const EMPTY_BATCH_RESULT: WriteResult<Record<string, unknown>> = Object.freeze({ applied: true });

/**
 * An immutable batch: add operations from any repositories on one connection, then `execute()`.
 * Each addition returns a new batch that shares the earlier ones' operations (a chain, so adding is
 * O(1) and a batch can be extended in two directions without copies).
 * @example await batch('logged').insert(users, u).update(events, key, (q) => q.set('kind', 'x')).execute()
 * // BEGIN BATCH INSERT INTO users ...; UPDATE events SET kind = ? WHERE ...; APPLY BATCH
 */
export class Batch {
  /** Number of operations in the batch. */
  readonly size: number;
  /** The operations given to the constructor (only on the first batch of a chain). */
  private readonly base: readonly Step[];
  /** The batch this one extends by one operation: `last`, or an insert of `entity` through `repo`. */
  private prev: Batch | undefined;
  private last: Step | undefined;
  private repo: Repository<object> | undefined;
  private entity: object | undefined;
  private spec: InsertSpec | undefined;

  /** `logged`, `unlogged` or `counter`. */
  readonly type: BatchType;

  /** @internal Batches come from `batch(type)`. */
  constructor(type: BatchType, steps: readonly Step[] = NO_STEPS) {
    this.type = type;
    this.base = steps;
    this.size = steps.length;
    this.prev = undefined;
    this.last = undefined;
    this.repo = undefined;
    this.entity = undefined;
    this.spec = undefined;
  }

  private with(repo: Repository<object>, prepare: () => Promise<CompiledQuery>): Batch {
    const next = this.extended();
    next.last = { connection: repo.connection, meta: repo.metadata as EntityMetadata, prepare };
    return next;
  }

  private extended(): Batch {
    const next = new Batch(this.type, NO_STEPS);
    (next as { size: number }).size = this.size + 1;
    next.prev = this;
    return next;
  }

  /** The operations, in the order they were added. */
  private steps(): Step[] {
    const out = new Array<Step>(this.size);
    let i = this.size;
    let b: Batch | undefined = this;
    for (; b !== undefined && b.prev !== undefined; b = b.prev) {
      const repo = b.repo;
      out[--i] =
        repo !== undefined
          ? { connection: repo.connection, meta: repo.metadata as EntityMetadata, repo, entity: b.entity as object, spec: b.spec }
          : (b.last as Step);
    }
    if (b !== undefined) for (let k = 0; k < b.base.length; k++) out[k] = b.base[k]!;
    return out;
  }

  /**
   * The driver statements when every operation is a plain insert (no hooks, nothing to validate, no
   * insert options) on one connection, built straight from the entities; else undefined.
   */
  private plainInserts(): { connection: Connection; meta: EntityMetadata | undefined; queries: { query: string; params: unknown[] }[] } | undefined {
    if (this.type === 'counter' || this.size === 0) return undefined;
    const queries = new Array<{ query: string; params: unknown[] }>(this.size);
    const connection = this.repo?.connection;
    const meta = this.repo?.metadata as EntityMetadata | undefined;
    let sameMeta = true;
    let i = this.size;
    let b: Batch | undefined = this;
    while (b !== undefined && b.prev !== undefined) {
      const repo: Repository<object> | undefined = b.repo;
      if (repo === undefined || b.spec !== undefined || repo.connection !== connection) return undefined;
      const statement = repo[BATCH_ACCESS].insertStatementNow(b.entity as object);
      if (statement === undefined) return undefined;
      if (repo.metadata !== meta) sameMeta = false;
      queries[--i] = statement;
      b = b.prev;
    }
    // i > 0: the chain starts from operations given to the constructor; they take the general path.
    if (i !== 0 || connection === undefined) return undefined;
    return { connection, meta: sameMeta ? meta : undefined, queries };
  }

  /** Adds an INSERT of an entity (hooks and validation run at execute). */
  insert<T extends object>(repo: Repository<T>, entity: T, spec?: InsertSpec): Batch {
    const next = this.extended();
    next.repo = repo as unknown as Repository<object>;
    next.entity = entity;
    next.spec = spec;
    return next;
  }

  // The builder overload comes first, as on Repository.update: a key in a variable is often
  // structurally an entity too.
  /** Adds a built UPDATE on a key (collection operations, counters...). */
  update<T extends object>(repo: Repository<T>, key: PrimaryKey<T>, build: (u: UpdateQuery<T>) => UpdateQuery<T>, spec?: ConditionalSpec<T>): Batch;
  /** Adds an UPDATE of every non-key column of an entity. */
  update<T extends object>(repo: Repository<T>, entity: T, spec?: ConditionalSpec<T>): Batch;
  update<T extends object>(
    repo: Repository<T>,
    target: T | PrimaryKey<T>,
    buildOrSpec?: ((u: UpdateQuery<T>) => UpdateQuery<T>) | ConditionalSpec<T>,
    spec?: ConditionalSpec<T>,
  ): Batch {
    if (typeof buildOrSpec === 'function') return this.with(repo as unknown as Repository<object>, () => repo[BATCH_ACCESS].prepare.updateWith(target as PrimaryKey<T>, buildOrSpec, spec));
    // `update(repo, entity, undefined, spec)` (a placeholder for the builder) keeps its spec.
    return this.with(repo as unknown as Repository<object>, () => repo[BATCH_ACCESS].prepare.update(target as T, buildOrSpec ?? spec));
  }

  /** Adds a DELETE of an entity or key: `.delete(repo, key, { ifExists: true })`. */
  delete<T extends object>(repo: Repository<T>, target: T | Partial<PrimaryKey<T>>, spec?: ConditionalSpec<T>): Batch;
  /** Adds a DELETE of what `build` selects: `.delete(repo, key, d => d.columns('kind'), { if: { kind: 'x' } })`. */
  delete<T extends object>(repo: Repository<T>, target: T | Partial<PrimaryKey<T>>, build: (d: DeleteQuery<T>) => DeleteQuery<T>, spec?: ConditionalSpec<T>): Batch;
  delete<T extends object>(
    repo: Repository<T>,
    target: T | Partial<PrimaryKey<T>>,
    buildOrSpec?: ((d: DeleteQuery<T>) => DeleteQuery<T>) | ConditionalSpec<T>,
    spec?: ConditionalSpec<T>,
  ): Batch {
    const build = typeof buildOrSpec === 'function' ? buildOrSpec : undefined;
    // `delete(repo, key, undefined, spec)` (a placeholder for the builder) keeps its spec.
    const options = typeof buildOrSpec === 'function' ? spec : buildOrSpec ?? spec;
    return this.with(repo as unknown as Repository<object>, () => repo[BATCH_ACCESS].prepare.delete(target, build, options));
  }

  /** Adds a write builder as is (no hooks, no validation; the entity's `@CreatedAt`/`@UpdatedAt` stamps and default TTL are added). */
  add<T extends object>(repo: Repository<T>, query: InsertQuery<T> | UpdateQuery<T> | DeleteQuery<T>): Batch {
    return this.with(repo as unknown as Repository<object>, () => {
      // An entity with query tables is refused here as by insert, update and delete: its writes are
      // logged batches of their own, and a builder added as is would write the base table alone.
      void repo[BATCH_ACCESS];
      return Promise.resolve(managedBuilder(repo.metadata as EntityMetadata, query).compile());
    });
  }

  /** Runs hooks and validation of every operation and compiles the batch; nothing is sent. */
  async compile(): Promise<CompiledBatch> {
    return compileSteps(this.type, this.steps());
  }

  /** Sends the batch. A conditional batch reports `applied` and, when not applied, the current values (decoded to properties when every statement targets one entity, raw otherwise). */
  execute(options?: QueryOptions & { timestamp?: bigint | number }): Promise<WriteResult<Record<string, unknown>>> {
    let steps: Step[];
    let now: CompiledBatch | undefined;
    try {
      // Plain inserts (the common batch) go to the driver without a compiled object per row.
      const plain = this.plainInserts();
      if (plain !== undefined) {
        const mode = mapModeOf(plain.connection);
        return runInsertBatch(plain.connection, this.type as Exclude<BatchType, 'counter'>, plain.queries, options, options?.timestamp, (rs) => writeResult(rs, plain.meta, mode) as WriteResult<Record<string, unknown>>);
      }
      steps = this.steps();
      const first = steps[0];
      // An empty batch is a no-op: nothing to send, nothing that could fail to apply.
      if (first === undefined) return Promise.resolve(EMPTY_BATCH_RESULT);
      for (let i = 1; i < steps.length; i++) {
        // Keyspace views of one connection share its settings and its pool: their statements name their keyspace.
        if (steps[i]!.connection !== first.connection && steps[i]!.connection.settings !== first.connection.settings) {
          throw new MapperError('A batch runs on one connection: every repository in it must share the same Connection (or keyspace views of it).');
        }
      }
      // Plain inserts (no hooks, nothing to validate) compile synchronously: no promise per row.
      now = compileNow(this.type, steps);
    } catch (error) {
      return Promise.reject(error);
    }
    if (now !== undefined) return send(steps, now, options);
    return compileSteps(this.type, steps).then((compiled) => send(steps, compiled, options));
  }
}

function compileNow(type: BatchType, steps: readonly Step[]): CompiledBatch | undefined {
  const statements = new Array<CompiledQuery>(steps.length);
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    if ('prepare' in step) return undefined;
    const compiled = step.repo[BATCH_ACCESS].compileInsertNow(step.entity, step.spec);
    if (compiled === undefined) return undefined;
    statements[i] = compiled;
  }
  return compileBatch(type, statements);
}

async function compileSteps(type: BatchType, steps: readonly Step[]): Promise<CompiledBatch> {
  const statements: CompiledQuery[] = [];
  for (const step of steps) {
    if ('prepare' in step) statements.push(await step.prepare());
    else statements.push(step.repo[BATCH_ACCESS].compileInsertNow(step.entity, step.spec) ?? (await step.repo[BATCH_ACCESS].prepare.insert(step.entity, step.spec)));
  }
  return compileBatch(type, statements);
}

function send(steps: readonly Step[], compiled: CompiledBatch, options: (QueryOptions & { timestamp?: bigint | number }) | undefined): Promise<WriteResult<Record<string, unknown>>> {
  const first = steps[0]!;
  const mode = mapModeOf(first.connection);
  // Conditional batches are single-partition, so usually single-table: decode `current` with that entity.
  let meta: EntityMetadata | undefined = first.meta;
  for (let i = 1; i < steps.length; i++) if (steps[i]!.meta !== first.meta) meta = undefined;
  return runBatch(first.connection, compiled, mode, options, options?.timestamp, (rs) => writeResult(rs, meta, mode) as WriteResult<Record<string, unknown>>);
}

/** A new, empty batch of the given type (default `logged`). */
export function batch(type: BatchType = 'logged'): Batch {
  return new Batch(type);
}
