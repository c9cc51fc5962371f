// Query tables on the real node: every write kind keeps them in step, reads pick them by key shape or name.
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { batch, Repository, type Connection } from '../../../src/index.js';
import { QueryBuildError } from '../../../src/public/errors.js';
import type { TestKeyspace } from '../../../src/schema/test-keyspace.js';
import { connect, keyspaceWith } from './support.js';
import { Member, User } from './entities.js';

function user(values: Partial<User>): User {
  return Object.assign(new User(), { id: randomUUID(), ...values });
}

describe('query tables: writes and reads (real node)', function () {
  this.timeout(120_000);
  let connection: Connection;
  let kit: TestKeyspace;
  let users: Repository<User>;
  let members: Repository<Member>;
  const rows = async (table: string, where: string, params: unknown[]): Promise<Record<string, unknown>[]> =>
    (await connection.execute(`SELECT * FROM ${kit.name}.${table} WHERE ${where}`, params, { prepare: true })).rows as Record<string, unknown>[];

  before(async () => {
    connection = connect();
    kit = await keyspaceWith(connection, 'it_qt_writes', [User, Member]);
    users = new Repository(connection, User, { keyspace: kit.name });
    members = new Repository(connection, Member, { keyspace: kit.name });
  });
  after(async () => {
    await kit.drop();
    await connection.close();
  });

  it('insert writes the base table and every query table (a subset holds only its columns)', async () => {
    const u = user({ email: 'ann@x.org', name: 'Ann', team: 'red', score: 7, tags: new Set(['a']) });
    await users.insert(u);
    const [byEmail] = await rows('users_by_email', 'email = ?', ['ann@x.org']);
    expect(String(byEmail!['id'])).to.equal(u.id);
    expect(byEmail).to.include({ name: 'Ann', team: 'red', score: 7 });
    const [byTeam] = await rows('users_by_team', 'team = ?', ['red']);
    expect(Object.keys(byTeam!).sort()).to.deep.equal(['id', 'name', 'score', 'team']);
    expect(byTeam).to.include({ name: 'Ann', score: 7 });
  });

  it('save with another email moves the users_by_email row: the old one is deleted, the new one holds every value', async () => {
    const u = user({ email: 'bo@x.org', name: 'Bo', team: 'blue', score: 1 });
    await users.save(u);
    await users.save(Object.assign(new User(), { id: u.id, email: 'bo2@x.org' }));
    expect(await rows('users_by_email', 'email = ?', ['bo@x.org'])).to.have.length(0);
    const [moved] = await rows('users_by_email', 'email = ?', ['bo2@x.org']);
    expect(moved).to.include({ name: 'Bo', team: 'blue', score: 1 });
  });

  it('patch of a regular column updates each table holding it; a key column moves the rows of the tables keyed by it', async () => {
    const u = user({ email: 'cy@x.org', name: 'Cy', team: 'green', score: 3 });
    await users.insert(u);
    await users.patch({ id: u.id }, { name: 'Cyd' });
    expect((await rows('users_by_email', 'email = ?', ['cy@x.org']))[0]).to.include({ name: 'Cyd' });
    expect((await rows('users_by_team', 'team = ?', ['green']))[0]).to.include({ name: 'Cyd' });
    await users.patch({ id: u.id }, { score: 9, team: 'gold' });
    expect(await rows('users_by_team', 'team = ?', ['green'])).to.have.length(0);
    expect((await rows('users_by_team', 'team = ?', ['gold']))[0]).to.include({ name: 'Cyd', score: 9 });
    expect((await rows('users_by_email', 'email = ?', ['cy@x.org']))[0]).to.include({ team: 'gold', score: 9 });
    await users.patch({ id: u.id }, { email: null });
    expect(await rows('users_by_email', 'email = ?', ['cy@x.org'])).to.have.length(0);
    expect((await users.findOne({ id: u.id }))?.email).to.equal(null);
  });

  it('a built UPDATE (collection operation) reaches the query tables holding the column; update(entity) runs its hooks for every table', async () => {
    const u = user({ email: 'di@x.org', name: 'Di', team: 'red', score: 2, tags: new Set(['a']) });
    await users.insert(u);
    await users.update({ id: u.id }, (q) => q.add('tags', new Set(['b'])));
    const [byEmail] = await rows('users_by_email', 'email = ?', ['di@x.org']);
    expect([...(byEmail!['tags'] as Set<string>)].sort()).to.deep.equal(['a', 'b']);
    await users.update(Object.assign(new User(), { id: u.id, email: 'di2@x.org', name: 'Dina', team: 'red', score: 2 }));
    expect(await rows('users_by_email', 'email = ?', ['di@x.org'])).to.have.length(0);
    const [after] = await rows('users_by_email', 'email = ?', ['di2@x.org']);
    expect(after).to.include({ name: 'Dina' });
    expect((after!['touched_at'] as Date).getTime()).to.equal(1_800_000_000_000);
  });

  it('saveChanges of a tracked entity whose email changed moves its users_by_email row', async () => {
    const u = user({ email: 'ed@x.org', name: 'Ed', team: 'red', score: 4 });
    await users.insert(u);
    const loaded = (await users.findOne({ id: u.id }, { track: true }))!;
    loaded.email = 'ed2@x.org';
    await users.saveChanges(loaded);
    expect(await rows('users_by_email', 'email = ?', ['ed@x.org'])).to.have.length(0);
    expect((await rows('users_by_email', 'email = ?', ['ed2@x.org']))[0]).to.include({ name: 'Ed' });
  });

  it('delete by key removes the row from every table (the query-table keys are read first)', async () => {
    const u = user({ email: 'fa@x.org', name: 'Fa', team: 'violet', score: 5 });
    await users.insert(u);
    await users.delete({ id: u.id });
    expect(await users.findOne({ id: u.id })).to.equal(undefined);
    expect(await rows('users_by_email', 'email = ?', ['fa@x.org'])).to.have.length(0);
    expect(await rows('users_by_team', 'team = ?', ['violet'])).to.have.length(0);
  });

  it('a partition delete removes every row of the partition from every query table', async () => {
    for (let id = 1; id <= 3; id++) await members.insert(Object.assign(new Member(), { org: 77, id, email: `m${id}@o77`, role: 'dev', level: id }));
    await members.insert(Object.assign(new Member(), { org: 78, id: 1, email: 'm1@o78', role: 'dev', level: 1 }));
    await members.delete({ org: 77 });
    expect(await rows('members_by_role', 'org = ? AND role = ?', [77, 'dev'])).to.have.length(0);
    expect(await rows('members_by_email', 'email = ?', ['m2@o77'])).to.have.length(0);
    expect(await rows('members_by_role', 'org = ? AND role = ?', [78, 'dev'])).to.have.length(1);
  });

  it('TTL and USING TIMESTAMP apply to every statement of the batch', async () => {
    const u = user({ email: 'ga@x.org', name: 'Ga', team: 'teal', score: 1 });
    await users.save(u, { ttl: 3600, timestamp: 1_700_000_000_000_000n });
    for (const [table, where, value] of [['users_by_id', 'id = ?', u.id], ['users_by_email', 'email = ?', 'ga@x.org'], ['users_by_team', 'team = ?', 'teal']] as const) {
      const rs = await connection.execute(`SELECT TTL(name) AS t, WRITETIME(name) AS w FROM ${kit.name}.${table} WHERE ${where}`, [value], { prepare: true });
      expect(rs.rows[0]!['t'] as number, table).to.be.within(3500, 3600);
      expect(String(rs.rows[0]!['w']), table).to.equal('1700000000000000');
    }
  });

  it('reads pick the query table from the key shape, or the one named; rows hydrate to the entity class with the subset set', async () => {
    const u = user({ email: 'ha@x.org', name: 'Ha', team: 'amber', score: 10 });
    const v = user({ email: 'hb@x.org', name: 'Hb', team: 'amber', score: 20 });
    await users.insert(u);
    await users.insert(v);
    const byEmail = await users.findOne({ email: 'ha@x.org', id: u.id }, { table: 'users_by_email' });
    expect(byEmail).to.be.instanceOf(User);
    expect(byEmail).to.include({ name: 'Ha', team: 'amber' });
    // From users_by_team, which holds only name besides its keys.
    const byTeam = await users.findOne({ team: 'amber', score: 10, id: u.id }, { table: 'users_by_team' });
    expect(byTeam).to.include({ id: u.id, name: 'Ha', team: 'amber', score: 10 });
    expect(byTeam!.email).to.equal(undefined);
    expect((await users.findPartition({ email: 'hb@x.org' })).map((x) => x.id)).to.deep.equal([v.id]);
    const team = await users.find((q) => q.where('team', '=', 'amber'));
    expect(team.map((x) => x.score)).to.deep.equal([20, 10]);
    expect(team[0]).to.be.instanceOf(User);
    expect(team[0]!.email).to.equal(undefined);
    const named = await users.find((q) => q.where('team', '=', 'amber').limit(1), { table: 'users_by_team' });
    expect(named.map((x) => x.name)).to.deep.equal(['Hb']);
    const built = await users.find(users.select('users_by_email').where('email', '=', 'ha@x.org'));
    expect(built.map((x) => x.id)).to.deep.equal([u.id]);
    expect((await users.first((q) => q.where('email', '=', 'hb@x.org')))?.name).to.equal('Hb');
    expect((await users.findOne({ id: u.id }, { table: 'users_by_id' }))?.email).to.equal('ha@x.org');
  });

  it('an unknown table name is a QueryBuildError listing the query tables', async () => {
    const error = await users.find(undefined, { table: 'users_by_name' }).then(() => undefined, (e: unknown) => e);
    expect(error).to.be.instanceOf(QueryBuildError);
    expect((error as Error).message).to.equal(
      "users_by_id: 'users_by_name' is not a query table of User (its query tables: users_by_email, users_by_team); declare it in @Table({ queryTables }) or name one of those.",
    );
    expect(() => users.select('nope')).to.throw(QueryBuildError, "'nope' is not a query table of User");
  });

  it('conditional writes, built deletes and user batches are refused before anything is written', async () => {
    const u = user({ email: 'ia@x.org', name: 'Ia', team: 'iris', score: 1 });
    const refused = async (p: Promise<unknown>): Promise<Error> => p.then(() => { throw new Error('expected a rejection'); }, (e: unknown) => e as Error);
    const ifNotExists = await refused(users.insert(u, { ifNotExists: true }));
    expect(ifNotExists).to.be.instanceOf(QueryBuildError);
    expect(ifNotExists.message).to.contain('Cassandra refuses conditions in a batch that spans several tables');
    expect(await users.findOne({ id: u.id })).to.equal(undefined);
    await users.insert(u);
    expect((await refused(users.patch({ id: u.id }, { name: 'X' }, { if: { name: 'Ia' } }))).message).to.contain('a conditional write');
    expect((await refused(users.delete({ id: u.id }, (d) => d.columns('name')))).message).to.contain('a built DELETE');
    const inBatch = await refused(batch().insert(users, user({ email: 'ib@x.org' })).execute());
    expect(inBatch.message).to.equal(
      'users_by_id: User has query tables (users_by_email, users_by_team): its writes are each a logged batch of their own, which cannot be nested in another batch. ' +
        'Call the repository (insert, patch, delete) instead of adding it to batch().',
    );
    expect(await rows('users_by_email', 'email = ?', ['ib@x.org'])).to.have.length(0);
    // A builder added as is would write the base table alone: refused the same way.
    const added = await refused(batch().add(users, users.updateQuery().key({ id: u.id }).set('name', 'Added')).execute());
    expect(added.message).to.equal(inBatch.message);
    expect((await users.findOne({ id: u.id }))?.name).to.equal('Ia');
  });
});
