// ANN queries: the exact CQL and parameters of every form, and every Cassandra 5.0 rule refused before sending.
import { expect } from 'chai';
import { selectFrom, similarityCosine, similarityDotProduct, similarityEuclidean, count, ttl, writetime } from '../../../src/index.js';
import { QueryBuildError } from '../../../src/public/errors.js';
import { encodeParams } from '../../../src/mapping/codec.js';
import { InvalidValueError } from '../../../src/errors.js';
import { itemMeta, shardMeta } from './vector-fixtures.js';

const ALL = 'category, id, title, price, tags, attrs, note, legacy, embedding, unit, raw';
const V = [0.1, 0.2, 0.3];
const items = () => selectFrom(itemMeta);

describe('ANN queries (ORDER BY ... ANN OF)', () => {
  const cases: [string, () => { cql: string; params: readonly unknown[] }, string, unknown[]][] = [
    ['a whole-table search', () => items().orderByAnn('embedding', V).limit(10).compile(),
      `SELECT ${ALL} FROM app.items ORDER BY embedding ANN OF ? LIMIT ?`, [V, 10]],
    ['a projection', () => items().columns('id', 'title').orderByAnn('embedding', V).limit(5).compile(),
      'SELECT id, title FROM app.items ORDER BY embedding ANN OF ? LIMIT ?', [V, 5]],
    ['within one partition', () => items().where('category', '=', 'books').orderByAnn('embedding', V).limit(3).compile(),
      `SELECT ${ALL} FROM app.items WHERE category = ? ORDER BY embedding ANN OF ? LIMIT ?`, ['books', V, 3]],
    ['within a partition and a clustering range', () => items().where('category', '=', 'books').where('id', '>', 10).orderByAnn('embedding', V).limit(3).compile(),
      `SELECT ${ALL} FROM app.items WHERE category = ? AND id > ? ORDER BY embedding ANN OF ? LIMIT ?`, ['books', 10, V, 3]],
    ['a clustering IN inside a partition', () => items().where('category', '=', 'books').where('id', 'in', [1, 2]).orderByAnn('embedding', V).limit(3).compile(),
      `SELECT ${ALL} FROM app.items WHERE category = ? AND id IN ? ORDER BY embedding ANN OF ? LIMIT ?`, ['books', [1, 2], V, 3]],
    ['with an SAI equality filter', () => items().where('title', '=', 'dune').orderByAnn('embedding', V).limit(3).compile(),
      `SELECT ${ALL} FROM app.items WHERE title = ? ORDER BY embedding ANN OF ? LIMIT ?`, ['dune', V, 3]],
    ['with an SAI range filter', () => items().where('price', '>=', 10).where('price', '<', 20).orderByAnn('embedding', V).limit(3).compile(),
      `SELECT ${ALL} FROM app.items WHERE price >= ? AND price < ? ORDER BY embedding ANN OF ? LIMIT ?`, [10, 20, V, 3]],
    ['a partition and an SAI filter', () => items().where('category', '=', 'books').where('price', '<', 5).orderByAnn('embedding', V).limit(3).compile(),
      `SELECT ${ALL} FROM app.items WHERE category = ? AND price < ? ORDER BY embedding ANN OF ? LIMIT ?`, ['books', 5, V, 3]],
    ['CONTAINS on an SAI-indexed set', () => items().where('tags', 'contains', 'scifi').orderByAnn('embedding', V).limit(3).compile(),
      `SELECT ${ALL} FROM app.items WHERE tags CONTAINS ? ORDER BY embedding ANN OF ? LIMIT ?`, ['scifi', V, 3]],
    ['CONTAINS KEY on SAI-indexed map keys', () => items().where('attrs', 'containsKey', 'isbn').orderByAnn('embedding', V).limit(3).compile(),
      `SELECT ${ALL} FROM app.items WHERE attrs CONTAINS KEY ? ORDER BY embedding ANN OF ? LIMIT ?`, ['isbn', V, 3]],
    ['CONTAINS on SAI-indexed map values', () => items().where('attrs', 'contains', 'paperback').orderByAnn('embedding', V).limit(3).compile(),
      `SELECT ${ALL} FROM app.items WHERE attrs CONTAINS ? ORDER BY embedding ANN OF ? LIMIT ?`, ['paperback', V, 3]],
    ['a token range', () => items().whereToken('>', 0n).orderByAnn('embedding', V).limit(3).compile(),
      `SELECT ${ALL} FROM app.items WHERE token(category) > ? ORDER BY embedding ANN OF ? LIMIT ?`, [0n, V, 3]],
    ['the limit of 1000', () => items().orderByAnn('embedding', V).limit(1000).compile(),
      `SELECT ${ALL} FROM app.items ORDER BY embedding ANN OF ? LIMIT ?`, [V, 1000]],
    ['a Float32Array', () => items().columns('id').orderByAnn('unit', new Float32Array([1, 0, 0])).limit(2).compile(),
      'SELECT id FROM app.items ORDER BY unit ANN OF ? LIMIT ?', [new Float32Array([1, 0, 0]), 2]],
    ['a cosine score', () => items().columns('id').aggregate({ score: similarityCosine('embedding', V) }).orderByAnn('embedding', V).limit(4).compile(),
      'SELECT id, similarity_cosine(embedding, ?) AS score FROM app.items ORDER BY embedding ANN OF ? LIMIT ?', [V, V, 4]],
    ['every similarity function, bound before the WHERE', () => items().columns('id').where('category', '=', 'c')
      .aggregate({ c: similarityCosine('embedding', V), d: similarityDotProduct('unit', [1, 0, 0]), e: similarityEuclidean('raw', [2, 2, 2]) })
      .orderByAnn('unit', [1, 0, 0]).limit(4).compile(),
      'SELECT id, similarity_cosine(embedding, ?) AS c, similarity_dot_product(unit, ?) AS d, similarity_euclidean(raw, ?) AS e FROM app.items WHERE category = ? ORDER BY unit ANN OF ? LIMIT ?',
      [V, [1, 0, 0], [2, 2, 2], 'c', [1, 0, 0], 4]],
    ['a similarity selector without ANN', () => items().columns('id').where('category', '=', 'c').aggregate({ s: similarityEuclidean('raw', V) }).compile(),
      'SELECT id, similarity_euclidean(raw, ?) AS s FROM app.items WHERE category = ?', [V, 'c']],
    ['TTL and WRITETIME with ANN', () => items().columns('id').aggregate({ t: ttl('title'), w: writetime('title') }).orderByAnn('embedding', V).limit(2).compile(),
      'SELECT id, TTL(title) AS t, WRITETIME(title) AS w FROM app.items ORDER BY embedding ANN OF ? LIMIT ?', [V, 2]],
    ['a composite partition key in full', () => selectFrom(shardMeta).where('tenant', '=', 'a').where('bucket', '=', 1).orderByAnn('v', [1, 2]).limit(2).compile(),
      'SELECT tenant, bucket, id, v FROM app.shards WHERE tenant = ? AND bucket = ? ORDER BY v ANN OF ? LIMIT ?', ['a', 1, [1, 2], 2]],
  ];
  for (const [name, build, cql, params] of cases) {
    it(`compiles ${name}`, () => {
      const q = build();
      expect(q.cql).to.equal(cql);
      expect(q.params).to.deep.equal(params);
    });
  }

  it('binds the query vector as the column type, so the vector encoder checks it', () => {
    const q = items().orderByAnn('embedding', V).limit(3).compile();
    // `nonZero`: the column's index ranks by cosine, so the encoder refuses an all-zero vector for it too.
    expect(q.paramTypes[0]).to.deep.equal({ kind: 'vector', element: { kind: 'native', name: 'float' }, dimension: 3, nonZero: true });
    const [vector] = encodeParams(q.params, q.paramTypes, 'object', q.paramSlots) as [{ elements: number[] }];
    expect([...vector.elements].map((x) => Math.fround(x))).to.deep.equal(V.map((x) => Math.fround(x)));
  });

  it('refuses a vector of the wrong dimension when the statement is bound (InvalidValueError naming the column)', () => {
    const q = items().orderByAnn('embedding', [1, 2]).limit(3).compile();
    expect(() => encodeParams(q.params, q.paramTypes, 'object', q.paramSlots)).to.throw(InvalidValueError, /2 elements do not fit 3 dimensions/).with.property('message').that.matches(/embedding/);
  });

  it('refuses a non-number element when the statement is bound', () => {
    const q = items().orderByAnn('embedding', ['a', 1, 2] as unknown as number[]).limit(3).compile();
    expect(() => encodeParams(q.params, q.paramTypes, 'object', q.paramSlots)).to.throw(InvalidValueError, /float/);
  });

  const refusals: [string, () => unknown, RegExp][] = [
    ['a missing LIMIT', () => items().orderByAnn('embedding', V).compile(), /ANN query: ORDER BY embedding ANN OF needs a LIMIT \(at most 1000\)/],
    ['a LIMIT above 1000', () => items().orderByAnn('embedding', V).limit(1001).compile(), /LIMIT 1001 is above 1000/],
    ['a column without a vector index', () => items().orderByAnn('raw', V), /raw has no SAI vector index.*@VectorIndex\(\) on raw/],
    ['a column that is not a vector', () => items().orderByAnn('title' as never, V), /title is not a vector column/],
    ['PER PARTITION LIMIT', () => items().orderByAnn('embedding', V).perPartitionLimit(1).limit(3).compile(), /PER PARTITION LIMIT is not supported with ANN OF/],
    ['GROUP BY', () => items().where('category', '=', 'c').groupBy('category').orderByAnn('embedding', V).limit(3).compile(), /GROUP BY is not supported with ANN OF/],
    ['an aggregate', () => items().aggregate({ n: count() }).orderByAnn('embedding', V).limit(3).compile(), /aggregates \(COUNT\) are not supported with ANN OF/],
    ['DISTINCT', () => items().distinct().orderByAnn('embedding', V).limit(3).compile(), /SELECT DISTINCT is not supported with ANN OF/],
    ['another ORDER BY', () => items().where('category', '=', 'c').orderBy('id').orderByAnn('embedding', V).limit(3).compile(), /cannot be combined with another ORDER BY/],
    ['IN on the partition key', () => items().where('category', 'in', ['a', 'b']).orderByAnn('embedding', V).limit(3).compile(), /IN on partition key column category is not supported with ANN OF/],
    ['a partly restricted partition key', () => selectFrom(shardMeta).where('tenant', '=', 'a').orderByAnn('v', [1, 2]).limit(2).compile(), /partition key must be restricted in full \(missing bucket\)/],
    ['a clustering column without the partition', () => items().where('id', '=', 3).orderByAnn('embedding', V).limit(3).compile(), /id = needs an SAI index on id \(or restrict the whole partition key with =\)/],
    ['a filter on a column without an index', () => items().where('note', '=', 'x').orderByAnn('embedding', V).limit(3).compile(), /every column restricted with ANN OF must be SAI-indexed; note = needs an SAI index on note/],
    ['a filter on a non-SAI index, even with ALLOW FILTERING', () => items().where('legacy', '=', 1).orderByAnn('embedding', V).limit(3).allowFiltering().compile(), /legacy = needs an SAI index on legacy.*ALLOW FILTERING does not lift this rule/],
    ['IN on an SAI column', () => items().where('price', 'in', [1, 2]).orderByAnn('embedding', V).limit(3).compile(), /IN on SAI-indexed column price is not supported with ANN OF: Cassandra 5.0 applies it after the search/],
    ['IN on an SAI column with ALLOW FILTERING', () => items().where('price', 'in', [1, 2]).orderByAnn('embedding', V).limit(3).allowFiltering().compile(), /IN on SAI-indexed column price is not supported/],
    ['LIKE', () => items().where('title', 'like', 'a%').orderByAnn('embedding', V).limit(3).compile(), /LIKE on title needs a SASI \(or custom\) index on it; SAI in Cassandra 5.0 does not support LIKE/],
    ['a NaN element', () => items().orderByAnn('embedding', [NaN, 1, 1]), /element \[0\] is NaN; every element must be a finite number/],
    ['an all-zero vector under cosine', () => items().orderByAnn('embedding', [0, 0, 0]), /cosine similarity is undefined for an all-zero vector/],
    ['a null vector', () => items().orderByAnn('embedding', null as never), /ANN OF on embedding needs a vector, got null/],
    ['an all-zero cosine score vector', () => items().aggregate({ s: similarityCosine('embedding', [0, 0, 0]) }), /similarity_cosine\(\) on embedding: cosine similarity is undefined/],
    ['a similarity selector on a non-vector column', () => items().aggregate({ s: similarityCosine('title', V) }), /similarity_cosine\(\) needs a vector<float, n> column; title is not one/],
  ];
  for (const [name, build, message] of refusals) {
    it(`refuses ${name} with a QueryBuildError`, () => {
      expect(build).to.throw(QueryBuildError, message);
    });
  }

  it('accepts an all-zero vector when the index is not cosine', () => {
    expect(items().columns('id').orderByAnn('unit', [0, 0, 0]).limit(1).compile().cql).to.equal('SELECT id FROM app.items ORDER BY unit ANN OF ? LIMIT ?');
  });

  it('caches the text per shape: another vector and limit reuse it', () => {
    const a = items().orderByAnn('embedding', V).limit(3).compile();
    const b = items().orderByAnn('embedding', [3, 2, 1]).limit(7).compile();
    expect(b.cql).to.equal(a.cql);
    expect(b.params).to.deep.equal([[3, 2, 1], 7]);
  });
});
