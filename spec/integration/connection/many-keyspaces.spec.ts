// One pool per alias for every keyspace: the same repository run over 200 keyspaces (through
// `withKeyspace(ks)` and through `useKeyspace(ks)` views), concurrently, with every statement kind a
// repository sends; each keyspace ends up holding only its own rows, and the driver holds one pool's
// connections, none of them in a tenant keyspace (the node's own `system_views.clients` says so).
import { expect } from 'chai';
import { ClusteringKey, Column, PartitionKey, Table } from '../../../src/index.js';
import { Connection } from '../../../src/connection/connection.js';
import { Repository } from '../../../src/repository/repository.js';
import { batch } from '../../../src/repository/batch.js';
import { entityMetadata } from '../../../src/metadata/resolve-entity.js';
import { createKeyspaceCql, dropKeyspaceCql } from '../../../src/schema/keyspace-ddl.js';
import { createTableCql } from '../../../src/schema/table-ddl.js';
import type { QueryEvent } from '../../../src/observability/query-event.js';
import { testNode, uniqueKeyspace } from '../../support/test-node.js';

@Table('tenant_notes')
class TenantNote {
  @PartitionKey() owner!: string;
  @ClusteringKey({ type: 'int' }) seq!: number;
  /** The keyspace the row was written for: a row in another keyspace is a statement that went astray. */
  @Column() home!: string;
  @Column() body?: string;
}

const TENANTS = 200;
const SCHEMA = { prepare: false, readTimeout: 60_000 } as const;

function connect(keyspace: string | undefined, log?: (level: string, message: string) => void, onQuery?: (event: QueryEvent) => void): Connection {
  const node = testNode();
  return new Connection({
    alias: 'many-keyspaces',
    contactPoints: node.contactPoints,
    localDataCenter: node.localDataCenter,
    username: node.username,
    password: node.password,
    ...(keyspace !== undefined ? { keyspace } : {}),
    ...(log !== undefined ? { logger: log } : {}),
    ...(onQuery !== undefined ? { observe: { onQuery, tracing: false, metrics: false } } : {}),
    // The spec's own DDL client follows no schema events (200 keyspaces of metadata it never reads).
    ...(keyspace === undefined ? { clientOptions: { isMetadataSyncEnabled: false } } : {}),
  });
}

/** Runs `work` over `items` with at most `width` at a time. */
async function inParallel<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

function note(home: string, owner: string, seq: number, body: string): TenantNote {
  return Object.assign(new TenantNote(), { owner, seq, home, body });
}

/** One keyspace's rows as the node holds them, read by the DDL connection with a qualified statement. */
async function rowsOf(admin: Connection, keyspace: string): Promise<{ owner: string; seq: number; home: string; body: string | null }[]> {
  const rs = await admin.execute(`SELECT owner, seq, home, body FROM ${keyspace}.tenant_notes`);
  return rs.rows.map((r) => ({ owner: r['owner'] as string, seq: r['seq'] as number, home: r['home'] as string, body: r['body'] as string | null }));
}

describe('Many keyspaces on one pool (200 keyspaces, one alias)', function () {
  // Creating 201 keyspaces takes 10-15 s on the dev node; dropping them 67-91 s (each DROP KEYSPACE ~0.4 s, serialised by the node).
  this.timeout(300_000);
  const home = uniqueKeyspace('it_manyks_home');
  const tenants = Array.from({ length: TENANTS }, (_, i) => `${home}_t${i}`);
  const warnings: string[] = [];
  const events: { keyspace: string | undefined; operation: string; error: boolean }[] = [];
  let admin: Connection;
  let connection: Connection;

  before(async () => {
    admin = connect(undefined);
    const started = Date.now();
    const replication = { class: 'SimpleStrategy', replicationFactor: 1 } as const;
    const table = (ks: string) => createTableCql(ks, entityMetadata(TenantNote));
    for (const ks of [home, ...tenants]) {
      await admin.execute(createKeyspaceCql({ name: ks, replication, durableWrites: true }), [], SCHEMA);
      await admin.execute(table(ks), [], SCHEMA);
    }
    console.log(`      created ${TENANTS + 1} keyspaces with a table each in ${Date.now() - started} ms`);
    connection = connect(home, (level, message) => warnings.push(`${level}: ${message}`), (e) => events.push({ keyspace: e.keyspace, operation: e.operation, error: e.error !== undefined }));
  });

  after(async () => {
    await connection?.close();
    const started = Date.now();
    await inParallel([home, ...tenants], 4, async (ks) => {
      await admin.execute(dropKeyspaceCql(ks), [], SCHEMA).catch(() => undefined);
    });
    console.log(`      dropped ${TENANTS + 1} keyspaces in ${Date.now() - started} ms`);
    await admin?.close();
  });

  it('runs every statement kind of one repository in 200 keyspaces concurrently: each keeps only its rows, on one pool', async () => {
    const base = new Repository(connection, TenantNote);
    // Half the tenants through withKeyspace(), half through a useKeyspace() view of the same connection.
    const repoOf = (i: number): Repository<TenantNote> => (i % 2 === 0 ? base.withKeyspace(tenants[i]!) : new Repository(connection.useKeyspace(tenants[i]!), TenantNote));
    const strays: string[] = [];
    const check = (ks: string, rows: readonly { home: string }[], what: string) => {
      for (const r of rows) if (r.home !== ks) strays.push(`${what} in ${ks} read a row of ${r.home}`);
    };

    const started = Date.now();
    events.length = 0;
    await Promise.all(tenants.map(async (ks, i) => {
      const repo = repoOf(i);
      expect(repo.keyspace).to.equal(ks);
      const owner = `o${i % 7}`;
      // Writes: plain inserts, a conditional insert, an upsert, a logged batch, a patch, a builder update, a delete.
      await Promise.all([1, 2, 3].map((seq) => repo.insert(note(ks, owner, seq, `${ks}/${seq}`))));
      expect((await repo.insert(note(ks, owner, 4, `${ks}/4`), { ifNotExists: true })).applied).to.equal(true);
      expect((await repo.insert(note(ks, owner, 4, 'lost'), { ifNotExists: true })).applied).to.equal(false);
      await repo.save(note(ks, owner, 7, `${ks}/7`));
      await batch('logged').insert(repo, note(ks, owner, 5, `${ks}/5`)).insert(repo, note(ks, owner, 6, `${ks}/6`)).execute();
      await repo.patch({ owner, seq: 1 }, { body: `${ks}/1 patched` });
      await repo.update({ owner, seq: 2 }, (u) => u.set('body', `${ks}/2 updated`), { ifExists: true });
      await repo.delete({ owner, seq: 3 });
      await repo.delete({ owner, seq: 7 }, { ifExists: true });
      // Reads: by key, by partition, a builder query, count, exists, a page, a stream, cell info.
      const one = await repo.findOne({ owner, seq: 1 });
      expect(one?.body).to.equal(`${ks}/1 patched`);
      check(ks, one === undefined ? [] : [one], 'findOne');
      const partition = await repo.findPartition({ owner });
      check(ks, partition, 'findPartition');
      expect(partition.map((n) => n.seq)).to.deep.equal([1, 2, 4, 5, 6]);
      check(ks, await repo.find((q) => q.where('owner', '=', owner).where('seq', '>=', 4)), 'find');
      expect(await repo.count((q) => q.where('owner', '=', owner))).to.equal(5);
      expect(await repo.exists({ owner, seq: 3 })).to.equal(false);
      expect(await repo.exists((q) => q.where('owner', '=', owner).where('seq', '=', 6))).to.equal(true);
      const page = await repo.page((q) => q.where('owner', '=', owner), { pageSize: 2 });
      check(ks, page.rows, 'page');
      const streamed: TenantNote[] = [];
      for await (const n of repo.stream((q) => q.where('owner', '=', owner), { pageSize: 2 })) streamed.push(n);
      check(ks, streamed, 'stream');
      expect(streamed).to.have.length(5);
      const cells = await repo.cellInfo({ owner, seq: 4 }, ['body']);
      expect(cells?.body.writetime).to.be.a('bigint');
    }));
    const elapsed = Date.now() - started;
    expect(strays, strays.join('\n')).to.deep.equal([]);
    // Every statement named a tenant keyspace (none ran unqualified in the alias's), and each keyspace got the same statements.
    const perKeyspace = new Map<string, number>();
    for (const e of events) perKeyspace.set(e.keyspace ?? '(none)', (perKeyspace.get(e.keyspace ?? '(none)') ?? 0) + 1);
    expect([...perKeyspace.keys()].sort()).to.deep.equal([...tenants].sort());
    expect(new Set(perKeyspace.values()).size, JSON.stringify(Object.fromEntries(perKeyspace))).to.equal(1);
    expect(events.filter((e) => e.error)).to.deep.equal([]);

    // From the outside: each keyspace holds exactly the rows written for it.
    const wrong: string[] = [];
    await inParallel(tenants, 8, async (ks) => {
      const rows = await rowsOf(admin, ks);
      const seqs = rows.map((r) => r.seq).sort((a, b) => a - b).join(',');
      if (seqs !== '1,2,4,5,6') wrong.push(`${ks} holds seq ${seqs}`);
      for (const r of rows) if (r.home !== ks || !(r.body ?? '').startsWith(`${ks}/`)) wrong.push(`${ks} holds ${JSON.stringify(r)}`);
    });
    expect(wrong, wrong.join('\n')).to.deep.equal([]);

    // One pool: the driver's open connections are those of one client, and the node sees none in a tenant keyspace.
    const state = connection.client.getState();
    const hosts = state.getConnectedHosts();
    const open = hosts.reduce((n, h) => n + state.getOpenConnections(h), 0);
    const clients = (await admin.execute('SELECT keyspace_name FROM system_views.clients')).rows.map((r) => r['keyspace_name'] as string | null);
    const inTenants = clients.filter((ks) => ks !== null && ks.startsWith(`${home}_t`)).length;
    const inHome = clients.filter((ks) => ks === home).length;
    // Not in the driver's typings: the prepared statements its cache holds.
    const prepared = (connection.client.metadata as unknown as { getAllPrepared(): unknown[] }).getAllPrepared().length;
    console.log(`      ${TENANTS} keyspaces, ${events.length} statements (${events.length / TENANTS} each) in ${elapsed} ms; driver: ${hosts.length} host(s), ${open} open connection(s); node: ${inHome} connection(s) in the alias keyspace, ${inTenants} in tenant keyspaces; ${prepared} prepared statements cached`);
    // The driver's default pool for protocol v4: one connection per local host.
    expect(open).to.equal(hosts.length);
    expect(inTenants).to.equal(0);
    expect(inHome).to.equal(open);
    // Prepared per keyspace (the texts are qualified) and all still cached: the default maxPrepared holds them.
    expect(prepared).to.be.at.least(TENANTS * 10);
    expect(warnings.filter((w) => /Prepared statements exceeded/.test(w))).to.deep.equal([]);
  });

  it('runs one logged batch over repositories of two keyspace views, each row in its own keyspace', async () => {
    const [a, b] = [tenants[2]!, tenants[3]!];
    const inA = new Repository(connection.useKeyspace(a), TenantNote);
    const inB = new Repository(connection.useKeyspace(b), TenantNote);
    await batch('logged').insert(inA, note(a, 'both', 1, `${a}/both`)).insert(inB, note(b, 'both', 1, `${b}/both`)).execute();
    expect((await inA.findOne({ owner: 'both', seq: 1 }))?.home).to.equal(a);
    expect((await inB.findOne({ owner: 'both', seq: 1 }))?.home).to.equal(b);
  });

  it('tries USE of a missing alias keyspace once, not before every qualified statement (a tenant-only application)', async () => {
    const tenantOnly = connect(uniqueKeyspace('nx'));
    try {
      const driver = tenantOnly.client as unknown as { execute: (cql: string, ...rest: unknown[]) => Promise<unknown> };
      const sent: string[] = [];
      const execute = driver.execute.bind(driver);
      driver.execute = (cql, ...rest) => (sent.push(cql), execute(cql, ...rest));
      const repo = new Repository(tenantOnly, TenantNote).withKeyspace(tenants[4]!);
      for (let i = 0; i < 3; i++) await repo.findOne({ owner: 'o4', seq: 1 });
      expect(sent.filter((cql) => /^USE\b/i.test(cql))).to.have.length(1);
      expect(sent).to.have.length(4);
    } finally {
      await tenantOnly.close();
    }
  });

  it('resolves unqualified raw CQL on a keyspace view in that keyspace (on a client of its own, as documented)', async () => {
    const view = connection.useKeyspace(tenants[1]!);
    await view.cursor().execute('INSERT INTO tenant_notes (owner, seq, home, body) VALUES (?, ?, ?, ?)', ['raw', 1, tenants[1], `${tenants[1]}/raw`]);
    const rows = await view.cursor().execute<{ home: string }>('SELECT home FROM tenant_notes WHERE owner = ?', ['raw']);
    expect(rows).to.deep.equal([{ home: tenants[1] }]);
    // The alias's own keyspace holds no such row: the statement did not run on the pool's session keyspace.
    expect(await connection.cursor().execute('SELECT home FROM tenant_notes WHERE owner = ?', ['raw'])).to.deep.equal([]);
    const clients = (await admin.execute('SELECT keyspace_name FROM system_views.clients')).rows.filter((r) => r['keyspace_name'] === tenants[1]);
    expect(clients.length).to.be.at.least(1);
  });
});
