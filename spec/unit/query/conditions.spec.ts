// Lightweight-transaction conditions: one vocabulary for the builders and the options object, with
// the exact CQL and parameters each form compiles to, and the conditions refused before sending.
import { expect } from 'chai';
import { update } from '../../../src/query/update-query.js';
import { deleteFrom } from '../../../src/query/delete-query.js';
import { elementIs, fieldIs, is } from '../../../src/query/conditions.js';
import { QueryBuildError } from '../../../src/errors.js';
import { eventMeta, userMeta } from './fixtures.js';

const U = '11111111-1111-1111-1111-111111111111';
const T = '22222222-2222-1222-8222-222222222222';
const key = { userId: U, day: 1, at: T, seq: 2 };
const WHERE = 'WHERE user_id = ? AND day = ? AND at = ? AND seq = ?';

describe('LWT conditions', () => {
  it('compiles every operator, element and field condition in UPDATE and DELETE', () => {
    const cases: [string, () => { cql: string; params: readonly unknown[] }, string, unknown[]][] = [
      ['!= and >', () => update(eventMeta).key(key).set('kind', 'k').if('kind', '!=', 'x').if('score', '>', 3).compile(),
        `UPDATE app.events SET kind = ? ${WHERE} IF kind != ? AND score > ?`, ['k', U, 1, T, 2, 'x', 3]],
      ['IN', () => update(eventMeta).key(key).set('kind', 'k').if('score', 'in', [1, 2]).compile(),
        `UPDATE app.events SET kind = ? ${WHERE} IF score IN ?`, ['k', U, 1, T, 2, [1, 2]]],
      ['CONTAINS and CONTAINS KEY', () => update(eventMeta).key(key).set('kind', 'k').if('labels', 'contains', 'red').if('counts', 'containsKey', 'a').compile(),
        `UPDATE app.events SET kind = ? ${WHERE} IF labels CONTAINS ? AND counts CONTAINS KEY ?`, ['k', U, 1, T, 2, 'red', 'a']],
      ['a map entry and a list element', () => update(eventMeta).key(key).set('kind', 'k').ifElement('counts', 'a', '>=', 2).ifElement('tags', 0, '=', 'x').compile(),
        `UPDATE app.events SET kind = ? ${WHERE} IF counts[?] >= ? AND tags[?] = ?`, ['k', U, 1, T, 2, 'a', 2, 0, 'x']],
      ['DELETE with an element IN', () => deleteFrom(eventMeta).key(key).ifElement('counts', 'a', 'in', [1, 2]).compile(),
        `DELETE FROM app.events ${WHERE} IF counts[?] IN ?`, [U, 1, T, 2, 'a', [1, 2]]],
      ['DELETE with !=', () => deleteFrom(userMeta).key({ id: U }).if('age', '!=', null).compile(), 'DELETE FROM users WHERE id = ? IF age != ?', [U, null]],
    ];
    for (const [name, build, cql, params] of cases) {
      const q = build();
      expect(q.cql, name).to.equal(cql);
      expect(q.params, name).to.deep.equal(params);
    }
  });

  it('keeps an element condition and a whole-column condition apart in the text caches', () => {
    const element = update(eventMeta).key(key).set('kind', 'k').ifElement('counts', 'a', '=', 1).compile();
    const whole = update(eventMeta).key(key).set('kind', 'k').if('counts', '=', new Map([['a', 1]])).compile();
    const elementAgain = update(eventMeta).key(key).set('kind', 'k').ifElement('counts', 'b', '=', 2).compile();
    expect(element.cql).to.match(/IF counts\[\?\] = \?$/);
    expect(whole.cql).to.match(/IF counts = \?$/);
    expect(elementAgain.cql).to.equal(element.cql);
    expect(elementAgain.params.slice(-2)).to.deep.equal(['b', 2]);
  });

  it('builds the same conditions from the options vocabulary: is(), elementIs(), fieldIs(), several ANDed', () => {
    expect(is('>', 3)).to.deep.include({ op: '>', value: 3 });
    expect(elementIs('a', '=', 1)).to.deep.include({ op: '=', value: 1, element: 'a' });
    expect(fieldIs('zip', '=', 1)).to.deep.include({ op: '=', value: 1, field: 'zip' });
  });

  it('refuses conditions Cassandra would refuse, before anything is built', () => {
    const refused: [() => unknown, RegExp][] = [
      [() => update(eventMeta).key(key).set('kind', 'k').if('score', 'in', 3 as never), /IF score IN needs an array/],
      [() => update(eventMeta).key(key).set('kind', 'k').if('kind', 'contains', 'x' as never), /IF kind CONTAINS needs a collection column/],
      [() => update(eventMeta).key(key).set('kind', 'k').if('labels', 'containsKey', 'x' as never), /IF labels CONTAINS KEY needs a map column/],
      [() => update(eventMeta).key(key).set('kind', 'k').ifElement('labels', 'x', '=', 1), /IF labels\[\.\.\.\] needs a map or list column/],
      [() => update(eventMeta).key(key).set('kind', 'k').ifElement('counts', null, '=', 1), /needs a map key or list index, not null/],
      [() => update(eventMeta).key(key).set('kind', 'k').ifField('kind', 'zip', '=', 1), /kind is not a UDT column/],
      [() => update(eventMeta).key(key).set('kind', 'k').if('kind', 'like' as never, 'x'), /'like' is not a condition operator/],
      [() => update(eventMeta).key(key).set('kind', 'k').if('seq' as never, '=', 1 as never), /IF conditions cannot test primary key column seq/],
      [() => update(eventMeta).key(key).set('kind', 'k').ifExists().if('kind', '=', 'x'), /IF EXISTS cannot be combined with IF conditions/],
    ];
    for (const [build, message] of refused) expect(build).to.throw(QueryBuildError, message);
  });
});
