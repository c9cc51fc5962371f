// Paging through 10,000 rows with signed cursors (a tampered cursor is rejected), and streaming with
// bounded memory: at most one page is held ahead of the consumer.
import { expect } from 'chai';
import { Repository } from '../../../src/repository/repository.js';
import { batch } from '../../../src/repository/batch.js';
import { CursorError } from '../../../src/errors.js';
import { fixture, type Fixture } from './support.js';
import { FeedItem } from './entities.js';

const ROWS = 10_000;

describe('Repository paging and streaming', () => {
  let fx: Fixture;
  let feed: Repository<FeedItem>;

  before(async () => {
    fx = await fixture('it_paging', [FeedItem]);
    feed = new Repository(fx.connection, FeedItem, { cursorSecret: 'spec-secret' });
    // 100 unlogged single-partition batches of 100 rows, 10 at a time.
    const batches: Promise<unknown>[] = [];
    for (let start = 0; start < ROWS; start += 100) {
      let b = batch('unlogged');
      for (let n = start; n < start + 100; n++) b = b.insert(feed, Object.assign(new FeedItem(), { feed: 'main', n, body: `item ${n}` }));
      batches.push(b.execute());
      if (batches.length === 10) await Promise.all(batches.splice(0));
    }
    await Promise.all(batches);
  });
  after(async () => fx.drop());

  const main = (q: ReturnType<Repository<FeedItem>['select']>) => q.where('feed', '=', 'main');

  it('pages through 10,000 rows with opaque cursors, in order, each row once', async () => {
    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await feed.page(1000, cursor, main);
      seen.push(...page.items.map((i) => i.n));
      expect(page.items.every((i) => i instanceof FeedItem)).to.equal(true);
      cursor = page.cursor;
      pages++;
      if (cursor !== undefined) expect(cursor).to.match(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    } while (cursor !== undefined);
    expect(seen).to.have.length(ROWS);
    expect(seen).to.deep.equal(Array.from({ length: ROWS }, (_, i) => i));
    expect(pages).to.be.within(10, 11);
  });

  it('rejects a tampered cursor, a cursor of another query, and a cursor signed with another secret', async () => {
    const { cursor } = await feed.page(100, undefined, main);
    expect(cursor).to.be.a('string');
    const c = cursor!;
    const flipped = `${c[0] === 'A' ? 'B' : 'A'}${c.slice(1)}`;
    for (const bad of [flipped, `${c}x`, c.replace('.', ''), 'garbage', '']) {
      const error = await feed.page(100, bad, main).catch((e: unknown) => e);
      expect(error, bad).to.be.instanceOf(CursorError);
    }
    const other = await feed.page(100, c, (q) => main(q).where('n', '>=', 5000)).catch((e: unknown) => e);
    expect(other).to.be.instanceOf(CursorError);
    const stranger = new Repository(fx.connection, FeedItem, { cursorSecret: 'another-secret' });
    expect(await stranger.page(100, c, main).catch((e: unknown) => e)).to.be.instanceOf(CursorError);
    // The genuine cursor continues where the first page stopped.
    const next = await feed.page(100, c, main);
    expect(next.items[0]!.n).to.equal(100);
  });

  it('streams every row with for await, holding at most one page ahead of the consumer', async () => {
    const pageSize = 500;
    let fetched = 0;
    let consumed = 0;
    let maxAhead = 0;
    for await (const item of feed.stream(main, { pageSize, onInfo: () => (fetched += 1) })) {
      expect(item.n).to.equal(consumed);
      consumed++;
      maxAhead = Math.max(maxAhead, fetched * pageSize - consumed);
    }
    expect(consumed).to.equal(ROWS);
    // Rows fetched but not yet consumed never exceed one page: memory is bounded by the page size.
    expect(maxAhead).to.be.below(pageSize);
    expect(fetched).to.be.within(ROWS / pageSize, ROWS / pageSize + 1);
  });

  it('stops fetching when the consumer stops early', async () => {
    let fetched = 0;
    let n = 0;
    for await (const item of feed.stream(main, { pageSize: 100, onInfo: () => (fetched += 1) })) {
      n = item.n;
      if (n === 250) break;
    }
    expect(n).to.equal(250);
    expect(fetched).to.equal(3);
  });

  it('materialises a 10,000-row partition with findPartition', async () => {
    const all = await feed.findPartition({ feed: 'main' });
    expect(all).to.have.length(ROWS);
    expect(all[ROWS - 1]).to.include({ n: ROWS - 1, body: `item ${ROWS - 1}` });
  });
});
