// Batches across entities on the real node: logged, unlogged, counter, conditional, with options.
import { expect } from 'chai';
import { Repository } from '../../../src/repository/repository.js';
import { batch } from '../../../src/repository/batch.js';
import { writetime } from '../../../src/query/aggregates.js';
import { InvalidQueryError, MapperError, QueryBuildError } from '../../../src/errors.js';
import { Connection } from '../../../src/connection/connection.js';
import { connect, fixture, type Fixture } from './support.js';
import { FeedItem, PageHits, Profile } from './entities.js';

describe('Repository batches', () => {
  let fx: Fixture;
  let profiles: Repository<Profile>;
  let feed: Repository<FeedItem>;
  let hits: Repository<PageHits>;

  before(async () => {
    fx = await fixture('it_batches', [Profile, FeedItem, PageHits]);
    profiles = new Repository(fx.connection, Profile);
    feed = new Repository(fx.connection, FeedItem);
    hits = new Repository(fx.connection, PageHits);
  });
  after(async () => fx.drop());

  it('a logged batch writes across tables atomically, with USING TIMESTAMP for all statements', async () => {
    const b = batch('logged')
      .insert(profiles, Object.assign(new Profile(), { id: 1, name: 'Batch' }))
      .insert(feed, Object.assign(new FeedItem(), { feed: 'f', n: 1, body: 'one' }))
      .update(feed, { feed: 'f', n: 2 }, (u) => u.set('body', 'two'))
      .delete(feed, { feed: 'f', n: 3 });
    const compiled = await b.compile();
    // The repositories qualify their statements with the connection's keyspace (one pool serves every keyspace).
    const ks = fx.keyspace;
    expect(compiled.cql).to.match(new RegExp(`^BEGIN BATCH INSERT INTO ${ks}\\.profiles .*; INSERT INTO ${ks}\\.feed .*; UPDATE ${ks}\\.feed SET body = \\? WHERE feed = \\? AND n = \\?; DELETE FROM ${ks}\\.feed WHERE feed = \\? AND n = \\?; APPLY BATCH$`));
    const result = await b.execute({ timestamp: 42n, consistency: 'quorum' });
    expect(result.applied).to.equal(true);
    expect((await profiles.findOne({ id: 1 }))?.name).to.equal('Batch');
    expect((await feed.findPartition({ feed: 'f' })).map((i) => i.body)).to.deep.equal(['one', 'two']);
    const [w] = await feed.find((q) => q.columns('n').where('feed', '=', 'f').where('n', '=', 2).aggregate({ at: writetime('body') }));
    expect(w!.at).to.equal(42n);
  });

  it('an empty batch is a no-op: applied, nothing sent', async () => {
    const before = await feed.count();
    expect(await batch('logged').execute()).to.deep.equal({ applied: true });
    expect(await batch('counter').execute({ consistency: 'quorum' })).to.deep.equal({ applied: true });
    expect((await batch('unlogged').compile()).cql).to.equal('BEGIN UNLOGGED BATCH APPLY BATCH');
    expect(await feed.count()).to.equal(before);
  });

  it('an unlogged batch and a counter batch', async () => {
    await batch('unlogged').insert(feed, Object.assign(new FeedItem(), { feed: 'u', n: 1 })).insert(feed, Object.assign(new FeedItem(), { feed: 'u', n: 2 })).execute();
    expect(await feed.count((q) => q.where('feed', '=', 'u'))).to.equal(2);
    await batch('counter').update(hits, { page: 'a' }, (u) => u.increment('views', 3)).update(hits, { page: 'b' }, (u) => u.increment('likes')).execute();
    expect((await hits.findOne({ page: 'a' }))?.views).to.equal(3n);
    expect((await hits.findOne({ page: 'b' }))?.likes).to.equal(1n);
  });

  it('a conditional batch reports applied, and when not applied the current values', async () => {
    const ok = await batch().insert(feed, Object.assign(new FeedItem(), { feed: 'c', n: 1, body: 'first' }), { ifNotExists: true }).execute();
    expect(ok.applied).to.equal(true);
    const no = await batch()
      .insert(feed, Object.assign(new FeedItem(), { feed: 'c', n: 1, body: 'again' }), { ifNotExists: true })
      .update(feed, { feed: 'c', n: 2 }, (u) => u.set('body', 'x'))
      .execute();
    expect(no.applied).to.equal(false);
    expect(no.current).to.include({ feed: 'c', n: 1, body: 'first' });
    expect(await feed.findOne({ feed: 'c', n: 2 })).to.equal(undefined);
  });

  it('refuses counter updates in a logged batch and batches spanning connections; surfaces server refusals typed', async () => {
    const mixed = await batch().update(hits, { page: 'a' }, (u) => u.increment('views')).execute().catch((e: unknown) => e);
    expect(mixed).to.be.instanceOf(QueryBuildError);
    const other: Connection = connect(fx.keyspace);
    try {
      const elsewhere = new Repository(other, FeedItem);
      const error = await batch().insert(feed, Object.assign(new FeedItem(), { feed: 'x', n: 1 })).insert(elsewhere, Object.assign(new FeedItem(), { feed: 'x', n: 2 })).execute().catch((e: unknown) => e);
      expect(error).to.be.instanceOf(MapperError);
      expect((error as Error).message).to.match(/one connection/);
    } finally {
      await other.close();
    }
    // Cassandra refuses conditions spanning partitions: the error is typed and carries the batch CQL.
    const spanning = await batch()
      .insert(feed, Object.assign(new FeedItem(), { feed: 'p1', n: 1 }), { ifNotExists: true })
      .insert(feed, Object.assign(new FeedItem(), { feed: 'p2', n: 1 }), { ifNotExists: true })
      .execute()
      .catch((e: unknown) => e);
    expect(spanning).to.be.instanceOf(InvalidQueryError);
    expect((spanning as InvalidQueryError).cql).to.match(/^BEGIN BATCH /);
  });
});
