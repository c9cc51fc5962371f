// Repository over a recording stand-in Connection: what reaches the driver (CQL, encoded params,
// prepare, idempotency, options) and what never does (invalid entities, illegal shapes).
import { expect } from 'chai';
import { IsEmail } from 'class-validator';
import type { Connection } from '../../../src/connection/connection.js';
import { Repository } from '../../../src/repository/repository.js';
import { QueryBuildError, ValidationError } from '../../../src/errors.js';
import { entity, eventMeta, pageViewsMeta, t, userMeta, type Event, type PageViews, type User } from '../query/fixtures.js';
import { EXECUTE_MAP } from '../../../src/connection/internals.js';

interface Call {
  cql: string;
  params: unknown[];
  options: Record<string, unknown>;
}

function recorder(): { connection: Connection; calls: Call[] } {
  const calls: Call[] = [];
  const connection = {
    client: { options: { encoding: { map: Map, set: Set } } },
    settings: { queryDefaults: {} },
    async execute(cql: string, params: unknown[], options: Record<string, unknown>) {
      calls.push({ cql, params, options });
      return { rows: [], columns: [], info: {}, pageState: null };
    },
    // What connection[EXECUTE_MAP] does, over this stub's execute().
    [EXECUTE_MAP](cql: string, params: unknown[], options: Record<string, unknown>, map: (rs: unknown) => unknown) {
      return (this as unknown as { execute: (...a: unknown[]) => Promise<unknown> }).execute(cql, params, options).then(map);
    },
  } as unknown as Connection;
  return { connection, calls };
}

const U = '11111111-1111-1111-1111-111111111111';
// A version 1 (time-based) UUID for the timeuuid column.
const T = '22222222-2222-1222-8222-222222222222';
const key = { userId: U, day: 1, at: T, seq: 2 };

describe('Repository (unit)', () => {
  it('prepares every statement and passes idempotency computed from it', async () => {
    const { connection, calls } = recorder();
    const events = new Repository<Event>(connection, eventMeta);
    const views = new Repository<PageViews>(connection, pageViewsMeta);
    await events.insert({ ...key, kind: 'k' } as Event);
    await events.insert({ ...key } as Event, { ifNotExists: true });
    await events.update(key, (u) => u.set('kind', 'x'));
    await events.update(key, (u) => u.append('tags', ['x']));
    await views.update({ page: 'p' }, (u) => u.increment('views'));
    await events.delete(key);
    await events.findOne(key);
    expect(calls.map((c) => [c.options['prepare'], c.options['isIdempotent']])).to.deep.equal([
      [true, true], [true, false], [true, true], [true, false], [true, false], [true, true], [true, true],
    ]);
  });

  it('binds encoded values: Set → array, undefined stays unset, numbers → bigint for bigint columns', async () => {
    const { connection, calls } = recorder();
    const events = new Repository<Event>(connection, eventMeta);
    await events.insert({ ...key, labels: new Set(['a', 'b']) } as Event, { ttl: 60 });
    expect(calls[0]!.cql).to.equal('INSERT INTO app.events (user_id, day, at, seq, owner, kind, body, score, tags, labels, counts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) USING TTL ?');
    expect(calls[0]!.params).to.deep.equal([U, 1, T, 2, undefined, undefined, undefined, undefined, undefined, ['a', 'b'], undefined, 60]);
    const views = new Repository<PageViews>(connection, pageViewsMeta);
    await views.update({ page: 'p' }, (u) => u.increment('views', 3));
    expect(calls[1]!.params).to.deep.equal([3n, 'p']);
  });

  it('maps per-call options onto the driver call', async () => {
    const { connection, calls } = recorder();
    const users = new Repository<User>(connection, userMeta);
    await users.findOne({ id: U }, { consistency: 'localOne', timeout: 250, tracing: true, executionProfile: 'oltp', fetchSize: 7 });
    expect(calls[0]!.options).to.include({ prepare: true, isIdempotent: true, readTimeout: 250, traceQuery: true, executionProfile: 'oltp', fetchSize: 7, consistency: 10 });
    expect(calls[0]!.cql).to.equal('SELECT id, name, email, age FROM users WHERE id = ?');
  });

  it('sends nothing when validation fails or the query shape is illegal', async () => {
    class Contact {
      id!: number;
      email?: string;
    }
    IsEmail()(Contact.prototype, 'email');
    const meta = entity(Contact, 'contacts', [{ property: 'id', type: t.n('int'), kind: 'partition' }, { property: 'email', type: t.n('text') }]);
    const { connection, calls } = recorder();
    const contacts = new Repository<Contact>(connection, meta);
    const invalid = await contacts.insert(Object.assign(new Contact(), { id: 1, email: 'nope' })).catch((e: unknown) => e);
    expect(invalid).to.be.instanceOf(ValidationError);
    const illegal = await new Repository<Event>(connection, eventMeta).find((q) => q.where('userId', '=', U)).catch((e: unknown) => e);
    expect(illegal).to.be.instanceOf(QueryBuildError);
    expect(calls).to.deep.equal([]);
    await contacts.insert(Object.assign(new Contact(), { id: 1, email: 'a@b.co' }));
    expect(calls).to.have.length(1);
  });

  it('sends nothing for a key lookup with a null or undefined key value, naming the missing properties', async () => {
    const { connection, calls } = recorder();
    const events = new Repository<Event>(connection, eventMeta);
    const users = new Repository<User>(connection, userMeta);
    const one = await users.findOne({ id: null } as never).catch((e: unknown) => e);
    expect(one).to.be.instanceOf(QueryBuildError).with.property('message', 'users: the key is missing id (null and undefined are not key values).');
    const partition = await events.findPartition({ userId: U, day: undefined } as never).catch((e: unknown) => e);
    expect(partition).to.be.instanceOf(QueryBuildError).with.property('message', 'events: the key is missing day (null and undefined are not key values).');
    const exists = await events.exists({ userId: U, day: 1, at: null, seq: null } as never).catch((e: unknown) => e);
    expect(exists).to.be.instanceOf(QueryBuildError).with.property('message', 'events: the key is missing at, seq (null and undefined are not key values).');
    expect(calls).to.deep.equal([]);
  });

  it('reports LWT outcomes from the [applied] column, decoding the current values to properties', async () => {
    const { connection } = recorder();
    const events = new Repository<Event>(connection, eventMeta);
    (connection as unknown as { execute: unknown }).execute = async () => ({
      rows: [{ '[applied]': false, kind: 'old', labels: ['x'] }],
      columns: [{ name: '[applied]' }, { name: 'kind' }, { name: 'labels' }],
      info: {},
    });
    const result = await events.update(key, (u) => u.set('kind', 'new'), { if: { kind: 'older' } });
    expect(result).to.deep.equal({ applied: false, current: { kind: 'old', labels: new Set(['x']) } });
  });
});
