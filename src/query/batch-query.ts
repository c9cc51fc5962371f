// BATCH: logged, unlogged or counter, across tables; compiled to the statements the driver batches.
import { QueryBuildError } from '../errors.js';
import type { CompiledQuery } from './compiled-query.js';

/** Batch kinds: `logged` (atomic), `unlogged`, `counter`. */
export type BatchType = 'logged' | 'unlogged' | 'counter';

/** A compiled batch: its statements, and the batch's CQL for display. */
export interface CompiledBatch extends CompiledQuery {
  readonly kind: 'batch';
  readonly type: BatchType;
  readonly statements: readonly CompiledQuery[];
}

/** Anything with a `compile()` to a CompiledQuery: the statements a batch takes. */
export interface Compilable {
  compile(): CompiledQuery;
}

/**
 * Compiles write statements into one batch, checking that they fit its type.
 * @example compileBatch('logged', [insertInto(a).values(x), update(b).key(k).set('n', 1)])
 * // BEGIN BATCH INSERT INTO a ...; UPDATE b SET n = ? WHERE ...; APPLY BATCH
 */
export function compileBatch(type: BatchType, statements: readonly (Compilable | CompiledQuery)[]): CompiledBatch {
  if (statements.length === 0) throw QueryBuildError.invalid('batch', 'a batch needs at least one statement.');
  const compiled = statements.map((s) => ('compile' in s ? s.compile() : s));
  for (const s of compiled) {
    if (s.kind === 'select' || s.kind === 'batch') throw QueryBuildError.invalid('batch', `a batch cannot contain a ${s.kind.toUpperCase()}.`);
    if (type === 'counter' && !s.counter) throw QueryBuildError.invalid('batch', `a COUNTER batch can only contain counter updates, not: ${s.cql}`);
    if (type !== 'counter' && s.counter) throw QueryBuildError.invalid('batch', `counter updates need a counter batch: ${s.cql}`);
  }
  const head = type === 'logged' ? 'BEGIN BATCH' : type === 'unlogged' ? 'BEGIN UNLOGGED BATCH' : 'BEGIN COUNTER BATCH';
  return Object.freeze({
    kind: 'batch',
    type,
    statements: Object.freeze(compiled),
    cql: `${head} ${compiled.map((s) => `${s.cql};`).join(' ')} APPLY BATCH`,
    params: Object.freeze(compiled.flatMap((s) => s.params)),
    paramTypes: Object.freeze(compiled.flatMap((s) => s.paramTypes)),
    idempotent: type !== 'counter' && compiled.every((s) => s.idempotent),
    lwt: compiled.some((s) => s.lwt),
    counter: type === 'counter',
  });
}
