// How decorators name a CQL type: a CQL string, a thunk to a @UserType class, or a composed
// expression (`cql.list(() => Address)`) when a collection holds a user-defined type.

/** Any class: entities and user-defined types are referenced by their constructor. */
export type ClassRef = abstract new (...args: never[]) => object;

/** A thunk returning a `@UserType` class; thunks avoid circular-import failures. */
export type UdtThunk = () => ClassRef;

/** A composed type expression, built with the `cql` helpers. */
export type TypeExpr =
  | { readonly expr: 'list' | 'set'; readonly of: TypeInput }
  | { readonly expr: 'map'; readonly key: TypeInput; readonly value: TypeInput }
  | { readonly expr: 'tuple'; readonly elements: readonly TypeInput[] }
  | { readonly expr: 'frozen'; readonly of: TypeInput }
  | { readonly expr: 'vector'; readonly of: TypeInput; readonly dimension: number };

/** A CQL type as a decorator takes it: `'map<text, int>'`, `() => Address`, or `cql.set(() => Tag)`. */
export type TypeInput = string | UdtThunk | ClassRef | TypeExpr;

/** Builders for types that hold user-defined types, e.g. `cql.list(cql.frozen(() => Address))`. */
export const cql = {
  /** `list<T>` */
  list: (of: TypeInput): TypeExpr => ({ expr: 'list', of }),
  /** `set<T>` */
  set: (of: TypeInput): TypeExpr => ({ expr: 'set', of }),
  /** `map<K, V>` */
  map: (key: TypeInput, value: TypeInput): TypeExpr => ({ expr: 'map', key, value }),
  /** `tuple<A, B, ...>` */
  tuple: (...elements: TypeInput[]): TypeExpr => ({ expr: 'tuple', elements }),
  /** `frozen<T>` */
  frozen: (of: TypeInput): TypeExpr => ({ expr: 'frozen', of }),
  /** `vector<T, n>` */
  vector: (of: TypeInput, dimension: number): TypeExpr => ({ expr: 'vector', of, dimension }),
} as const;

/** True for a class constructor given directly instead of a thunk. */
export function isClassRef(value: unknown): value is ClassRef {
  return typeof value === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(value));
}
