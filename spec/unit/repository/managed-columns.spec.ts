// Managed columns over a recording stand-in connection: the exact CQL and params of versioned
// inserts, updates and deletes, of the default TTL, and of an audited save(); what a versioned write
// refuses before sending; and the metadata checks of @Version, @CreatedAt, @UpdatedAt and ttl.
import { expect } from 'chai';
import { ClusteringKey, Column, PartitionKey } from '../../../src/decorators/column.js';
import { CreatedAt, UpdatedAt, Version } from '../../../src/decorators/managed-column.js';
import { Table } from '../../../src/decorators/table.js';
import { KeyShape } from '../../../src/query/entity-types.js';
import { LwtOutcomeUnknownError, MetadataError, QueryBuildError, QueryTimeoutError, VersionConflictError } from '../../../src/errors.js';
import { entityMetadata } from '../../../src/metadata/resolve-entity.js';
import { Repository } from '../../../src/repository/repository.js';
import { recordingConnection } from './recording-connection.js';

@Table('vdocs')
class Doc {
  declare readonly [KeyShape]?: { partition: ['id']; clustering: [] };
  @PartitionKey({ type: 'int' }) id!: number;
  @Column({ type: 'text' }) title?: string | null;
  @Column({ type: 'int' }) views?: number | null;
  @Version() version?: number;
}

@Table('tnotes')
class Note {
  declare readonly [KeyShape]?: { partition: ['id']; clustering: [] };
  @PartitionKey({ type: 'int' }) id!: number;
  @Column({ type: 'text' }) body?: string | null;
  @Version({ type: 'timeuuid', name: 'rev' }) version?: string;
}

@Table({ name: 'sessions', ttl: 60 })
class Session {
  declare readonly [KeyShape]?: { partition: ['id']; clustering: [] };
  @PartitionKey({ type: 'int' }) id!: number;
  @Column({ type: 'text' }) user?: string | null;
}

@Table('posts')
class Post {
  declare readonly [KeyShape]?: { partition: ['id']; clustering: [] };
  @PartitionKey({ type: 'int' }) id!: number;
  @Column({ type: 'text' }) title?: string | null;
  @CreatedAt() createdAt?: Date;
  @UpdatedAt() updatedAt?: Date;
}

@Table({ name: 'threads', ttl: 30 })
class Thread {
  declare readonly [KeyShape]?: { partition: ['forum']; clustering: ['id'] };
  @PartitionKey({ type: 'int' }) forum!: number;
  @ClusteringKey({ type: 'int' }) id!: number;
  @Column({ type: 'text', static: true }) forumTitle?: string | null;
  @Column({ type: 'text' }) body?: string | null;
  @UpdatedAt() updatedAt?: Date;
  @Version() version?: number;
}

const APPLIED = { '[applied]': true };

function repo<T extends object>(entity: abstract new () => T) {
  const r = recordingConnection();
  r.answer([APPLIED]);
  return { repo: new Repository<T>(r.connection, entity), calls: r.calls, answer: r.answer, connection: r.connection };
}

const shown = (calls: { cql: string; params: unknown[] }[]) => calls.map((c) => [c.cql, c.params]);

const T1 = '22222222-2222-1222-8222-222222222222';

describe('managed columns (unit)', () => {
  it('a versioned insert is IF NOT EXISTS with version 1, set on the entity once applied', async () => {
    const { repo: docs, calls } = repo(Doc);
    const d = Object.assign(new Doc(), { id: 1, title: 'a', views: 0 });
    await docs.insert(d);
    expect(shown(calls)).to.deep.equal([['INSERT INTO vdocs (id, title, views, version) VALUES (?, ?, ?, ?) IF NOT EXISTS', [1, 'a', 0, 1]]]);
    expect(calls[0]!.options['isIdempotent']).to.equal(false);
    expect(d.version).to.equal(1);
  });

  it('update(entity) sets the next version IF the held one; a patch ANDs its own `if` before the version', async () => {
    const { repo: docs, calls } = repo(Doc);
    const d = Object.assign(new Doc(), { id: 1, title: 'a', views: 0, version: 1 });
    await docs.update(d);
    await docs.patch({ id: 1 }, { title: 'b' }, { ifVersion: 2, if: { views: 0 } });
    expect(shown(calls)).to.deep.equal([
      ['UPDATE vdocs SET title = ?, views = ?, version = ? WHERE id = ? IF version = ?', ['a', 0, 2, 1, 1]],
      ['UPDATE vdocs SET title = ?, version = ? WHERE id = ? IF views = ? AND version = ?', ['b', 3, 1, 0, 2]],
    ]);
    expect(d.version).to.equal(2);
  });

  it('a versioned delete is IF version = ?; IF EXISTS gives way to it', async () => {
    const { repo: docs, calls } = repo(Doc);
    await docs.delete(Object.assign(new Doc(), { id: 1, version: 2 }));
    await docs.delete({ id: 1 }, { ifVersion: 4, ifExists: true });
    expect(shown(calls)).to.deep.equal([
      ['DELETE FROM vdocs WHERE id = ? IF version = ?', [1, 2]],
      ['DELETE FROM vdocs WHERE id = ? IF version = ?', [1, 4]],
    ]);
  });

  it('a timeuuid version (own column name) is a new timeuuid per write', async () => {
    const { repo: notes, calls } = repo(Note);
    const n = Object.assign(new Note(), { id: 1, body: 'x', version: T1 });
    await notes.update(n);
    expect(calls[0]!.cql).to.equal('UPDATE tnotes SET body = ?, rev = ? WHERE id = ? IF rev = ?');
    const [, next, , held] = calls[0]!.params as string[];
    expect(held).to.equal(T1);
    expect(next).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-/);
    expect(next).to.not.equal(T1);
    expect(n.version).to.equal(next);
  });

  it('refuses before sending: a key-only write with no version, an assignment of the version', async () => {
    const { repo: docs, calls } = repo(Doc);
    const noVersion = await docs.patch({ id: 1 }, { title: 'b' }).catch((e: unknown) => e);
    expect(noVersion).to.be.instanceOf(QueryBuildError);
    expect((noVersion as Error).message).to.equal(
      'vdocs: Doc.version is a @Version column and this update gives no version to check. Pass the version you read ({ ifVersion: entity.version }), ' +
        'write a loaded entity, or pass { force: true } to write without the check (it bypasses optimistic locking).',
    );
    expect(await docs.delete({ id: 1 }).catch((e: unknown) => e)).to.be.instanceOf(QueryBuildError);
    expect(await docs.update(Object.assign(new Doc(), { id: 1, title: 'new' })).catch((e: unknown) => e)).to.be.instanceOf(QueryBuildError);
    expect(await docs.update({ id: 1 }, (q) => q.set('version', 5), { ifVersion: 4 }).catch((e: unknown) => e)).to.be.instanceOf(QueryBuildError);
    expect(calls).to.deep.equal([]);
    await docs.patch({ id: 1 }, { title: 'forced' }, { force: true });
    expect(shown(calls)).to.deep.equal([['UPDATE vdocs SET title = ? WHERE id = ?', ['forced', 1]]]);
  });

  it('not applied: reads the row at SERIAL and throws VersionConflictError with it, the entity keeping its version', async () => {
    const { repo: docs, calls, answer, connection } = repo(Doc);
    // The UPDATE's answer (not applied, the version it found), then the SERIAL read's (the current row).
    const answers = [[{ '[applied]': false, version: 3 }], [{ id: 1, title: 'theirs', views: 5, version: 3 }]];
    const execute = connection.execute.bind(connection);
    (connection as { execute: unknown }).execute = (cql: string, params: unknown[], options: never) => (answer(answers.shift() ?? []), execute(cql, params, options));
    const d = Object.assign(new Doc(), { id: 1, title: 'mine', views: 0, version: 1 });
    const e = (await docs.update(d).catch((x: unknown) => x)) as VersionConflictError;
    expect(e).to.be.instanceOf(VersionConflictError);
    expect([e.expected, e.actual, (e.current as Doc).title]).to.deep.equal([1, 3, 'theirs']);
    expect(e.message).to.equal(
      'Doc (table vdocs): version conflict: the write expected version 1 and the row is at version 3. Nothing was written; ' +
        're-read the row (error.current holds it), apply the change to it and write again.',
    );
    expect(calls[1]!.cql).to.equal('SELECT id, title, views, version FROM vdocs WHERE id = ?');
    expect(calls[1]!.options['consistency']).to.equal(8); // SERIAL
    expect(d.version).to.equal(1);
  });

  describe('an unknown outcome with lwt.resolveUnknownOutcome', () => {
    /** A Doc repository whose stand-in answers each statement in turn: an Error rejects it, rows answer it. */
    function scripted(answers: (Error | Record<string, unknown>[])[]) {
      const r = recordingConnection();
      const execute = r.connection.execute.bind(r.connection);
      (r.connection as { execute: unknown }).execute = (cql: string, params: unknown[], options: never) => {
        const next = answers.shift() ?? [];
        if (next instanceof Error) {
          r.calls.push({ cql, params: [...params], options });
          return Promise.reject(next);
        }
        r.answer(next);
        return execute(cql, params, options);
      };
      const docs = new Repository<Doc>(r.connection, Doc, { lwt: { resolveUnknownOutcome: true, backoffMs: 0 } });
      return { docs, calls: r.calls };
    }
    const timeout = (): Error => new QueryTimeoutError('Client timeout', 'UPDATE');
    const loaded = (): Doc => Object.assign(new Doc(), { id: 1, title: 'mine', views: 0, version: 1 });

    it('the SERIAL read finds the version and values written: applied, and the entity takes the version', async () => {
      const { docs, calls } = scripted([timeout(), [{ id: 1, title: 'mine', views: 0, version: 2 }]]);
      const d = loaded();
      expect(await docs.update(d)).to.deep.equal({ applied: true });
      expect(d.version).to.equal(2);
      expect(calls.map((c) => [c.cql.slice(0, 6), c.options['consistency']])).to.deep.equal([['UPDATE', undefined], ['SELECT', 8]]);
    });

    it('the row still at the expected version: sent again; another version: VersionConflictError with the row', async () => {
      const again = scripted([timeout(), [{ id: 1, title: 'old', views: 0, version: 1 }], [APPLIED]]);
      const d = loaded();
      expect(await again.docs.update(d)).to.deep.equal({ applied: true });
      expect(again.calls.map((c) => c.cql.slice(0, 6))).to.deep.equal(['UPDATE', 'SELECT', 'UPDATE']);
      expect(again.calls[2]!.params).to.deep.equal(again.calls[0]!.params);
      expect(d.version).to.equal(2);
      // Version 2 holding other values: another writer's version 2, not this one's.
      const other = scripted([timeout(), [{ id: 1, title: 'theirs', views: 0, version: 2 }]]);
      const e = (await other.docs.update(loaded()).catch((x: unknown) => x)) as VersionConflictError;
      expect(e).to.be.instanceOf(VersionConflictError);
      expect([e.expected, e.actual, (e.current as Doc).title]).to.deep.equal([1, 2, 'theirs']);
    });

    it('a row already past the version written cannot tell whether this write applied: LwtOutcomeUnknownError, not a verdict', async () => {
      const { docs } = scripted([timeout(), [{ id: 1, title: 'later', views: 1, version: 3 }]]);
      const d = loaded();
      const e = (await docs.update(d).catch((x: unknown) => x)) as LwtOutcomeUnknownError;
      expect(e).to.be.instanceOf(LwtOutcomeUnknownError);
      expect(e.message).to.contain('A SERIAL read found the row at version 3, written by another writer after this write or instead of it');
      expect(e.resolutionAttempts).to.equal(1);
      expect(d.version).to.equal(1);
    });

    it('a delete resolves applied when the row is gone; reads that keep timing out end in LwtOutcomeUnknownError', async () => {
      const gone = scripted([timeout(), []]);
      expect(await gone.docs.delete(loaded())).to.deep.equal({ applied: true });
      const stuck = scripted([timeout(), timeout(), timeout(), timeout(), timeout(), timeout()]);
      const e = (await stuck.docs.update(loaded()).catch((x: unknown) => x)) as LwtOutcomeUnknownError;
      expect(e).to.be.instanceOf(LwtOutcomeUnknownError);
      expect(e.resolutionAttempts).to.equal(5);
    });
  });

  it("a partition's static columns (a key without clustering values) get the TTL but no version check and no updated-at", async () => {
    const { repo: threads, calls } = repo(Thread);
    await threads.update({ forum: 1 }, (q) => q.set('forumTitle', 'General'));
    await threads.patch({ forum: 1, id: 2 }, { body: 'x' }, { ifVersion: 4 });
    expect(calls.map((c) => c.cql)).to.deep.equal([
      'UPDATE threads USING TTL ? SET forum_title = ? WHERE forum = ?',
      'UPDATE threads USING TTL ? SET body = ?, updated_at = ?, version = ? WHERE forum = ? AND id = ? IF version = ?',
    ]);
  });

  it('@Table({ ttl }) is USING TTL on inserts and updates; a call\'s ttl wins', async () => {
    const { repo: sessions, calls } = repo(Session);
    await sessions.insert(Object.assign(new Session(), { id: 1, user: 'a' }));
    await sessions.save(Object.assign(new Session(), { id: 1, user: 'a' }), { ttl: 0 });
    await sessions.patch({ id: 1 }, { user: 'b' });
    await sessions.patch({ id: 1 }, { user: 'b' }, { ttl: 5 });
    expect(shown(calls)).to.deep.equal([
      ['INSERT INTO sessions (id, user) VALUES (?, ?) USING TTL ?', [1, 'a', 60]],
      ['INSERT INTO sessions (id, user) VALUES (?, ?) USING TTL ?', [1, 'a', 0]],
      ['UPDATE sessions USING TTL ? SET user = ? WHERE id = ?', [60, 'b', 1]],
      ['UPDATE sessions USING TTL ? SET user = ? WHERE id = ?', [5, 'b', 1]],
    ]);
  });

  it('an audited save() is an INSERT with created-at unset, then SET created_at IF created_at = null; a patch sets only updated-at', async () => {
    const { repo: posts, calls } = repo(Post);
    const p = Object.assign(new Post(), { id: 1, title: 'a' });
    await posts.save(p);
    await posts.patch({ id: 1 }, { title: 'b' });
    expect(calls.map((c) => c.cql)).to.deep.equal([
      'INSERT INTO posts (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)',
      'UPDATE posts SET created_at = ? WHERE id = ? IF created_at = ?',
      'UPDATE posts SET title = ?, updated_at = ? WHERE id = ?',
    ]);
    const [insert, stamp, patch] = calls.map((c) => c.params);
    expect(insert![2], 'created-at left unset, not null (a null would delete it)').to.equal(undefined);
    expect(insert![3]).to.be.instanceOf(Date);
    expect([stamp![0] instanceof Date, stamp![1], stamp![2]]).to.deep.equal([true, 1, null]);
    expect(patch![1]).to.be.instanceOf(Date);
    expect(p.createdAt).to.equal(stamp![0]);
  });

  it("an audited save() whose created-at write times out sends it again, and the entity ends with the row's created-at", async () => {
    const r = recordingConnection();
    const stored = new Date(1_000);
    // The INSERT, the conditional created-at write (timed out), the same write again (not applied: the first one had).
    const answers: (Error | Record<string, unknown>[])[] = [[], new QueryTimeoutError('Client timeout', 'UPDATE'), [{ '[applied]': false, created_at: stored }]];
    const execute = r.connection.execute.bind(r.connection);
    (r.connection as { execute: unknown }).execute = (cql: string, params: unknown[], options: never) => {
      const next = answers.shift() ?? [];
      if (next instanceof Error) {
        r.calls.push({ cql, params: [...params], options });
        return Promise.reject(next);
      }
      r.answer(next);
      return execute(cql, params, options);
    };
    const posts = new Repository<Post>(r.connection, Post, { lwt: { backoffMs: 0 } });
    const p = Object.assign(new Post(), { id: 1, title: 'a' });
    expect(await posts.save(p)).to.deep.equal({ applied: true });
    expect(r.calls.map((c) => c.cql.slice(0, 6))).to.deep.equal(['INSERT', 'UPDATE', 'UPDATE']);
    expect(r.calls[2]!.params).to.deep.equal(r.calls[1]!.params);
    expect(p.createdAt).to.deep.equal(stored);
  });

  it('metadata: @Version only on int, bigint or timeuuid; one per entity; no ttl or @Version on a counter table; ttl a whole number >= 1', () => {
    @Table('bad_v1')
    class TextVersion {
      @PartitionKey({ type: 'int' }) id!: number;
      @Version({ type: 'text' as 'int' }) version?: string;
    }
    expect(() => entityMetadata(TextVersion)).to.throw(MetadataError, "TextVersion.version: CQL type 'text' is not allowed here: @Version takes int, bigint or timeuuid.");
    @Table('bad_v2')
    class TwoVersions {
      @PartitionKey({ type: 'int' }) id!: number;
      @Version() a?: number;
      @Version() b?: number;
    }
    expect(() => entityMetadata(TwoVersions)).to.throw(MetadataError, 'TwoVersions: @Version is on both a and b; an entity has at most one. Remove one of them.');
    @Table({ name: 'bad_v3', ttl: 10 })
    class Counted {
      @PartitionKey({ type: 'int' }) id!: number;
      @Column({ type: 'counter' }) hits?: bigint;
    }
    expect(() => entityMetadata(Counted)).to.throw(MetadataError, /@Table\(Counted\): a counter table cannot have @Version or a ttl/);
    @Table({ name: 'bad_v4', ttl: 0 })
    class Zero {
      @PartitionKey({ type: 'int' }) id!: number;
    }
    expect(() => entityMetadata(Zero)).to.throw(MetadataError, /ttl must be a whole number of seconds from 1 to 630720000, got 0/);
    const ok = entityMetadata(Post).managed!;
    expect([ok.createdAt?.name, ok.updatedAt?.name, ok.version, ok.ttl]).to.deep.equal(['created_at', 'updated_at', undefined, undefined]);
  });
});
