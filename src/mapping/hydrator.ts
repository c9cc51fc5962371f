// Rows → entities with a column map computed once per (entity, selection): no per-row reflection.
import type { ColumnMetadata, EntityMetadata } from '../metadata/entity-metadata.js';
import { decoderFor, type MapMode } from './codec.js';

/** Turns driver rows into entity instances; build it once per selection and reuse it for every row. */
export class Hydrator<T extends object> {
  /** One function per selection, generated once, with a literal store per property (no per-row lookups). */
  readonly hydrate: (row: Readonly<Record<string, unknown>>) => T;

  constructor(meta: EntityMetadata<T>, columns: readonly ColumnMetadata[] = meta.columns, mode: MapMode = 'map') {
    const proto = (meta.target as unknown as { prototype: object }).prototype;
    const decoders = columns.map((c) => decoderFor(c.type, mode));
    // A constructor whose prototype is the entity's: `new E(row)` allocates the properties in the object
    // itself (V8 sizes it after the first instances), cheaper than Object.create(proto) plus stores.
    // Instances are the same: prototype, property order and values (no user constructor runs).
    const lines = columns.map((c, i) => {
      const from = `row[${JSON.stringify(c.name)}]`;
      const to = `this[${JSON.stringify(c.property)}]`;
      return decoders[i] === null
        ? `v = ${from}; ${to} = v === undefined ? null : v;`
        : `v = ${from}; ${to} = d${i}(v === undefined ? null : v);`;
    });
    const params = ['proto', ...decoders.map((_d, i) => `d${i}`)];
    try {
      // The generated body only reads and writes fixed keys (JSON-quoted); no user value becomes code.
      const factory = new Function(
        ...params,
        `function E(row) { let v; ${lines.join(' ')} } E.prototype = proto; return function hydrate(row) { return new E(row); };`,
      );
      this.hydrate = factory(proto, ...decoders) as (row: Readonly<Record<string, unknown>>) => T;
    } catch {
      // Code generation disabled (--disallow-code-generation-from-strings): the same mapping as a loop.
      const names = columns.map((c) => c.name);
      const props = columns.map((c) => c.property);
      this.hydrate = (row) => {
        const o = Object.create(proto) as Record<string, unknown>;
        for (let i = 0; i < names.length; i++) {
          const v = row[names[i]!] ?? null;
          const d = decoders[i];
          o[props[i]!] = d == null ? v : d(v);
        }
        return o as T;
      };
    }
  }

  /**
   * Every row of a result, each replaced by its entity in the same array, which is returned: for a
   * driver result set the caller owns and hands out no further. It saves a second array of one
   * reference per row on every result (docs/performance.md, "The second array").
   */
  hydrateInPlace(rows: Readonly<Record<string, unknown>>[]): T[] {
    const out = rows as unknown[];
    for (let i = 0; i < out.length; i++) out[i] = this.hydrate(out[i] as Readonly<Record<string, unknown>>);
    return out as T[];
  }
}

const cache = { map: new WeakMap<EntityMetadata, Hydrator<object>>(), object: new WeakMap<EntityMetadata, Hydrator<object>>() };

/** The cached hydrator of every column of an entity. */
export function hydratorFor<T extends object>(meta: EntityMetadata<T>, mode: MapMode = 'map'): Hydrator<T> {
  let h = cache[mode].get(meta as EntityMetadata);
  if (h === undefined) {
    h = new Hydrator(meta as EntityMetadata, meta.columns, mode);
    cache[mode].set(meta as EntityMetadata, h);
  }
  return h as Hydrator<T>;
}
