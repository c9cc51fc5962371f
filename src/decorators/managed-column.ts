// `@Version`, `@CreatedAt`, `@UpdatedAt`: columns whose values the library writes itself. Each records one
// column fact, like @Column, with the role the write path gives it; resolution checks them.
import { KEYS, type ColumnRecord } from '../metadata/metadata-store.js';
import { propertyRecorder, type PropertyRecorder } from './property-key.js';

/** Options of `@Version`. */
export interface VersionSpec {
  /** CQL column name; default: the property name through the entity's naming strategy. */
  readonly name?: string;
  /** `'int'` (default) or `'bigint'`: bumped by 1 per write; `'timeuuid'`: a new timeuuid per write. */
  readonly type?: 'int' | 'bigint' | 'timeuuid';
}

/** Options of `@CreatedAt` and `@UpdatedAt` (a `timestamp` column holding a `Date`). */
export interface AuditColumnSpec {
  /** CQL column name; default: the property name through the entity's naming strategy. */
  readonly name?: string;
}

function record(managed: NonNullable<ColumnRecord['managed']>, name: string | undefined, type: string): PropertyRecorder {
  return propertyRecorder<ColumnRecord>(KEYS.columns, (property, designType) => ({
    property, role: 'column', managed, type, designType, ...(name !== undefined ? { name } : {}),
  }));
}

/**
 * Optimistic locking: every update and delete of the entity checks this column with an LWT condition
 * and bumps it; inserts use IF NOT EXISTS; a conflict throws VersionConflictError (docs/writes.md).
 * @example @Version() version?: number; // UPDATE ... SET ..., version = ? WHERE id = ? IF version = ?
 */
export function Version(spec: VersionSpec = {}): PropertyRecorder {
  return record('version', spec.name, spec.type ?? 'int');
}

/** A `timestamp` the library sets when the row is first written and never overwrites: `@CreatedAt() createdAt?: Date`. */
export function CreatedAt(spec: AuditColumnSpec = {}): PropertyRecorder {
  return record('createdAt', spec.name, 'timestamp');
}

/** A `timestamp` the library sets on every write of the row: `@UpdatedAt() updatedAt?: Date`. */
export function UpdatedAt(spec: AuditColumnSpec = {}): PropertyRecorder {
  return record('updatedAt', spec.name, 'timestamp');
}
