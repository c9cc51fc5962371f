// Paging through 10,000 rows with signed page tokens (a tampered token is rejected), and streaming with
// bounded memory: at most one page is held ahead of the consumer.
import { expect } from 'chai';
import cassandra from 'cassandra-driver';
import { Repository } from '../../../src/repository/repository.js';
import { batch } from '../../../src/repository/batch.js';
import { ConfigError, PageTokenError } from '../../../src/errors.js';
import { connect, fixture, type Fixture } from './support.js';
import { FeedItem } from './entities.js';

const ROWS = 10_000;

describe('Repository paging and streaming', () => {
  let fx: Fixture;
  let feed: Repository<FeedItem>;

  before(async () => {
    fx = await fixture('it_paging', [FeedItem]);
    feed = new Repository(fx.connection, FeedItem, { pageTokenSecret: 'spec-secret' });
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
      seen.push(...page.rows.map((i) => i.n));
      expect(page.rows.every((i) => i instanceof FeedItem)).to.equal(true);
      cursor = page.nextPageToken;
      pages++;
      if (cursor !== undefined) expect(cursor).to.match(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    } while (cursor !== undefined);
    expect(seen).to.have.length(ROWS);
    expect(seen).to.deep.equal(Array.from({ length: ROWS }, (_, i) => i));
    expect(pages).to.be.within(10, 11);
  });

  it('rejects a tampered cursor, a cursor of another query, and a cursor signed with another secret', async () => {
    const { nextPageToken: cursor } = await feed.page(100, undefined, main);
    expect(cursor).to.be.a('string');
    const c = cursor!;
    const flipped = `${c[0] === 'A' ? 'B' : 'A'}${c.slice(1)}`;
    for (const bad of [flipped, `${c}x`, c.replace('.', ''), 'garbage', '']) {
      const error = await feed.page(100, bad, main).catch((e: unknown) => e);
      expect(error, bad).to.be.instanceOf(PageTokenError);
    }
    const other = await feed.page(100, c, (q) => main(q).where('n', '>=', 5000)).catch((e: unknown) => e);
    expect(other).to.be.instanceOf(PageTokenError);
    const stranger = new Repository(fx.connection, FeedItem, { pageTokenSecret: 'another-secret' });
    expect(await stranger.page(100, c, main).catch((e: unknown) => e)).to.be.instanceOf(PageTokenError);
    // The genuine cursor continues where the first page stopped.
    const next = await feed.page(100, c, main);
    expect(next.rows[0]!.n).to.equal(100);
  });

  it('page(query, { pageSize, pageToken }) gives the pages of the positional form, and its cursors are interchangeable', async () => {
    const first = await feed.page(main, { pageSize: 300 });
    const positional = await feed.page(300, undefined, main);
    expect(first.rows.map((i) => i.n)).to.deep.equal(positional.rows.map((i) => i.n));
    expect(first.rows.map((i) => i.n)).to.deep.equal(Array.from({ length: 300 }, (_, i) => i));
    const second = await feed.page(main, { pageSize: 300, pageToken: positional.nextPageToken, consistency: 'ONE' });
    expect(second.rows[0]!.n).to.equal(300);
    const error = await feed.page(main, { pageSize: 0 }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ConfigError);
    expect((error as Error).message).to.contain('options.pageSize');
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

  it('iterates pages with pages(): every row once, in order, one page fetched per step, cursors that resume', async () => {
    const pageSize = 1000;
    let fetched = 0;
    const seen: number[] = [];
    const cursors: (string | undefined)[] = [];
    for await (const page of feed.pages(main, { pageSize, onInfo: () => (fetched += 1) })) {
      // The loop body runs before the next page is asked for: one page is held at a time.
      expect(fetched).to.equal(cursors.length + 1);
      expect(page.rows.length).to.be.within(1, pageSize);
      expect(page.rows.every((i) => i instanceof FeedItem)).to.equal(true);
      seen.push(...page.rows.map((i) => i.n));
      cursors.push(page.nextPageToken);
    }
    expect(seen).to.deep.equal(Array.from({ length: ROWS }, (_, i) => i));
    expect(cursors.slice(0, -1).every((c) => typeof c === 'string')).to.equal(true);
    // 10,000 rows end exactly on a page boundary: Cassandra still hands out a page state there, and
    // what follows it is empty, so resuming from the last cursor yields no page.
    const last = cursors.at(-1);
    if (last !== undefined) {
      const after: unknown[] = [];
      for await (const page of feed.pages(main, { pageSize, pageToken: last })) after.push(page);
      expect(after).to.deep.equal([]);
    }
    // A page's cursor resumes after it, from pages() and from page() alike.
    const resumed = feed.pages(main, { pageSize, pageToken: cursors[2]! });
    const first = await resumed.next();
    expect(first.done).to.equal(false);
    expect((first.value as { rows: FeedItem[] }).rows[0]!.n).to.equal(3 * pageSize);
    await resumed.return();
    expect((await feed.page(pageSize, cursors[2]!, main)).rows[0]!.n).to.equal(3 * pageSize);
  });

  it("signs a page's cursor when it is read: the same cursor page() gives, also when spread or serialised", async () => {
    const held: { rows: FeedItem[]; nextPageToken: string | undefined }[] = [];
    for await (const page of feed.pages(main, { pageSize: 1000 })) {
      held.push(page);
      if (held.length === 3) break;
    }
    // Read only now, after the loop moved on: each is still its own page's cursor.
    const first = await feed.page(1000, undefined, main);
    expect(held[0]!.nextPageToken).to.be.a('string').and.equal(first.nextPageToken);
    const second = await feed.page(1000, first.nextPageToken, main);
    expect(held[1]!.nextPageToken).to.equal(second.nextPageToken);
    expect(Object.keys(held[2]!)).to.deep.equal(['rows', 'nextPageToken']);
    expect({ ...held[2]! }.nextPageToken).to.equal(held[2]!.nextPageToken);
    expect((JSON.parse(JSON.stringify(held[2]!)) as { nextPageToken: string }).nextPageToken).to.equal(held[2]!.nextPageToken);
    expect((await feed.page(1000, held[2]!.nextPageToken, main)).rows[0]!.n).to.equal(3000);
  });

  it('pages() stops fetching on break, yields nothing for an empty result, and rejects a bad cursor', async () => {
    let fetched = 0;
    for await (const page of feed.pages(main, { pageSize: 100, onInfo: () => (fetched += 1) })) {
      if (page.rows[0]!.n === 200) break;
    }
    expect(fetched).to.equal(3);
    const none: unknown[] = [];
    for await (const page of feed.pages((q) => q.where('feed', '=', 'nobody'), { pageSize: 100 })) none.push(page);
    expect(none).to.deep.equal([]);
    const { nextPageToken: cursor } = await feed.page(100, undefined, main);
    const other = feed.pages((q) => main(q).where('n', '>=', 5000), { pageToken: cursor! }).next();
    expect(await other.catch((e: unknown) => e)).to.be.instanceOf(PageTokenError);
  });

  it('rejects a page size that is not a whole number >= 1, naming the option, with nothing sent', async () => {
    let sent = 0;
    const onInfo = (): void => void (sent += 1);
    const cases: [() => Promise<unknown>, string][] = [
      [() => feed.page(0, undefined, main, { onInfo }), 'size'],
      [() => feed.pages(main, { pageSize: 2.5, onInfo }).next(), 'options.pageSize'],
      [() => feed.pages(main, { fetchSize: -1, onInfo }).next(), 'options.fetchSize'],
      [() => feed.stream(main, { pageSize: 0, onInfo }).next(), 'options.pageSize'],
      [() => feed.find(main, { fetchSize: 0, onInfo }), 'options.fetchSize'],
    ];
    for (const [call, option] of cases) {
      const error = await call().catch((e: unknown) => e);
      expect(error, option).to.be.instanceOf(ConfigError);
      expect((error as ConfigError).key).to.equal(option);
      expect((error as Error).message).to.match(/whole number of rows >= 1/);
    }
    expect(sent).to.equal(0);
  });

  it('materialises a 10,000-row partition with findPartition', async () => {
    const all = await feed.findPartition({ feed: 'main' });
    expect(all).to.have.length(ROWS);
    expect(all[ROWS - 1]).to.include({ n: ROWS - 1, body: `item ${ROWS - 1}` });
  });

  it('reads a partition larger than the fetch size page after page with findPartition, in order, with the options on every page', async () => {
    let pages = 0;
    const all = await feed.findPartition({ feed: 'main' }, { fetchSize: 3000, consistency: 'one', onInfo: (info) => {
      pages += 1;
      expect(info.achievedConsistency).to.equal(cassandra.types.consistencies.one);
    } });
    expect(all.map((i) => i.n)).to.deep.equal(Array.from({ length: ROWS }, (_, i) => i));
    expect(all.every((i) => i instanceof FeedItem)).to.equal(true);
    // 10,000 rows at 3,000 a page: 4 pages, or 5 when Cassandra hands out a state for an empty last page.
    expect(pages).to.be.within(4, 5);
  });

  it('collects every page of a query with find, in order, one request per page', async () => {
    let fetched = 0;
    const all = await feed.find((q) => main(q).where('n', '>=', 2500), { fetchSize: 1000, onInfo: () => (fetched += 1) });
    expect(all.map((i) => i.n)).to.deep.equal(Array.from({ length: ROWS - 2500 }, (_, i) => 2500 + i));
    expect(all.every((i) => i instanceof FeedItem)).to.equal(true);
    // 7,500 rows at 1,000 a page: 8 pages, or 9 when Cassandra hands out a state for an empty last page.
    expect(fetched).to.be.within(8, 9);
  });

  it("pages by the connection's queryDefaults.fetchSize when the call names no page size", async () => {
    const connection = connect(fx.keyspace, true, { fetchSize: 2000 });
    try {
      const repo = new Repository(connection, FeedItem);
      const counted = (): { onInfo: () => void; pages: () => number } => {
        let n = 0;
        return { onInfo: () => void (n += 1), pages: () => n };
      };
      const viaFind = counted();
      expect(await repo.find(main, { onInfo: viaFind.onInfo })).to.have.length(ROWS);
      const viaStream = counted();
      let streamed = 0;
      for await (const _ of repo.stream(main, { onInfo: viaStream.onInfo })) streamed++;
      const viaPages = counted();
      const sizes: number[] = [];
      for await (const { rows: items } of repo.pages(main, { onInfo: viaPages.onInfo })) sizes.push(items.length);
      expect(streamed).to.equal(ROWS);
      expect(sizes.slice(0, 5)).to.deep.equal([2000, 2000, 2000, 2000, 2000]);
      // 10,000 rows at 2,000 a page (not the built-in 5,000): 5 pages, or 6 with an empty last one.
      for (const c of [viaFind, viaStream, viaPages]) expect(c.pages()).to.be.within(5, 6);
      // The call's own size still wins.
      const own = counted();
      await repo.find(main, { fetchSize: 5000, onInfo: own.onInfo });
      expect(own.pages()).to.be.within(2, 3);
    } finally {
      await connection.close();
    }
  });
});
