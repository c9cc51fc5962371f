// Rows → entities with a column map computed once per (entity, selection): no per-row reflection.
import type { ColumnMetadata, EntityMetadata } from '../metadata/entity-metadata.js';
import { decoderFor, type Convert, type MapMode } from './codec.js';

interface Slot {
  readonly name: string;
  readonly property: string;
  readonly decode: Convert | null;
  readonly collection: boolean;
}

/** Turns driver rows into entity instances; build it once per selection and reuse it for every row. */
export class Hydrator<T extends object> {
  private readonly slots: readonly Slot[];
  private readonly proto: object;

  constructor(meta: EntityMetadata<T>, columns: readonly ColumnMetadata[] = meta.columns, mode: MapMode = 'map') {
    this.proto = (meta.target as unknown as { prototype: object }).prototype;
    this.slots = columns.map((c) => ({
      name: c.name,
      property: c.property,
      decode: decoderFor(c.type, mode),
      collection: c.type.kind === 'list' || c.type.kind === 'set' || c.type.kind === 'map',
    }));
  }

  /** One row → one instance of the entity class (its constructor is not run). */
  hydrate(row: Readonly<Record<string, unknown>>): T {
    const out = Object.create(this.proto) as Record<string, unknown>;
    const slots = this.slots;
    for (let i = 0; i < slots.length; i++) {
      const s = slots[i]!;
      const v = row[s.name];
      out[s.property] = s.decode === null ? (v === undefined ? null : v) : s.decode(v === undefined ? null : v);
    }
    return out as T;
  }

  /** Every row of a result. */
  hydrateAll(rows: readonly Readonly<Record<string, unknown>>[]): T[] {
    const out = new Array<T>(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = this.hydrate(rows[i]!);
    return out;
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
