// A statement shape is printed once per entity; later compiles of the same shape reuse the text and
// types and bind the new values in the same order.
import { expect } from 'chai';
import { selectFrom } from '../../../src/query/select-query.js';
import { update } from '../../../src/query/update-query.js';
import { deleteFrom } from '../../../src/query/delete-query.js';
import { QueryBuildError } from '../../../src/errors.js';
import { eventMeta } from './fixtures.js';

const key = (n: number) => ({ userId: `u${n}`, day: n, at: `t${n}`, seq: n });

describe('statement text cache', () => {
  const builds: [string, (n: number) => { compile(): { cql: string; params: readonly unknown[]; paramTypes: readonly unknown[] } }, (n: number) => unknown[]][] = [
    ['SELECT with token, IN, PER PARTITION LIMIT and LIMIT',
      (n) => selectFrom(eventMeta).whereToken('>', { userId: `u${n}`, day: n }).where('userId', 'in', [`a${n}`]).allowFiltering().perPartitionLimit(n).limit(n + 1),
      (n) => [`u${n}`, n, [`a${n}`], n, n + 1]],
    ['UPDATE with TTL, TIMESTAMP, element set, conditions',
      (n) => update(eventMeta).key(key(n)).ttl(n).timestamp(n * 10).set('kind', `k${n}`).setElement('counts', `c${n}`, n).if('body', '=', `b${n}`),
      (n) => [n, n * 10, `k${n}`, `c${n}`, n, `u${n}`, n, `t${n}`, n, `b${n}`]],
    ['DELETE of elements with TIMESTAMP and IF EXISTS',
      (n) => deleteFrom(eventMeta).key(key(n)).element('counts', `c${n}`).element('tags', n).timestamp(n).ifExists(),
      (n) => [`c${n}`, n, n, `u${n}`, n, `t${n}`, n]],
  ];
  for (const [name, build, expected] of builds) {
    it(`reuses the text of ${name}, binding new values in order`, () => {
      const first = build(1).compile();
      const second = build(2).compile();
      expect(second.cql).to.equal(first.cql);
      expect(second.paramTypes).to.equal(first.paramTypes);
      expect(first.params).to.deep.equal(expected(1));
      expect(second.params).to.deep.equal(expected(2));
    });
  }

  it('still refuses value-dependent errors on a cached shape (IN without an array)', () => {
    selectFrom(eventMeta).where('userId', 'in', ['a']).where('day', 'in', [1]).compile();
    expect(() => selectFrom(eventMeta).where('userId', 'in', ['a']).where('day', 'in', 1 as never).compile()).to.throw(QueryBuildError, /IN on day needs an array/);
  });

  it('keeps the kinds apart: an UPDATE without assignments after a DELETE of the same row is refused, never the DELETE', () => {
    const del = deleteFrom(eventMeta).key(key(7)).compile();
    expect(del.cql).to.match(/^DELETE FROM/);
    expect(() => update(eventMeta).key(key(7)).compile()).to.throw(QueryBuildError, /at least one assignment/);
    expect(() => update(eventMeta).key(key(8)).compile()).to.throw(QueryBuildError, /at least one assignment/);
  });

  it('still refuses an illegal shape every time (it is never cached)', () => {
    for (let i = 0; i < 2; i++) expect(() => selectFrom(eventMeta).where('userId', '=', 'u').compile()).to.throw(QueryBuildError, /partly restricted/);
  });
});
