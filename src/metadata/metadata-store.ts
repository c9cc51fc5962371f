// Where decorators record facts: on the class itself (Reflect metadata under Symbol.for keys),
// one own, readonly record list per class; ancestors are walked at read time, never copied into.
import 'reflect-metadata';
import type { ClassRef, TypeInput } from './type-input.js';

/** How property names become CQL names: snake_case (default), unchanged, or your own function. */
export type NamingStrategy = 'snake_case' | 'preserve' | ((property: string) => string);

// Standard (TC39) decorators hand every class a shared metadata object only when `Symbol.metadata`
// exists, which Node 20 lacks: install the well-known symbol (as TypeScript documents) so entities
// compiled without `experimentalDecorators` record their members too.
(Symbol as { metadata?: symbol }).metadata ??= Symbol.for('Symbol.metadata');

/** `Symbol.metadata`: where standard decorators keep a class's metadata object. */
export const SYMBOL_METADATA: symbol = (Symbol as unknown as { metadata: symbol }).metadata;

/** Metadata keys; `Symbol.for` so two copies of the library see the same records. */
export const KEYS = {
  table: Symbol.for('cassandra-orm:table'),
  columns: Symbol.for('cassandra-orm:columns'),
  indexes: Symbol.for('cassandra-orm:indexes'),
  views: Symbol.for('cassandra-orm:views'),
  userType: Symbol.for('cassandra-orm:user-type'),
  fields: Symbol.for('cassandra-orm:fields'),
  resolvedEntity: Symbol.for('cassandra-orm:resolved-entity'),
  resolvedUdt: Symbol.for('cassandra-orm:resolved-udt'),
} as const;

/** What @Table recorded. */
export interface TableRecord {
  readonly name?: string | undefined;
  readonly keyspace?: string | undefined;
  readonly connection?: string | undefined;
  readonly naming?: NamingStrategy | undefined;
  readonly options?: Readonly<Record<string, unknown>> | undefined;
  /** The library-side default TTL of every write, in seconds (`@Table({ ttl })`). */
  readonly ttl?: number | undefined;
  readonly queryTables?: readonly QueryTableRecord[] | undefined;
}

/** What @Table recorded for one query table (property names, as declared). */
export interface QueryTableRecord {
  readonly name: string;
  readonly partitionKey: readonly string[];
  readonly clusteringKey?: readonly (string | { readonly property: string; readonly order?: 'ASC' | 'DESC' })[] | undefined;
  readonly columns?: readonly string[] | undefined;
  readonly options?: Readonly<Record<string, unknown>> | undefined;
}

/** What @PartitionKey, @ClusteringKey or @Column recorded for one property. */
export interface ColumnRecord {
  readonly property: string;
  readonly role: 'partition' | 'clustering' | 'column';
  readonly name?: string | undefined;
  readonly type?: TypeInput | undefined;
  readonly position?: number | undefined;
  readonly order?: 'ASC' | 'DESC' | undefined;
  readonly static?: boolean | undefined;
  readonly frozen?: boolean | undefined;
  readonly secret?: boolean | undefined;
  /** A column the library writes itself: `@Version`, `@CreatedAt` or `@UpdatedAt`. */
  readonly managed?: 'version' | 'createdAt' | 'updatedAt' | undefined;
  readonly maxSize?: number | undefined;
  /** `design:type` as emitted by the compiler, when it was. */
  readonly designType?: unknown;
}

/** What @Index recorded for one property. */
export interface IndexRecord {
  readonly property: string;
  readonly name?: string | undefined;
  readonly using?: string | undefined;
  readonly target?: 'value' | 'keys' | 'values' | 'entries' | 'full' | undefined;
  readonly options?: Readonly<Record<string, string>> | undefined;
  readonly similarity?: string | undefined;
  readonly optimizeFor?: string | undefined;
  readonly caseSensitive?: boolean | undefined;
  readonly normalize?: boolean | undefined;
  readonly ascii?: boolean | undefined;
}

/** What @MaterializedView recorded (property names, resolved to columns later). */
export interface ViewRecord {
  readonly name: string;
  readonly partitionKeys: readonly string[];
  readonly clusteringKeys: readonly (string | { readonly property: string; readonly order?: 'ASC' | 'DESC' | undefined })[];
  readonly columns?: readonly string[] | undefined;
  readonly options?: Readonly<Record<string, unknown>> | undefined;
}

/** What @UserType recorded. */
export interface UserTypeRecord {
  readonly name?: string | undefined;
  readonly naming?: NamingStrategy | undefined;
}

/** What @Field recorded for one UDT property. */
export interface FieldRecord {
  readonly property: string;
  readonly name?: string | undefined;
  readonly type?: TypeInput | undefined;
  readonly designType?: unknown;
}

/** Records a class-level fact. */
export function recordOnClass<T>(key: symbol, target: ClassRef, record: T): void {
  Reflect.defineMetadata(key, Object.freeze(record), target);
}

/** Appends a record to the class's own list (a new array: inherited lists are never touched). */
export function appendRecord<T>(key: symbol, target: ClassRef, record: T): void {
  const own = (Reflect.getOwnMetadata(key, target) as readonly T[] | undefined) ?? [];
  Reflect.defineMetadata(key, Object.freeze([...own, Object.freeze(record)]), target);
}

/** The class's own record for `key`. */
export function ownRecord<T>(key: symbol, target: ClassRef): T | undefined {
  return Reflect.getOwnMetadata(key, target) as T | undefined;
}

/** Appends a record to a standard decorator's metadata object (own list, never the inherited one). */
export function appendToMetadata<T>(key: symbol, metadata: object, record: T): void {
  const bag = metadata as Record<symbol, readonly T[]>;
  const own = Object.prototype.hasOwnProperty.call(bag, key) ? bag[key]! : [];
  bag[key] = Object.freeze([...own, Object.freeze(record)]);
}

function standardRecords<T>(key: symbol, target: ClassRef): readonly T[] {
  if (!Object.prototype.hasOwnProperty.call(target, SYMBOL_METADATA)) return [];
  const bag = (target as unknown as Record<symbol, Record<symbol, readonly T[]> | undefined>)[SYMBOL_METADATA];
  return bag !== undefined && Object.prototype.hasOwnProperty.call(bag, key) ? bag[key]! : [];
}

/** The class's own record list for `key` (from experimental and from standard decorators). */
export function ownRecords<T>(key: symbol, target: ClassRef): readonly T[] {
  const legacy = (Reflect.getOwnMetadata(key, target) as readonly T[] | undefined) ?? [];
  const standard = standardRecords<T>(key, target);
  return standard.length === 0 ? legacy : [...legacy, ...standard];
}

/** The class and its ancestors, base class first. */
export function classChain(target: ClassRef): ClassRef[] {
  const chain: ClassRef[] = [];
  for (let c: unknown = target; typeof c === 'function' && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    chain.unshift(c as ClassRef);
  }
  return chain;
}

/** Records of every class in the chain, base first; a subclass's record for a property replaces the base's. */
export function inheritedRecords<T extends { readonly property: string }>(key: symbol, target: ClassRef): T[] {
  const byProperty = new Map<string, T>();
  for (const c of classChain(target)) for (const r of ownRecords<T>(key, c)) byProperty.set(r.property, r);
  return [...byProperty.values()];
}

/** snake_case of a camelCase/PascalCase name: `userId` → `user_id`, `HTTPServer` → `http_server`. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/** Applies a naming strategy to a property or class name. */
export function applyNaming(naming: NamingStrategy | undefined, name: string): string {
  if (naming === undefined || naming === 'snake_case') return snakeCase(name);
  if (naming === 'preserve') return name;
  return naming(name);
}
