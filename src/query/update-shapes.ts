// The last few UPDATE shapes compiled per entity, matched by identity of columns and operators: a hot
// update (same columns, new values) finds its text and flags without building a cache-key string.
import type { ColumnMetadata, EntityMetadata, UdtFieldMetadata } from '../metadata/entity-metadata.js';
import type { CompiledQuery } from './compiled-query.js';
import type { ShapeText } from './statement-cache.js';
import type { Condition, Restriction, Target } from './nodes.js';

/** What of an UpdateNode makes its shape (update-query's UpdateNode satisfies it). */
export interface UpdateShape {
  readonly target: Target;
  readonly ttl?: number | undefined;
  readonly timestamp?: bigint | number | undefined;
  readonly ifExists: boolean;
  readonly assignments: readonly { readonly op: string; readonly column: ColumnMetadata; readonly field?: UdtFieldMetadata | undefined }[];
  readonly where: readonly Restriction[];
  readonly conditions: readonly Condition[];
}

interface Slot {
  readonly op: string;
  readonly column: ColumnMetadata;
  /** The UDT field of a `setField` assignment or a field condition: `a.x = ?` and `a.y = ?` are different statements. */
  readonly field: UdtFieldMetadata | undefined;
  /** True for an element condition (`IF m[?] = ?`), which is not the statement of `IF m = ?`. */
  readonly element: boolean;
}

/** A shape compiled before: what it is made of (no values), its text and its flags. */
export interface KnownUpdate {
  readonly keyspace: string | undefined;
  readonly ttl: boolean;
  readonly timestamp: boolean;
  readonly ifExists: boolean;
  readonly assignments: readonly Slot[];
  readonly where: readonly Slot[];
  readonly conditions: readonly Slot[];
  readonly cql: string;
  readonly paramTypes: CompiledQuery['paramTypes'];
  readonly paramSlots: ShapeText['paramSlots'];
  readonly idempotent: boolean;
  readonly lwt: boolean;
  readonly counter: boolean;
}

const recent = new WeakMap<EntityMetadata, KnownUpdate[]>();
const RECENT = 8;

type Item = { readonly op: string; readonly column?: ColumnMetadata; readonly field?: UdtFieldMetadata | undefined; readonly element?: unknown };

function same(slots: readonly Slot[], items: readonly Item[]): boolean {
  if (slots.length !== items.length) return false;
  for (let i = 0; i < items.length; i++) {
    const x = items[i]!;
    const s = slots[i]!;
    if (x.column === undefined || x.op !== s.op || x.column !== s.column || x.field !== s.field || s.element !== (x.element !== undefined && x.op !== 'setElement' ? true : false)) return false;
  }
  return true;
}

function matches(k: KnownUpdate, n: UpdateShape): boolean {
  return (
    k.keyspace === n.target.keyspace &&
    k.ttl === (n.ttl !== undefined) &&
    k.timestamp === (n.timestamp !== undefined) &&
    k.ifExists === n.ifExists &&
    same(k.assignments, n.assignments) &&
    same(k.where, n.where as readonly Item[]) &&
    same(k.conditions, n.conditions)
  );
}

/** The known shape of this node, if it is one of the entity's recent ones. Token restrictions never match. */
export function recentUpdate(meta: EntityMetadata, n: UpdateShape): KnownUpdate | undefined {
  const list = recent.get(meta);
  if (list === undefined) return undefined;
  for (let i = 0; i < list.length; i++) if (matches(list[i]!, n)) return list[i];
  return undefined;
}

const slots = (items: readonly Item[]): readonly Slot[] =>
  Object.freeze(items.map((x) => Object.freeze({ op: x.op, column: x.column as ColumnMetadata, field: x.field, element: x.element !== undefined && x.op !== 'setElement' })));

/** Records a checked shape (its text and types from the keyed cache) as the entity's most recent one. */
export function rememberUpdate(meta: EntityMetadata, n: UpdateShape, text: ShapeText): KnownUpdate {
  const lwt = n.ifExists || n.conditions.length > 0;
  const counter = n.assignments.some((a) => a.op === 'increment' || a.op === 'decrement');
  const known: KnownUpdate = Object.freeze({
    keyspace: n.target.keyspace,
    ttl: n.ttl !== undefined,
    timestamp: n.timestamp !== undefined,
    ifExists: n.ifExists,
    assignments: slots(n.assignments),
    where: slots(n.where.filter((r) => r.kind === 'column')),
    conditions: slots(n.conditions),
    cql: text.cql,
    paramTypes: text.paramTypes,
    paramSlots: text.paramSlots,
    idempotent: !lwt && !counter && !n.assignments.some((a) => a.op === 'append' || a.op === 'prepend'),
    lwt,
    counter,
  });
  let list = recent.get(meta);
  if (list === undefined) recent.set(meta, (list = []));
  list.unshift(known);
  if (list.length > RECENT) list.pop();
  return known;
}
