// Change tracking of loaded entities: a snapshot of each tracked entity's column values, in the form
// they are compared in (see mapping/comparable.ts), held in a WeakMap keyed by the entity so that it
// goes when the entity does, and the diff `saveChanges` sends. Nothing here runs on reads that do
// not ask for tracking.
import type { ColumnMetadata, EntityMetadata } from '../metadata/entity-metadata.js';
import { comparedFor, sameValue, type Compared, type ToCompared } from '../mapping/comparable.js';
import { QueryBuildError } from '../errors.js';

/** The compared form of every column of one entity, in its metadata's column order. */
export type Snapshot = readonly Compared[];

/** What changed in a tracked entity since its snapshot, ready to send as one UPDATE. */
export interface Changes {
  /** The changed non-key properties and their values (`null` deletes), in column order. */
  readonly values: Record<string, unknown>;
  /** How many properties changed. */
  readonly count: number;
  /** The entity's snapshot once these values are written. */
  readonly next: Snapshot;
}

/** The snapshots of one repository's tracked entities. */
export class ChangeTracker {
  private readonly snapshots = new WeakMap<object, Snapshot>();
  private readonly columns: readonly ColumnMetadata[];
  private readonly forms: readonly ToCompared[];
  private readonly proto: object;

  constructor(private readonly meta: EntityMetadata) {
    this.columns = meta.columns;
    this.forms = meta.columns.map((c) => comparedFor(c.type));
    this.proto = (meta.target as unknown as { prototype: object }).prototype;
  }

  /** Snapshots the entity's column values as they are now (replacing any earlier snapshot). */
  track(entity: object): void {
    const v = entity as Record<string, unknown>;
    const snapshot = new Array<Compared>(this.columns.length);
    for (let i = 0; i < snapshot.length; i++) snapshot[i] = this.forms[i]!(v[this.columns[i]!.property]);
    this.snapshots.set(entity, snapshot);
  }

  /** Tracks each item that is an entity of this table (a read's aggregate rows are plain objects, left alone). */
  trackEntities(items: readonly unknown[]): void {
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (typeof item === 'object' && item !== null && Object.getPrototypeOf(item) === this.proto) this.track(item);
    }
  }

  /** The entity's snapshot, or undefined when this tracker never took one. */
  snapshotOf(entity: object): Snapshot | undefined {
    return this.snapshots.get(entity);
  }

  /** Replaces the entity's snapshot (after its changes were written). */
  commit(entity: object, next: Snapshot): void {
    this.snapshots.set(entity, next);
  }

  /**
   * The properties whose values differ from the snapshot, keys included, in column order. A
   * property now `undefined` is left alone by a write, so it never counts as changed.
   */
  changedProperties(entity: object, snapshot: Snapshot): string[] {
    const v = entity as Record<string, unknown>;
    const out: string[] = [];
    for (let i = 0; i < this.columns.length; i++) {
      const c = this.columns[i]!;
      const now = v[c.property];
      if (now !== undefined && !sameValue(this.forms[i]!(now), snapshot[i])) out.push(c.property);
    }
    return out;
  }

  /**
   * The changes to send for `entity` against `snapshot`. A key property that differs (or is gone) is
   * refused, since a changed key names another row; so is a changed counter, which cannot be set.
   */
  diff(entity: object, snapshot: Snapshot): Changes {
    const v = entity as Record<string, unknown>;
    const values: Record<string, unknown> = {};
    const next = snapshot.slice();
    let count = 0;
    for (let i = 0; i < this.columns.length; i++) {
      const c = this.columns[i]!;
      const now = v[c.property];
      const form = this.forms[i]!(now);
      if (c.kind === 'partition' || c.kind === 'clustering') {
        // Compared strictly: a key no encoder takes stays the same key, and its write reports it.
        if (form !== snapshot[i]) throw QueryBuildError.keyChanged(this.meta.table, c.property, c.name);
        continue;
      }
      if (now === undefined || sameValue(form, snapshot[i])) continue;
      if (c.type.kind === 'native' && c.type.name === 'counter') throw QueryBuildError.counterChanged(this.meta.table, c.property);
      values[c.property] = now;
      next[i] = form;
      count++;
    }
    return { values, count, next };
  }
}
