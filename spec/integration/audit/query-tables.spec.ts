// Managed columns with query tables, on the real node: @UpdatedAt and @Table({ ttl }) reach every
// table of the logged batch (the same updated-at, the same TTL), and @Version or @CreatedAt on an
// entity with query tables is a MetadataError (their IF conditions cannot join that batch).
import { expect } from 'chai';
import { Column, PartitionKey, Repository, Table, UpdatedAt, Version, CreatedAt } from '../../../src/index.js';
import { MetadataError } from '../../../src/errors.js';
import { entityMetadata } from '../../../src/metadata/resolve-entity.js';
import type { TestKeyspace } from '../../../src/schema/test-keyspace.js';
import type { Connection } from '../../../src/connection/connection.js';
import { connect, keyspaceWith } from '../query-tables/support.js';

@Table<Member>({ name: 'audited_members', ttl: 3600, queryTables: [{ name: 'audited_members_by_team', partitionKey: ['team'], clusteringKey: ['id'] }] })
class Member {
  @PartitionKey({ type: 'int' }) id!: number;
  @Column({ type: 'text' }) team?: string | null;
  @Column({ type: 'text' }) name?: string | null;
  @UpdatedAt() updatedAt?: Date;
}

describe('managed columns with query tables (real node)', () => {
  let connection: Connection;
  let ks: TestKeyspace;
  let members: Repository<Member>;

  before(async () => {
    connection = connect();
    ks = await keyspaceWith(connection, 'it_audit_qt', [Member]);
    members = new Repository(connection, Member, { keyspace: ks.name });
  });
  after(async () => {
    await ks?.drop();
    await connection?.close();
  });

  /** updated_at and TTL(name) of the row in the base table and in the query table. */
  async function cells(id: number, team: string): Promise<[number, number | null][]> {
    const base = await connection.execute(`SELECT updated_at, TTL(name) AS t FROM ${ks.name}.audited_members WHERE id = ?`, [id], { prepare: true });
    const byTeam = await connection.execute(`SELECT updated_at, TTL(name) AS t FROM ${ks.name}.audited_members_by_team WHERE team = ? AND id = ?`, [team, id], { prepare: true });
    return [base.rows[0]!, byTeam.rows[0]!].map((r) => [(r['updated_at'] as Date).getTime(), r['t'] as number | null]);
  }

  it('insert, update(entity) and patch write the same updated-at and the entity TTL to every table', async () => {
    const m = Object.assign(new Member(), { id: 1, team: 'red', name: 'Ann' });
    await members.insert(m);
    let [base, byTeam] = await cells(1, 'red');
    expect(base![0]).to.equal(m.updatedAt!.getTime());
    expect(byTeam![0]).to.equal(base![0]);
    for (const [, ttl] of [base!, byTeam!]) expect(ttl).to.be.within(3600 - 120, 3600);
    const first = base![0];
    for (let i = 0; i < 100 && Date.now() <= first; i++) await new Promise((r) => setTimeout(r, 2));
    await members.patch({ id: 1 }, { name: 'Bo' });
    [base, byTeam] = await cells(1, 'red');
    expect(base![0]).to.be.greaterThan(first);
    expect(byTeam![0]).to.equal(base![0]);
    for (const [, ttl] of [base!, byTeam!]) expect(ttl).to.be.within(3600 - 120, 3600);
    const second = base![0];
    for (let i = 0; i < 100 && Date.now() <= second; i++) await new Promise((r) => setTimeout(r, 2));
    m.name = 'Cy';
    await members.update(m);
    [base, byTeam] = await cells(1, 'red');
    expect(base![0]).to.be.greaterThan(second);
    expect(byTeam![0]).to.equal(base![0]);
  });

  it('@Version or @CreatedAt with query tables is a MetadataError naming the property and why', () => {
    @Table<V>({ name: 'v_qt', queryTables: [{ name: 'v_qt_by_team', partitionKey: ['team'], clusteringKey: ['id'] }] })
    class V {
      @PartitionKey({ type: 'int' }) id!: number;
      @Column({ type: 'text' }) team?: string;
      @Version() version?: number;
    }
    expect(() => entityMetadata(V)).to.throw(MetadataError, /^V\.version: @Version cannot be used with query tables \(v_qt_by_team\): each versioned write is a lightweight transaction/);
    @Table<C>({ name: 'c_qt', queryTables: [{ name: 'c_qt_by_team', partitionKey: ['team'], clusteringKey: ['id'] }] })
    class C {
      @PartitionKey({ type: 'int' }) id!: number;
      @Column({ type: 'text' }) team?: string;
      @CreatedAt() createdAt?: Date;
    }
    expect(() => entityMetadata(C)).to.throw(MetadataError, /^C\.createdAt: @CreatedAt cannot be used with query tables/);
  });
});
