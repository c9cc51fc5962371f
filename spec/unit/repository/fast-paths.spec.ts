// The repository's write fast paths (direct INSERT compile, reused UPDATE base, recent UPDATE shapes,
// batch inserts without a closure per row) against the generic immutable builders: the same CQL,
// parameters, types and idempotency reach the driver, and the same errors are thrown.
import { expect } from 'chai';
import type { Connection } from '../../../src/connection/connection.js';
import { Repository } from '../../../src/repository/repository.js';
import { Batch, batch } from '../../../src/repository/batch.js';
import { compileInsert, compileUpdateWith, prepareUpdateWith, type WriteContext } from '../../../src/repository/write-preparation.js';
import { insertInto } from '../../../src/query/insert-query.js';
import { update, type UpdateQuery } from '../../../src/query/update-query.js';
import { compileBatch } from '../../../src/query/batch-query.js';
import type { CompiledQuery } from '../../../src/query/compiled-query.js';
import { encodeParams } from '../../../src/mapping/codec.js';
import { QueryBuildError } from '../../../src/errors.js';
import { eventMeta, pageViewsMeta, userMeta, type Event, type PageViews } from '../query/fixtures.js';
import { BATCH_MAP, EXECUTE_MAP } from '../../../src/connection/internals.js';

interface Call {
  cql: string;
  params: unknown[];
  options: Record<string, unknown>;
}

function recorder(): { connection: Connection; calls: Call[]; batches: { queries: { query: string; params: unknown[] }[]; options: Record<string, unknown> }[] } {
  const calls: Call[] = [];
  const batches: { queries: { query: string; params: unknown[] }[]; options: Record<string, unknown> }[] = [];
  const connection = {
    client: {
      options: { encoding: { map: Map, set: Set } },
      async batch(queries: { query: string; params: unknown[] }[], options: Record<string, unknown>) {
        batches.push({ queries, options });
        return { rows: [], columns: [], info: {} };
      },
    },
    settings: { queryDefaults: {} },
    async connect() {},
    async execute(cql: string, params: unknown[], options: Record<string, unknown>) {
      calls.push({ cql, params, options });
      return { rows: [], columns: [], info: {}, pageState: null };
    },
    // What connection[EXECUTE_MAP] and [BATCH_MAP] do, over this stub's execute() and client.batch().
    [EXECUTE_MAP](cql: string, params: unknown[], options: Record<string, unknown>, map: (rs: unknown) => unknown) {
      return (this as unknown as { execute: (...a: unknown[]) => Promise<unknown> }).execute(cql, params, options).then(map);
    },
    [BATCH_MAP](queries: { query: string; params: unknown[] }[], _cql: () => string, options: Record<string, unknown>, map: (rs: unknown) => unknown) {
      return (this as unknown as { client: { batch: (...a: unknown[]) => Promise<unknown> } }).client.batch(queries, options).then(map);
    },
  } as unknown as Connection;
  return { connection, calls, batches };
}

const U = '11111111-1111-1111-1111-111111111111';
// A version 1 (time-based) UUID for the timeuuid column.
const T = '22222222-2222-1222-8222-222222222222';
const key = { userId: U, day: 1, at: T, seq: 2 };

/** What the driver receives for a compiled statement on the generic path. */
function sent(c: CompiledQuery): { cql: string; params: unknown[]; isIdempotent: boolean } {
  return { cql: c.cql, params: encodeParams(c.params, c.paramTypes, 'map'), isIdempotent: c.idempotent };
}

function plain(call: Call): { cql: string; params: unknown[]; isIdempotent: boolean } {
  return { cql: call.cql, params: call.params, isIdempotent: call.options['isIdempotent'] as boolean };
}

describe('repository fast paths (identity with the builders)', () => {
  const inserts: [string, Partial<Event>, { ifNotExists?: boolean; ttl?: number; timestamp?: bigint | number }][] = [
    ['a plain INSERT', { ...key, kind: 'k', labels: new Set(['a']) }, {}],
    ['INSERT IF NOT EXISTS', { ...key, body: null }, { ifNotExists: true }],
    ['INSERT USING TTL', { ...key, counts: new Map([['a', 1]]) }, { ttl: 60 }],
    ['INSERT USING TTL AND TIMESTAMP', { ...key, score: 3 }, { ttl: 0, timestamp: 1234 }],
    ['INSERT IF NOT EXISTS USING TIMESTAMP', { ...key }, { ifNotExists: true, timestamp: 99n }],
  ];
  for (const [name, entity, spec] of inserts) {
    it(`${name}: repository.insert sends what insertInto(...).values(...).compile() gives`, async () => {
      let q = insertInto(eventMeta).values(entity);
      if (spec.ifNotExists === true) q = q.ifNotExists();
      if (spec.ttl !== undefined) q = q.ttl(spec.ttl);
      if (spec.timestamp !== undefined) q = q.timestamp(spec.timestamp);
      const generic = q.compile();
      const ctx: WriteContext<Event> = { meta: eventMeta, keyspace: eventMeta.keyspace, validate: true };
      const direct = compileInsert(ctx, entity as Event, spec);
      expect(direct).to.deep.equal(generic);
      expect(Object.isFrozen(direct)).to.equal(true);
      const { connection, calls } = recorder();
      await new Repository<Event>(connection, eventMeta).insert(entity as Event, spec);
      expect(plain(calls[0]!)).to.deep.equal(sent(generic));
    });
  }

  it('insert() and patch() encode in arrays of their own: the entity and the values given keep their Sets and Maps', async () => {
    const { connection, calls } = recorder();
    const repo = new Repository<Event>(connection, eventMeta);
    const labels = new Set(['a']);
    const counts = new Map([['c', 1]]);
    const entity = { ...key, labels, counts } as Event;
    // Twice each: the second call takes the cached encoders, the first the per-type lookup.
    for (let i = 0; i < 2; i++) {
      await repo.insert(entity);
      expect(entity.labels).to.equal(labels);
      expect(entity.counts).to.equal(counts);
      expect(labels).to.be.instanceOf(Set);
      const values = { labels: new Set(['b']), tags: ['t'] };
      await repo.patch(key, values);
      expect(values.labels).to.be.instanceOf(Set);
      expect(values.tags).to.deep.equal(['t']);
    }
    expect(calls).to.have.length(4);
    for (const call of [calls[0]!, calls[2]!]) {
      expect(call.params).to.deep.include(['a']); // the Set, as the driver takes it
      expect(call.params).to.deep.include(counts);
    }
    for (const call of [calls[1]!, calls[3]!]) expect(call.params).to.deep.include(['b']);
  });

  it('INSERT errors are the builder\'s: missing key columns, a bad TTL, counter tables', () => {
    const ctx: WriteContext<Event> = { meta: eventMeta, keyspace: 'app', validate: true };
    const viaBuilder = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        expect(e).to.be.instanceOf(QueryBuildError);
        return (e as Error).message;
      }
      throw new Error('no error');
    };
    const partial = { userId: U, at: T } as Event;
    expect(viaBuilder(() => compileInsert(ctx, partial))).to.equal(viaBuilder(() => insertInto(eventMeta).values(partial).compile()));
    expect(viaBuilder(() => compileInsert(ctx, partial))).to.match(/missing day, seq/);
    expect(viaBuilder(() => compileInsert(ctx, key as Event, { ttl: -1 }))).to.equal(viaBuilder(() => insertInto(eventMeta).values(key).ttl(-1)));
    const vctx: WriteContext<PageViews> = { meta: pageViewsMeta, keyspace: undefined, validate: true };
    expect(viaBuilder(() => compileInsert(vctx, { page: 'p' } as PageViews))).to.match(/counter tables cannot be INSERTed/);
  });

  const updates: [string, (u: UpdateQuery<Event>) => UpdateQuery<Event>, { ifExists?: boolean; if?: Partial<Event>; ttl?: number; timestamp?: number }][] = [
    ['one column', (u) => u.set('kind', 'x'), {}],
    ['two columns, TTL', (u) => u.set('kind', 'x').set('score', 4), { ttl: 30 }],
    ['an append (not idempotent)', (u) => u.append('tags', ['t']), {}],
    ['IF EXISTS', (u) => u.set('body', null), { ifExists: true }],
    ['IF conditions and TIMESTAMP', (u) => u.setElement('counts', 'c', 2), { if: { kind: 'old' }, timestamp: 7 }],
  ];
  for (const [name, build, spec] of updates) {
    it(`UPDATE of ${name}: repeated repository calls send what a fresh builder compiles`, async () => {
      let q = build(update(eventMeta).key(key));
      if (spec.ttl !== undefined) q = q.ttl(spec.ttl);
      if (spec.ifExists === true) q = q.ifExists();
      for (const [p, v] of Object.entries(spec.if ?? {})) q = q.if(p as never, '=', v as never);
      if (spec.timestamp !== undefined) q = q.timestamp(spec.timestamp);
      const generic = q.compile();
      const { connection, calls } = recorder();
      const events = new Repository<Event>(connection, eventMeta);
      await events.update(key, build, spec);
      await events.update(key, build, spec);
      expect(plain(calls[0]!)).to.deep.equal(sent(generic));
      expect(plain(calls[1]!)).to.deep.equal(sent(generic));
      const ctx: WriteContext<Event> = { meta: eventMeta, keyspace: 'app', validate: true };
      const viaPrep = await prepareUpdateWith(ctx, key, build, spec);
      expect(viaPrep).to.deep.equal(generic);
    });
  }

  const patches: [string, Partial<Event>, { ifExists?: boolean; if?: Partial<Event>; ttl?: number; timestamp?: number }][] = [
    ['one column', { kind: 'x' }, {}],
    ['two columns, null deletes, undefined left out', { kind: 'x', body: null, score: undefined }, {}],
    ['collections (encoded like the builder)', { labels: new Set(['a']), counts: new Map([['c', 1]]), tags: [] }, {}],
    ['TTL, IF EXISTS and TIMESTAMP (the builder path)', { score: 3 }, { ttl: 30, ifExists: true, timestamp: 7 }],
  ];
  for (const [name, values, spec] of patches) {
    it(`patch() of ${name}: repeated calls send what update(key, q => q.set(...)) sends`, async () => {
      const build = (u: UpdateQuery<Event>): UpdateQuery<Event> =>
        Object.entries(values).reduce((q, [p, v]) => (v === undefined ? q : q.set(p as never, v as never)), u);
      const viaUpdate = recorder();
      await new Repository<Event>(viaUpdate.connection, eventMeta).update(key, build, spec);
      const { connection, calls } = recorder();
      const events = new Repository<Event>(connection, eventMeta);
      await events.patch(key, values, spec);
      await events.patch(key, { ...values }, spec);
      expect(calls).to.have.length(2);
      expect(plain(calls[0]!)).to.deep.equal(plain(viaUpdate.calls[0]!));
      expect(plain(calls[1]!)).to.deep.equal(plain(viaUpdate.calls[0]!));
    });
  }

  it('patch() tells property sets apart: same properties in another order, or another set, compile their own text', async () => {
    const { connection, calls } = recorder();
    const events = new Repository<Event>(connection, eventMeta);
    await events.patch(key, { kind: 'a', score: 1 });
    await events.patch(key, { score: 2, kind: 'b' });
    await events.patch(key, { kind: 'c' });
    await events.patch(key, { kind: 'd', score: 3 });
    expect(calls.map((c) => c.cql.replace(/ WHERE .*/, ''))).to.deep.equal([
      'UPDATE app.events SET kind = ?, score = ?',
      'UPDATE app.events SET score = ?, kind = ?',
      'UPDATE app.events SET kind = ?',
      'UPDATE app.events SET kind = ?, score = ?',
    ]);
    expect(calls.map((c) => c.params.slice(0, 2))).to.deep.equal([['a', 1], [2, 'b'], ['c', U], ['d', 3]]);
  });

  it('patch() errors are the builder\'s, as rejections, with nothing sent', async () => {
    const { connection, calls } = recorder();
    const events = new Repository<Event>(connection, eventMeta);
    const views = new Repository<PageViews>(connection, pageViewsMeta);
    const cases: [() => Promise<unknown>, RegExp][] = [
      [() => events.patch(key, {}), /at least one assignment/],
      [() => events.patch(key, { score: undefined }), /at least one assignment/],
      [() => events.patch({ ...key, seq: undefined } as never, { kind: 'x' }), /UPDATE needs the full primary key/],
      [() => events.patch(key, { day: 3 } as never), /primary key column day cannot be updated/],
      [() => events.patch(key, { nope: 1 } as never), /nope/],
      [() => views.patch({ page: 'p' }, { views: 1n } as never), /needs a non-counter column/],
    ];
    for (const [call, message] of cases) {
      const error = await call().then(() => undefined, (e: unknown) => e);
      expect(error, String(message)).to.be.instanceOf(QueryBuildError);
      expect((error as Error).message).to.match(message);
    }
    expect(calls).to.deep.equal([]);
  });

  it('what compile() returns is frozen; the unfrozen result a repository sends at once is equal to it', () => {
    const ctx: WriteContext<Event> = { meta: eventMeta, keyspace: 'app', validate: true };
    const build = (u: UpdateQuery<Event>): UpdateQuery<Event> => u.set('kind', 'x');
    for (let i = 0; i < 2; i++) {
      // Twice: the first call compiles the shape, the second finds it among the recent ones.
      const frozen = compileUpdateWith(ctx, key, build);
      const loose = compileUpdateWith(ctx, key, build, {}, false);
      expect(loose).to.deep.equal(frozen);
      expect([Object.isFrozen(frozen), Object.isFrozen(frozen.params)]).to.deep.equal([true, true]);
      expect(Object.isFrozen(loose)).to.equal(false);
      expect(Object.isFrozen(update(eventMeta).key(key).set('kind', 'x').compile())).to.equal(true);
    }
    const entity = { ...key, kind: 'k' } as Event;
    const ins = compileInsert(ctx, entity, {}, false);
    expect(ins).to.deep.equal(compileInsert(ctx, entity));
    expect([Object.isFrozen(compileInsert(ctx, entity)), Object.isFrozen(ins)]).to.deep.equal([true, false]);
    expect(Object.isFrozen(insertInto(eventMeta).values(entity).compile())).to.equal(true);
  });

  it('builder nodes are never changed by a later call: branches from one base stay independent', () => {
    const base = update(eventMeta).key(key);
    const where = base.node.where;
    const a = base.set('kind', 'a');
    const b = base.set('body', 'b').ifExists();
    expect(base.node.assignments).to.deep.equal([]);
    expect(base.node.where).to.equal(where);
    expect(where.map((r) => (r.kind === 'column' ? r.column.property : 'token'))).to.deep.equal(['userId', 'day', 'at', 'seq']);
    expect(a.compile().cql).to.equal('UPDATE app.events SET kind = ? WHERE user_id = ? AND day = ? AND at = ? AND seq = ?');
    expect(b.compile().cql).to.equal('UPDATE app.events SET body = ? WHERE user_id = ? AND day = ? AND at = ? AND seq = ? IF EXISTS');
    expect([a.node.ifExists, b.node.ifExists, base.node.ifExists]).to.deep.equal([false, true, false]);
  });

  it('a recent UPDATE shape is told apart from one with other columns, operators or a keyspace', () => {
    const a = update(eventMeta).key(key).set('kind', 'x').compile();
    const b = update(eventMeta).key(key).set('body', 'x').compile();
    const c = update(eventMeta).key({ ...key, seq: [1, 2] as never }).set('kind', 'x').compile();
    const d = update(eventMeta, 'other').key(key).set('kind', 'x').compile();
    const e = update(eventMeta).partition({ userId: U, day: 1 }).set('owner', 'o').compile();
    expect([a.cql, b.cql, c.cql, d.cql, e.cql]).to.deep.equal([
      'UPDATE app.events SET kind = ? WHERE user_id = ? AND day = ? AND at = ? AND seq = ?',
      'UPDATE app.events SET body = ? WHERE user_id = ? AND day = ? AND at = ? AND seq = ?',
      'UPDATE app.events SET kind = ? WHERE user_id = ? AND day = ? AND at = ? AND seq IN ?',
      'UPDATE other.events SET kind = ? WHERE user_id = ? AND day = ? AND at = ? AND seq = ?',
      'UPDATE app.events SET owner = ? WHERE user_id = ? AND day = ?',
    ]);
    expect(c.paramTypes[4]).to.deep.equal({ kind: 'list', element: { kind: 'native', name: 'int' }, frozen: false });
    // Counters are never idempotent, whichever cache answers.
    for (let i = 0; i < 2; i++) expect(update(pageViewsMeta).key({ page: 'p' }).increment('views').compile()).to.include({ idempotent: false, counter: true });
  });

  it('a batch of plain inserts sends the statements the builders compile, in order', async () => {
    const { connection, batches } = recorder();
    const events = new Repository<Event>(connection, eventMeta);
    const rows = [1, 2, 3].map((seq) => ({ ...key, seq, kind: `k${seq}` }) as Event);
    const b = rows.reduce((acc, e) => acc.insert(events, e), batch('logged'));
    const generic = compileBatch('logged', rows.map((e) => insertInto(eventMeta).values(e)));
    const compiled = await b.compile();
    expect(compiled.cql).to.equal(generic.cql);
    expect(compiled.params).to.deep.equal(generic.params);
    expect(compiled.paramTypes).to.deep.equal(generic.paramTypes);
    expect(compiled.idempotent).to.equal(true);
    await b.execute();
    expect(batches[0]!.queries).to.deep.equal(generic.statements.map((s) => ({ query: s.cql, params: encodeParams(s.params, s.paramTypes, 'map') })));
    expect(batches[0]!.options).to.include({ prepare: true, logged: true, isIdempotent: true });
  });

  it('a batch insert reads the entity when the batch runs, and a missing key fails the batch, not the add', async () => {
    const { connection, batches } = recorder();
    const users = new Repository(connection, userMeta);
    const row = { id: U, name: 'before' };
    const b = batch('unlogged').insert(users, row).insert(users, { name: 'no key' } as never);
    row.name = 'after';
    const error = await b.execute().catch((e: unknown) => e);
    expect(error).to.be.instanceOf(QueryBuildError);
    expect(batches).to.deep.equal([]);
    const ok = await batch('unlogged').insert(users, row).compile();
    expect(ok.statements[0]!.params).to.deep.equal([U, 'after', undefined, undefined]);
  });

  it('a plain-insert batch sends, per row, what compileInsert and encodeParams give (encoded values, across two tables)', async () => {
    const { connection, batches } = recorder();
    const events = new Repository<Event>(connection, eventMeta);
    const users = new Repository(connection, userMeta);
    const e1 = { ...key, seq: 1, kind: 'k', labels: new Set(['a', 'b']), counts: new Map([['x', 1]]), tags: ['t'] } as Event;
    const u1 = { id: U, name: 'n', age: 3 };
    await batch('unlogged').insert(events, e1).insert(users, u1).execute();
    const generic = [insertInto(eventMeta).values(e1).compile(), insertInto(userMeta).values(u1).compile()];
    expect(batches[0]!.queries).to.deep.equal(generic.map((c) => ({ query: c.cql, params: encodeParams(c.params, c.paramTypes, 'map') })));
    expect(batches[0]!.options).to.include({ prepare: true, logged: false, counter: false, isIdempotent: true });
  });

  it('a batch with insert options, or started from given steps, takes the general path and sends the same statements', async () => {
    const { connection, batches } = recorder();
    const events = new Repository<Event>(connection, eventMeta);
    const rows = [1, 2].map((seq) => ({ ...key, seq, kind: `k${seq}` }) as Event);
    await batch('logged').insert(events, rows[0]!).insert(events, rows[1]!, { ttl: 60 }).execute();
    const generic = [insertInto(eventMeta).values(rows[0]!).compile(), insertInto(eventMeta).values(rows[1]!).ttl(60).compile()];
    expect(batches[0]!.queries).to.deep.equal(generic.map((c) => ({ query: c.cql, params: encodeParams(c.params, c.paramTypes, 'map') })));
    const step = { connection, meta: eventMeta, repo: events as unknown as Repository<object>, entity: rows[0]!, spec: undefined };
    await new Batch('logged', [step]).insert(events, rows[1]!).execute();
    expect(batches[1]!.queries.map((q) => q.params[3])).to.deep.equal([1, 2]);
  });

  it('a counter batch of inserts is still refused with the general error, with nothing sent', async () => {
    const { connection, batches } = recorder();
    const events = new Repository<Event>(connection, eventMeta);
    const error = await batch('counter').insert(events, { ...key, kind: 'k' } as Event).execute().catch((e: unknown) => e);
    expect(error).to.be.instanceOf(QueryBuildError).with.property('message').that.contains('COUNTER batch can only contain counter updates');
    expect(batches).to.deep.equal([]);
  });

  it('a compiled batch prints its text on demand, and the same text every time', () => {
    const b = compileBatch('logged', [insertInto(userMeta).values({ id: U, name: 'A' })]);
    expect(b.cql).to.equal('BEGIN BATCH INSERT INTO users (id, name, email, age) VALUES (?, ?, ?, ?); APPLY BATCH');
    expect(b.cql).to.equal(b.cql);
    expect(b.params).to.equal(b.params);
    expect(b.params).to.deep.equal([U, 'A', undefined, undefined]);
    expect(b.paramTypes).to.deep.equal([{ kind: 'native', name: 'uuid' }, { kind: 'native', name: 'text' }, { kind: 'native', name: 'text' }, { kind: 'native', name: 'int' }]);
    expect(Object.isFrozen(b)).to.equal(true);
    expect(Object.isFrozen(b.params)).to.equal(true);
  });
});
