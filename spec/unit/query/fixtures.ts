// Hand-built EntityMetadata for unit specs (the contract of src/metadata/entity-metadata.ts).
import type { ColumnKind, ColumnMetadata, CqlType, EntityMetadata, IndexMetadata, NativeTypeName, UdtMetadata } from '../../../src/metadata/entity-metadata.js';
import { KeyShape } from '../../../src/query/entity-types.js';

export const t = {
  n: (name: NativeTypeName): CqlType => ({ kind: 'native', name }),
  list: (element: CqlType, frozen = false): CqlType => ({ kind: 'list', element, frozen }),
  set: (element: CqlType, frozen = false): CqlType => ({ kind: 'set', element, frozen }),
  map: (key: CqlType, value: CqlType, frozen = false): CqlType => ({ kind: 'map', key, value, frozen }),
  tuple: (...elements: CqlType[]): CqlType => ({ kind: 'tuple', elements }),
  vector: (element: CqlType, dimension: number): CqlType => ({ kind: 'vector', element, dimension }),
  udt: (udt: UdtMetadata, frozen = true): CqlType => ({ kind: 'udt', name: udt.name, frozen, udt: () => udt }),
};

export interface ColumnSpec {
  readonly property: string;
  readonly name?: string;
  readonly type: CqlType;
  readonly kind?: ColumnKind;
  readonly order?: 'ASC' | 'DESC';
}

const snake = (s: string): string => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Builds a frozen EntityMetadata as the decorators will. */
export function entity<T extends object>(
  target: abstract new (...args: never[]) => T,
  table: string,
  specs: readonly ColumnSpec[],
  extra: { keyspace?: string; indexes?: IndexMetadata[] } = {},
): EntityMetadata<T> {
  const counters = { partition: 0, clustering: 0 };
  const columns: ColumnMetadata[] = specs.map((s) => {
    const kind = s.kind ?? 'regular';
    const position = kind === 'partition' || kind === 'clustering' ? counters[kind]++ : -1;
    return Object.freeze({
      property: s.property,
      name: s.name ?? snake(s.property),
      type: s.type,
      kind,
      position,
      ...(kind === 'clustering' ? { order: s.order ?? 'ASC' } : {}),
    });
  });
  const nonKey = columns.filter((c) => c.kind === 'regular' || c.kind === 'static');
  return Object.freeze({
    target,
    table,
    ...(extra.keyspace !== undefined ? { keyspace: extra.keyspace } : {}),
    columns: Object.freeze(columns),
    partitionKeys: Object.freeze(columns.filter((c) => c.kind === 'partition')),
    clusteringKeys: Object.freeze(columns.filter((c) => c.kind === 'clustering')),
    byProperty: new Map(columns.map((c) => [c.property, c])),
    byName: new Map(columns.map((c) => [c.name, c])),
    options: {},
    indexes: Object.freeze(extra.indexes ?? []),
    views: [],
    isCounterTable: nonKey.length > 0 && nonKey.every((c) => c.type.kind === 'native' && c.type.name === 'counter'),
    udts: [],
  });
}

export function udt<T extends object>(target: abstract new (...args: never[]) => T, name: string, fields: { property: string; name?: string; type: CqlType }[]): UdtMetadata {
  const fs = fields.map((f) => Object.freeze({ property: f.property, name: f.name ?? snake(f.property), type: f.type }));
  return Object.freeze({ target, name, fields: fs, byProperty: new Map(fs.map((f) => [f.property, f])), byName: new Map(fs.map((f) => [f.name, f])) });
}

export class Event {
  declare readonly [KeyShape]?: { partition: ['userId', 'day']; clustering: ['at', 'seq'] };
  userId!: string;
  day!: number;
  at!: string;
  seq!: number;
  kind?: string | null;
  body?: string | null;
  score?: number | null;
  owner?: string | null;
  tags?: string[];
  labels?: Set<string>;
  counts?: Map<string, number>;
  describe(): string {
    return `${this.kind}`;
  }
}

export const eventMeta = entity(Event, 'events', [
  { property: 'userId', type: t.n('uuid'), kind: 'partition' },
  { property: 'day', type: t.n('int'), kind: 'partition' },
  { property: 'at', type: t.n('timeuuid'), kind: 'clustering', order: 'DESC' },
  { property: 'seq', type: t.n('int'), kind: 'clustering' },
  { property: 'owner', type: t.n('text'), kind: 'static' },
  { property: 'kind', type: t.n('text') },
  { property: 'body', type: t.n('text') },
  { property: 'score', type: t.n('int') },
  { property: 'tags', type: t.list(t.n('text')) },
  { property: 'labels', type: t.set(t.n('text')) },
  { property: 'counts', type: t.map(t.n('text'), t.n('int')) },
], {
  keyspace: 'app',
  indexes: [
    { name: 'events_body_idx', column: 'body', target: 'value', using: 'sasi' },
    { name: 'events_score_idx', column: 'score', target: 'value' },
    { name: 'events_labels_idx', column: 'labels', target: 'values' },
    { name: 'events_counts_idx', column: 'counts', target: 'keys' },
  ],
});

export class PageViews {
  declare readonly [KeyShape]?: { partition: ['page']; clustering: [] };
  page!: string;
  views?: bigint;
  clicks?: bigint;
}

export const pageViewsMeta = entity(PageViews, 'page_views', [
  { property: 'page', type: t.n('text'), kind: 'partition' },
  { property: 'views', type: t.n('counter') },
  { property: 'clicks', type: t.n('counter') },
]);

export class User {
  declare readonly [KeyShape]?: { partition: ['id']; clustering: [] };
  id!: string;
  name?: string | null;
  email?: string | null;
  age?: number | null;
}

export const userMeta = entity(User, 'users', [
  { property: 'id', type: t.n('uuid'), kind: 'partition' },
  { property: 'name', type: t.n('text') },
  { property: 'email', type: t.n('text') },
  { property: 'age', type: t.n('int') },
]);
