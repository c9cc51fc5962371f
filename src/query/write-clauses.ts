// Pieces shared by INSERT, UPDATE and DELETE: USING TTL/TIMESTAMP, IF conditions, key restrictions.
import type { ColumnMetadata, EntityMetadata } from '../metadata/entity-metadata.js';
import { QueryBuildError } from '../errors.js';
import type { Condition, Restriction } from './nodes.js';
import { node } from './nodes.js';
import { BIGINT, INT } from './compiled-query.js';
import { clauseSlot, type ParamList } from './params.js';
import { printCondition } from './conditions.js';
import { restrictionValue } from './where-clause.js';

/** Options every write accepts. */
export interface WriteUsing {
  /** Seconds to live (`USING TTL ?`); 0 = no TTL. */
  readonly ttl?: number | undefined;
  /** Write time in microseconds since the epoch (`USING TIMESTAMP ?`). */
  readonly timestamp?: bigint | number | undefined;
}

/** Checks a TTL value: a whole number of seconds, 0 to 20 years (Cassandra's maximum). */
export function checkTtl(table: string, ttl: number): number {
  if (!Number.isInteger(ttl) || ttl < 0 || ttl > 630720000) throw QueryBuildError.invalid(table, `TTL must be 0..630720000 seconds, got ${ttl}.`);
  return ttl;
}

/** Prints ` USING TTL ? AND TIMESTAMP ?` (or the part that applies, or ''). */
export function printUsing(meta: EntityMetadata, using: WriteUsing, params: ParamList): string {
  const parts: string[] = [];
  if (using.ttl !== undefined) parts.push(`TTL ${params.bind(using.ttl, INT, clauseSlot(meta, 'TTL', INT))}`);
  if (using.timestamp !== undefined) parts.push(`TIMESTAMP ${params.bind(using.timestamp, BIGINT, clauseSlot(meta, 'USING TIMESTAMP', BIGINT))}`);
  return parts.length === 0 ? '' : ` USING ${parts.join(' AND ')}`;
}

/** Prints ` IF EXISTS`, ` IF a = ? AND b > ?`, or ''. */
export function printIf(meta: EntityMetadata, ifExists: boolean, conditions: readonly Condition[], params: ParamList): string {
  if (ifExists) return ' IF EXISTS';
  if (conditions.length === 0) return '';
  const parts = conditions.map((c) => printCondition(meta, c, params));
  return ` IF ${parts.join(' AND ')}`;
}


const keyCache = new WeakMap<EntityMetadata, readonly ColumnMetadata[]>();

/** Partition then clustering key columns (computed once per table). */
export function keyColumns(meta: EntityMetadata): readonly ColumnMetadata[] {
  let keys = keyCache.get(meta);
  if (keys === undefined) keyCache.set(meta, (keys = Object.freeze([...meta.partitionKeys, ...meta.clusteringKeys])));
  return keys;
}

/** Equality restrictions on every primary key column given in `key`; throws naming missing key columns. */
export function keyRestrictions(meta: EntityMetadata, key: object, scope: 'primary' | 'any'): readonly Restriction[] {
  const values = key as Record<string, unknown>;
  const out: Restriction[] = [];
  // Allocated only when a key column is missing (every update and delete by key passes here).
  let missing: string[] | undefined;
  for (const column of keyColumns(meta)) {
    const value = values[column.property];
    if (value === undefined || value === null) {
      // Only an undefined clustering column may be left out (a delete of a partition or a prefix):
      // null is a value given, and never widens what a statement touches.
      if (value === null || scope === 'primary' || column.kind === 'partition') (missing ??= []).push(column.property);
      continue;
    }
    const op = Array.isArray(value) && !isListValued(column.type.kind) ? 'in' : '=';
    out.push(node({ kind: 'column', column, op, value: op === 'in' ? restrictionValue(meta, column, op, value) : value }));
  }
  if (missing !== undefined) {
    throw QueryBuildError.invalid(meta.table, `the key is missing ${missing.join(', ')} (null and undefined are not key values).`);
  }
  return out;
}

/** True for key column types whose value is itself an array (an array is then a value, not an IN list). */
export function isListValued(kind: string): boolean {
  return kind === 'list' || kind === 'tuple' || kind === 'vector' || kind === 'set';
}
