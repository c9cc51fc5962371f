// What batches reach on a repository: keyed by a symbol no entry point exports and marked @internal,
// so the published types leave it out and applications see only the repository's own methods.
import type { CompiledQuery } from '../query/compiled-query.js';
import type { DeleteQuery } from '../query/delete-query.js';
import type { PrimaryKey } from '../query/entity-types.js';
import type { UpdateQuery } from '../query/update-query.js';
import type { ConditionalSpec, InsertSpec } from './write-preparation.js';

/** @internal `repository[BATCH_ACCESS]`: the repository's batch channel. */
export const BATCH_ACCESS: unique symbol = Symbol('cassandra-orm.batchAccess');

/** @internal Hooks + validation + compile of each write kind, without sending. */
export interface Preparer<T extends object> {
  readonly insert: (entity: T, spec?: InsertSpec) => Promise<CompiledQuery>;
  readonly update: (entity: T, spec?: ConditionalSpec<T>) => Promise<CompiledQuery>;
  readonly updateWith: (key: PrimaryKey<T>, build: (u: UpdateQuery<T>) => UpdateQuery<T>, spec?: ConditionalSpec<T>) => Promise<CompiledQuery>;
  readonly delete: (target: T | Partial<PrimaryKey<T>>, build?: (d: DeleteQuery<T>) => DeleteQuery<T>, spec?: ConditionalSpec<T>) => Promise<CompiledQuery>;
}

/** @internal What a batch needs from a repository. */
export interface BatchAccess<T extends object> {
  readonly prepare: Preparer<T>;
  /** The compiled INSERT right away when the entity has no BeforeInsert hooks and nothing to validate (else undefined: use `prepare.insert`). */
  readonly compileInsertNow: (entity: T, spec?: InsertSpec) => CompiledQuery | undefined;
  /**
   * The driver statement of a plain INSERT (no IF NOT EXISTS, TTL or TIMESTAMP), its values encoded,
   * under the same condition as `compileInsertNow`: without the compiled object.
   */
  readonly insertStatementNow: (entity: T) => { query: string; params: unknown[] } | undefined;
}
