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
import { mapModeOf, runBatch, writeResult } from './executor.js';
import type { QueryOptions, WriteResult } from './options.js';
import type { Repository } from './repository.js';
import type { ConditionalSpec, InsertSpec } from './write-preparation.js';

/** One operation: a closure preparing it, or (for inserts, the common case) the repository and entity, with no closure per row. */
export type Step =
  | { readonly connection: Connection; readonly meta: EntityMetadata; readonly prepare: () => Promise<CompiledQuery> }
  | { readonly connection: Connection; readonly meta: EntityMetadata; readonly repo: Repository<object>; readonly entity: object; readonly spec: InsertSpec | undefined };

/**
 * An immutable batch: add operations from any repositories on one connection, then `execute()`.
 * @example await batch('logged').insert(users, u).update(events, key, (q) => q.set('kind', 'x')).execute()
 * // BEGIN BATCH INSERT INTO users ...; UPDATE events SET kind = ? WHERE ...; APPLY BATCH
 */
export class Batch {
  constructor(
    readonly type: BatchType,
    private readonly steps: readonly Step[] = Object.freeze([]),
  ) {}

  private with(repo: Repository<object>, prepare: () => Promise<CompiledQuery>): Batch {
    return this.step(Object.freeze({ connection: repo.connection, meta: repo.metadata as EntityMetadata, prepare }));
  }

  private step(step: Step): Batch {
    const steps = new Array<Step>(this.steps.length + 1);
    for (let i = 0; i < this.steps.length; i++) steps[i] = this.steps[i]!;
    steps[this.steps.length] = step;
    return new Batch(this.type, Object.freeze(steps));
  }

  /** Adds an INSERT of an entity (hooks and validation run at execute). */
  insert<T extends object>(repo: Repository<T>, entity: T, spec?: InsertSpec): Batch {
    const r = repo as unknown as Repository<object>;
    return this.step(Object.freeze({ connection: r.connection, meta: r.metadata as EntityMetadata, repo: r, entity, spec }));
  }

  /** Adds an UPDATE of every non-key column of an entity. */
  update<T extends object>(repo: Repository<T>, entity: T, spec?: ConditionalSpec<T>): Batch;
  /** Adds a built UPDATE on a key (collection operations, counters...). */
  update<T extends object>(repo: Repository<T>, key: PrimaryKey<T>, build: (u: UpdateQuery<T>) => UpdateQuery<T>, spec?: ConditionalSpec<T>): Batch;
  update<T extends object>(
    repo: Repository<T>,
    target: T | PrimaryKey<T>,
    buildOrSpec?: ((u: UpdateQuery<T>) => UpdateQuery<T>) | ConditionalSpec<T>,
    spec?: ConditionalSpec<T>,
  ): Batch {
    if (typeof buildOrSpec === 'function') return this.with(repo as unknown as Repository<object>, () => repo.prepare().updateWith(target as PrimaryKey<T>, buildOrSpec, spec));
    return this.with(repo as unknown as Repository<object>, () => repo.prepare().update(target as T, buildOrSpec));
  }

  /** Adds a DELETE of an entity or key (or what `build` selects). */
  delete<T extends object>(repo: Repository<T>, target: T | Partial<PrimaryKey<T>>, build?: (d: DeleteQuery<T>) => DeleteQuery<T>, spec?: ConditionalSpec<T>): Batch {
    return this.with(repo as unknown as Repository<object>, () => repo.prepare().delete(target, build, spec));
  }

  /** Adds a write builder as is (no hooks, no validation). */
  add<T extends object>(repo: Repository<T>, query: InsertQuery<T> | UpdateQuery<T> | DeleteQuery<T>): Batch {
    return this.with(repo as unknown as Repository<object>, () => Promise.resolve(query.compile()));
  }

  /** Runs hooks and validation of every operation and compiles the batch; nothing is sent. */
  async compile(): Promise<CompiledBatch> {
    const statements: CompiledQuery[] = [];
    for (const step of this.steps) {
      if ('prepare' in step) statements.push(await step.prepare());
      else statements.push(step.repo.compileInsertNow(step.entity, step.spec) ?? (await step.repo.prepare().insert(step.entity, step.spec)));
    }
    return compileBatch(this.type, statements);
  }

  /** Sends the batch. A conditional batch reports `applied` and, when not applied, the current values (decoded to properties when every statement targets one entity, raw otherwise). */
  async execute(options?: QueryOptions & { timestamp?: bigint | number }): Promise<WriteResult<Record<string, unknown>>> {
    const first = this.steps[0];
    if (first === undefined) return compileBatch(this.type, []) as never;
    if (this.steps.some((s) => s.connection !== first.connection)) {
      throw new MapperError('A batch runs on one connection: every repository in it must share the same Connection.');
    }
    const compiled = await this.compile();
    const rs = await runBatch(first.connection, compiled, mapModeOf(first.connection), options, options?.timestamp);
    // Conditional batches are single-partition, so usually single-table: decode `current` with that entity.
    const meta = this.steps.every((s) => s.meta === first.meta) ? first.meta : undefined;
    return writeResult(rs, meta, mapModeOf(first.connection)) as WriteResult<Record<string, unknown>>;
  }
}

/** A new, empty batch of the given type (default `logged`). */
export function batch(type: BatchType = 'logged'): Batch {
  return new Batch(type);
}
