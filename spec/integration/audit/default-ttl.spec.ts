// `@Table({ ttl })` on the real node: every write path puts the entity's TTL on the cells it writes
// (read back with TTL(col) through cellInfo), a call's own `ttl` wins, `ttl: 0` writes cells that never
// expire; and the server-side `options.defaultTimeToLive` (default_time_to_live) still works, alone
// or under the library's TTL.
import { expect } from 'chai';
import { Column, PartitionKey } from '../../../src/decorators/column.js';
import { CreatedAt, UpdatedAt } from '../../../src/decorators/managed-column.js';
import { Table } from '../../../src/decorators/table.js';
import { KeyShape } from '../../../src/query/entity-types.js';
import { MetadataError } from '../../../src/errors.js';
import { entityMetadata } from '../../../src/metadata/resolve-entity.js';
import { Repository } from '../../../src/repository/repository.js';
import { batch } from '../../../src/repository/batch.js';
import { fixture, type Fixture } from '../repository/support.js';

const TTL = 3600;

@Table({ name: 'ttl_sessions', ttl: TTL })
class Session {
  declare readonly [KeyShape]?: { partition: ['id']; clustering: [] };
  @PartitionKey({ type: 'int' }) id!: number;
  @Column({ type: 'text' }) user?: string | null;
}

@Table({ name: 'ttl_audited', ttl: TTL })
class Token {
  declare readonly [KeyShape]?: { partition: ['id']; clustering: [] };
  @PartitionKey({ type: 'int' }) id!: number;
  @Column({ type: 'text' }) user?: string | null;
  @CreatedAt() createdAt?: Date;
  @UpdatedAt() updatedAt?: Date;
}

@Table({ name: 'ttl_server_side', options: { defaultTimeToLive: 500 } })
class ServerSide {
  declare readonly [KeyShape]?: { partition: ['id']; clustering: [] };
  @PartitionKey({ type: 'int' }) id!: number;
  @Column({ type: 'text' }) user?: string | null;
}

@Table({ name: 'ttl_both', ttl: TTL, options: { defaultTimeToLive: 500 } })
class Both {
  declare readonly [KeyShape]?: { partition: ['id']; clustering: [] };
  @PartitionKey({ type: 'int' }) id!: number;
  @Column({ type: 'text' }) user?: string | null;
}

describe('default TTL per entity (real node)', () => {
  let fx: Fixture;
  let sessions: Repository<Session>;
  let tokens: Repository<Token>;

  before(async () => {
    fx = await fixture('it_ttl', [Session, Token, ServerSide, Both]);
    sessions = new Repository(fx.connection, Session);
    tokens = new Repository(fx.connection, Token);
  });
  after(async () => fx?.drop());

  /** The TTL left on `user` of row `id`, after clearing it with a write of no expiry (ttl: 0). */
  async function ttlOf(id: number): Promise<number | null> {
    return (await sessions.cellInfo({ id }, ['user']))!.user.ttl;
  }

  /** Writes row `id` without expiry, runs `write`, and checks the entity's TTL is now on `user`. */
  async function honours(id: number, what: string, write: () => Promise<unknown>): Promise<void> {
    await sessions.insert(Object.assign(new Session(), { id, user: 'before' }), { ttl: 0 });
    expect(await ttlOf(id), `${what}: starts without a TTL`).to.equal(null);
    await write();
    const ttl = await ttlOf(id);
    expect(ttl, what).to.be.a('number');
    expect(ttl!, what).to.be.within(TTL - 120, TTL);
  }

  it('insert, save, update, patch, saveChanges, batches and repository builders all write with the entity TTL', async () => {
    await honours(1, 'insert', () => sessions.insert(Object.assign(new Session(), { id: 1, user: 'a' })));
    await honours(2, 'save', () => sessions.save(Object.assign(new Session(), { id: 2, user: 'a' })));
    await honours(3, 'update(entity)', () => sessions.update(Object.assign(new Session(), { id: 3, user: 'a' })));
    await honours(4, 'patch', () => sessions.patch({ id: 4 }, { user: 'a' }));
    await honours(5, 'update(key, build)', () => sessions.update({ id: 5 }, (q) => q.set('user', 'a')));
    await honours(6, 'saveChanges', async () => {
      const s = (await sessions.findOne({ id: 6 }, { track: true }))!;
      s.user = 'changed';
      await sessions.saveChanges(s);
    });
    await honours(7, 'batch insert', () => batch('logged').insert(sessions, Object.assign(new Session(), { id: 7, user: 'a' })).execute());
    await honours(8, 'batch update', () => batch('logged').update(sessions, { id: 8 }, (q) => q.set('user', 'a')).execute());
    await honours(9, 'batch add', () => batch('logged').add(sessions, sessions.updateQuery().key({ id: 9 }).set('user', 'a')).execute());
    await honours(10, 'execute(insertQuery)', () => sessions.execute(sessions.insertQuery({ id: 10, user: 'a' })));
    await honours(11, 'execute(updateQuery)', () => sessions.execute(sessions.updateQuery().key({ id: 11 }).set('user', 'a')));
  });

  it("a call's own ttl wins, and ttl: 0 writes cells that never expire", async () => {
    await sessions.insert(Object.assign(new Session(), { id: 20, user: 'a' }), { ttl: 100 });
    expect(await ttlOf(20)).to.be.within(1, 100);
    await sessions.patch({ id: 20 }, { user: 'b' }, { ttl: 200 });
    expect(await ttlOf(20)).to.be.within(101, 200);
    await sessions.execute(sessions.updateQuery().key({ id: 20 }).set('user', 'c').ttl(300));
    expect(await ttlOf(20)).to.be.within(201, 300);
    await sessions.patch({ id: 20 }, { user: 'd' }, { ttl: 0 });
    expect(await ttlOf(20)).to.equal(null);
  });

  it('an audited save() puts the TTL on created-at as well', async () => {
    await tokens.save(Object.assign(new Token(), { id: 1, user: 'a' }));
    const info = (await tokens.cellInfo({ id: 1 }, ['user', 'createdAt', 'updatedAt']))!;
    for (const p of ['user', 'createdAt', 'updatedAt'] as const) expect(info[p].ttl, p).to.be.within(TTL - 120, TTL);
  });

  it('the server-side default_time_to_live applies alone, and the library TTL wins over it', async () => {
    const server = new Repository(fx.connection, ServerSide);
    await server.insert(Object.assign(new ServerSide(), { id: 1, user: 'a' }));
    expect((await server.cellInfo({ id: 1 }, ['user']))!.user.ttl).to.be.within(380, 500);
    const both = new Repository(fx.connection, Both);
    await both.insert(Object.assign(new Both(), { id: 1, user: 'a' }));
    expect((await both.cellInfo({ id: 1 }, ['user']))!.user.ttl).to.be.within(TTL - 120, TTL);
  });

  it('a ttl that is not a whole number of seconds from 1 is a MetadataError naming the entity', () => {
    @Table({ name: 'ttl_bad', ttl: 1.5 })
    class Bad {
      @PartitionKey({ type: 'int' }) id!: number;
    }
    expect(() => entityMetadata(Bad)).to.throw(MetadataError, /@Table\(Bad\): ttl must be a whole number of seconds from 1 to 630720000, got 1\.5/);
  });
});
