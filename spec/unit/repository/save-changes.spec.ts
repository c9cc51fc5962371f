// saveChanges over a recording stand-in connection: the exact UPDATE of the changed columns, the
// options it carries, what it refuses before sending, how reads track what they return, and how
// BeforeUpdate hooks and validation apply.
import { expect } from 'chai';
import { IsEmail } from 'class-validator';
import { Repository } from '../../../src/repository/repository.js';
import { BeforeUpdate } from '../../../src/decorators/hooks.js';
import { QueryBuildError, UntrackedEntityError, ValidationError } from '../../../src/errors.js';
import { count } from '../../../src/query/aggregates.js';
import { entity, eventMeta, pageViewsMeta, t, userMeta, type Event, type PageViews, type User } from '../query/fixtures.js';
import { recordingConnection } from './recording-connection.js';

const U = '11111111-1111-1111-1111-111111111111';
// A version 1 (time-based) UUID for the timeuuid column.
const T = '22222222-2222-1222-8222-222222222222';
const ANN = { id: U, name: 'Ann', email: 'ann@example.com', age: 30 };

/** A users repository whose reads return Ann's row. */
function users(): { repo: Repository<User>; calls: ReturnType<typeof recordingConnection>['calls']; answer: ReturnType<typeof recordingConnection>['answer'] } {
  const r = recordingConnection();
  r.answer([ANN]);
  return { repo: new Repository<User>(r.connection, userMeta), calls: r.calls, answer: r.answer };
}

describe('Repository.saveChanges (unit)', () => {
  it('sends an UPDATE of only the changed columns, in column order, through the patch statement', async () => {
    const { repo, calls } = users();
    const u = (await repo.findOne({ id: U }, { track: true }))!;
    u.age = 31;
    u.name = 'Bo';
    expect(await repo.saveChanges(u)).to.deep.equal({ applied: true });
    await repo.patch({ id: U }, { name: 'Bo', age: 31 });
    expect(calls.slice(1).map((c) => [c.cql, c.params, c.options['isIdempotent']])).to.deep.equal([
      ['UPDATE users SET name = ?, age = ? WHERE id = ?', ['Bo', 31, U], true],
      ['UPDATE users SET name = ?, age = ? WHERE id = ?', ['Bo', 31, U], true],
    ]);
  });

  it('sends nothing for an unchanged entity and resolves applied, even with ifExists', async () => {
    const { repo, calls } = users();
    const u = (await repo.findOne({ id: U }, { track: true }))!;
    u.name = 'Ann';
    u.email = undefined;
    expect(await repo.saveChanges(u)).to.deep.equal({ applied: true });
    expect(await repo.saveChanges(u, { ifExists: true })).to.deep.equal({ applied: true });
    expect(calls.map((c) => c.cql)).to.deep.equal(['SELECT id, name, email, age FROM users WHERE id = ?']);
  });

  it('deletes with null and leaves undefined alone', async () => {
    const { repo, calls } = users();
    const u = (await repo.findOne({ id: U }, { track: true }))!;
    u.email = null;
    u.age = undefined;
    await repo.saveChanges(u);
    expect([calls[1]!.cql, calls[1]!.params]).to.deep.equal(['UPDATE users SET email = ? WHERE id = ?', [null, U]]);
  });

  it('re-snapshots what it sent: the next save sends only what changed after it', async () => {
    const { repo, calls } = users();
    const u = (await repo.findOne({ id: U }, { track: true }))!;
    u.name = 'Bo';
    await repo.saveChanges(u);
    await repo.saveChanges(u);
    u.age = 40;
    await repo.saveChanges(u);
    expect(calls.slice(1).map((c) => [c.cql, c.params])).to.deep.equal([
      ['UPDATE users SET name = ? WHERE id = ?', ['Bo', U]],
      ['UPDATE users SET age = ? WHERE id = ?', [40, U]],
    ]);
  });

  it('carries ttl, timestamp, consistency and ifExists, and keeps the snapshot when the condition fails', async () => {
    const { repo, calls, answer } = users();
    const u = (await repo.findOne({ id: U }, { track: true }))!;
    u.name = 'Bo';
    answer([{ '[applied]': false }], ['[applied]']);
    const result = await repo.saveChanges(u, { ifExists: true, ttl: 60, timestamp: 5n, consistency: 'localQuorum', serialConsistency: 'localSerial' });
    expect(result).to.deep.equal({ applied: false, current: {} });
    expect([calls[1]!.cql, calls[1]!.params]).to.deep.equal(['UPDATE users USING TTL ? AND TIMESTAMP ? SET name = ? WHERE id = ? IF EXISTS', [60, 5n, 'Bo', U]]);
    expect(calls[1]!.options).to.include({ prepare: true, isIdempotent: false, consistency: 6, serialConsistency: 9 });
    // Not applied: the snapshot still holds Ann, so the change is sent again.
    expect(repo.changes(u)).to.deep.equal(['name']);
    answer([]);
    await repo.saveChanges(u, { if: { name: 'Ann' } });
    expect([calls[2]!.cql, calls[2]!.params]).to.deep.equal(['UPDATE users SET name = ? WHERE id = ? IF name = ?', ['Bo', U, 'Ann']]);
    expect(repo.changes(u)).to.deep.equal([]);
  });

  it('reports the current values of a failed IF condition', async () => {
    const { repo, answer } = users();
    const u = (await repo.findOne({ id: U }, { track: true }))!;
    u.age = 31;
    answer([{ '[applied]': false, name: 'Cy' }], ['[applied]', 'name']);
    expect(await repo.saveChanges(u, { if: { name: 'Ann' } })).to.deep.equal({ applied: false, current: { name: 'Cy' } });
  });

  it('sends a changed static column with the full key, and a collection as its encoded value', async () => {
    const r = recordingConnection();
    const events = new Repository<Event>(r.connection, eventMeta);
    const e = events.track(Object.assign(Object.create(eventMeta.target.prototype) as Event, { userId: U, day: 1, at: T, seq: 2, owner: 'a', labels: new Set(['x']) }));
    e.owner = 'b';
    e.labels!.add('y');
    await events.saveChanges(e);
    expect([r.calls[0]!.cql, r.calls[0]!.params]).to.deep.equal([
      'UPDATE app.events SET owner = ?, labels = ? WHERE user_id = ? AND day = ? AND at = ? AND seq = ?',
      ['b', ['x', 'y'], U, 1, T, 2],
    ]);
  });

  it('refuses an untracked entity with UntrackedEntityError, naming the two ways to track it', async () => {
    const { repo, calls } = users();
    const plain = await repo.findOne({ id: U });
    const error = await repo.saveChanges(plain!).catch((x: unknown) => x);
    expect(error).to.be.instanceOf(UntrackedEntityError);
    expect((error as Error).message).to.equal(
      'User (table users): saveChanges needs an entity this repository tracks, and this one is not tracked. ' +
        'Load it with { track: true } (findOne, find, findPartition, first), or call repository.track(entity) first.',
    );
    expect(() => repo.changes(plain!)).to.throw(UntrackedEntityError);
    // A snapshot belongs to the repository that took it.
    const tracked = repo.track(Object.assign(Object.create(userMeta.target.prototype) as User, ANN));
    expect(await repo.withKeyspace('other').saveChanges(tracked).catch((x: unknown) => x)).to.be.instanceOf(UntrackedEntityError);
    expect(calls).to.have.length(1);
  });

  it('refuses a changed or missing key property with QueryBuildError naming it, and sends nothing', async () => {
    const r = recordingConnection();
    const events = new Repository<Event>(r.connection, eventMeta);
    const e = events.track(Object.assign(Object.create(eventMeta.target.prototype) as Event, { userId: U, day: 1, at: T, seq: 2, kind: 'a' }));
    e.kind = 'b';
    e.seq = 3;
    const changed = await events.saveChanges(e).catch((x: unknown) => x);
    expect(changed).to.be.instanceOf(QueryBuildError);
    expect((changed as Error).message).to.equal(
      "events: primary key property 'seq' (column seq) changed since the entity was tracked; a changed key names another row, " +
        'so saveChanges refuses it. Insert the row under its new key (and delete the old one) instead.',
    );
    expect(events.changes(e)).to.deep.equal(['seq', 'kind']);
    e.seq = 2;
    (e as { day?: number }).day = undefined;
    expect(await events.saveChanges(e).catch((x: unknown) => (x as Error).message)).to.match(/^events: primary key property 'day' \(column day\) changed/);
    expect(r.calls).to.deep.equal([]);
  });

  it('refuses a changed counter (a counter cannot be set) and ignores an unchanged one', async () => {
    const r = recordingConnection();
    const views = new Repository<PageViews>(r.connection, pageViewsMeta);
    const v = views.track(Object.assign(Object.create(pageViewsMeta.target.prototype) as PageViews, { page: 'p', views: 3n, clicks: 1n }));
    expect(await views.saveChanges(v)).to.deep.equal({ applied: true });
    v.views = 4n;
    const error = await views.saveChanges(v).catch((x: unknown) => x);
    expect(error).to.be.instanceOf(QueryBuildError);
    expect((error as Error).message).to.equal("page_views: counter 'views' changed since the entity was tracked, and a counter cannot be set; use update(key, u => u.increment('views', n)).");
    expect(r.calls).to.deep.equal([]);
  });

  it('tracks what findOne, find, findPartition and first return with { track: true }, and only then', async () => {
    const r = recordingConnection();
    const events = new Repository<Event>(r.connection, eventMeta);
    r.answer([{ user_id: U, day: 1, at: T, seq: 2, kind: 'a', tags: null, labels: null, counts: null }]);
    const key = { userId: U, day: 1, at: T, seq: 2 };
    const reads: [string, () => Promise<Event | undefined>][] = [
      ['findOne', () => events.findOne(key, { track: true })],
      ['find', async () => (await events.find((q) => q.where('userId', '=', U).where('day', '=', 1), { track: true }))[0]],
      ['findPartition', async () => (await events.findPartition({ userId: U, day: 1 }, { track: true }))[0]],
      ['first', () => events.first((q) => q.where('userId', '=', U).where('day', '=', 1), { track: true })],
    ];
    for (const [name, read] of reads) {
      const e = (await read())!;
      expect(events.changes(e), name).to.deep.equal([]);
      e.kind = 'b';
      expect(events.changes(e), name).to.deep.equal(['kind']);
    }
    const untracked = (await events.findPartition({ userId: U, day: 1 }))[0]!;
    expect(() => events.changes(untracked)).to.throw(UntrackedEntityError);
    // Aggregate rows are plain objects, not entities: nothing to track, and no error.
    r.answer([{ count: 1n }]);
    expect(await events.find((q) => q.where('userId', '=', U).where('day', '=', 1).aggregate({ count: count() }), { track: true })).to.deep.equal([{ count: 1n }]);
  });

  it('tracks a partial selection by what it read: unread columns count as changed once given a value', async () => {
    const { repo, calls, answer } = users();
    answer([{ id: U, name: 'Ann' }]);
    // The rows of a selection are entities holding the selected columns only.
    const u = (await repo.first((q) => q.where('id', '=', U).columns('id', 'name'), { track: true })) as User;
    expect(repo.changes(u)).to.deep.equal([]);
    u.age = 5;
    await repo.saveChanges(u);
    expect([calls[1]!.cql, calls[1]!.params]).to.deep.equal(['UPDATE users SET age = ? WHERE id = ?', [5, U]]);
  });
});

describe('Repository.saveChanges with BeforeUpdate hooks and validation (unit)', () => {
  class Note {
    id!: number;
    body?: string | null;
    email?: string | null;
    stamped?: Date | null;
    static runs = 0;
    stamp(): void {
      Note.runs++;
      this.stamped = new Date(86_400_000);
    }
  }
  BeforeUpdate()(Note.prototype, 'stamp', Object.getOwnPropertyDescriptor(Note.prototype, 'stamp')!);
  IsEmail()(Note.prototype, 'email');
  const noteMeta = entity(Note, 'notes', [
    { property: 'id', type: t.n('int'), kind: 'partition' },
    { property: 'body', type: t.n('text') },
    { property: 'email', type: t.n('text') },
    { property: 'stamped', type: t.n('timestamp') },
  ]);
  const note = (fields: Partial<Note>): Note => Object.assign(new Note(), { id: 1, ...fields });

  it('runs the hooks on the entity and sends what they change with the rest; none run when nothing changed', async () => {
    const r = recordingConnection();
    const notes = new Repository<Note>(r.connection, noteMeta);
    Note.runs = 0;
    const n = notes.track(note({ body: 'a', stamped: new Date(0) }));
    expect(await notes.saveChanges(n)).to.deep.equal({ applied: true });
    expect(Note.runs).to.equal(0);
    n.body = 'b';
    await notes.saveChanges(n);
    expect(Note.runs).to.equal(1);
    expect(n.stamped).to.deep.equal(new Date(86_400_000));
    expect([r.calls[0]!.cql, r.calls[0]!.params]).to.deep.equal(['UPDATE notes SET body = ?, stamped = ? WHERE id = ?', ['b', new Date(86_400_000), 1]]);
    expect(notes.changes(n)).to.deep.equal([]);
  });

  it('validates the values it sends: an invalid change is refused, an untouched invalid value does not block', async () => {
    const r = recordingConnection();
    const notes = new Repository<Note>(r.connection, noteMeta);
    const bad = notes.track(note({ email: 'ann@example.com' }));
    bad.email = 'nope';
    expect(await notes.saveChanges(bad).catch((x: unknown) => x)).to.be.instanceOf(ValidationError);
    expect(r.calls).to.deep.equal([]);
    // The hooks ran before validation, as for update(entity): their stamp stays on the entity, unsent.
    expect(notes.changes(bad)).to.deep.equal(['email', 'stamped']);
    const legacy = notes.track(note({ email: 'legacy', body: 'a' }));
    legacy.body = 'b';
    await notes.saveChanges(legacy);
    expect(r.calls.map((c) => c.cql)).to.deep.equal(['UPDATE notes SET body = ?, stamped = ? WHERE id = ?']);
  });

  it('refuses a key a hook changed', async () => {
    const r = recordingConnection();
    class Moving extends Note {
      move(): void {
        this.id = 2;
      }
    }
    BeforeUpdate()(Moving.prototype, 'move', Object.getOwnPropertyDescriptor(Moving.prototype, 'move')!);
    const moving = new Repository<Moving>(r.connection, entity(Moving, 'notes', [{ property: 'id', type: t.n('int'), kind: 'partition' }, { property: 'body', type: t.n('text') }]));
    const m = moving.track(Object.assign(new Moving(), { id: 1, body: 'a' }));
    m.body = 'b';
    expect(await moving.saveChanges(m).catch((x: unknown) => (x as Error).message)).to.match(/^notes: primary key property 'id' \(column id\) changed/);
    expect(r.calls).to.deep.equal([]);
  });
});
