// The rows `npm run bench:hydration` writes and reads: a table holding every kind of CQL value that
// needs converting on the way out, seeded rows of it, and the check that what a contender read back is
// what was written (as entities with the documented forms, or as the driver's own rows).
import cassandra from 'cassandra-driver';
import { ClusteringKey, Column, Field, PartitionKey, Table, UserType } from '../../src/index.js';

const { types } = cassandra;

/** The one partition the benchmark reads. */
export const BUCKET = 7;

@UserType('place')
export class Place {
  @Field({ type: 'text' }) street!: string;
  @Field({ type: 'int' }) zip!: number;
}

@Table('rich_rows')
export class RichRow {
  @PartitionKey({ type: 'int' }) bucket!: number;
  @ClusteringKey({ type: 'timeuuid' }) at!: string;
  @Column({ type: 'uuid' }) owner!: string;
  @Column({ type: 'inet' }) ip!: string;
  @Column({ type: 'decimal' }) price!: string;
  @Column({ type: 'varint' }) big!: bigint;
  @Column({ type: 'bigint' }) count!: bigint;
  @Column({ type: 'date' }) day!: string;
  @Column({ type: 'list<text>' }) tags!: string[];
  @Column({ type: 'set<int>' }) nums!: Set<number>;
  @Column({ type: 'map<text, int>' }) attrs!: Map<string, number>;
  @Column({ type: () => Place }) place!: Place;
  @Column({ type: 'text' }) name!: string;
}

/** Row `i` of the partition, seeded: every value differs from row to row. */
export function rowOf(i: number, next: () => number): RichRow {
  const bytes = (n: number): Buffer => Buffer.from(Array.from({ length: n }, () => Math.floor(next() * 256)));
  // A version-1 uuid with a time that grows with i, so the clustering order is the order written.
  const at = types.TimeUuid.fromDate(new Date(Date.UTC(2026, 0, 1) + i * 1000), i % 10_000, bytes(6), bytes(2)).toString();
  const v4 = bytes(16);
  v4[6] = (v4[6]! & 0x0f) | 0x40;
  v4[8] = (v4[8]! & 0x3f) | 0x80;
  const ip = i % 4 === 3 ? `2001:db8::${(i % 65536).toString(16)}` : `10.${i % 256}.${Math.floor(i / 256) % 256}.${Math.floor(next() * 256)}`;
  return Object.assign(new RichRow(), {
    bucket: BUCKET,
    at,
    owner: new types.Uuid(v4).toString(),
    ip,
    price: `${Math.floor(next() * 1e6)}.${String(i % 100).padStart(2, '0')}`,
    big: BigInt(Math.floor(next() * 1e9)) * 10n ** 12n + BigInt(i),
    count: BigInt(i) - 5000n,
    day: new Date(Date.UTC(2000, 0, 1) + (i % 9000) * 86_400_000).toISOString().slice(0, 10),
    tags: [`t${i % 7}`, `tag-${i}`, 'x'],
    nums: new Set([i, i + 1, -i]),
    attrs: new Map([['a', i], ['b', i * 2]]),
    place: Object.assign(new Place(), { street: `${i} Main Street`, zip: 10_000 + (i % 90_000) }),
    name: `row number ${i}`,
  });
}

/** The driver's text of each cell of a driver row, for comparing it with what was written. */
function driverRowText(row: Record<string, unknown>): Record<string, unknown> {
  const place = row['place'] as { street: string; zip: number };
  return {
    at: String(row['at']),
    owner: String(row['owner']),
    ip: String(row['ip']),
    big: row['big'],
    count: row['count'],
    day: String(row['day']),
    tags: row['tags'],
    nums: [...(row['nums'] as Set<number>)].sort((a, b) => a - b),
    attrs: Object.fromEntries(row['attrs'] as Map<string, number>),
    place: { street: place.street, zip: place.zip },
    name: row['name'],
  };
}

function expectedDriverText(e: RichRow): Record<string, unknown> {
  return {
    at: e.at, owner: e.owner, ip: e.ip, big: e.big, count: e.count, day: e.day, tags: e.tags,
    nums: [...e.nums].sort((a, b) => a - b), attrs: Object.fromEntries(e.attrs), place: { street: e.place.street, zip: e.place.zip }, name: e.name,
  };
}

// A comparable text of a value: sets and maps by their sorted members (the node returns a set in its
// own order), bigints marked, and any object other than an array, Set, Map or plain object by its class
// name as well, so that a driver Uuid left where the text belongs does not pass for its text.
function normal(v: unknown): unknown {
  if (typeof v === 'bigint') return `${v}n`;
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(normal);
  if (v instanceof Set) return { set: [...v].map(normal).sort() };
  if (v instanceof Map) return { map: [...v].map(([k, x]) => [normal(k), normal(x)]).sort() };
  const proto = Object.getPrototypeOf(v) as object | null;
  const fields = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normal(x)]));
  return proto === Object.prototype || proto === null ? fields : { class: (v as object).constructor.name, text: String(v), fields };
}
const same = (a: unknown, b: unknown): boolean => JSON.stringify(normal(a)) === JSON.stringify(normal(b));

/** Every row a contender returned, compared with the rows written; throws on the first difference. */
export function check(contender: string, got: readonly unknown[], written: readonly RichRow[], asDriverRows: boolean): void {
  if (got.length !== written.length) throw new Error(`${contender} returned ${got.length} rows, ${written.length} were written`);
  got.forEach((row, i) => {
    const want = written[i]!;
    if (asDriverRows) {
      if (!same(driverRowText(row as Record<string, unknown>), expectedDriverText(want))) throw new Error(`${contender}: row ${i} differs from what was written`);
      // decimal is compared as a number: the driver's BigDecimal text differs from Java's for some values.
      if (Number(String((row as Record<string, unknown>)['price'])) !== Number(want.price)) throw new Error(`${contender}: row ${i} price differs`);
      return;
    }
    if (!(row instanceof RichRow) || !(row.place instanceof Place)) throw new Error(`${contender}: row ${i} is not a RichRow with a Place`);
    if (!same({ ...row, place: { ...row.place } }, { ...want, place: { ...want.place } })) throw new Error(`${contender}: row ${i} differs from what was written`);
  });
}

