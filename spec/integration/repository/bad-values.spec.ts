// A catalogue of values that do not fit their column, over every CQL type, each run through every
// write path (insert, patch, the update builder, a batch) and a key lookup on the real node: each is
// refused with InvalidValueError naming the property, the column and the type, and neither the
// table's row count nor the target row changes.
import { expect } from 'chai';
import cassandra from 'cassandra-driver';
import { ClusteringKey, Column, PartitionKey } from '../../../src/decorators/column.js';
import { Table } from '../../../src/decorators/table.js';
import { Field, UserType } from '../../../src/decorators/user-type.js';
import { Repository } from '../../../src/repository/repository.js';
import { batch } from '../../../src/repository/batch.js';
import { InvalidValueError } from '../../../src/errors.js';
import { fixture, type Fixture } from './support.js';

@UserType('cat_address')
class Address {
  @Field() street!: string;
  @Field({ type: 'int' }) zip!: number | null;
}

@Table('catalogue_counter')
class Hits {
  @PartitionKey({ type: 'int' }) id!: number;
  @Column({ type: 'counter' }) n?: bigint;
}

const { types } = cassandra;
const address = (street: string, zip: number | null): Address => Object.assign(new Address(), { street, zip });

interface Case {
  /** CQL type of the columns `k` (clustering, when `key` is given) and `v`. */
  readonly type: string;
  /** A value that fits, written to the target row before the bad ones are tried. */
  readonly good: unknown;
  /** The clustering key column's type when it differs (frozen collections), or false when the type cannot be a key. */
  readonly key?: string | false;
  readonly bad: readonly unknown[];
}

const TIMEUUID = '6b2f6c80-5d3a-11ef-8000-000000000001';
const UUID = '8c0f2f0e-4b9e-4d35-9a1f-3b8f2d1c0a77';

const CASES: readonly Case[] = [
  { type: 'int', good: 7, bad: [1.5, '7', true, 2147483648, NaN, 7n] },
  { type: 'smallint', good: 7, bad: [0.5, 32768, '1'] },
  { type: 'tinyint', good: 7, bad: [128, 1.1] },
  { type: 'bigint', good: 7n, bad: [2n ** 63n, 2 ** 63, 1.5, '5'] },
  { type: 'varint', good: 10n ** 30n, bad: [0.5, '10', Number.MAX_SAFE_INTEGER + 2] },
  { type: 'float', good: 0.5, bad: [1e39, '1.0', true] },
  { type: 'double', good: 0.25, bad: ['2.5', true, 1n] },
  { type: 'decimal', good: '1.50', bad: ['1.2.3', 'abc', NaN, Infinity, ' 1', true] },
  { type: 'boolean', good: true, bad: ['yes', 1, 'true'] },
  { type: 'text', good: 'hello', bad: ['a\ud800', 'b\udc00c', 5, {}] },
  { type: 'ascii', good: 'plain', bad: ['café', 7] },
  { type: 'blob', good: Buffer.from([1, 2]), bad: ['abc', [1, 2]] },
  { type: 'timestamp', good: new Date(1_700_000_000_000), bad: [new Date(NaN), '2024-01-01', 1.5] },
  { type: 'date', good: '2024-02-29', bad: ['2024-13-01', '2023-02-29', '2024-1-1', new Date(Date.UTC(2024, 0, 1, 5)), 20000] },
  { type: 'time', good: '12:30:00', bad: ['12:60:00', 'noon', '24:00:00'] },
  { type: 'duration', good: '1h30m', key: false, bad: ['forever', '1x', '', '1m1h'] },
  { type: 'uuid', good: UUID, bad: ['not-a-uuid', 12345] },
  { type: 'timeuuid', good: TIMEUUID, bad: [UUID, 'x'] },
  { type: 'inet', good: '10.0.0.1', bad: ['999.1.1.1', 'localhost'] },
  { type: 'list<int>', key: 'frozen<list<int>>', good: [1, 2], bad: [[1.5], [1, null], 'abc'] },
  { type: 'set<text>', key: 'frozen<set<text>>', good: new Set(['a']), bad: [['a\ud800'], 5] },
  { type: 'map<text, int>', key: 'frozen<map<text, int>>', good: new Map([['a', 1]]), bad: [new Map([['a', 1.5]]), { a: '1' }] },
  { type: 'map<int, text>', key: 'frozen<map<int, text>>', good: new Map([[1, 'a']]), bad: [{ 1: 'a' }] },
  { type: 'tuple<int, text>', good: [1, 'a'], bad: [[1, 'a', 3], [1], ['1', 'a'], new types.Tuple(1.5, 'a')] },
  { type: 'vector<float, 3>', key: false, good: [1, 2, 3], bad: [[1, 2], [1, 2, '3'], [1, 2, 1e39], new types.Vector([1, 2, 1e39], 'float')] },
  { type: 'frozen<list<frozen<set<int>>>>', good: [new Set([1])], bad: [[new Set([1.5])], [[1, null]]] },
  { type: 'cat_address', key: 'frozen<cat_address>', good: address('Main St', 1), bad: [address('x', 1.5), { nope: 1 }, 'str', address('a\ud800', null), new Date(0), new Map([['street', 'x']])] },
];

type Row = { id: number; k?: unknown; v?: unknown };

/** An entity class for one case: `id int` partition key, `k` clustering key (when the type can be one), `v` regular. */
function entityFor(c: Case, index: number): abstract new () => Row {
  const udt = c.type === 'cat_address';
  class CatalogueRow {
    id!: number;
    k?: unknown;
    v?: unknown;
  }
  PartitionKey({ type: 'int' })(CatalogueRow.prototype, 'id');
  if (c.key !== false) ClusteringKey(udt ? { type: () => Address } : { type: (c.key ?? c.type) as never })(CatalogueRow.prototype, 'k');
  Column(udt ? { type: () => Address, frozen: false } : { type: c.type as never })(CatalogueRow.prototype, 'v');
  Table(`catalogue_${index}`)(CatalogueRow);
  return CatalogueRow;
}

describe('values that do not fit their column (real node)', () => {
  let fx: Fixture;
  const entities = CASES.map(entityFor);

  before(async function () {
    this.timeout(180_000);
    fx = await fixture('it_bad_values', [...entities, Hits] as never);
  });
  after(async () => fx?.drop());

  it('the catalogue holds at least 60 bad values over every native CQL type, collections, tuples, vectors and UDTs', () => {
    expect(CASES.reduce((n, c) => n + c.bad.length, 0)).to.be.at.least(60);
  });

  CASES.forEach((c, index) => {
    it(`${c.type}: ${c.bad.length} bad values refused on insert, patch, update, batch and key lookup, nothing written`, async () => {
      const repo = new Repository<Row>(fx.connection, entities[index]! as never);
      const key: Row = c.key === false ? { id: 1 } : { id: 1, k: c.good };
      await repo.insert({ ...key, v: c.good });
      const before = await repo.findOne(key as never);
      const count = async (): Promise<number> => repo.count();
      expect(await count()).to.equal(1);
      const expectRefused = async (path: string, run: () => Promise<unknown>, property: 'k' | 'v'): Promise<void> => {
        let error: unknown;
        try {
          await run();
        } catch (e) {
          error = e;
        }
        expect(error, `${c.type} ${path}`).to.be.instanceOf(InvalidValueError);
        const e = error as InvalidValueError;
        expect([e.entity, e.property, e.column], `${c.type} ${path}: ${e.message}`).to.deep.equal(['CatalogueRow', property, property]);
        expect(e.cqlType, `${c.type} ${path}`).to.be.a('string').and.not.equal('');
        expect(e.message, `${c.type} ${path}`).to.match(new RegExp(`^CatalogueRow\\.${property}\\S* \\(column ${property}, `));
      };
      for (const bad of c.bad) {
        await expectRefused('insert', () => repo.insert({ ...key, v: bad }), 'v');
        await expectRefused('save of another row', () => repo.save({ ...key, id: 2, v: bad }), 'v');
        await expectRefused('patch', () => repo.patch(key as never, { v: bad } as never), 'v');
        await expectRefused('update builder', () => repo.update(key as never, (u) => u.set('v' as never, bad as never)), 'v');
        await expectRefused('batch', () => batch().insert(repo, { ...key, id: 3, v: c.good } as Row).insert(repo, { ...key, v: bad } as Row).execute(), 'v');
        if (c.key !== false) {
          await expectRefused('findOne', () => repo.findOne({ id: 1, k: bad } as never), 'k');
          await expectRefused('select builder', () => repo.find((q) => q.where('id', '=', 1).where('k' as never, '=', bad as never)), 'k');
          await expectRefused('delete', () => repo.delete({ id: 1, k: bad } as never), 'k');
        }
      }
      expect(await count(), `${c.type}: row count`).to.equal(1);
      expect(await repo.findOne(key as never), `${c.type}: target row`).to.deep.equal(before);
    });
  });

  it('a counter column refuses a fractional or out-of-range increment, in a builder and in a counter batch, and keeps its value', async () => {
    const hits = new Repository(fx.connection, Hits);
    await hits.update({ id: 1 }, (u) => u.increment('n', 5));
    for (const bad of [1.5, 2n ** 63n, '1', 2 ** 60]) {
      let error: unknown;
      try {
        await hits.update({ id: 1 }, (u) => u.increment('n', bad as never));
      } catch (e) {
        error = e;
      }
      expect(error, String(bad)).to.be.instanceOf(InvalidValueError).with.property('property', 'n');
      error = undefined;
      try {
        await batch('counter').update(hits, { id: 2 }, (u) => u.increment('n', 1)).update(hits, { id: 1 }, (u) => u.decrement('n', bad as never)).execute();
      } catch (e) {
        error = e;
      }
      expect(error, String(bad)).to.be.instanceOf(InvalidValueError).with.property('column', 'n');
    }
    expect((await hits.findOne({ id: 1 }))?.n).to.equal(5n);
    expect(await hits.findOne({ id: 2 })).to.equal(undefined);
  });

  it('TTL and write timestamps that are not whole numbers are refused, nothing written', async () => {
    const repo = new Repository<Row>(fx.connection, entities[0]! as never);
    let error: unknown;
    try {
      await repo.insert({ id: 5, k: 1, v: 1 }, { timestamp: 1.5 });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(InvalidValueError).with.property('part', 'USING TIMESTAMP');
    error = undefined;
    try {
      await batch().insert(repo, { id: 6, k: 1, v: 1 } as Row).execute({ timestamp: 0.5 });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(InvalidValueError);
    expect(await repo.findOne({ id: 5, k: 1 } as never)).to.equal(undefined);
    expect(await repo.findOne({ id: 6, k: 1 } as never)).to.equal(undefined);
  });
});
