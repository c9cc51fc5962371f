// The vector workload of the main bench: its seeded rows and queries are the same on every call (the
// seeding and each contender's process build them independently), each query's exact neighbours are
// the brute-force top 10, and the check of an answer accepts every library's row form of the right
// rows and catches short, duplicated, unseeded, altered, unordered and wrong answers.
import { expect } from 'chai';
import cassandra from 'cassandra-driver';
import type { Contender } from '../../bench/contenders/contender.js';
import { driverVector, SELECT_NEAREST } from '../../bench/data.js';
import { MIN_EXACT_HITS, NEAREST_LIMIT, nearestMismatch, VECTOR_DIMENSIONS, VECTOR_QUERIES, vectorSet } from '../../bench/vector-data.js';
import { FULL, replaySizes, seedPlan, SMOKE, vectorWorkload, WORKLOAD_NAMES, workloads } from '../../bench/workloads.js';
import { bruteForce, cosine } from '../../support/vectors.js';

const ROWS = SMOKE.vectorRows;
const set = vectorSet(ROWS);
const rowsOf = (ids: readonly number[], form: (v: readonly number[]) => unknown = (v) => [...v]): object[] =>
  ids.map((id) => ({ id, embedding: form(set.data[id]!) }));

describe('bench vector workload: data and check', () => {
  it('builds the same seeded rows and queries every time, of the table\'s dimensions', () => {
    const again = vectorSet(ROWS);
    expect(set.data).to.have.length(ROWS);
    expect(set.queries).to.have.length(VECTOR_QUERIES);
    for (const v of [...set.data, ...set.queries]) expect(v).to.have.length(VECTOR_DIMENSIONS);
    expect(set.data[0]!.every((x) => Math.fround(x) === x), 'float32 values, as the node stores them').to.equal(true);
    expect(new Set(set.data.map((v) => v.join())).size, 'distinct rows').to.equal(ROWS);
    expect(again.data).to.deep.equal(set.data);
    expect(again.queries).to.deep.equal(set.queries);
    expect(SELECT_NEAREST).to.equal(`SELECT id, embedding FROM items ORDER BY embedding ANN OF ? LIMIT ${NEAREST_LIMIT}`);
  });

  it('knows each query\'s exact nearest rows by cosine similarity, most similar first', () => {
    for (const q of [0, 7, VECTOR_QUERIES - 1]) {
      const ids = set.data.map((_, id) => id);
      const truth = bruteForce(ids, (id) => set.data[id]!, set.queries[q]!, NEAREST_LIMIT, cosine);
      expect(set.exact[q]).to.deep.equal(truth);
    }
  });

  it('accepts the exact answer as number[], Float32Array or the driver\'s types.Vector (raw, Mapper and express-cassandra rows)', () => {
    const exact = set.exact[3]!;
    expect(nearestMismatch(set, 3, rowsOf(exact))).to.equal(undefined);
    expect(nearestMismatch(set, 3, rowsOf(exact, (v) => Float32Array.from(v)))).to.equal(undefined);
    expect(nearestMismatch(set, 3, rowsOf(exact, (v) => driverVector(v)))).to.equal(undefined);
    expect(driverVector(set.queries[0]!)).to.be.instanceOf(cassandra.types.Vector);
  });

  it(`accepts an approximate answer with ${MIN_EXACT_HITS} of the exact rows, in order of similarity`, () => {
    const q = 5;
    const ranked = set.data.map((v, id) => ({ id, s: cosine(v, set.queries[q]!) })).sort((a, b) => b.s - a.s).map((x) => x.id);
    // The 1st to 7th nearest and the 11th to 13th: an ANN answer that missed three.
    const approximate = [...ranked.slice(0, MIN_EXACT_HITS), ...ranked.slice(NEAREST_LIMIT, NEAREST_LIMIT + 3)];
    expect(nearestMismatch(set, q, rowsOf(approximate))).to.equal(undefined);
    const tooFar = [...ranked.slice(0, MIN_EXACT_HITS - 1), ...ranked.slice(NEAREST_LIMIT, NEAREST_LIMIT + 4)];
    expect(nearestMismatch(set, q, rowsOf(tooFar))).to.match(/only 6 of the 10 rows are among the exact nearest/);
  });

  it('catches a short, duplicated, unseeded, altered or unordered answer, and rows the query did not look for', () => {
    const q = 11;
    const exact = [...set.exact[q]!];
    expect(nearestMismatch(set, q, rowsOf(exact.slice(0, 9)))).to.equal('expected 10 rows, got 9');
    expect(nearestMismatch(set, q, rowsOf([...exact.slice(0, 9), exact[0]!]))).to.match(/came back twice/);
    expect(nearestMismatch(set, q, [...rowsOf(exact.slice(0, 9)), { id: ROWS, embedding: [...set.data[0]!] }])).to.match(/not a seeded one/);
    const dropped = rowsOf(exact).map((r, i) => (i === 4 ? { id: (r as { id: number }).id } : r));
    expect(nearestMismatch(set, q, dropped)).to.match(/does not hold its seeded vector/);
    const altered = rowsOf(exact).map((r, i) => (i === 2 ? { ...r, embedding: set.data[exact[2]!]!.map((x) => x + 1) } : r));
    expect(nearestMismatch(set, q, altered)).to.match(/does not hold its seeded vector/);
    expect(nearestMismatch(set, q, rowsOf([...exact].reverse()))).to.match(/not in ANN order/);
    // The ten least similar rows, in order of similarity: a query that ignored the vector's direction.
    const ranked = set.data.map((v, id) => ({ id, s: cosine(v, set.queries[q]!) })).sort((a, b) => b.s - a.s).map((x) => x.id);
    expect(nearestMismatch(set, q, rowsOf(ranked.slice(-NEAREST_LIMIT)))).to.match(/only 0 of the 10 rows/);
  });

  it('refuses a vector set too small for a full answer', () => {
    expect(() => vectorSet(NEAREST_LIMIT - 1)).to.throw(/needs at least 10 rows, got 9/);
  });
});

describe('bench vector workload: the workload', () => {
  const answering = (answer: (vector: readonly number[]) => readonly object[]): Contender =>
    ({ nearest: (vector: readonly number[]) => Promise.resolve(answer(vector)) }) as unknown as Contender;

  it('is the last workload, seeded with its rows, recorded once per query vector, ten times the queries under --replay', () => {
    expect(WORKLOAD_NAMES[WORKLOAD_NAMES.length - 1]).to.equal('vector');
    expect(workloads(SMOKE, 32).map((w) => w.name)).to.deep.equal([...WORKLOAD_NAMES]);
    const w = vectorWorkload(FULL, 32);
    expect(w).to.include({ name: 'vector', ops: FULL.vectorOps, concurrency: 32, recordOps: VECTOR_QUERIES });
    expect(vectorWorkload(SMOKE, 32).recordOps).to.equal(Math.min(SMOKE.vectorOps, VECTOR_QUERIES));
    expect(w.describe).to.contain(`over 2,000 vector<float, ${VECTOR_DIMENSIONS}> rows`);
    expect(replaySizes(SMOKE).vectorOps).to.equal(SMOKE.vectorOps * 10);
    expect(replaySizes(SMOKE).vectorRows).to.equal(SMOKE.vectorRows);
    expect(seedPlan(FULL, 5).vectorRows).to.equal(FULL.vectorRows);
  });

  it('runs operation i as query i modulo the query vectors, and fails naming the query when the answer is wrong', async () => {
    const w = vectorWorkload(SMOKE, 4);
    const asked: (readonly number[])[] = [];
    const right = answering((v) => {
      asked.push(v);
      const q = set.queries.indexOf(v);
      return rowsOf(set.exact[q]!);
    });
    await w.run(right, 0, 0, 1);
    await w.run(right, 0, 0, VECTOR_QUERIES + 2);
    expect(asked).to.deep.equal([set.queries[1], set.queries[2]]);
    // Always the answer of query 0: right for query 0, wrong for a query whose neighbours are all others.
    const stale = answering(() => rowsOf(set.exact[0]!));
    await w.run(stale, 0, 0, 0);
    const other = set.exact.findIndex((ids) => ids.every((id) => !set.exact[0]!.includes(id)));
    expect(other).to.be.above(0);
    let error: unknown;
    await w.run(stale, 0, 0, other).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(Error);
    expect((error as Error).message).to.match(new RegExp(`^vector: query ${other}: `));
  });
});
