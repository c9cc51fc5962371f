// The repository's hot paths on the real node: one driver call mapped in one reaction
// (connection[EXECUTE_MAP] / [BATCH_MAP]), option merges reused for frozen option objects, the hand-written
// stream iterator, and the chained batch builder. Each keeps the behaviour of the code it replaced:
// synchronous mistakes come back as rejections with nothing sent, a stream behaves like a generator.
import { expect } from 'chai';
import type cassandra from 'cassandra-driver';
import { Repository } from '../../../src/repository/repository.js';
import { Batch, batch, type Step } from '../../../src/repository/batch.js';
import type { EntityMetadata } from '../../../src/metadata/entity-metadata.js';
import { ConnectionClosedError, QueryBuildError, QueryError } from '../../../src/errors.js';
import { connect, fixture, type Fixture } from './support.js';
import { FeedItem } from './entities.js';
import { Column, PartitionKey } from '../../../src/decorators/column.js';
import { Table } from '../../../src/decorators/table.js';
import { EXECUTE_MAP } from '../../../src/connection/internals.js';

/** A plain entity (no hooks, nothing to validate) with values the binder encodes. */
@Table('bound_rows')
class BoundRow {
  @PartitionKey({ type: 'int' }) id!: number;
  @Column({ type: 'text' }) note?: string | null;
  @Column({ type: 'list<text>' }) tags?: string[] | null;
  @Column({ type: 'set<text>' }) labels?: Set<string> | null;
  @Column({ type: 'map<text, int>' }) attrs?: Map<string, number> | null;
  @Column({ type: 'bigint' }) big?: bigint | null;
  @Column({ type: 'timestamp' }) at?: Date | null;
}
const bound = (values: Partial<BoundRow> & { id: number }): BoundRow => Object.assign(new BoundRow(), values);

type Sent = { cql: string; options: cassandra.QueryOptions };

/** Records what reaches the driver client (and still sends it). */
function spyOn(client: cassandra.Client): { sent: Sent[]; batches: Sent[]; restore(): void } {
  const sent: Sent[] = [];
  const batches: Sent[] = [];
  const execute = client.execute.bind(client);
  const batchFn = client.batch.bind(client);
  const c = client as unknown as { execute: unknown; batch: unknown };
  c.execute = (cql: string, params: unknown, options: cassandra.QueryOptions) => {
    sent.push({ cql, options });
    return execute(cql, params as cassandra.ArrayOrObject, options);
  };
  c.batch = (queries: { query: string }[], options: cassandra.QueryOptions) => {
    batches.push({ cql: queries.map((q) => q.query).join('; '), options });
    return batchFn(queries as never, options);
  };
  return {
    sent,
    batches,
    restore: () => {
      c.execute = execute;
      c.batch = batchFn;
    },
  };
}

const item = (feed: string, n: number): FeedItem => Object.assign(new FeedItem(), { feed, n, body: `item ${n}` });

describe('Repository hot paths', () => {
  let fx: Fixture;
  let feed: Repository<FeedItem>;

  before(async () => {
    fx = await fixture('it_hot_paths', [FeedItem, BoundRow]);
    feed = new Repository(fx.connection, FeedItem);
    let b = batch('unlogged');
    for (let n = 0; n < 25; n++) b = b.insert(feed, item('s', n));
    await b.execute();
  });
  after(async () => fx.drop());

  const rowsOf = async (name: string): Promise<number[]> =>
    (await fx.admin.execute(`SELECT n FROM ${fx.keyspace}.feed WHERE feed = ?`, [name], { prepare: true })).rows.map((r) => Number(r['n']));

  describe('connection[EXECUTE_MAP]', () => {
    it('hands the result set to the mapper and resolves with what it returns', async () => {
      const n = await fx.connection[EXECUTE_MAP](`SELECT n FROM feed WHERE feed = ? AND n = ?`, ['s', 7], undefined, (rs) => rs.rows[0]?.['n']);
      expect(n).to.equal(7);
    });

    it('translates a driver error into a QueryError carrying the CQL, without calling the mapper', async () => {
      let mapped = false;
      const error = await fx.connection[EXECUTE_MAP]('SELECT nope FROM feed', [], undefined, () => {
          mapped = true;
        })
        .catch((e: unknown) => e);
      expect(error).to.be.instanceOf(QueryError);
      expect((error as Error).message).to.contain('SELECT nope FROM feed');
      expect(mapped).to.equal(false);
    });

    it('merges a frozen options object once and reuses the merge; other objects are merged per call', async () => {
      const spy = spyOn(fx.connection.client);
      try {
        const frozen = Object.freeze({ fetchSize: 10 });
        const a = await fx.connection.execute('SELECT n FROM feed WHERE feed = ?', ['s'], frozen);
        const b = await fx.connection.execute('SELECT n FROM feed WHERE feed = ?', ['s'], frozen);
        // The per-call option took effect (a 10-row page of 25) with prepare on, both times.
        expect(a.rows).to.have.length(10);
        expect(b.rows).to.have.length(10);
        expect(spy.sent[0]!.options).to.include({ prepare: true, fetchSize: 10 });
        expect(spy.sent[1]!.options).to.equal(spy.sent[0]!.options);
        expect(Object.isFrozen(spy.sent[0]!.options)).to.equal(true);
        // A plain object may change between calls: it is merged again each time.
        const mutable: { fetchSize: number } = { fetchSize: 5 };
        expect((await fx.connection.execute('SELECT n FROM feed WHERE feed = ?', ['s'], mutable)).rows).to.have.length(5);
        mutable.fetchSize = 7;
        expect((await fx.connection.execute('SELECT n FROM feed WHERE feed = ?', ['s'], mutable)).rows).to.have.length(7);
      } finally {
        spy.restore();
      }
    });

    it('gives a schema statement its long timeout even with a frozen options object', async () => {
      const spy = spyOn(fx.connection.client);
      try {
        const frozen = Object.freeze({ fetchSize: 10 });
        await fx.connection.execute('SELECT n FROM feed WHERE feed = ?', ['s'], frozen);
        await fx.connection.execute(`CREATE TABLE IF NOT EXISTS hot_paths_ddl (k int PRIMARY KEY)`, [], frozen);
        expect(spy.sent[0]!.options.readTimeout ?? 0).to.be.below(60_000);
        expect(spy.sent[1]!.options.readTimeout).to.be.at.least(60_000);
      } finally {
        spy.restore();
      }
    });

    it('rejects (never throws) on a closed connection', async () => {
      const closed = connect(fx.keyspace);
      await closed.close();
      let promise: Promise<unknown> | undefined;
      expect(() => (promise = closed[EXECUTE_MAP]('SELECT n FROM feed', [], undefined, (rs) => rs))).to.not.throw();
      expect(await promise!.catch((e: unknown) => e)).to.be.instanceOf(ConnectionClosedError);
    });
  });

  describe('synchronous mistakes', () => {
    it('come back as rejections from insert, save and update, with nothing sent', async () => {
      const spy = spyOn(fx.connection.client);
      try {
        const calls: [string, () => Promise<unknown>][] = [
          ['insert without a key', () => feed.insert(Object.assign(new FeedItem(), { feed: 'bad' }))],
          ['update setting a key column', () => feed.update({ feed: 'bad', n: 1 }, (u) => u.set('n' as never, 2 as never))],
          ['save without a key', () => feed.save(Object.assign(new FeedItem(), { n: 3 }))],
        ];
        for (const [what, call] of calls) {
          let promise: Promise<unknown> | undefined;
          expect(() => (promise = call()), what).to.not.throw();
          expect(promise, what).to.be.instanceOf(Promise);
          expect(await promise!.then(() => 'resolved', (e: unknown) => e), what).to.be.instanceOf(Error);
        }
        expect(spy.sent).to.deep.equal([]);
        expect(await rowsOf('bad')).to.deep.equal([]);
      } finally {
        spy.restore();
      }
    });
  });

  describe('stream()', () => {
    it('sends nothing until the first next(), like a generator', async () => {
      const spy = spyOn(fx.connection.client);
      try {
        const stream = feed.stream((q) => q.where('feed', '=', 's'));
        expect(spy.sent).to.deep.equal([]);
        const first = await stream.next();
        expect(first).to.deep.include({ done: false });
        expect((first.value as FeedItem).n).to.equal(0);
        expect(spy.sent).to.have.length(1);
        await stream.return();
      } finally {
        spy.restore();
      }
    });

    it('answers next() calls made without waiting in order, each row once, then done', async () => {
      const stream = feed.stream((q) => q.where('feed', '=', 's'), { pageSize: 4 });
      const results = await Promise.all(Array.from({ length: 30 }, () => stream.next()));
      const values = results.filter((r) => r.done === false).map((r) => (r.value as FeedItem).n);
      expect(values).to.deep.equal(Array.from({ length: 25 }, (_, i) => i));
      expect(results.slice(25).every((r) => r.done === true)).to.equal(true);
      expect(await stream.next()).to.deep.equal({ value: undefined, done: true });
    });

    it('rejects the first next() for a query it cannot build, then is done', async () => {
      const stream = feed.stream((q) => q.where('body' as never, '=', 'x' as never));
      const error = await stream.next().catch((e: unknown) => e);
      expect(error).to.be.instanceOf(QueryBuildError);
      expect(await stream.next()).to.deep.equal({ value: undefined, done: true });
    });

    it('return() before the start ends it with nothing sent; throw() ends it with the error', async () => {
      const spy = spyOn(fx.connection.client);
      try {
        const stopped = feed.stream((q) => q.where('feed', '=', 's'));
        expect(await stopped.return()).to.deep.equal({ value: undefined, done: true });
        expect(await stopped.next()).to.deep.equal({ value: undefined, done: true });
        expect(spy.sent).to.deep.equal([]);
        const thrown = feed.stream((q) => q.where('feed', '=', 's'));
        await thrown.next();
        const boom = new Error('stop here');
        expect(await thrown.throw(boom).catch((e: unknown) => e)).to.equal(boom);
        expect(await thrown.next()).to.deep.equal({ value: undefined, done: true });
      } finally {
        spy.restore();
      }
    });
  });

  describe('batch builder', () => {
    it('branches without sharing: two batches extended from one prefix write their own rows', async () => {
      const prefix = batch('logged').insert(feed, item('b1', 1));
      const left = prefix.insert(feed, item('b1', 2));
      const right = prefix.insert(feed, item('b1', 3)).insert(feed, item('b1', 4));
      expect([prefix.size, left.size, right.size]).to.deep.equal([1, 2, 3]);
      await right.execute();
      expect(await rowsOf('b1')).to.deep.equal([1, 3, 4]);
      await left.execute();
      expect(await rowsOf('b1')).to.deep.equal([1, 2, 3, 4]);
    });

    it('keeps the order of statements: later writes of a row win, as in the CQL batch', async () => {
      const compiled = await batch('logged').insert(feed, item('b2', 1)).insert(feed, item('b2', 2)).compile();
      expect(compiled.statements.map((s) => s.params[1])).to.deep.equal([1, 2]);
    });

    it('extends a batch built from steps given to the constructor', async () => {
      const step: Step = { connection: fx.connection, meta: feed.metadata as EntityMetadata, repo: feed as unknown as Repository<object>, entity: item('b3', 1), spec: undefined };
      const base = new Batch('unlogged', [step]);
      await base.insert(feed, item('b3', 2)).execute();
      expect(await rowsOf('b3')).to.deep.equal([1, 2]);
    });

    it('rejects a batch across connections with nothing sent, and sends a plain batch with frozen options', async () => {
      const other = connect(fx.keyspace);
      const spy = spyOn(fx.connection.client);
      try {
        const elsewhere = new Repository(other, FeedItem);
        const mixed = batch('logged').insert(feed, item('b4', 1)).insert(elsewhere, item('b4', 2));
        let promise: Promise<unknown> | undefined;
        expect(() => (promise = mixed.execute())).to.not.throw();
        expect(await promise!.catch((e: unknown) => e)).to.be.instanceOf(Error).with.property('message').that.contains('one connection');
        expect(spy.batches).to.deep.equal([]);
        expect(await rowsOf('b4')).to.deep.equal([]);
        await batch('logged').insert(feed, item('b4', 3)).execute();
        expect(spy.batches).to.have.length(1);
        expect(spy.batches[0]!.options).to.include({ prepare: true, logged: true, isIdempotent: true });
      } finally {
        spy.restore();
        await other.close();
      }
    });
  });
  describe('plain inserts (values bound straight from the entity)', () => {
    let rows: Repository<BoundRow>;
    before(() => {
      rows = new Repository(fx.connection, BoundRow);
    });

    it('insert() writes every column as given and reads back equal: collections, bigint, timestamp', async () => {
      const spy = spyOn(fx.connection.client);
      const row = bound({ id: 1, note: 'n', tags: ['b', 'a'], labels: new Set(['x', 'y']), attrs: new Map([['k', 2]]), big: 2n ** 40n, at: new Date(Date.UTC(2024, 1, 2)) });
      try {
        await rows.insert(row);
      } finally {
        spy.restore();
      }
      expect(spy.sent.map((c) => c.cql)).to.deep.equal([`INSERT INTO ${fx.keyspace}.bound_rows (id, note, tags, labels, attrs, big, at) VALUES (?, ?, ?, ?, ?, ?, ?)`]);
      expect(spy.sent[0]!.options).to.include({ prepare: true, isIdempotent: true });
      expect(await rows.findOne({ id: 1 })).to.deep.equal(row);
      // The entity itself is not changed by the encoding.
      expect(row.labels).to.be.instanceOf(Set);
      expect(row.attrs).to.be.instanceOf(Map);
    });

    it('undefined leaves a column as it was, null deletes it; save() and a batch bind the same way', async () => {
      await rows.save(bound({ id: 2, note: 'keep', tags: ['t'], big: 5n }));
      await rows.save(bound({ id: 2, note: null, big: 6n }));
      expect(await rows.findOne({ id: 2 })).to.deep.include({ note: null, tags: ['t'], big: 6n });
      await batch('unlogged').insert(rows, bound({ id: 3, labels: new Set(['l']) })).insert(rows, bound({ id: 2, tags: null })).execute();
      expect(await rows.findOne({ id: 3 })).to.deep.include({ labels: new Set(['l']), note: null });
      // An empty or deleted collection reads back empty.
      expect(await rows.findOne({ id: 2 })).to.deep.include({ tags: [], big: 6n });
    });

    it('a missing key rejects with QueryBuildError naming it, with nothing sent or written', async () => {
      const spy = spyOn(fx.connection.client);
      try {
        const error = await rows.insert({ note: 'no key' } as BoundRow).catch((e: unknown) => e);
        expect(error).to.be.instanceOf(QueryBuildError).with.property('message').that.contains('missing id');
        const inBatch = await batch('logged').insert(rows, bound({ id: 9 })).insert(rows, { note: 'x' } as BoundRow).execute().catch((e: unknown) => e);
        expect(inBatch).to.be.instanceOf(QueryBuildError);
      } finally {
        spy.restore();
      }
      expect(spy.sent).to.deep.equal([]);
      expect(spy.batches).to.deep.equal([]);
      expect(await rows.findOne({ id: 9 })).to.equal(undefined);
    });
  });
});
