// The columns the library writes itself (`@Version`, `@CreatedAt`, `@UpdatedAt`) and the default TTL of
// `@Table({ ttl })`: checked once, when the entity resolves.
import { MetadataError } from '../errors.js';
import type { ColumnMetadata, ManagedColumns } from './entity-metadata.js';
import type { ColumnRecord } from './metadata-store.js';

const VERSION_TYPES: ReadonlySet<string> = new Set(['int', 'bigint', 'timeuuid']);

/** The longest TTL Cassandra accepts, in seconds (20 years). */
const MAX_TTL = 630_720_000;

/**
 * Refuses the managed columns that query tables cannot honour: every versioned write is a lightweight
 * transaction, and a created-at kept by save() needs one, but Cassandra refuses IF conditions in a
 * batch over several tables, which is how query tables are written.
 */
export function checkManagedWithQueryTables(className: string, managed: ManagedColumns | undefined, queryTables: readonly { readonly table: string }[]): void {
  const tables = queryTables.map((q) => q.table).join(', ');
  if (managed?.version !== undefined) {
    throw MetadataError.invalidManaged(`${className}.${managed.version.property}`, `@Version cannot be used with query tables (${tables}): each versioned write is a lightweight transaction, and Cassandra refuses IF conditions in the logged batch over several tables that keeps them in step. Drop one of the two.`);
  }
  if (managed?.createdAt !== undefined) {
    throw MetadataError.invalidManaged(`${className}.${managed.createdAt.property}`, `@CreatedAt cannot be used with query tables (${tables}): save() keeps the first created-at with an IF condition, which Cassandra refuses in the logged batch over several tables that keeps them in step. Use a plain @Column set on insert instead.`);
  }
}

/** The managed columns of an entity, or undefined when it declares none and no TTL. */
export function resolveManaged(
  className: string,
  records: readonly ColumnRecord[],
  byProperty: ReadonlyMap<string, ColumnMetadata>,
  isCounterTable: boolean,
  ttl: number | undefined,
): ManagedColumns | undefined {
  const found: { version?: ColumnMetadata; createdAt?: ColumnMetadata; updatedAt?: ColumnMetadata } = {};
  for (const r of records) {
    if (r.managed === undefined) continue;
    const at = `${className}.${r.property}`;
    const column = byProperty.get(r.property)!;
    const decorator = `@${r.managed[0]!.toUpperCase()}${r.managed.slice(1)}`;
    const clash = found[r.managed];
    if (clash !== undefined) throw MetadataError.invalidManaged(className, `${decorator} is on both ${clash.property} and ${r.property}; an entity has at most one. Remove one of them.`);
    if (r.managed === 'version') {
      const type = column.type.kind === 'native' ? column.type.name : column.type.kind;
      if (!VERSION_TYPES.has(type)) throw MetadataError.invalidType(at, type, '@Version takes int, bigint or timeuuid');
    }
    found[r.managed] = column;
  }
  if (isCounterTable && (found.version !== undefined || ttl !== undefined)) {
    // Never reached for audit columns: a timestamp column already makes the table not a counter table.
    throw MetadataError.invalidManaged(`@Table(${className})`, 'a counter table cannot have @Version or a ttl: counter updates take no IF condition and no TTL. Remove them.');
  }
  if (ttl !== undefined && (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_TTL)) {
    throw MetadataError.invalidManaged(`@Table(${className})`, `ttl must be a whole number of seconds from 1 to ${MAX_TTL}, got ${String(ttl)}; leave it out for writes without a default TTL.`);
  }
  if (found.version === undefined && found.createdAt === undefined && found.updatedAt === undefined && ttl === undefined) return undefined;
  return Object.freeze({ ...found, ...(ttl !== undefined ? { ttl } : {}) });
}
