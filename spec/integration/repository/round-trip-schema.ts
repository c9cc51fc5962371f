// The tables of the property round trip: one row table with a column for every CQL type (each native,
// a list, set and map of each, vectors, nested frozen collections, tuples, UDTs), and a counter table.
// Columns are decorated from the same kinds that generate and check their values, so a column's type
// and what the test writes into it cannot drift apart.
import { Column, PartitionKey } from '../../../src/decorators/column.js';
import { Table } from '../../../src/decorators/table.js';
import { KeyShape } from '../../../src/query/entity-types.js';
import { frozen, list, map, set, tuple, udt, type Kind } from './round-trip-kinds.js';
import { natives, vector, type NativeName } from './round-trip-natives.js';

const nativeNames = Object.keys(natives) as NativeName[];
/** Duration has no order, so it cannot be a set element or a map key. */
const keyNames = nativeNames.filter((n) => n !== 'duration');

const point = udt('rt_point', { x: natives.double, y: natives.float });
const every = udt('rt_every', Object.fromEntries(nativeNames.map((n) => [`f_${n}`, natives[n]])));
const place = udt('rt_place', {
  name: natives.text,
  at: point,
  tags: set(natives.text),
  every,
  stops: list(frozen(point), 3),
  span: tuple(natives.int, point, natives.text),
  codes: map(natives.text, natives.decimal, 3),
});
const trip = udt('rt_trip', { home: place, legs: list(frozen(place), 2), byDay: map(natives.date, frozen(place), 2) });

/** A column's kind, and `frozen: false` for a UDT stored unfrozen (one cell per field). */
interface ColumnKind {
  readonly kind: Kind;
  readonly unfrozen?: boolean;
}

const columns: Record<string, ColumnKind> = {};
for (const n of nativeNames) columns[`n_${n}`] = { kind: natives[n] };
for (const n of nativeNames) columns[`l_${n}`] = { kind: list(natives[n]) };
for (const n of keyNames) columns[`s_${n}`] = { kind: set(natives[n]) };
// Every orderable type as a map key, each with a different value type (rotated through all of them).
keyNames.forEach((k, i) => {
  const v = nativeNames[(i + 7) % nativeNames.length]!;
  columns[`m_${k}_${v}`] = { kind: map(natives[k], natives[v]) };
});
Object.assign(columns, {
  v_float_1: { kind: vector(1) },
  v_float_3: { kind: vector(3) },
  v_float_16: { kind: vector(16) },
  l_vector: { kind: list(frozen(vector(2)), 4) },
  nested: { kind: map(natives.int, frozen(list(frozen(set(natives.text, 4)), 4)), 4) },
  deep: { kind: list(frozen(map(natives.text, frozen(list(frozen(set(natives.bigint, 3)), 3)), 3)), 3) },
  s_list: { kind: set(frozen(list(natives.int, 4))) },
  m_tuple_set: { kind: map(tuple(natives.int, natives.text), frozen(set(natives.decimal, 4)), 4) },
  m_set_list: { kind: map(frozen(set(natives.timestamp, 3)), frozen(list(natives.duration, 3)), 4) },
  t_small: { kind: tuple(natives.int, natives.text, natives.uuid) },
  t_every: { kind: tuple(...nativeNames.map((n) => natives[n])) },
  t_nested: { kind: tuple(tuple(natives.bigint, natives.blob), frozen(list(natives.inet, 3)), frozen(map(natives.date, natives.time, 3))) },
  t_udt: { kind: tuple(point, natives.decimal) },
  u_point: { kind: point },
  u_every: { kind: every },
  u_every_unfrozen: { kind: every, unfrozen: true },
  u_place: { kind: place },
  u_trip: { kind: trip },
  l_place: { kind: list(frozen(place), 3) },
  s_point: { kind: set(frozen(point)) },
  m_point_every: { kind: map(frozen(point), frozen(every), 3) },
} satisfies Record<string, ColumnKind>);

/** Every column of the row table but the key, with its kind. */
export const COLUMNS: readonly (readonly [property: string, kind: Kind])[] = Object.entries(columns).map(([p, c]) => [p, c.kind] as const);

/** One row of every CQL type; the properties are the keys of COLUMNS. */
export class RoundTripRow {
  declare readonly [KeyShape]?: { partition: ['id']; clustering: [] };
  id!: number;
  [column: string]: unknown;
}
PartitionKey({ type: 'int' })(RoundTripRow.prototype, 'id');
for (const [property, c] of Object.entries(columns)) Column({ type: c.kind.type, ...(c.unfrozen === true ? { frozen: false } : {}) })(RoundTripRow.prototype, property);
Table('round_trip_rows')(RoundTripRow);

/** Counters cannot share a table with other columns. */
@Table('round_trip_counters')
export class RoundTripCounter {
  declare readonly [KeyShape]?: { partition: ['id']; clustering: [] };
  @PartitionKey({ type: 'int' }) id!: number;
  @Column({ type: 'counter' }) hits?: bigint | null;
  @Column({ type: 'counter' }) misses?: bigint | null;
}
