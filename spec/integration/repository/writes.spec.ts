// Writes on the real node: LWT applied and not (with current values), TTL, USING TIMESTAMP,
// undefined → no tombstone, null → delete, collection operations, counters, deletes of columns/elements.
import { expect } from 'chai';
import { Repository } from '../../../src/repository/repository.js';
import { ttl, writetime } from '../../../src/query/aggregates.js';
import { ValidationError } from '../../../src/errors.js';
import { fixture, type Fixture } from './support.js';
import { FeedItem, PageHits, Profile } from './entities.js';

function profile(values: Partial<Profile> & { id: number }): Profile {
  return Object.assign(new Profile(), values);
}

describe('Repository writes', () => {
  let fx: Fixture;
  let profiles: Repository<Profile>;
  let hits: Repository<PageHits>;

  before(async () => {
    fx = await fixture('it_writes', [Profile, PageHits, FeedItem]);
    profiles = new Repository(fx.connection, Profile);
    hits = new Repository(fx.connection, PageHits);
  });
  after(async () => fx.drop());

  it('IF NOT EXISTS: applied the first time; not applied the second time, with the current row', async () => {
    const first = await profiles.insert(profile({ id: 1, name: 'Ann', age: 30 }), { ifNotExists: true });
    expect(first).to.deep.equal({ applied: true });
    const second = await profiles.insert(profile({ id: 1, name: 'Bob', age: 40 }), { ifNotExists: true });
    expect(second.applied).to.equal(false);
    expect(second.current).to.include({ id: 1, name: 'Ann', age: 30 });
    expect((await profiles.findOne({ id: 1 }))?.name).to.equal('Ann');
  });

  it('IF conditions and IF EXISTS report applied or not, with the values that failed the test', async () => {
    await profiles.save(profile({ id: 2, name: 'Cy', age: 20 }));
    const miss = await profiles.update({ id: 2 }, (u) => u.set('age', 21), { if: { age: 99 } });
    expect(miss).to.deep.equal({ applied: false, current: { age: 20 } });
    const hit = await profiles.update({ id: 2 }, (u) => u.set('age', 21), { if: { age: 20 } });
    expect(hit.applied).to.equal(true);
    const gone = await profiles.update({ id: 999 }, (u) => u.set('age', 1), { ifExists: true });
    expect(gone.applied).to.equal(false);
    expect(await profiles.exists({ id: 999 })).to.equal(false);
    const del = await profiles.delete({ id: 2 }, { if: { name: 'nobody' } });
    expect(del).to.deep.equal({ applied: false, current: { name: 'Cy' } });
    expect((await profiles.delete({ id: 2 }, { ifExists: true })).applied).to.equal(true);
    expect(await profiles.findOne({ id: 2 })).to.equal(undefined);
  });

  it('TTL is observable with TTL(), and USING TIMESTAMP with WRITETIME()', async () => {
    await profiles.insert(profile({ id: 3, name: 'Tia' }), { ttl: 3600, timestamp: 1_600_000_000_000_000n });
    const [row] = await profiles.find((q) => q.columns('id').where('id', '=', 3).aggregate({ left: ttl('name'), at: writetime('name') }));
    expect(row!.left).to.be.within(3500, 3600);
    expect(row!.at).to.equal(1_600_000_000_000_000n);
  });

  it('undefined writes nothing (the untouched column keeps its value and write time); null deletes', async () => {
    await profiles.save(profile({ id: 4, name: 'Una', email: 'una@example.com', age: 33 }), { timestamp: 1000n });
    // A partial write: only `age`; name and email are undefined → unset, no tombstone.
    await profiles.save(profile({ id: 4, age: 34 }), { timestamp: 2000n });
    const [after] = await profiles.find((q) => q.columns('id', 'name', 'email', 'age').where('id', '=', 4).aggregate({ nameWrite: writetime('name') }));
    expect(after).to.include({ name: 'Una', email: 'una@example.com', age: 34 });
    expect(after!.nameWrite).to.equal(1000n);
    // Explicit null deletes the value.
    await profiles.update({ id: 4 }, (u) => u.set('email', null));
    expect((await profiles.findOne({ id: 4 }))?.email).to.equal(null);
    // A write of the key alone (every other property undefined) leaves every cell as it was.
    await profiles.save(profile({ id: 4 }), { timestamp: 3000n });
    const [last] = await profiles.find((q) => q.columns('name', 'age').where('id', '=', 4).aggregate({ nameWrite: writetime('name'), ageWrite: writetime('age') }));
    expect(last).to.deep.include({ name: 'Una', age: 34, nameWrite: 1000n, ageWrite: 2000n });
  });

  it('updates an entity: every defined non-key column, null deletes, undefined left alone', async () => {
    await profiles.save(profile({ id: 5, name: 'Vic', email: 'v@example.com', age: 50 }));
    await profiles.update(profile({ id: 5, name: 'Victor', email: null }));
    const back = await profiles.findOne({ id: 5 });
    expect(back).to.include({ name: 'Victor', email: null, age: 50 });
  });

  it('collection operations: append, prepend, remove, set element; add/remove set; put/remove map keys; delete elements', async () => {
    await profiles.save(profile({ id: 6, tags: ['b'], roles: new Set(['user']), scores: new Map([['a', 1]]) }));
    await profiles.update({ id: 6 }, (u) =>
      u.append('tags', ['c', 'd']).prepend('tags', ['a']).add('roles', new Set(['admin'])).add('scores', new Map([['b', 2], ['c', 3]])),
    );
    expect(await profiles.findOne({ id: 6 })).to.deep.include({ tags: ['a', 'b', 'c', 'd'], roles: new Set(['admin', 'user']), scores: new Map([['a', 1], ['b', 2], ['c', 3]]) });
    await profiles.update({ id: 6 }, (u) => u.remove('tags', ['c']).setElement('tags', 0, 'A').remove('roles', new Set(['user'])).remove('scores', ['a']).setElement('scores', 'b', 20));
    expect(await profiles.findOne({ id: 6 })).to.deep.include({ tags: ['A', 'b', 'd'], roles: new Set(['admin']), scores: new Map([['b', 20], ['c', 3]]) });
    await profiles.delete({ id: 6 }, (d) => d.element('tags', 0).element('scores', 'c').columns('roles'));
    expect(await profiles.findOne({ id: 6 })).to.deep.include({ tags: ['b', 'd'], roles: new Set(), scores: new Map([['b', 20]]) });
  });

  it('counters: increment and decrement', async () => {
    await hits.update({ page: 'home' }, (u) => u.increment('views', 5).increment('likes'));
    await hits.update({ page: 'home' }, (u) => u.decrement('views', 2n));
    const back = await hits.findOne({ page: 'home' });
    expect(back).to.include({ views: 3n, likes: 1n });
    expect(back).to.be.instanceOf(PageHits);
  });

  it('passes per-call options: consistency, serial consistency, timeout, tracing, and idempotency from the statement', async () => {
    const infos: { traceId: string | undefined; achievedConsistency: number | undefined }[] = [];
    const result = await profiles.insert(profile({ id: 7, name: 'Opt' }), {
      ifNotExists: true, consistency: 'localQuorum', serialConsistency: 'localSerial', timeout: 20000, tracing: true,
      onInfo: (i) => infos.push(i),
    });
    expect(result.applied).to.equal(true);
    expect(infos).to.have.length(1);
    expect(infos[0]!.traceId).to.match(/^[0-9a-f-]{36}$/);
    const found = await profiles.findOne({ id: 7 }, { consistency: 'one', fetchSize: 10, executionProfile: 'default' });
    expect(found?.name).to.equal('Opt');
    expect(profiles.insertQuery(profile({ id: 7 })).ifNotExists().compile().idempotent).to.equal(false);
  });

  it('updates a static column by the partition key alone; every row of the partition sees it', async () => {
    const feed = new Repository(fx.connection, FeedItem);
    await feed.insert(Object.assign(new FeedItem(), { feed: 's', n: 1, body: 'one' }));
    await feed.insert(Object.assign(new FeedItem(), { feed: 's', n: 2, body: 'two' }));
    await feed.update({ feed: 's' }, (u) => u.set('title', 'Shared'));
    expect((await feed.findPartition({ feed: 's' })).map((i) => i.title)).to.deep.equal(['Shared', 'Shared']);
    const refused = await feed.update({ feed: 's' }, (u) => u.set('body', 'x')).catch((e: unknown) => e);
    expect((refused as Error).message).to.match(/UPDATE needs the full primary key \(missing clustering column n\)/);
  });

  it('deletes a clustering range, then a whole partition', async () => {
    const feed = new Repository(fx.connection, FeedItem);
    for (let n = 1; n <= 6; n++) await feed.insert(Object.assign(new FeedItem(), { feed: 'r', n }));
    await feed.delete({ feed: 'r' }, (d) => d.where('n', '>', 2).where('n', '<=', 5));
    expect((await feed.findPartition({ feed: 'r' })).map((i) => i.n)).to.deep.equal([1, 2, 6]);
    await feed.delete({ feed: 'r' });
    expect(await feed.count((q) => q.where('feed', '=', 'r'))).to.equal(0);
  });

  it('switches keyspace for a repository with withKeyspace()', async () => {
    const other = await fixture('it_writes_other', [Profile]);
    try {
      await profiles.withKeyspace(other.keyspace).insert(profile({ id: 77, name: 'Elsewhere' }));
      const rs = await other.admin.execute(`SELECT name FROM ${other.keyspace}.profiles WHERE id = 77`);
      expect(rs.first()?.['name']).to.equal('Elsewhere');
      expect(await profiles.findOne({ id: 77 })).to.equal(undefined);
    } finally {
      await other.drop();
    }
  });

  it('patch() sets only the given columns (null deletes, undefined is left out), with the builder path for statics and options', async () => {
    const feed = new Repository(fx.connection, FeedItem);
    await feed.insert(Object.assign(new FeedItem(), { feed: 'patch', n: 1, title: 'T', body: 'one' }));
    await feed.insert(Object.assign(new FeedItem(), { feed: 'patch', n: 2, body: 'two' }));
    await feed.patch({ feed: 'patch', n: 1 }, { body: 'uno', title: undefined });
    await feed.patch({ feed: 'patch', n: 2 }, { body: null });
    expect((await feed.findPartition({ feed: 'patch' })).map((i) => [i.n, i.title, i.body])).to.deep.equal([
      [1, 'T', 'uno'],
      [2, 'T', null],
    ]);
    // A partition key alone addresses static columns, as update(key, build) does.
    await feed.patch({ feed: 'patch' } as never, { title: 'Shared' });
    expect((await feed.findOne({ feed: 'patch', n: 2 }))?.title).to.equal('Shared');
    // Options that the builder adds (IF EXISTS here) give the same result object.
    const viaPatch = await feed.patch({ feed: 'patch', n: 9 }, { body: 'x' }, { ifExists: true });
    expect(viaPatch.applied).to.equal(false);
    expect(viaPatch).to.deep.equal(await feed.update({ feed: 'patch', n: 9 }, (u) => u.set('body', 'x'), { ifExists: true }));
    expect(await feed.findOne({ feed: 'patch', n: 9 })).to.equal(undefined);
  });

  it('patch() runs BeforeUpdate hooks and validation; an invalid value writes nothing', async () => {
    await profiles.save(profile({ id: 20, name: 'Pat', email: 'pat@example.com' }));
    await profiles.patch({ id: 20 }, { name: 'Patty' });
    const patched = await profiles.findOne({ id: 20 });
    expect(patched).to.include({ name: 'Patty', email: 'pat@example.com' });
    expect(patched?.updatedAt?.getTime()).to.equal(1_800_000_000_000);
    const error = await profiles.patch({ id: 20 }, { email: 'not an email' }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ValidationError);
    expect((await profiles.findOne({ id: 20 }))?.email).to.equal('pat@example.com');
  });
});
