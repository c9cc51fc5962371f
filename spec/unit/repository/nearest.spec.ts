// repository.nearest() over a recording stand-in Connection: the statement and driver options sent,
// the rows returned (ANN order, trimmed to the limit, scores), and what is refused with nothing sent.
import { expect } from 'chai';
import type { Connection } from '../../../src/connection/connection.js';
import { EXECUTE_MAP, PAGED } from '../../../src/connection/internals.js';
import { Repository } from '../../../src/repository/repository.js';
import { InvalidValueError, QueryBuildError } from '../../../src/errors.js';
import { Item, itemMeta } from '../query/vector-fixtures.js';

interface Call { cql: string; params: unknown[]; options: Record<string, unknown> }

function recorder(rows: Record<string, unknown>[] = [], queryDefaults: Record<string, unknown> = {}): { connection: Connection; calls: Call[] } {
  const calls: Call[] = [];
  const connection = {
    client: { options: { encoding: { map: Map, set: Set } } },
    settings: { queryDefaults },
    async execute(cql: string, params: unknown[], options: Record<string, unknown>) {
      calls.push({ cql, params, options });
      return { rows: rows.map((r) => ({ ...r })), columns: [], info: {}, pageState: null };
    },
    [EXECUTE_MAP](cql: string, params: unknown[], options: Record<string, unknown>, map: (rs: unknown) => unknown) {
      return (this as unknown as { execute: (...a: unknown[]) => Promise<unknown> }).execute(cql, params, options).then(map);
    },
  } as unknown as Connection;
  return { connection, calls };
}

const ALL = 'category, id, title, price, tags, attrs, note, legacy, embedding, unit, raw';
const V = [0.5, 0.25, 1];
const row = (id: number, score?: number) => ({ category: 'c', id, embedding: null, ...(score === undefined ? {} : { cassandra_orm_score: score }) });

describe('Repository.nearest (unit)', () => {
  it('sends one prepared ANN SELECT with the vector as a float Vector, a fetch size of the limit, and returns entities', async () => {
    const { connection, calls } = recorder([row(1), row(2)]);
    const items = new Repository(connection, Item);
    const found = await items.nearest('embedding', V, { limit: 2 });
    expect(calls).to.have.length(1);
    expect(calls[0]!.cql).to.equal(`SELECT ${ALL} FROM app.items ORDER BY embedding ANN OF ? LIMIT ?`);
    const [vector, limit] = calls[0]!.params as [{ elements: number[]; subtype: string }, number];
    expect(vector.constructor.name).to.equal('Vector');
    expect([...vector.elements]).to.deep.equal(V);
    expect(limit).to.equal(2);
    expect(calls[0]!.options).to.include({ prepare: true, isIdempotent: true, fetchSize: 2 });
    expect(calls[0]!.options).not.to.have.property('consistency');
    expect(found.map((e) => [e instanceof Item, e.id])).to.deep.equal([[true, 1], [true, 2]]);
  });

  it('with score: true, selects the index\'s similarity and returns { entity, score } pairs in ANN order', async () => {
    const { connection, calls } = recorder([row(3, 0.9), row(1, 0.8)]);
    const found = await new Repository(connection, Item).nearest('unit', V, { limit: 2, score: true, where: (q) => q.where('category', '=', 'c') });
    expect(calls[0]!.cql).to.equal(
      `SELECT ${ALL}, similarity_dot_product(unit, ?) AS cassandra_orm_score FROM app.items WHERE category = ? ORDER BY unit ANN OF ? LIMIT ?`,
    );
    expect(found.map((s) => [s.entity instanceof Item, s.entity.id, s.score])).to.deep.equal([[true, 3, 0.9], [true, 1, 0.8]]);
  });

  it('scores with the similarity function named', async () => {
    const { connection, calls } = recorder();
    await new Repository(connection, Item).nearest('embedding', V, { limit: 1, score: 'euclidean' });
    expect(calls[0]!.cql).to.equal(`SELECT ${ALL}, similarity_euclidean(embedding, ?) AS cassandra_orm_score FROM app.items ORDER BY embedding ANN OF ? LIMIT ?`);
  });

  it('builds the statement of a property once: later calls bind their own vector and LIMIT, and are checked', async () => {
    const { connection, calls } = recorder();
    const items = new Repository(connection, Item);
    await items.nearest('embedding', V, { limit: 2 });
    await items.nearest('embedding', [3, 2, 1], { limit: 5, candidates: 7 });
    await items.nearest('embedding', [1, 1, 1], { limit: 1, score: true });
    expect(calls.map((c) => c.cql)).to.deep.equal([
      `SELECT ${ALL} FROM app.items ORDER BY embedding ANN OF ? LIMIT ?`,
      `SELECT ${ALL} FROM app.items ORDER BY embedding ANN OF ? LIMIT ?`,
      `SELECT ${ALL}, similarity_cosine(embedding, ?) AS cassandra_orm_score FROM app.items ORDER BY embedding ANN OF ? LIMIT ?`,
    ]);
    expect(calls.map((c) => c.params.map((p) => (typeof p === 'number' ? p : [...(p as { elements: number[] }).elements])))).to.deep.equal([
      [V, 2], [[3, 2, 1], 7], [[1, 1, 1], [1, 1, 1], 1],
    ]);
    expect(calls.map((c) => c.options['fetchSize'])).to.deep.equal([2, 7, 1]);
    for (const bad of [[NaN, 1, 1], [0, 0, 0]]) {
      const error = await items.nearest('embedding', bad, { limit: 2 }).then(() => undefined, (e: unknown) => e);
      expect(error).to.be.instanceOf(QueryBuildError);
    }
    const wrong = await items.nearest('embedding', [1, 2], { limit: 2 }).then(() => undefined, (e: unknown) => e);
    expect(wrong).to.be.instanceOf(InvalidValueError);
    expect(calls).to.have.length(3);
  });

  it('asks for `candidates` rows and keeps the first `limit`', async () => {
    const { connection, calls } = recorder([row(1), row(2), row(3), row(4)]);
    const found = await new Repository(connection, Item).nearest('embedding', V, { limit: 2, candidates: 4 });
    expect(calls[0]!.params[1]).to.equal(4);
    expect(calls[0]!.options['fetchSize']).to.equal(4);
    expect(found.map((e) => e.id)).to.deep.equal([1, 2]);
  });

  it('lowers a session default consistency above ONE the way the node would, without its warning', async () => {
    for (const [session, sent] of [['LOCAL_QUORUM', 10], ['QUORUM', 1], ['EACH_QUORUM', 10], ['ALL', 1], ['ONE', undefined], ['LOCAL_ONE', undefined]] as const) {
      const { connection, calls } = recorder([], { consistency: session });
      await new Repository(connection, Item).nearest('embedding', V, { limit: 1 });
      expect(calls[0]!.options['consistency'], session).to.equal(sent);
    }
  });

  it('passes ONE and LOCAL_ONE asked for by the call', async () => {
    const { connection, calls } = recorder();
    await new Repository(connection, Item).nearest('embedding', V, { limit: 1, consistency: 'localOne' });
    await new Repository(connection, Item).nearest('embedding', V, { limit: 1, consistency: 'ONE' });
    expect(calls.map((c) => c.options['consistency'])).to.deep.equal([10, 1]);
  });

  it('keeps a larger fetch size asked for', async () => {
    const { connection, calls } = recorder();
    await new Repository(connection, Item).nearest('embedding', V, { limit: 3, fetchSize: 100 });
    expect(calls[0]!.options['fetchSize']).to.equal(100);
  });

  it('sends ANN queries given to find() as one page of at least the limit', async () => {
    const { connection, calls } = recorder();
    (connection as unknown as { [PAGED]: unknown })[PAGED] = (cql: string, params: unknown[], options: Record<string, unknown>) => async () => {
      calls.push({ cql, params, options });
      return { rows: [], columns: [], info: {}, pageState: null };
    };
    await new Repository(connection, Item).find((q) => q.orderByAnn('embedding', V).limit(50), { fetchSize: 10 });
    expect(calls[0]!.options['fetchSize']).to.equal(50);
  });

  it('sends first() of an ANN query with LIMIT 1 at a consistency the node accepts', async () => {
    const { connection, calls } = recorder([row(7)], { consistency: 'QUORUM' });
    const found = await new Repository(connection, Item).first((q) => q.orderByAnn('embedding', V).limit(5));
    expect(calls[0]!.cql).to.equal(`SELECT ${ALL} FROM app.items ORDER BY embedding ANN OF ? LIMIT ?`);
    expect(calls[0]!.params[1]).to.equal(1);
    expect(calls[0]!.options).to.include({ consistency: 1, fetchSize: 1 });
    expect(found?.id).to.equal(7);
  });

  const refusals: [string, (items: Repository<Item>) => Promise<unknown>, typeof QueryBuildError | typeof InvalidValueError, RegExp][] = [
    ['a missing limit', (r) => r.nearest('embedding', V, {} as never), QueryBuildError, /nearest\(\) needs a limit between 1 and 1000, got undefined/],
    ['a limit of 0', (r) => r.nearest('embedding', V, { limit: 0 }), QueryBuildError, /needs a limit between 1 and 1000, got 0/],
    ['a limit above 1000', (r) => r.nearest('embedding', V, { limit: 1001 }), QueryBuildError, /needs a limit between 1 and 1000, got 1001/],
    ['fewer candidates than the limit', (r) => r.nearest('embedding', V, { limit: 5, candidates: 4 }), QueryBuildError, /candidates must be a whole number from limit \(5\) to 1000, got 4/],
    ['a property without a vector index', (r) => r.nearest('raw', V, { limit: 1 }), QueryBuildError, /raw has no SAI vector index/],
    ['a vector of the wrong dimension', (r) => r.nearest('embedding', [1, 2, 3, 4], { limit: 1 }), InvalidValueError, /4 elements do not fit 3 dimensions/],
    ['a filter on a column without an SAI index', (r) => r.nearest('embedding', V, { limit: 1, where: (q) => q.where('note', '=', 'x') }), QueryBuildError, /note = needs an SAI index on note/],
    ['a consistency the node does not run ANN at', (r) => r.nearest('embedding', V, { limit: 1, consistency: 'QUORUM' }), QueryBuildError, /consistency QUORUM is not supported: Cassandra 5.0 runs ANN queries at ONE or LOCAL_ONE only/],
    ['SERIAL', (r) => r.nearest('embedding', V, { limit: 1, consistency: 'serial' }), QueryBuildError, /consistency SERIAL is not supported/],
    ['an unknown score function', (r) => r.nearest('embedding', V, { limit: 1, score: 'manhattan' as never }), QueryBuildError, /score "manhattan" is not a similarity function/],
  ];
  for (const [name, call, type, message] of refusals) {
    it(`refuses ${name} with nothing sent`, async () => {
      const { connection, calls } = recorder();
      const error = await call(new Repository(connection, Item)).then(() => undefined, (e: unknown) => e);
      expect(error).to.be.instanceOf(type);
      expect((error as Error).message).to.match(message);
      expect(calls).to.deep.equal([]);
    });
  }

  it('refuses to write an all-zero vector to a column with a cosine index (the node fails such a write), with nothing sent', async () => {
    const { connection, calls } = recorder();
    const items = new Repository(connection, Item);
    const zero = Object.assign(new Item(), { category: 'c', id: 1, title: 't', embedding: [0, 0, 0] });
    const error = await items.insert(zero).then(() => undefined, (e: unknown) => e);
    expect(error).to.be.instanceOf(InvalidValueError);
    expect((error as Error).message).to.match(/embedding.*all-zero vector has no cosine similarity/s);
    const patched = await items.patch({ category: 'c', id: 1 }, { embedding: [0, 0, 0] }).then(() => undefined, (e: unknown) => e);
    expect(patched).to.be.instanceOf(InvalidValueError);
    expect(calls).to.deep.equal([]);
    // Not under dot product or for an unindexed vector.
    await items.insert(Object.assign(new Item(), { category: 'c', id: 2, title: 't', unit: [0, 0, 0], raw: [0, 0, 0] }));
    expect(calls).to.have.length(1);
  });

  it('is typed: only vector properties, and score: true gives pairs', () => {
    // Compile-time checks; the calls are never made.
    const typed = (items: Repository<Item>): void => {
      // @ts-expect-error title is not a vector property
      void items.nearest('title', V, { limit: 1 });
      const pairs: Promise<{ entity: Item; score: number }[]> = items.nearest('embedding', V, { limit: 1, score: true });
      const entities: Promise<Item[]> = items.nearest('embedding', V, { limit: 1 });
      void pairs; void entities;
    };
    expect(typed).to.be.a('function');
    expect(itemMeta.table).to.equal('items');
  });
});
