// Every CQL type written through a Repository and read back exactly, including edge values.
import { expect } from 'chai';
import { Column, PartitionKey } from '../../../src/decorators/column.js';
import { Table } from '../../../src/decorators/table.js';
import { Field, UserType } from '../../../src/decorators/user-type.js';
import { cql } from '../../../src/metadata/type-input.js';
import { Repository } from '../../../src/repository/repository.js';
import { MappingError } from '../../../src/errors.js';
import { connect, fixture, type Fixture } from './support.js';


@UserType('geo')
class Geo {
  @Field({ type: 'double' }) lat!: number;
  @Field({ type: 'double' }) lon!: number;
}

@UserType('address')
class Address {
  @Field() street!: string;
  @Field({ type: 'int' }) zip!: number | null;
  @Field({ type: () => Geo }) geo!: Geo | null;
  @Field({ type: 'set<text>' }) tags!: Set<string>;
}

@Table('all_types')
class AllTypes {
  @PartitionKey({ type: 'int' }) id!: number;
  @Column({ type: 'ascii' }) ascii?: string | null;
  @Column({ type: 'bigint' }) big?: bigint | null;
  @Column({ type: 'blob' }) blob?: Buffer | null;
  @Column({ type: 'boolean' }) flag?: boolean | null;
  @Column({ type: 'date' }) day?: string | null;
  @Column({ type: 'decimal' }) dec?: string | null;
  @Column({ type: 'double' }) dbl?: number | null;
  @Column({ type: 'duration' }) dur?: string | null;
  @Column({ type: 'float' }) flt?: number | null;
  @Column({ type: 'inet' }) ip?: string | null;
  @Column({ type: 'int' }) int?: number | null;
  @Column({ type: 'smallint' }) small?: number | null;
  @Column({ type: 'text' }) txt?: string | null;
  @Column({ type: 'time' }) tm?: string | null;
  @Column({ type: 'timestamp' }) ts?: Date | null;
  @Column({ type: 'timeuuid' }) tuid?: string | null;
  @Column({ type: 'tinyint' }) tiny?: number | null;
  @Column({ type: 'uuid' }) uid?: string | null;
  @Column({ type: 'varint' }) vint?: bigint | null;
  @Column({ type: 'list<int>' }) ints?: number[];
  @Column({ type: 'set<bigint>' }) bigs?: Set<bigint>;
  @Column({ type: 'map<timestamp, decimal>' }) prices?: Map<Date, string>;
  @Column({ type: 'map<int, frozen<list<frozen<set<text>>>>>' }) nested?: Map<number, Set<string>[]>;
  @Column({ type: 'tuple<int, text, uuid>' }) tup?: [number, string, string] | null;
  @Column({ type: cql.vector('float', 3) }) vec?: number[] | null;
  @Column({ type: () => Address }) home?: Address | null;
  @Column({ type: cql.list(cql.frozen(() => Address)) }) previous?: Address[];
  @Column({ type: 'frozen<map<text, frozen<tuple<blob, date>>>>' }) frozenMap?: Map<string, [Buffer, string]>;
}

function address(street: string, zip: number | null, geo: Geo | null, tags: string[]): Address {
  return Object.assign(new Address(), { street, zip, geo: geo === null ? null : Object.assign(new Geo(), geo), tags: new Set(tags) });
}

const full: AllTypes = Object.assign(new AllTypes(), {
  id: 1,
  ascii: 'plain ascii ~',
  big: 9223372036854775807n,
  blob: Buffer.from([0, 1, 2, 254, 255]),
  flag: true,
  day: '2024-02-29',
  dec: '-12345678901234567890.123456789012345678901234567890',
  dbl: -1.7976931348623157e308,
  dur: '1mo2d3h4m5s6ms7us8ns',
  flt: 3.1415927410125732,
  ip: '2001:db8::ff00:42:8329',
  int: -2147483648,
  small: 32767,
  txt: 'héllo wörld ☃ 🚀 你好',
  tm: '23:59:59.999999999',
  ts: new Date('2024-05-06T07:08:09.123Z'),
  tuid: '50554d6e-29bb-11e5-b345-feff819cdc9f',
  tiny: -128,
  uid: 'f47ac10b-58cc-4372-a567-0e02b2c3d479',
  vint: -123456789012345678901234567890123456789n,
  ints: [3, 1, 2],
  bigs: new Set([-9223372036854775808n, 0n]),
  prices: new Map([[new Date('2020-01-01T00:00:00.001Z'), '0.10'], [new Date('1969-12-31T23:59:59.999Z'), '-5.5E-10']]),
  nested: new Map([[7, [new Set(['a', 'b']), new Set<string>()]]]),
  tup: [42, 'tuple ☃', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'],
  vec: [0.5, -1.25, 3],
  home: address('1 Main St', 12345, { lat: 48.8566, lon: 2.3522 } as Geo, ['home']),
  previous: [address('2 Old Rd', null, null, []), address('3 Elm', 1, { lat: -1, lon: 1 } as Geo, ['x', 'y'])],
  frozenMap: new Map([['k', [Buffer.from('bytes'), '1970-01-01'] as [Buffer, string]]]),
});

describe('Repository: every CQL type round-trips exactly', () => {
  let fx: Fixture;
  let repo: Repository<AllTypes>;

  before(async () => {
    fx = await fixture('it_types', [AllTypes]);
    repo = new Repository(fx.connection, AllTypes);
  });
  after(async () => fx.drop());

  it('writes and reads back every type with edge values (max bigint, long negative decimal, unicode, nested frozen collections, UDTs)', async () => {
    await repo.insert(full);
    const back = await repo.findOne({ id: 1 });
    expect(back).to.be.instanceOf(AllTypes);
    // decimal keys of a map keep their exact text through BigDecimal (scale is preserved)
    const expected = { ...full, prices: new Map([[new Date('2020-01-01T00:00:00.001Z'), '0.10'], [new Date('1969-12-31T23:59:59.999Z'), '-5.5E-10']]) };
    expect({ ...back }).to.deep.equal({ ...expected });
    expect(back!.home).to.be.instanceOf(Address);
    expect(back!.home!.geo).to.be.instanceOf(Geo);
    expect(back!.previous![1]).to.be.instanceOf(Address);
    expect(back!.big).to.equal(9223372036854775807n);
    expect(back!.dec).to.equal('-12345678901234567890.123456789012345678901234567890');
    expect(back!.ts!.getTime()).to.equal(Date.UTC(2024, 4, 6, 7, 8, 9, 123));
  });

  it('reads nulls as null and empty collections as empty collections', async () => {
    const sparse = Object.assign(new AllTypes(), { id: 2, ints: [], bigs: new Set(), prices: new Map(), previous: [], nested: new Map(), frozenMap: new Map() });
    await repo.insert(sparse);
    const back = (await repo.findOne({ id: 2 }))!;
    for (const p of ['ascii', 'big', 'blob', 'flag', 'day', 'dec', 'dbl', 'dur', 'flt', 'ip', 'int', 'small', 'txt', 'tm', 'ts', 'tuid', 'tiny', 'uid', 'vint', 'tup', 'vec', 'home'] as const) {
      expect(back[p], p).to.equal(null);
    }
    expect(back.ints).to.deep.equal([]);
    expect(back.bigs).to.deep.equal(new Set());
    expect(back.prices).to.deep.equal(new Map());
    expect(back.previous).to.deep.equal([]);
    expect(back.frozenMap).to.deep.equal(new Map());
  });

  it('round-trips min/max integers, signed zero-ish values and an empty string', async () => {
    const edge = Object.assign(new AllTypes(), { id: 3, big: -9223372036854775808n, int: 2147483647, small: -32768, tiny: 127, txt: '', dec: '0.000000000000000000000000000001', vint: 0n, dbl: Number.MIN_VALUE });
    await repo.insert(edge);
    const back = (await repo.findOne({ id: 3 }))!;
    expect([back.big, back.int, back.small, back.tiny, back.txt, back.dec, back.vint, back.dbl]).to.deep.equal([-9223372036854775808n, 2147483647, -32768, 127, '', '1E-30', 0n, Number.MIN_VALUE]);
  });

  it('without native Map decoding, refuses a map whose keys would lose information instead of corrupting it', async () => {
    const plain = connect(fx.keyspace, false);
    try {
      const r = new Repository(plain, AllTypes);
      const error = await r.insert(Object.assign(new AllTypes(), { id: 4, prices: new Map([[new Date(0), '1']]) })).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(MappingError);
      expect((error as Error).message).to.match(/map<timestamp, decimal>.*clientOptions: \{ encoding: \{ map: Map, set: Set \} \}/);
      expect(await repo.findOne({ id: 4 })).to.equal(undefined);
    } finally {
      await plain.close();
    }
  });
});
