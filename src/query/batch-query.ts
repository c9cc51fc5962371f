// BATCH: logged, unlogged or counter, across tables; compiled to the statements the driver batches.
import { QueryBuildError } from '../errors.js';
import type { CompiledQuery } from './compiled-query.js';

/** Batch kinds: `logged` (atomic), `unlogged`, `counter`. */
export type BatchType = 'logged' | 'unlogged' | 'counter';

/** A compiled batch: its statements, and the batch's CQL for display. */
export interface CompiledBatch extends CompiledQuery {
  /** Always `'batch'`. */
  readonly kind: 'batch';
  /** LOGGED, UNLOGGED or COUNTER. */
  readonly type: BatchType;
  /** The statements, in order. */
  readonly statements: readonly CompiledQuery[];
}


/**
 * Compiles write statements into one batch, checking that they fit its type. An empty batch compiles
 * to `BEGIN BATCH APPLY BATCH` and executes as a no-op (nothing is sent), so batches built in loops
 * need no guard on their size.
 * @example compileBatch('logged', [insertInto(a).values(x), update(b).key(k).set('n', 1)])
 * // BEGIN BATCH INSERT INTO a ...; UPDATE b SET n = ? WHERE ...; APPLY BATCH
 */
export function compileBatch(type: BatchType, statements: readonly ({ compile(): CompiledQuery } | CompiledQuery)[]): CompiledBatch {
  const compiled = statements.map((s) => ('compile' in s ? s.compile() : s));
  for (const s of compiled) {
    if (s.kind === 'select' || s.kind === 'batch') throw QueryBuildError.invalid('batch', `a batch cannot contain a ${s.kind.toUpperCase()}.`);
    if (type === 'counter' && !s.counter) throw QueryBuildError.invalid('batch', `a COUNTER batch can only contain counter updates, not: ${s.cql}`);
    if (type !== 'counter' && s.counter) throw QueryBuildError.invalid('batch', `counter updates need a counter batch: ${s.cql}`);
  }
  return new LazyBatch(type, Object.freeze(compiled));
}

const HEADS: Readonly<Record<BatchType, string>> = { logged: 'BEGIN BATCH', unlogged: 'BEGIN UNLOGGED BATCH', counter: 'BEGIN COUNTER BATCH' };

/** The CQL text of a batch of these statements (for display and error messages). */
export function batchText(type: BatchType, statements: readonly string[]): string {
  return statements.length === 0 ? `${HEADS[type]} APPLY BATCH` : `${HEADS[type]} ${statements.map((cql) => `${cql};`).join(' ')} APPLY BATCH`;
}

/**
 * The driver sends a batch's statements one by one: its joined text and flat parameter lists are only
 * for display and error messages, so they are getters computed on first read (then kept). Frozen.
 */
class LazyBatch implements CompiledBatch {
  readonly kind = 'batch' as const;
  readonly idempotent: boolean;
  readonly lwt: boolean;
  readonly counter: boolean;
  #cql: string | undefined;
  #params: readonly unknown[] | undefined;
  #paramTypes: CompiledQuery['paramTypes'] | undefined;
  #paramSlots: CompiledQuery['paramSlots'] | undefined;

  constructor(
    readonly type: BatchType,
    readonly statements: readonly CompiledQuery[],
  ) {
    let idempotent = type !== 'counter';
    let lwt = false;
    for (const s of statements) {
      if (!s.idempotent) idempotent = false;
      if (s.lwt) lwt = true;
    }
    this.idempotent = idempotent;
    this.lwt = lwt;
    this.counter = type === 'counter';
    Object.freeze(this);
  }

  get cql(): string {
    return (this.#cql ??= batchText(this.type, this.statements.map((s) => s.cql)));
  }

  get params(): readonly unknown[] {
    return (this.#params ??= Object.freeze(this.statements.flatMap((s) => s.params)));
  }

  get paramTypes(): CompiledQuery['paramTypes'] {
    return (this.#paramTypes ??= Object.freeze(this.statements.flatMap((s) => s.paramTypes)));
  }

  get paramSlots(): CompiledQuery['paramSlots'] {
    return (this.#paramSlots ??= Object.freeze(this.statements.flatMap((s) => s.paramSlots ?? s.paramTypes.map(() => undefined))));
  }
}
