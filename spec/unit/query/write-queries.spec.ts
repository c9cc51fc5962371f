// INSERT, UPDATE, DELETE and BATCH: exact CQL, parameters, idempotency and LWT flags, and rule violations.
import { expect } from 'chai';
import { QueryBuildError } from '../../../src/errors.js';
import { insertInto } from '../../../src/query/insert-query.js';
import { update } from '../../../src/query/update-query.js';
import { deleteFrom } from '../../../src/query/delete-query.js';
import { compileBatch } from '../../../src/query/batch-query.js';
import { eventMeta, pageViewsMeta, userMeta, type User } from './fixtures.js';

const U = '11111111-1111-1111-1111-111111111111';
// A version 1 (time-based) UUID for the timeuuid column.
const T = '22222222-2222-1222-8222-222222222222';
const key = { userId: U, day: 1, at: T, seq: 2 };

describe('InsertQuery', () => {
  it('binds every column, leaving undefined ones unset (no tombstone) and null ones null', () => {
    const q = insertInto(userMeta).values({ id: U, name: 'Ann', email: null } as Partial<User>).compile();
    expect(q.cql).to.equal('INSERT INTO users (id, name, email, age) VALUES (?, ?, ?, ?)');
    expect(q.params).to.deep.equal([U, 'Ann', null, undefined]);
    expect(q).to.include({ kind: 'insert', idempotent: true, lwt: false });
  });

  it('adds IF NOT EXISTS (not idempotent, LWT) and USING TTL/TIMESTAMP as parameters', () => {
    const q = insertInto(userMeta).values({ id: U }).ifNotExists().ttl(60).timestamp(1700000000000000n).compile();
    expect(q.cql).to.equal('INSERT INTO users (id, name, email, age) VALUES (?, ?, ?, ?) IF NOT EXISTS USING TTL ? AND TIMESTAMP ?');
    expect(q.params).to.deep.equal([U, undefined, undefined, undefined, 60, 1700000000000000n]);
    expect(q).to.include({ idempotent: false, lwt: true });
  });

  it('builds the CQL text once per table and shape', () => {
    const a = insertInto(userMeta).values({ id: U }).timestamp(1).compile();
    const b = insertInto(userMeta).values({ id: 'x' }).timestamp(2).compile();
    expect(a.cql).to.equal('INSERT INTO users (id, name, email, age) VALUES (?, ?, ?, ?) USING TIMESTAMP ?');
    expect(a.cql).to.equal(b.cql);
  });

  it('refuses a missing key column, a counter table and a bad TTL', () => {
    expect(() => insertInto(eventMeta).values({ userId: U, day: 1 }).compile()).to.throw(QueryBuildError, /INSERT needs every primary key column \(missing at, seq\)/);
    expect(() => insertInto(pageViewsMeta).values({ page: 'p' }).compile()).to.throw(QueryBuildError, /counter tables cannot be INSERTed into/);
    expect(() => insertInto(userMeta).ttl(-1)).to.throw(QueryBuildError, /TTL must be 0..630720000 seconds, got -1/);
  });
});

describe('UpdateQuery', () => {
  const ev = () => update(eventMeta).key(key);
  const cases: [string, () => ReturnType<ReturnType<typeof ev>['compile']>, string, unknown[], boolean][] = [
    ['single columns (null deletes)', () => ev().set('kind', 'x').set('body', null).compile(),
      'UPDATE app.events SET kind = ?, body = ? WHERE user_id = ? AND day = ? AND at = ? AND seq = ?', ['x', null, U, 1, T, 2], true],
    ['list append and prepend', () => ev().append('tags', ['z']).prepend('tags', ['a']).compile(),
      'UPDATE app.events SET tags = tags + ?, tags = ? + tags WHERE user_id = ? AND day = ? AND at = ? AND seq = ?', [['z'], ['a'], U, 1, T, 2], false],
    ['list remove and element set', () => ev().remove('tags', ['q']).setElement('tags', 0, 'first').compile(),
      'UPDATE app.events SET tags = tags - ?, tags[?] = ? WHERE user_id = ? AND day = ? AND at = ? AND seq = ?', [['q'], 0, 'first', U, 1, T, 2], true],
    ['set add and remove', () => ev().add('labels', new Set(['a'])).remove('labels', new Set(['b'])).compile(),
      'UPDATE app.events SET labels = labels + ?, labels = labels - ? WHERE user_id = ? AND day = ? AND at = ? AND seq = ?', [new Set(['a']), new Set(['b']), U, 1, T, 2], true],
    ['map put, entry set and key removal', () => ev().add('counts', new Map([['a', 1]])).setElement('counts', 'b', 2).remove('counts', ['c']).compile(),
      'UPDATE app.events SET counts = counts + ?, counts[?] = ?, counts = counts - ? WHERE user_id = ? AND day = ? AND at = ? AND seq = ?', [new Map([['a', 1]]), 'b', 2, ['c'], U, 1, T, 2], true],
    ['TTL, TIMESTAMP and IF conditions', () => ev().set('kind', 'new').ttl(30).timestamp(5n).if('kind', '=', 'old').if('score', '>', 3).compile(),
      'UPDATE app.events USING TTL ? AND TIMESTAMP ? SET kind = ? WHERE user_id = ? AND day = ? AND at = ? AND seq = ? IF kind = ? AND score > ?', [30, 5n, 'new', U, 1, T, 2, 'old', 3], false],
    ['IF EXISTS', () => ev().set('kind', 'k').ifExists().compile(),
      'UPDATE app.events SET kind = ? WHERE user_id = ? AND day = ? AND at = ? AND seq = ? IF EXISTS', ['k', U, 1, T, 2], false],
    ['IN on a key column', () => update(userMeta).key({ id: [U, 'x'] as never }).set('age', 3).compile(), 'UPDATE users SET age = ? WHERE id IN ?', [3, [U, 'x']], true],
    ['counters', () => update(pageViewsMeta).key({ page: 'home' }).increment('views').decrement('clicks', 2).compile(),
      'UPDATE page_views SET views = views + ?, clicks = clicks - ? WHERE page = ?', [1n, 2, 'home'], false],
  ];
  for (const [name, build, cql, params, idempotent] of cases) {
    it(`compiles ${name}`, () => {
      const q = build();
      expect(q.cql).to.equal(cql);
      expect(q.params).to.deep.equal(params);
      expect(q.idempotent, 'idempotent').to.equal(idempotent);
    });
  }

  it('updates static columns by the partition key alone, and refuses regular columns that way', () => {
    const q = update(eventMeta).partition({ userId: U, day: 1 }).set('owner', 'me').compile();
    expect(q.cql).to.equal('UPDATE app.events SET owner = ? WHERE user_id = ? AND day = ?');
    expect(q.params).to.deep.equal(['me', U, 1]);
    expect(() => update(eventMeta).partition({ userId: U, day: 1 }).set('kind', 'x').compile()).to.throw(QueryBuildError, /UPDATE needs the full primary key \(missing clustering column at\)/);
  });

  it('flags LWT and counter statements', () => {
    expect(ev().set('kind', 'k').ifExists().compile()).to.include({ lwt: true, counter: false });
    expect(update(pageViewsMeta).key({ page: 'p' }).increment('views').compile()).to.include({ lwt: false, counter: true });
  });

  const rules: [string, () => unknown, RegExp][] = [
    ['no assignment', () => ev().compile(), /an UPDATE needs at least one assignment/],
    ['an incomplete key', () => update(eventMeta).key({ userId: U, day: 1 } as never), /the key is missing at, seq/],
    ['a key column assignment', () => ev().set('at' as never, 'x' as never), /primary key column at cannot be updated/],
    ['append to a set', () => ev().append('labels' as never, [] as never), /append\(\) needs a non-frozen list; labels is a set/],
    ['increment a non-counter', () => ev().increment('score' as never), /increment\(\) needs a counter column; score is int/],
    ['set a counter', () => update(pageViewsMeta).key({ page: 'p' }).set('views', 1n), /set\(\) needs a non-counter column/],
    ['TTL on a counter update', () => update(pageViewsMeta).key({ page: 'p' }).increment('views').ttl(5).compile(), /counter updates cannot have a TTL/],
    ['IF on a key column', () => ev().if('day' as never, '=', 1 as never), /IF conditions cannot test primary key column day/],
    ['IF EXISTS with IF conditions', () => ev().if('kind', '=', 'a').ifExists(), /IF EXISTS cannot be combined with IF conditions/],
    ['LWT with IN', () => update(userMeta).key({ id: [U] as never }).set('age', 1).ifExists().compile(), /cannot use IN on the key/],
  ];
  for (const [name, build, message] of rules) {
    it(`refuses ${name}`, () => {
      expect(build).to.throw(QueryBuildError, message);
    });
  }
});

describe('DeleteQuery', () => {
  const cases: [string, () => ReturnType<ReturnType<typeof deleteFrom>['compile']>, string, unknown[], boolean][] = [
    ['a row', () => deleteFrom(eventMeta).key(key).compile(), 'DELETE FROM app.events WHERE user_id = ? AND day = ? AND at = ? AND seq = ?', [U, 1, T, 2], true],
    ['a partition', () => deleteFrom(eventMeta).key({ userId: U, day: 1 }).compile(), 'DELETE FROM app.events WHERE user_id = ? AND day = ?', [U, 1], true],
    ['a clustering range', () => deleteFrom(eventMeta).key({ userId: U, day: 1 }).where('at', '>=', 'A').compile(), 'DELETE FROM app.events WHERE user_id = ? AND day = ? AND at >= ?', [U, 1, 'A'], true],
    ['columns and elements', () => deleteFrom(eventMeta).key(key).columns('kind', 'body').element('counts', 'k').compile(),
      'DELETE kind, body, counts[?] FROM app.events WHERE user_id = ? AND day = ? AND at = ? AND seq = ?', ['k', U, 1, T, 2], true],
    ['a list element by index (not idempotent)', () => deleteFrom(eventMeta).key(key).element('tags', 3).compile(),
      'DELETE tags[?] FROM app.events WHERE user_id = ? AND day = ? AND at = ? AND seq = ?', [3, U, 1, T, 2], false],
    ['with TIMESTAMP and IF EXISTS', () => deleteFrom(userMeta).key({ id: U }).timestamp(9n).ifExists().compile(), 'DELETE FROM users USING TIMESTAMP ? WHERE id = ? IF EXISTS', [9n, U], false],
    ['with IF conditions', () => deleteFrom(userMeta).key({ id: U }).if('age', '<', 18).compile(), 'DELETE FROM users WHERE id = ? IF age < ?', [U, 18], false],
  ];
  for (const [name, build, cql, params, idempotent] of cases) {
    it(`compiles ${name}`, () => {
      const q = build();
      expect(q.cql).to.equal(cql);
      expect(q.params).to.deep.equal(params);
      expect(q.idempotent).to.equal(idempotent);
    });
  }

  it('refuses a missing partition key, clustering gaps, and a conditional range delete', () => {
    expect(() => deleteFrom(eventMeta).key({ userId: U } as never).compile()).to.throw(QueryBuildError, /the key is missing day/);
    expect(() => deleteFrom(eventMeta).key({ userId: U, day: 1, seq: 2 }).compile()).to.throw(QueryBuildError, /clustering column seq is restricted but the preceding clustering column at/);
    expect(() => deleteFrom(eventMeta).key({ userId: U, day: 1 }).ifExists().compile()).to.throw(QueryBuildError, /a conditional DELETE \(IF \.\.\.\) needs the full primary key/);
    expect(() => deleteFrom(eventMeta).key(key).element('labels' as never, 1 as never)).to.throw(QueryBuildError, /element\(\) needs a non-frozen list or map; labels/);
  });
});

describe('compileBatch', () => {
  it('joins statements of several tables into one logged batch', () => {
    const b = compileBatch('logged', [insertInto(userMeta).values({ id: U, name: 'A' }), deleteFrom(eventMeta).key({ userId: U, day: 1 })]);
    expect(b.cql).to.equal('BEGIN BATCH INSERT INTO users (id, name, email, age) VALUES (?, ?, ?, ?); DELETE FROM app.events WHERE user_id = ? AND day = ?; APPLY BATCH');
    expect(b.params).to.deep.equal([U, 'A', undefined, undefined, U, 1]);
    expect(b).to.include({ idempotent: true, lwt: false, counter: false, type: 'logged' });
  });

  it('prints unlogged and counter batches; counters are not idempotent', () => {
    expect(compileBatch('unlogged', [insertInto(userMeta).values({ id: U })]).cql).to.match(/^BEGIN UNLOGGED BATCH /);
    const c = compileBatch('counter', [update(pageViewsMeta).key({ page: 'a' }).increment('views')]);
    expect(c.cql).to.equal('BEGIN COUNTER BATCH UPDATE page_views SET views = views + ? WHERE page = ?; APPLY BATCH');
    expect(c.idempotent).to.equal(false);
  });

  it('refuses counters outside a counter batch and other statements inside one', () => {
    expect(() => compileBatch('logged', [update(pageViewsMeta).key({ page: 'a' }).increment('views')])).to.throw(QueryBuildError, /counter updates need a counter batch/);
    expect(() => compileBatch('counter', [insertInto(userMeta).values({ id: U })])).to.throw(QueryBuildError, /a COUNTER batch can only contain counter updates/);
    expect(compileBatch('logged', []).cql).to.equal('BEGIN BATCH APPLY BATCH');
    expect(compileBatch('counter', []).statements).to.deep.equal([]);
  });
});
