// SELECT: exact CQL and parameters for every builder feature, and every key-shape rule violation.
import { expect } from 'chai';
import { QueryBuildError } from '../../../src/errors.js';
import { selectFrom } from '../../../src/query/select-query.js';
import { avg, count, max, min, sum, toTimestamp, ttl, writetime } from '../../../src/query/aggregates.js';
import { maxTimeuuid, minTimeuuid, now } from '../../../src/query/timeuuid.js';
import { eventMeta, userMeta } from './fixtures.js';

const U = '11111111-1111-1111-1111-111111111111';
// A version 1 (time-based) UUID for the timeuuid column.
const T = '22222222-2222-1222-8222-222222222222';
const events = () => selectFrom(eventMeta);
const ALL = 'user_id, day, at, seq, owner, kind, body, score, tags, labels, counts';

describe('SelectQuery', () => {
  const cases: [string, () => { cql: string; params: readonly unknown[] }, string, unknown[]][] = [
    ['a whole table', () => events().compile(), `SELECT ${ALL} FROM app.events`, []],
    ['a partition', () => events().where('userId', '=', U).where('day', '=', 3).compile(), `SELECT ${ALL} FROM app.events WHERE user_id = ? AND day = ?`, [U, 3]],
    ['a full key via whereKey', () => events().whereKey({ userId: U, day: 3, at: T, seq: 1 }).compile(), `SELECT ${ALL} FROM app.events WHERE user_id = ? AND day = ? AND at = ? AND seq = ?`, [U, 3, T, 1]],
    ['IN on the partition key', () => events().where('userId', '=', U).where('day', 'in', [1, 2]).compile(), `SELECT ${ALL} FROM app.events WHERE user_id = ? AND day IN ?`, [U, [1, 2]]],
    ['a clustering range', () => events().where('userId', '=', U).where('day', '=', 3).where('at', '>', 'A').where('at', '<=', 'B').compile(),
      `SELECT ${ALL} FROM app.events WHERE user_id = ? AND day = ? AND at > ? AND at <= ?`, [U, 3, 'A', 'B']],
    ['= then range on clustering', () => events().where('userId', '=', U).where('day', '=', 3).where('at', '=', 'A').where('seq', '>=', 5).compile(),
      `SELECT ${ALL} FROM app.events WHERE user_id = ? AND day = ? AND at = ? AND seq >= ?`, [U, 3, 'A', 5]],
    ['projection', () => events().columns('kind', 'at').where('userId', '=', U).where('day', '=', 1).compile(), 'SELECT kind, at FROM app.events WHERE user_id = ? AND day = ?', [U, 1]],
    ['ORDER BY reversed clustering order + LIMIT', () => events().where('userId', '=', U).where('day', '=', 1).orderBy('at', 'ASC').orderBy('seq', 'DESC').limit(10).compile(),
      `SELECT ${ALL} FROM app.events WHERE user_id = ? AND day = ? ORDER BY at ASC, seq DESC LIMIT ?`, [U, 1, 10]],
    ['PER PARTITION LIMIT', () => events().perPartitionLimit(2).limit(100).compile(), `SELECT ${ALL} FROM app.events PER PARTITION LIMIT ? LIMIT ?`, [2, 100]],
    ['DISTINCT', () => events().distinct().compile(), 'SELECT DISTINCT user_id, day, owner FROM app.events', []],
    ['DISTINCT partitions counted by their key columns', () => events().columns().distinct().aggregate({ count: count('userId'), count_1: count('day') }).compile(),
      'SELECT DISTINCT COUNT(user_id) AS count, COUNT(day) AS count_1 FROM app.events', []],
    ['token range by key values', () => events().whereToken('>', { userId: U, day: 1 }).compile(), `SELECT ${ALL} FROM app.events WHERE token(user_id, day) > token(?, ?)`, [U, 1]],
    ['token range by raw token', () => events().whereToken('>=', -9223372036854775808n).whereToken('<', 0n).compile(),
      `SELECT ${ALL} FROM app.events WHERE token(user_id, day) >= ? AND token(user_id, day) < ?`, [-9223372036854775808n, 0n]],
    ['CONTAINS on an indexed set', () => events().where('labels', 'contains', 'red').compile(), `SELECT ${ALL} FROM app.events WHERE labels CONTAINS ?`, ['red']],
    ['CONTAINS KEY on an indexed map', () => events().where('counts', 'containsKey', 'a').compile(), `SELECT ${ALL} FROM app.events WHERE counts CONTAINS KEY ?`, ['a']],
    ['LIKE on a SASI-indexed column', () => events().where('body', 'like', 'he%').compile(), `SELECT ${ALL} FROM app.events WHERE body LIKE ?`, ['he%']],
    ['a range on a SASI-indexed column', () => events().where('body', '>=', 'm').compile(), `SELECT ${ALL} FROM app.events WHERE body >= ?`, ['m']],
    ['= on an indexed regular column', () => events().where('score', '=', 7).compile(), `SELECT ${ALL} FROM app.events WHERE score = ?`, [7]],
    ['ALLOW FILTERING when asked', () => events().where('kind', '=', 'x').allowFiltering().compile(), `SELECT ${ALL} FROM app.events WHERE kind = ? ALLOW FILTERING`, ['x']],
    ['GROUP BY with aggregates', () => events().columns('userId', 'day').where('userId', '=', U).where('day', '=', 1).groupBy('userId', 'day', 'at').aggregate({ n: count(), top: max('score') }).compile(),
      'SELECT user_id, day, COUNT(*) AS n, MAX(score) AS top FROM app.events WHERE user_id = ? AND day = ? GROUP BY user_id, day, at', [U, 1]],
    ['every selector', () => selectFrom(userMeta).aggregate({ c: count('age'), lo: min('age'), hi: max('age'), s: sum('age'), a: avg('age') }).compile(),
      'SELECT COUNT(age) AS c, MIN(age) AS lo, MAX(age) AS hi, SUM(age) AS s, AVG(age) AS a FROM users', []],
    ['TTL and WRITETIME next to columns', () => selectFrom(userMeta).columns('id').where('id', '=', U).aggregate({ Left: ttl('name'), wrote: writetime('name') }).compile(),
      'SELECT id, TTL(name) AS "Left", WRITETIME(name) AS wrote FROM users WHERE id = ?', [U]],
    ['a keyspace override', () => selectFrom(userMeta, 'other').compile(), 'SELECT id, name, email, age FROM other.users', []],
  ];
  for (const [name, build, cql, params] of cases) {
    it(`compiles ${name}`, () => {
      const q = build();
      expect(q.cql).to.equal(cql);
      expect(q.params).to.deep.equal(params);
    });
  }

  it('is immutable: refining a query leaves the original unchanged', () => {
    const base = events().where('userId', '=', U).where('day', '=', 1);
    const limited = base.limit(5);
    expect(base.compile().cql).not.to.contain('LIMIT');
    expect(limited.compile().cql).to.match(/LIMIT \?$/);
    expect(base.node.limit).to.equal(undefined);
    expect(base.node.where).to.have.length(2);
    expect(limited.node.where).to.equal(base.node.where); // unchanged parts are shared, not copied
  });

  it('reports reads as idempotent and not LWT, with a type for every parameter', () => {
    const q = events().where('userId', '=', U).where('day', 'in', [1]).limit(3).compile();
    expect(q).to.include({ kind: 'select', idempotent: true, lwt: false });
    expect(q.paramTypes).to.deep.equal([{ kind: 'native', name: 'uuid' }, { kind: 'list', element: { kind: 'native', name: 'int' }, frozen: false }, { kind: 'native', name: 'int' }]);
  });

  describe('refuses what Cassandra would refuse, before sending', () => {
    const rules: [string, () => unknown, RegExp][] = [
      ['a partial partition key', () => events().where('userId', '=', U).compile(), /events: the partition key is only partly restricted \(missing day\)/],
      ['a range on a partition key column', () => events().where('userId', '=', U).where('day', '>' as never, 3 as never).compile(), /partition key column day can only be restricted with = or IN; use whereToken\(\)/],
      ['clustering restrictions out of order', () => events().where('userId', '=', U).where('day', '=', 1).where('seq', '=', 2).compile(),
        /clustering column seq is restricted but the preceding clustering column at is not restricted by = or IN/],
      ['a clustering restriction after a range', () => events().where('userId', '=', U).where('day', '=', 1).where('at', '>', 'A').where('seq', '=', 1).compile(),
        /clustering column seq cannot be restricted after the range restriction on at/],
      ['a clustering restriction without the partition key', () => events().where('at', '=', 'A').compile(), /the restriction on at needs the full partition key/],
      ['a non-indexed regular column without ALLOW FILTERING', () => events().where('kind', '=', 'x').compile(), /the restriction on kind is on a column that is not part of the primary key; add a secondary index on it or call allowFiltering\(\)/],
      ['CONTAINS KEY without a keys index', () => events().where('tags', 'contains', 'x').compile(), /the restriction on tags/],
      ['LIKE without a SASI index, even with ALLOW FILTERING', () => selectFrom(userMeta).where('name', 'like', 'a%').allowFiltering().compile(), /LIKE on name needs a SASI \(or custom\) index on it; SAI in Cassandra 5.0 does not support LIKE/],
      ['ORDER BY a non-clustering column', () => events().orderBy('kind' as never), /ORDER BY kind: only clustering columns can be ordered by/],
      ['ORDER BY without the partition key', () => events().orderBy('at', 'DESC').compile(), /ORDER BY needs every partition key column restricted/],
      ['ORDER BY skipping the first clustering column', () => events().where('userId', '=', U).where('day', '=', 1).orderBy('seq').compile(), /ORDER BY seq: order by clustering columns in their declared order \(at, seq\)/],
      ['ORDER BY mixing directions', () => events().where('userId', '=', U).where('day', '=', 1).orderBy('at', 'DESC').orderBy('seq', 'DESC').compile(), /directions must all follow the clustering order or all reverse it/],
      ['GROUP BY not on a key prefix', () => events().groupBy('day').compile(), /GROUP BY day: group by a prefix of the primary key/],
      ['DISTINCT on a regular column', () => events().columns('kind').distinct().compile(), /SELECT DISTINCT can only select partition key and static columns, not kind/],
      ['DISTINCT COUNT(*), which Cassandra refuses', () => events().columns().distinct().aggregate({ n: count() }).compile(), /SELECT DISTINCT must name every partition key column \(missing user_id, day\); COUNT\(\*\) cannot stand for them/],
      ['PER PARTITION LIMIT with DISTINCT', () => events().distinct().perPartitionLimit(1).compile(), /PER PARTITION LIMIT is not allowed with SELECT DISTINCT/],
      ['a range on a column with only a legacy (equality) index', () => events().where('score', '>', 3).compile(), /the restriction on score is on a column that is not part of the primary key/],
      ['an unknown property', () => events().where('nope' as never, '=', 1 as never), /'nope' is not a mapped column/],
      ['a zero LIMIT', () => events().limit(0), /LIMIT must be a positive integer, got 0/],
      ['TTL() of a key column', () => selectFrom(userMeta).aggregate({ x: ttl('id') }).compile(), /TTL\(\) cannot be applied to primary key column id/],
      ['IN without an array', () => selectFrom(userMeta).where('id', 'in', 'x' as never).compile(), /IN on id needs an array/],
    ];
    for (const [name, build, message] of rules) {
      it(name, () => {
        expect(build).to.throw(QueryBuildError, message);
      });
    }
  });

  it('allows a partial partition key when ALLOW FILTERING is asked for', () => {
    expect(events().where('userId', '=', U).allowFiltering().compile().cql).to.equal(`SELECT ${ALL} FROM app.events WHERE user_id = ? ALLOW FILTERING`);
  });
});

describe('timeuuid bounds and toTimestamp', () => {
  const U = '11111111-1111-1111-1111-111111111111';
  const from = new Date('2024-01-01T00:00:00Z');
  const to = new Date('2024-02-01T00:00:00Z');

  it('prints minTimeuuid(?), maxTimeuuid(?) and now() in ranges, binding the timestamps', () => {
    const q = selectFrom(eventMeta).where('userId', '=', U).where('day', '=', 1).where('at', '>=', minTimeuuid(from)).where('at', '<=', maxTimeuuid(to)).compile();
    expect(q.cql).to.equal(`SELECT ${ALL} FROM app.events WHERE user_id = ? AND day = ? AND at >= minTimeuuid(?) AND at <= maxTimeuuid(?)`);
    expect(q.params).to.deep.equal([U, 1, from, to]);
    expect(q.paramTypes.map((t) => (t as { name: string }).name)).to.deep.equal(['uuid', 'int', 'timestamp', 'timestamp']);
    const n = selectFrom(eventMeta).where('userId', '=', U).where('day', '=', 1).where('at', '<', now()).compile();
    expect(n.cql).to.equal(`SELECT ${ALL} FROM app.events WHERE user_id = ? AND day = ? AND at < now()`);
    expect(n.params).to.deep.equal([U, 1]);
  });

  it('keeps shapes with and without bounds apart (the text differs, so does the cache entry)', () => {
    const plain = selectFrom(eventMeta).where('userId', '=', U).where('day', '=', 1).where('at', '>', '22222222-2222-1222-8222-222222222222').compile();
    const bounded = selectFrom(eventMeta).where('userId', '=', U).where('day', '=', 1).where('at', '>', minTimeuuid(from)).compile();
    const again = selectFrom(eventMeta).where('userId', '=', U).where('day', '=', 1).where('at', '>', '22222222-2222-1222-8222-222222222223').compile();
    expect(plain.cql).to.match(/at > \?$/);
    expect(bounded.cql).to.match(/at > minTimeuuid\(\?\)$/);
    expect(again.cql).to.equal(plain.cql);
    expect(selectFrom(eventMeta).where('userId', '=', U).where('day', '=', 1).where('at', '>', maxTimeuuid(to)).compile().cql).to.match(/at > maxTimeuuid\(\?\)$/);
  });

  it('refuses a bound on a column that is not a timeuuid, and toTimestamp() of one that is neither timeuuid nor date', () => {
    expect(() => selectFrom(eventMeta).where('userId', '=', U).where('day', '=', 1).where('kind', '>', minTimeuuid(from) as never).allowFiltering().compile()).to.throw(QueryBuildError, /minTimeuuid\(\) can only bound a timeuuid column; kind is not one/);
    expect(() => selectFrom(eventMeta).columns('seq').aggregate({ t: toTimestamp('kind') }).compile()).to.throw(QueryBuildError, /toTimestamp\(\) needs a timeuuid or date column; kind is neither/);
    expect(selectFrom(eventMeta).columns('seq').where('userId', '=', U).where('day', '=', 1).aggregate({ t: toTimestamp('at') }).compile().cql).to.equal('SELECT seq, toTimestamp(at) AS t FROM app.events WHERE user_id = ? AND day = ?');
  });
});
