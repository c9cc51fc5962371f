// Vector search on the real node: sync creates the SAI indexes with their options (and plans a changed
// similarity), ANN finds the exact nearest neighbours of planted vectors, alone, within a partition
// and with SAI filters, scores equal the similarity computed here, and bad queries are refused with
// typed errors and nothing sent.
import { expect } from 'chai';
import { ClusteringKey, Column, Connection, Index, PartitionKey, Repository, similarityEuclidean, syncSchema, writetime, Table, VectorIndex } from '../../../src/index.js';
import { InvalidValueError, QueryBuildError } from '../../../src/public/errors.js';
import { planSchema } from '../../../src/schema/plan-apply.js';
import { adminClient, testNode, uniqueKeyspace, type TestNode } from '../../support/test-node.js';
import { bruteForce, cosine, dotProduct, euclidean, randomVector, seeded, unit } from '../../support/vectors.js';

const DIM = 8;

@Table('products')
class Product {
  @PartitionKey() category!: string;
  @ClusteringKey({ type: 'int' }) id!: number;
  @Column({ type: 'int' }) @Index({ using: 'sai' }) price!: number;
  @Column({ type: 'set<text>' }) @Index({ using: 'sai' }) tags?: Set<string>;
  @Column({ type: 'map<text, text>' }) @Index({ using: 'sai', target: 'keys' }) attrs?: Map<string, string>;
  @Column() @Index({ using: 'sai', caseSensitive: false, normalize: true }) brand?: string;
  @Column() note?: string;
  @Column({ type: `vector<float, ${DIM}>` }) @VectorIndex() embedding!: number[];
  @Column({ type: `vector<float, ${DIM}>` }) @VectorIndex({ similarity: 'DOT_PRODUCT' }) direction!: number[];
  @Column({ type: `vector<float, ${DIM}>` }) @VectorIndex({ similarity: 'EUCLIDEAN', optimizeFor: 'recall' }) point!: number[];
  @Column({ type: `vector<float, ${DIM}>` }) unindexed?: number[];
}

// The same table with another similarity function on `embedding`: what a model change looks like to sync.
@Table('products')
class ProductByEuclid {
  @PartitionKey() category!: string;
  @ClusteringKey({ type: 'int' }) id!: number;
  @Column({ type: 'int' }) @Index({ using: 'sai' }) price!: number;
  @Column({ type: 'set<text>' }) @Index({ using: 'sai' }) tags?: Set<string>;
  @Column({ type: 'map<text, text>' }) @Index({ using: 'sai', target: 'keys' }) attrs?: Map<string, string>;
  @Column() @Index({ using: 'sai', caseSensitive: false, normalize: true }) brand?: string;
  @Column() note?: string;
  @Column({ type: `vector<float, ${DIM}>` }) @VectorIndex({ similarity: 'EUCLIDEAN' }) embedding!: number[];
  @Column({ type: `vector<float, ${DIM}>` }) @VectorIndex({ similarity: 'DOT_PRODUCT' }) direction!: number[];
  @Column({ type: `vector<float, ${DIM}>` }) @VectorIndex({ similarity: 'EUCLIDEAN', optimizeFor: 'recall' }) point!: number[];
  @Column({ type: `vector<float, ${DIM}>` }) unindexed?: number[];
}

const CATEGORIES = ['a', 'b', 'c', 'd'];
const N = 400;
const next = seeded(20251203);
const query = randomVector(next, DIM);
// Five planted items close to the query (in partition 'b'), the rest at random.
const products: Product[] = Array.from({ length: N }, (_, id) => {
  const planted = id < 5;
  const base = planted ? query.map((x) => Math.fround(x + (next() - 0.5) * 0.02 * (id + 1))) : randomVector(next, DIM);
  return Object.assign(new Product(), {
    category: planted ? 'b' : CATEGORIES[id % 4]!,
    id,
    price: Math.floor(next() * 100),
    tags: new Set([`t${id % 3}`]),
    attrs: new Map(id % 2 === 0 ? [['even', 'yes']] : [['odd', 'yes']]),
    brand: id % 5 === 0 ? 'Acme' : 'Other',
    note: `n${id}`,
    embedding: base,
    direction: unit(base),
    point: base,
  });
});
const ids = (xs: readonly Product[]): number[] => xs.map((p) => p.id);

describe('vector search (real node)', () => {
  const keyspace = uniqueKeyspace('it_vector');
  const spec = { name: keyspace, replication: { class: 'SimpleStrategy', replicationFactor: 1 } } as const;
  // The node is known once the global fixture has run (in a hook, not while the file loads).
  let node: TestNode;
  let admin: ReturnType<typeof adminClient>;
  let connection: Connection;
  let repo: Repository<Product>;

  before(async function () {
    this.timeout(180_000);
    node = testNode();
    admin = adminClient();
    connection = new Connection({ contactPoints: node.contactPoints, localDataCenter: node.localDataCenter, username: node.username, password: node.password, keyspace });
    await syncSchema(connection, [Product], { keyspace: spec });
    repo = new Repository(connection, Product);
    // Two writes in flight: the node fails vector-indexed writes beyond processors + 1 at once.
    for (let i = 0; i < products.length; i += 2) await Promise.all(products.slice(i, i + 2).map((p) => repo.insert(p)));
  });
  after(async () => {
    await connection?.close();
    await admin?.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`);
    await admin?.shutdown();
  });

  it('sync created the SAI indexes with their options, and plans nothing more against the live schema', async () => {
    const rows = (await admin.execute('SELECT index_name, options FROM system_schema.indexes WHERE keyspace_name = ?', [keyspace])).rows;
    const options = Object.fromEntries(rows.map((r) => [r['index_name'], r['options']]));
    expect(options['products_embedding_idx']).to.deep.equal({ class_name: 'sai', target: 'embedding' });
    expect(options['products_direction_idx']).to.deep.equal({ class_name: 'sai', target: 'direction', similarity_function: 'DOT_PRODUCT' });
    expect(options['products_point_idx']).to.deep.equal({ class_name: 'sai', target: 'point', similarity_function: 'EUCLIDEAN', optimize_for: 'recall' });
    expect(options['products_brand_idx']).to.deep.equal({ class_name: 'sai', target: 'brand', case_sensitive: 'false', normalize: 'true' });
    expect((await planSchema(connection, [Product], { keyspace: spec })).changes).to.deep.equal([]);
  });

  it('finds the planted nearest neighbours, exactly, in similarity order', async () => {
    const found = await repo.nearest('embedding', query, { limit: 5 });
    expect(ids(found)).to.deep.equal(ids(bruteForce(products, (p) => p.embedding, query, 5, cosine)));
    expect(ids(found).sort()).to.deep.equal([0, 1, 2, 3, 4]);
    expect(found[0]).to.be.instanceOf(Product);
    expect(found[0]!.tags).to.deep.equal(new Set(['t0']));
  });

  it('matches brute force beyond the planted ones (top 20 of 400)', async () => {
    const probe = randomVector(seeded(7), DIM);
    const found = await repo.nearest('embedding', probe, { limit: 20 });
    expect(ids(found)).to.deep.equal(ids(bruteForce(products, (p) => p.embedding, probe, 20, cosine)));
  });

  it('returns scores equal to each similarity function computed here, nearest first', async () => {
    const byId = new Map(products.map((p) => [p.id, p]));
    const cos = await repo.nearest('embedding', query, { limit: 10, score: true });
    for (const { entity, score } of cos) expect(score).to.be.closeTo(cosine(byId.get(entity.id)!.embedding, query), 1e-6);
    const q = unit(query);
    const dots = await repo.nearest('direction', q, { limit: 10, score: true });
    expect(ids(dots.map((d) => d.entity))).to.deep.equal(ids(bruteForce(products, (p) => p.direction, q, 10, dotProduct)));
    for (const { entity, score } of dots) expect(score).to.be.closeTo(dotProduct(byId.get(entity.id)!.direction, q), 1e-6);
    const eu = await repo.nearest('point', query, { limit: 10, score: true });
    expect(ids(eu.map((d) => d.entity))).to.deep.equal(ids(bruteForce(products, (p) => p.point, query, 10, euclidean)));
    for (const { entity, score } of eu) expect(score).to.be.closeTo(euclidean(byId.get(entity.id)!.point, query), 1e-6);
    for (const list of [cos, dots, eu]) for (let i = 1; i < list.length; i++) expect(list[i]!.score).to.be.at.most(list[i - 1]!.score);
    // A score by another function than the index's: euclidean next to the cosine ranking.
    const other = await repo.nearest('embedding', query, { limit: 3, score: 'euclidean' });
    for (const { entity, score } of other) expect(score).to.be.closeTo(euclidean(byId.get(entity.id)!.embedding, query), 1e-6);
  });

  it('combines ANN with a partition restriction', async () => {
    const probe = randomVector(seeded(11), DIM);
    const found = await repo.nearest('embedding', probe, { limit: 7, where: (q) => q.where('category', '=', 'c') });
    expect(found.every((p) => p.category === 'c')).to.equal(true);
    expect(ids(found)).to.deep.equal(ids(bruteForce(products.filter((p) => p.category === 'c'), (p) => p.embedding, probe, 7, cosine)));
  });

  it('combines ANN with a partition and a clustering range', async () => {
    const found = await repo.nearest('embedding', query, { limit: 3, where: (q) => q.where('category', '=', 'b').where('id', '>=', 3) });
    expect(ids(found)).to.deep.equal(ids(bruteForce(products.filter((p) => p.category === 'b' && p.id >= 3), (p) => p.embedding, query, 3, cosine)));
  });

  const filters: [string, (p: Product) => boolean, Parameters<typeof repo.nearest>[2]['where'] & object][] = [
    ['an SAI range', (p) => p.price < 30, (q) => q.where('price', '<', 30)],
    ['an SAI range and a partition', (p) => p.category === 'a' && p.price >= 50, (q) => q.where('category', '=', 'a').where('price', '>=', 50)],
    ['CONTAINS on an SAI-indexed set', (p) => p.tags!.has('t1'), (q) => q.where('tags', 'contains', 't1')],
    ['CONTAINS KEY on SAI-indexed map keys', (p) => p.attrs!.has('odd'), (q) => q.where('attrs', 'containsKey', 'odd')],
    ['a case-insensitive SAI text equality', (p) => p.brand === 'Acme', (q) => q.where('brand', '=', 'ACME')],
    ['two SAI filters', (p) => p.price < 60 && p.tags!.has('t2'), (q) => q.where('price', '<', 60).where('tags', 'contains', 't2')],
  ];
  for (const [name, keep, where] of filters) {
    it(`combines ANN with ${name}`, async () => {
      const probe = randomVector(seeded(name.length), DIM);
      const found = await repo.nearest('embedding', probe, { limit: 5, where });
      const expected = bruteForce(products.filter(keep), (p) => p.embedding, probe, 5, cosine);
      expect(expected).to.have.length(5);
      expect(ids(found)).to.deep.equal(ids(expected));
    });
  }

  it('shows why IN on an SAI column is refused: the node applies it after the search and returns too few rows', async () => {
    const prices = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const matching = products.filter((p) => prices.includes(p.price)).length;
    expect(matching).to.be.above(10);
    const rs = await admin.execute(
      `SELECT id FROM ${keyspace}.products WHERE price IN ? ORDER BY embedding ANN OF ? LIMIT 5 ALLOW FILTERING`,
      [prices, new (await import('cassandra-driver')).default.types.Vector(new Float32Array(randomVector(seeded(3), DIM)), 'float')],
      { prepare: true },
    );
    expect(rs.rows.length).to.be.below(5);
  });

  it('runs ANN through the builder and find(), with a similarity selector', async () => {
    const rows = await repo.find((q) => q.columns('id').aggregate({ s: similarityEuclidean('point', query) }).orderByAnn('point', query).limit(3), { fetchSize: 1 });
    expect(rows.map((r) => r.id)).to.deep.equal(ids(bruteForce(products, (p) => p.point, query, 3, euclidean)));
    expect(rows[0]!.s).to.be.closeTo(euclidean(products[rows[0]!.id]!.point, query), 1e-6);
  });

  it('selects TTL and WRITETIME next to an ANN ordering, and page() returns the result as one page', async () => {
    const rows = await repo.find((q) => q.columns('id').aggregate({ w: writetime('price') }).orderByAnn('embedding', query).limit(2));
    expect(rows).to.have.length(2);
    expect(typeof rows[0]!.w).to.equal('bigint');
    const page = await repo.page(2, undefined, (q) => q.orderByAnn('embedding', query).limit(5));
    expect(page.rows).to.have.length(5);
    expect(page.nextPageToken).to.equal(undefined);
  });

  it('over-fetches candidates and keeps the limit', async () => {
    const found = await repo.nearest('embedding', query, { limit: 3, candidates: 30 });
    expect(ids(found)).to.deep.equal(ids(bruteForce(products, (p) => p.embedding, query, 3, cosine)));
  });

  it('runs on a connection whose default consistency is LOCAL_QUORUM, without the node\'s downgrade warning', async () => {
    const quorum = new Connection({ contactPoints: node.contactPoints, localDataCenter: node.localDataCenter, username: node.username, password: node.password, keyspace, queryDefaults: { consistency: 'LOCAL_QUORUM' } });
    try {
      const warnings: string[] = [];
      const found = await new Repository(quorum, Product).nearest('embedding', query, { limit: 5, onInfo: (i) => warnings.push(...i.warnings) });
      expect(ids(found).sort()).to.deep.equal([0, 1, 2, 3, 4]);
      expect(warnings).to.deep.equal([]);
    } finally {
      await quorum.close();
    }
  });

  describe('refusals, with nothing sent', () => {
    let sent: string[];
    let restore: () => void;
    beforeEach(() => {
      sent = [];
      const original = connection.execute.bind(connection);
      const c = connection as unknown as { execute: typeof connection.execute };
      c.execute = ((cql: string, ...rest: unknown[]) => (sent.push(cql), (original as (...a: unknown[]) => unknown)(cql, ...rest))) as typeof connection.execute;
      restore = () => delete (c as { execute?: unknown }).execute;
    });
    afterEach(() => restore());

    const cases: [string, () => Promise<unknown>, abstract new (...a: never[]) => Error, RegExp][] = [
      ['a vector of the wrong dimension', () => repo.nearest('embedding', [1, 2, 3], { limit: 3 }), InvalidValueError, /3 elements do not fit 8 dimensions/],
      ['a vector column without a vector index', () => repo.nearest('unindexed', query, { limit: 3 }), QueryBuildError, /unindexed has no SAI vector index/],
      ['a column that is not a vector', () => repo.nearest('note' as never, query, { limit: 3 }), QueryBuildError, /note is not a vector column/],
      ['a missing limit', () => repo.nearest('embedding', query, {} as never), QueryBuildError, /needs a limit between 1 and 1000/],
      ['a missing limit in the builder', () => repo.find((q) => q.orderByAnn('embedding', query)), QueryBuildError, /needs a LIMIT \(at most 1000\)/],
      ['a limit above 1000', () => repo.find((q) => q.orderByAnn('embedding', query).limit(1001)), QueryBuildError, /LIMIT 1001 is above 1000/],
      ['a filter on a column without an SAI index', () => repo.nearest('embedding', query, { limit: 3, where: (q) => q.where('note', '=', 'n1') }), QueryBuildError, /note = needs an SAI index on note/],
      ['IN on the partition key', () => repo.nearest('embedding', query, { limit: 3, where: (q) => q.where('category', 'in', ['a', 'b']) }), QueryBuildError, /IN on partition key column category/],
      ['an all-zero query vector under cosine', () => repo.nearest('embedding', new Array(DIM).fill(0), { limit: 3 }), QueryBuildError, /all-zero vector/],
      ['IN on an SAI column, which the node would apply after the search', () => repo.nearest('embedding', query, { limit: 5, where: (q) => q.where('price', 'in', [1, 2, 3]).allowFiltering() }), QueryBuildError, /IN on SAI-indexed column price is not supported with ANN OF/],
      ['writing an all-zero vector to the cosine-indexed column (the node would fail the write)',
        () => repo.insert(Object.assign(new Product(), { ...products[0]!, id: 9999, embedding: new Array(DIM).fill(0) })), InvalidValueError, /all-zero vector has no cosine similarity/],
      ['a QUORUM read', () => repo.nearest('embedding', query, { limit: 3, consistency: 'QUORUM' }), QueryBuildError, /consistency QUORUM is not supported/],
    ];
    for (const [name, call, type, message] of cases) {
      it(`refuses ${name}`, async () => {
        const error = await call().then(() => undefined, (e: unknown) => e);
        expect(error).to.be.instanceOf(type);
        expect((error as Error).message).to.match(message);
        expect(sent).to.deep.equal([]);
      });
    }
  });

  it('plans a changed similarity function as a destructive recreate, and applies it when allowed', async function () {
    this.timeout(120_000);
    const plan = await planSchema(connection, [ProductByEuclid], { keyspace: spec });
    expect(plan.changes.map((c) => [c.kind, c.destructive, c.description])).to.deep.equal([
      ['recreate-index', true, `recreate index ${keyspace}.products_embedding_idx on products (embedding): options similarity_function COSINE → EUCLIDEAN`],
    ]);
    await syncSchema(connection, [ProductByEuclid], { keyspace: spec, allowDestructive: true });
    const [row] = (await admin.execute("SELECT options FROM system_schema.indexes WHERE keyspace_name = ? AND table_name = 'products' AND index_name = 'products_embedding_idx'", [keyspace])).rows;
    expect(row?.['options']).to.deep.equal({ class_name: 'sai', target: 'embedding', similarity_function: 'EUCLIDEAN' });
    const byEuclid = new Repository(connection, ProductByEuclid);
    const found = await byEuclid.nearest('embedding', query, { limit: 5, score: true });
    expect(found.map((f) => f.entity.id)).to.deep.equal(ids(bruteForce(products, (p) => p.embedding, query, 5, euclidean)));
  });
});
