// The plain INSERT binder: the generated function and the loop that stands in without code generation
// bind the same values, in the builder's order and encoding, and throw the builder's errors.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { insertBinder } from '../../../src/repository/insert-binder.js';
import { insertInto } from '../../../src/query/insert-query.js';
import { encodeParams } from '../../../src/mapping/codec.js';
import { QueryBuildError } from '../../../src/errors.js';
import { Repository } from '../../../src/repository/repository.js';
import type { Connection } from '../../../src/connection/connection.js';
import { entity, eventMeta, pageViewsMeta, t, type Event } from '../query/fixtures.js';
import { thrown } from '../../support/thrown.js';
import { EXECUTE_MAP } from '../../../src/connection/internals.js';

const U = '11111111-1111-1111-1111-111111111111';
// A version 1 (time-based) UUID for the timeuuid column.
const T = '22222222-2222-1222-8222-222222222222';
const key = { userId: U, day: 1, at: T, seq: 2 };
const target = insertInto(eventMeta).node.target;


describe('insertBinder', () => {
  const rows: [string, Record<string, unknown>][] = [
    ['key columns only (the rest unset)', { ...key }],
    ['collections to encode, null and undefined', { ...key, kind: 'k', body: null, score: undefined, labels: new Set(['a', 'b']), counts: new Map([['x', 1]]), tags: ['t'] }],
    ['a class instance with extra properties', Object.assign(new (class Row { extra = 1; })(), key, { kind: 'c' }) as unknown as Record<string, unknown>],
  ];
  for (const [name, values] of rows) {
    it(`${name}: generated and loop binders give what compile() and encodeParams give`, () => {
      const compiled = insertInto(eventMeta).values(values as Partial<Event>).compile();
      const expected = encodeParams(compiled.params, compiled.paramTypes, 'map');
      for (const generate of [true, false]) {
        const binder = insertBinder(target, 'map', generate)!;
        expect(binder.cql).to.equal(compiled.cql);
        expect(binder.bind(values)).to.deep.equal(expected);
      }
    });
  }

  it('the object map mode encodes as compile() with that mode', () => {
    const values = { ...key, labels: new Set(['a']), counts: new Map([['x', 1]]) };
    const compiled = insertInto(eventMeta).values(values).compile();
    for (const generate of [true, false]) {
      expect(insertBinder(target, 'object', generate)!.bind(values)).to.deep.equal(encodeParams(compiled.params, compiled.paramTypes, 'object'));
    }
  });

  it('missing key properties throw the builder\'s QueryBuildError, naming them', () => {
    const partial = { userId: U, at: T, day: null };
    const builder = thrown(() => insertInto(eventMeta).values(partial as never).compile());
    for (const generate of [true, false]) {
      const error = thrown(() => insertBinder(target, 'map', generate)!.bind(partial));
      expect(error).to.be.instanceOf(QueryBuildError);
      expect(error.message).to.equal(builder.message).and.match(/missing day, seq/);
    }
  });

  it('reads property names that are not identifiers as they are (quoted, never run as code)', () => {
    const odd = ['it\'s "odd"', 'a\\b', '}); throw 1; ({'];
    const meta = entity(class Odd {}, 'odd', [
      { property: 'id', type: t.n('int'), kind: 'partition' },
      ...odd.map((property, i) => ({ property, name: `c${i}`, type: t.n('text') })),
    ]);
    const values = { id: 1, [odd[0]!]: 'x', [odd[1]!]: 'y', [odd[2]!]: 'z' };
    for (const generate of [true, false]) {
      expect(insertBinder(insertInto(meta).node.target, 'map', generate)!.bind(values)).to.deep.equal([1, 'x', 'y', 'z']);
    }
  });

  it('binds the same values where code generation is disabled (--disallow-code-generation-from-strings)', () => {
    const binder = fileURLToPath(new URL('../../../src/repository/insert-binder.js', import.meta.url));
    const query = fileURLToPath(new URL('../../../src/query/insert-query.js', import.meta.url));
    const fixtures = fileURLToPath(new URL('../query/fixtures.js', import.meta.url));
    const script = `const b = await import(${JSON.stringify(binder)}); const q = await import(${JSON.stringify(query)}); const f = await import(${JSON.stringify(fixtures)});
      const values = { userId: ${JSON.stringify(U)}, day: 1, at: ${JSON.stringify(T)}, seq: 2, kind: 'k', labels: new Set(['a']) };
      const bound = b.insertBinder(q.insertInto(f.eventMeta).node.target, 'map').bind(values);
      let error; try { b.insertBinder(q.insertInto(f.eventMeta).node.target, 'map').bind({ userId: 'u' }); } catch (e) { error = e.message; }
      console.log(JSON.stringify({ bound, error }));`;
    const run = spawnSync(process.execPath, ['--disallow-code-generation-from-strings', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run.stderr).to.equal('');
    const values = { ...key, kind: 'k', labels: new Set(['a']) };
    const expected = insertBinder(target, 'map')!.bind(values);
    const error = thrown(() => insertBinder(target, 'map')!.bind({ userId: 'u' })).message;
    // JSON drops undefined array entries to null: compare both through JSON.
    expect(JSON.parse(run.stdout)).to.deep.equal(JSON.parse(JSON.stringify({ bound: expected, error })));
  });

  it('a counter table has no binder (the general path refuses the INSERT)', () => {
    expect(insertBinder(insertInto(pageViewsMeta).node.target, 'map')).to.equal(undefined);
  });

  it('a repository insert with a missing key, or into a counter table, rejects with nothing sent', async () => {
    const calls: unknown[] = [];
    const connection = {
      client: { options: { encoding: { map: Map, set: Set } } },
      settings: { queryDefaults: {} },
      [EXECUTE_MAP]: (...args: unknown[]) => (calls.push(args), Promise.resolve({ rows: [], info: {} })),
    } as unknown as Connection;
    const events = new Repository<Event>(connection, eventMeta);
    expect(await events.insert({ userId: U } as Event).catch((e: unknown) => e)).to.be.instanceOf(QueryBuildError).with.property('message').that.matches(/missing day, at, seq/);
    expect(await events.save({ userId: U } as Event).catch((e: unknown) => e)).to.be.instanceOf(QueryBuildError);
    const views = new Repository(connection, pageViewsMeta);
    expect(await views.insert({ page: 'p' } as never).catch((e: unknown) => e)).to.be.instanceOf(QueryBuildError).with.property('message').that.matches(/counter tables cannot be INSERTed/);
    expect(calls).to.deep.equal([]);
  });
});
