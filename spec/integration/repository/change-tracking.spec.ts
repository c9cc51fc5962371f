// Change tracking on the real node: two stale instances of one row, each saving a different change
// with saveChanges, keep both changes (where save() loses one); an unchanged entity writes nothing
// (every column keeps its write time); ifExists on a deleted row writes nothing; null deletes a
// column; a collection change writes that column only; BeforeUpdate hooks and validation apply.
import { expect } from 'chai';
import { Column, PartitionKey } from '../../../src/decorators/column.js';
import { Table } from '../../../src/decorators/table.js';
import { Field, UserType } from '../../../src/decorators/user-type.js';
import { cql } from '../../../src/metadata/type-input.js';
import { KeyShape } from '../../../src/query/entity-types.js';
import { writetime } from '../../../src/query/aggregates.js';
import type { Connection } from '../../../src/connection/connection.js';
import { Repository } from '../../../src/repository/repository.js';
import { ValidationError } from '../../../src/errors.js';
import { connect, fixture, type Fixture } from './support.js';
import { Profile } from './entities.js';

@Table('accounts')
class Account {
  declare readonly [KeyShape]?: { partition: ['id']; clustering: [] };
  @PartitionKey({ type: 'int' }) id!: number;
  @Column({ type: 'text' }) name?: string | null;
  @Column({ type: 'int' }) score?: number | null;
  @Column({ type: 'text' }) note?: string | null;
  @Column({ type: 'set<text>' }) tags?: Set<string>;
}

@UserType('tracked_place')
class Place {
  @Field({ type: 'text' }) street!: string | null;
  @Field({ type: 'set<text>' }) tags!: Set<string>;
}

/** A column of every CQL type, to show that each value read back compares equal to itself. */
@Table('tracked_types')
class Kinds {
  declare readonly [KeyShape]?: { partition: ['id']; clustering: [] };
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
  @Column({ type: 'tuple<int, text, uuid>' }) tup?: [number, string | null, string] | null;
  @Column({ type: cql.vector('float', 3) }) vec?: number[] | null;
  @Column({ type: () => Place }) home?: Place | null;
  @Column({ type: cql.list(cql.frozen(() => Place)) }) previous?: Place[];
}

function account(values: Partial<Account> & { id: number }): Account {
  return Object.assign(new Account(), values);
}

/** A timestamp (µs) older than any the node assigns now, so that a later write shows as a change of write time. */
const OLD = 1_000_000n;

describe('Repository change tracking (node)', () => {
  let fx: Fixture;
  let other: Connection;
  let accounts: Repository<Account>;
  /** The same table through another connection: another process's view of the rows. */
  let elsewhere: Repository<Account>;

  before(async () => {
    fx = await fixture('it_tracking', [Account, Kinds, Profile]);
    other = connect(fx.keyspace);
    accounts = new Repository(fx.connection, Account);
    elsewhere = new Repository(other, Account);
  });
  after(async () => {
    await other.close();
    await fx.drop();
  });

  /** The write time (µs) of each regular column of a row; null for a column without a value. */
  async function writeTimes(id: number): Promise<{ name: bigint | null; score: bigint | null; note: bigint | null }> {
    const [row] = await accounts.find((q) => q.columns('id').where('id', '=', id).aggregate({ name: writetime('name'), score: writetime('score'), note: writetime('note') }));
    return { name: row!.name, score: row!.score, note: row!.note };
  }

  it('keeps both changes of two stale instances saved with saveChanges, where save() loses the first', async () => {
    await accounts.save(account({ id: 1, name: 'Ann', score: 1, note: 'n' }));
    const mine = (await accounts.findOne({ id: 1 }, { track: true }))!;
    const theirs = (await elsewhere.findOne({ id: 1 }, { track: true }))!;
    mine.name = 'Bo';
    theirs.score = 2;
    expect(await accounts.saveChanges(mine)).to.deep.equal({ applied: true });
    expect(await elsewhere.saveChanges(theirs)).to.deep.equal({ applied: true });
    expect(await accounts.findOne({ id: 1 })).to.deep.include({ name: 'Bo', score: 2, note: 'n' });

    // The same two stale instances written with save(): the second INSERT rewrites every column.
    // (Timestamps given, so that the two writes cannot tie: a tie would go to the larger value.)
    await accounts.save(account({ id: 2, name: 'Ann', score: 1 }), { timestamp: OLD });
    const a = (await accounts.findOne({ id: 2 }))!;
    const b = (await elsewhere.findOne({ id: 2 }))!;
    a.name = 'Bo';
    b.score = 2;
    await accounts.save(a, { timestamp: OLD + 1n });
    await elsewhere.save(b, { timestamp: OLD + 2n });
    expect(await accounts.findOne({ id: 2 })).to.deep.include({ name: 'Ann', score: 2 });
  });

  it('writes nothing for an unchanged tracked entity: every column keeps its write time', async () => {
    await accounts.save(account({ id: 3, name: 'Cy', score: 3, note: 'x', tags: new Set(['a']) }), { timestamp: OLD });
    const e = (await accounts.findOne({ id: 3 }, { track: true }))!;
    e.name = 'Cy';
    e.tags = new Set(['a']);
    expect(await accounts.saveChanges(e)).to.deep.equal({ applied: true });
    expect(await writeTimes(3)).to.deep.equal({ name: OLD, score: OLD, note: OLD });
    // A change is written, and only its column gets the new write time.
    e.score = 4;
    await accounts.saveChanges(e);
    const after = await writeTimes(3);
    expect(after.score! > OLD).to.equal(true);
    expect([after.name, after.note]).to.deep.equal([OLD, OLD]);
  });

  it('finds no change in a row of every CQL type read back, and writes nothing for it', async () => {
    const kinds = new Repository(fx.connection, Kinds);
    const place = (street: string | null, tags: string[]): Place => Object.assign(new Place(), { street, tags: new Set(tags) });
    await kinds.save(
      Object.assign(new Kinds(), {
        id: 1, ascii: 'a ~', big: -9223372036854775808n, blob: Buffer.from([0, 255]), flag: false, day: '2024-02-29',
        dec: '-1.50E-30', dbl: -0, dur: '-1mo2d3h4m5s6ms7us8ns', flt: 3.1415927410125732, ip: '::ffff:10.0.0.1',
        small: -32768, txt: 'héllo ☃ 🚀', tm: '23:59:59.999999999', ts: new Date(-1), tuid: '50554d6e-29bb-11e5-b345-feff819cdc9f',
        tiny: 127, uid: 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', vint: -(2n ** 100n), ints: [3, 1, 2], bigs: new Set([2n, 1n]),
        prices: new Map([[new Date(5), '1.0'], [new Date(1), '2.00']]), nested: new Map([[2, [new Set(['b', 'a']), new Set<string>()]]]),
        tup: [1, null, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'], vec: [0.5, -1, 2], home: place(null, ['x', 'y']), previous: [place('s', [])],
      }),
      { timestamp: OLD },
    );
    const e = (await kinds.findOne({ id: 1 }, { track: true }))!;
    expect(kinds.changes(e)).to.deep.equal([]);
    expect(await kinds.saveChanges(e)).to.deep.equal({ applied: true });
    const [times] = await kinds.find((q) => q.columns('id').where('id', '=', 1).aggregate({ dec: writetime('dec'), home: writetime('home'), tup: writetime('tup') }));
    expect(times).to.deep.equal({ id: 1, dec: OLD, home: OLD, tup: OLD });
    // And a change deep inside is one: a tag of the UDT in the list.
    e.previous![0]!.tags.add('new');
    expect(kinds.changes(e)).to.deep.equal(['previous']);
    await kinds.saveChanges(e);
    expect((await kinds.findOne({ id: 1 }))!.previous).to.deep.equal([place('s', ['new'])]);
  });

  it('with ifExists on a row deleted meanwhile: not applied, and no row is written', async () => {
    await accounts.save(account({ id: 4, name: 'Di', score: 1 }));
    const e = (await accounts.findOne({ id: 4 }, { track: true }))!;
    await elsewhere.delete({ id: 4 });
    e.name = 'Ed';
    expect(await accounts.saveChanges(e, { ifExists: true })).to.deep.equal({ applied: false, current: {} });
    expect(await accounts.findOne({ id: 4 })).to.equal(undefined);
    // Still the old snapshot: without the condition, the change is sent (and, as any UPDATE, upserts).
    expect(accounts.changes(e)).to.deep.equal(['name']);
  });

  it('deletes a column set to null, and leaves the others as they were', async () => {
    await accounts.save(account({ id: 5, name: 'Fay', score: 5, note: 'gone soon' }), { timestamp: OLD });
    const e = (await accounts.findOne({ id: 5 }, { track: true }))!;
    e.note = null;
    await accounts.saveChanges(e);
    expect(await accounts.findOne({ id: 5 })).to.deep.include({ name: 'Fay', score: 5, note: null });
    expect(await writeTimes(5)).to.deep.equal({ name: OLD, score: OLD, note: null });
  });

  it('writes a changed collection and that column only', async () => {
    await accounts.save(account({ id: 6, name: 'Gil', score: 6, note: 'n', tags: new Set(['a']) }), { timestamp: OLD });
    const e = (await accounts.findOne({ id: 6 }, { track: true }))!;
    e.tags!.add('b');
    await accounts.saveChanges(e, { timestamp: OLD + 1n });
    expect((await accounts.findOne({ id: 6 }))!.tags).to.deep.equal(new Set(['a', 'b']));
    // The other columns were not rewritten: they keep the write time of the first save.
    expect(await writeTimes(6)).to.deep.equal({ name: OLD, score: OLD, note: OLD });
  });

  it('tracks every row of find and findPartition, and each saves its own change', async () => {
    await accounts.save(account({ id: 7, name: 'Hal', score: 7 }));
    const [viaFind] = await accounts.find((q) => q.where('id', '=', 7), { track: true });
    const [viaPartition] = await accounts.findPartition({ id: 7 }, { track: true });
    viaFind!.name = 'Ida';
    viaPartition!.score = 8;
    await accounts.saveChanges(viaFind!);
    await accounts.saveChanges(viaPartition!);
    expect(await accounts.findOne({ id: 7 })).to.deep.include({ name: 'Ida', score: 8 });
  });

  it('runs BeforeUpdate hooks (their changes are written) and validation, and AfterLoad changes are not changes', async () => {
    const profiles = new Repository(fx.connection, Profile);
    await profiles.insert(Object.assign(new Profile(), { id: 1, name: 'Jo', age: 20 }));
    const p = (await profiles.findOne({ id: 1 }, { track: true }))!;
    // AfterLoad set loadedNote on the loaded entity: it is part of the snapshot, so not a change.
    expect(p.loadedNote).to.equal('loaded 1');
    expect(profiles.changes(p)).to.deep.equal([]);
    p.age = 21;
    await profiles.saveChanges(p);
    // Read past the mapper (whose AfterLoad would set loadedNote again): the row keeps its null
    // loaded_note; only age and the hook's stamp were written.
    const rs = await fx.admin.execute(`SELECT age, updated_at, loaded_note FROM ${fx.keyspace}.profiles WHERE id = 1`);
    expect({ ...rs.first() }).to.deep.equal({ age: 21, updated_at: new Date(1_800_000_000_000), loaded_note: null });
    p.name = 'x'.repeat(30);
    expect(await profiles.saveChanges(p).catch((e: unknown) => e)).to.be.instanceOf(ValidationError);
    expect((await profiles.findOne({ id: 1 }))!.name).to.equal('Jo');
  });
});
