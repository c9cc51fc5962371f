// What compile() returns: the CQL, the bound parameters, and the facts the executor needs.
import type { CqlType } from '../metadata/entity-metadata.js';
import type { ValueLocation } from '../errors.js';

/** A compiled statement: CQL with `?` markers, its parameters (entity-level values) and their CQL types. */
export interface CompiledQuery {
  /** The statement's kind. */
  readonly kind: 'select' | 'insert' | 'update' | 'delete' | 'batch';
  /** The CQL text, with `?` markers. */
  readonly cql: string;
  /** Parameter values as the entity holds them (`undefined` = unset, `null` = delete). */
  readonly params: readonly unknown[];
  /** @internal CQL type of each parameter (`undefined` for raw values such as TTL, LIMIT or a token). */
  readonly paramTypes: readonly (CqlType | undefined)[];
  /** @internal Where each parameter is headed (entity, property, column), for the error of a value that does not fit. */
  readonly paramSlots?: readonly (ValueLocation | undefined)[];
  /** True when retrying cannot change the outcome (no LWT, no counter, no list append/prepend). */
  readonly idempotent: boolean;
  /** True for a lightweight transaction (IF ...): the result carries `[applied]`. */
  readonly lwt: boolean;
  /** True when the statement updates counters. */
  readonly counter: boolean;
}

/** The native type `int`, for parameters such as LIMIT, TTL and list indexes. */
export const INT: CqlType = Object.freeze({ kind: 'native', name: 'int' });
/** The native type `bigint`, for USING TIMESTAMP and raw tokens. */
export const BIGINT: CqlType = Object.freeze({ kind: 'native', name: 'bigint' });
