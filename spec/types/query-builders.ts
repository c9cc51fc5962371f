// Compile-only type tests for the query builders: each @ts-expect-error line must be an error, or
// the build fails (tsc reports an unused @ts-expect-error). Nothing here runs.
import { selectFrom } from '../../src/query/select-query.js';
import { update } from '../../src/query/update-query.js';
import { deleteFrom } from '../../src/query/delete-query.js';
import { count, max, ttl } from '../../src/query/aggregates.js';
import { eventMeta, pageViewsMeta, userMeta } from '../unit/query/fixtures.js';
import type { EntityMetadata } from '../../src/metadata/entity-metadata.js';
import type { KeyShape } from '../../src/query/entity-types.js';

export function selectShapes(): void {
  const q = selectFrom(eventMeta);
  q.where('userId', '=', 'u').where('day', 'in', [1, 2]).where('at', '>', 't');
  // @ts-expect-error: unknown property
  q.where('nope', '=', 1);
  // @ts-expect-error: value of the wrong type
  q.where('day', '=', 'three');
  // @ts-expect-error: IN needs an array
  q.where('day', 'in', 3);
  // @ts-expect-error: range on a partition key column (use whereToken)
  q.where('day', '>', 3);
  // @ts-expect-error: CONTAINS on a non-collection
  q.where('kind', 'contains', 'x');
  q.where('labels', 'contains', 'red');
  // @ts-expect-error: CONTAINS element of the wrong type
  q.where('labels', 'contains', 1);
  q.where('counts', 'containsKey', 'a');
  q.where('counts', 'contains', 1);
  // @ts-expect-error: CONTAINS KEY on a set
  q.where('labels', 'containsKey', 'a');
  q.where('body', 'like', 'a%');
  // @ts-expect-error: LIKE on a number column
  q.where('day', 'like', '1%');
  q.orderBy('at', 'DESC').orderBy('seq');
  // @ts-expect-error: ORDER BY a non-clustering column
  q.orderBy('kind');
  // @ts-expect-error: ORDER BY a partition key column
  q.orderBy('day');
  // @ts-expect-error: methods are not columns
  q.columns('describe');
  q.whereToken('>', { userId: 'u', day: 1 });
  // @ts-expect-error: a token needs the whole partition key
  q.whereToken('>', { userId: 'u' });
  // @ts-expect-error: invalid direction
  q.orderBy('at', 'UP');
}

export function projectionAndAggregateTypes(): void {
  const p = selectFrom(eventMeta).columns('kind', 'day');
  const row: { kind?: string | null; day: number } | undefined = p.__row;
  // @ts-expect-error: a projected row has no `body`
  void p.__row?.body;
  const a = selectFrom(userMeta).columns('id').aggregate({ n: count(), oldest: max('age'), left: ttl('name') });
  const r = a.__row!;
  const n: bigint = r.n;
  const oldest: number | null = r.oldest;
  const left: number | null = r.left;
  // @ts-expect-error: count is a bigint, not a string
  const s: string = r.n;
  // @ts-expect-error: aggregate of an unknown property
  selectFrom(userMeta).aggregate({ x: max('nope') });
  void [row, n, oldest, left, s];
}

export function updateShapes(): void {
  const u = update(eventMeta).key({ userId: 'u', day: 1, at: 't', seq: 1 });
  u.set('kind', 'x').set('kind', null).append('tags', ['a']).add('labels', new Set(['a'])).add('counts', new Map([['a', 1]]));
  u.setElement('tags', 0, 'x').setElement('counts', 'k', 2).remove('counts', ['k']).remove('labels', new Set(['a']));
  // @ts-expect-error: the key must be complete (clustering columns missing)
  update(eventMeta).key({ userId: 'u', day: 1 });
  // @ts-expect-error: key columns cannot be set
  u.set('day', 2);
  // @ts-expect-error: append needs a list
  u.append('labels', new Set(['a']));
  // @ts-expect-error: add needs a set or map
  u.add('tags', ['a']);
  // @ts-expect-error: list element index is a number
  u.setElement('tags', 'first', 'x');
  // @ts-expect-error: map entry value of the wrong type
  u.setElement('counts', 'k', 'two');
  // @ts-expect-error: increment needs a counter (bigint) property
  u.increment('day');
  update(pageViewsMeta).key({ page: 'p' }).increment('views', 2n).decrement('clicks');
  // @ts-expect-error: IF on a key column
  u.if('day', '=', 1);
}

export function deleteShapes(): void {
  const d = deleteFrom(eventMeta).key({ userId: 'u', day: 1 });
  d.where('at', '>=', 't').columns('kind', 'tags').element('tags', 1).element('counts', 'k');
  // @ts-expect-error: key columns cannot be deleted on their own
  d.columns('day');
  // @ts-expect-error: element of a set
  d.element('labels', 'a');
  // @ts-expect-error: range on a non-clustering column
  d.where('kind', '>', 'a');
}

class TypedAddress {
  street?: string;
  zip?: number;
}

class TypedResident {
  declare readonly [KeyShape]?: { partition: ['id']; clustering: [] };
  id!: number;
  home?: TypedAddress;
  name?: string;
  at?: Date;
  tags?: string[];
}

export function udtFieldShapes(): void {
  const u = update(null as unknown as EntityMetadata<TypedResident>).key({ id: 1 });
  u.setField('home', 'street', 'x').setField('home', 'zip', null);
  // @ts-expect-error: unknown field
  u.setField('home', 'city', 'x');
  // @ts-expect-error: field value of the wrong type
  u.setField('home', 'zip', 'x');
  // @ts-expect-error: a text property is no UDT
  u.setField('name', 'length', 1);
  // @ts-expect-error: a Date is no UDT
  u.setField('at', 'getTime', 1);
  // @ts-expect-error: a list is no UDT
  u.setField('tags', 'length', 1);
  // @ts-expect-error: undefined is no value (null deletes the field)
  u.setField('home', 'zip', undefined);
}
