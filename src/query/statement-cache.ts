// CQL text and parameter types per statement shape, built once per entity and reused: a compile()
// of a shape seen before only collects the parameter values.
import type { CqlType, EntityMetadata } from '../metadata/entity-metadata.js';
import type { ValueLocation } from '../errors.js';

/** What a shape always compiles to. */
export interface ShapeText {
  readonly cql: string;
  readonly paramTypes: readonly (CqlType | undefined)[];
  readonly paramSlots: readonly (ValueLocation | undefined)[];
}

/** Shapes per entity before the cache starts over (shapes are finite in an application; this only guards against misuse). */
const LIMIT = 2000;
const cache = new WeakMap<EntityMetadata, Map<string, ShapeText>>();

/**
 * The cached text of a shape, if compiled before. Shapes of every statement kind share one map per
 * entity, so each shape string starts with its kind: without it, an UPDATE without assignments on a
 * key had the shape of a DELETE of that row, and compiled to the DELETE once one had been compiled.
 */
export function cachedShape(meta: EntityMetadata, shape: string): ShapeText | undefined {
  return cache.get(meta)?.get(shape);
}

/** Remembers the text and (frozen) parameter types and slots of a shape. */
export function rememberShape(meta: EntityMetadata, shape: string, cql: string, params: { readonly types: readonly (CqlType | undefined)[]; readonly slots: readonly (ValueLocation | undefined)[] }): ShapeText {
  let perMeta = cache.get(meta);
  if (perMeta === undefined) cache.set(meta, (perMeta = new Map()));
  if (perMeta.size >= LIMIT) perMeta.clear();
  const entry = Object.freeze({ cql, paramTypes: Object.freeze([...params.types]), paramSlots: Object.freeze([...params.slots]) });
  perMeta.set(shape, entry);
  return entry;
}
