// One pool for every keyspace: a repository on a keyspace view (or withKeyspace) names that keyspace in
// every statement it builds (reads, writes, LWT, counts, pages, nearest, cell info, batches), and the
// views of a connection share its driver client. No node: a recording stand-in and unconnected clients.
import { expect } from 'chai';
import type { Connection } from '../../../src/connection/connection.js';
import { Connection as RealConnection } from '../../../src/connection/connection.js';
import { BATCH_MAP, EXECUTE_MAP, PAGED } from '../../../src/connection/internals.js';
import { ClusteringKey, Column, PartitionKey, Table, VectorIndex } from '../../../src/index.js';
import { Repository } from '../../../src/repository/repository.js';
import { batch } from '../../../src/repository/batch.js';
import { DEFAULT_MAX_PREPARED, driverClientOptions } from '../../../src/connection/driver-options.js';

@Table('notes')
class Note {
  @PartitionKey() owner!: string;
  @ClusteringKey({ type: 'int' }) seq!: number;
  @Column() body?: string;
  @Column({ type: 'vector<float, 2>' }) @VectorIndex() v?: number[];
}

/** A stand-in connection view in `keyspace` that records the CQL of every statement and batch. */
function view(keyspace: string): { connection: Connection; cql: string[] } {
  const cql: string[] = [];
  const rs = { rows: [], columns: [], info: {}, pageState: null };
  const connection = {
    keyspace,
    client: { options: { encoding: { map: Map, set: Set } } },
    settings: { queryDefaults: {} },
    async execute(text: string) {
      cql.push(`raw: ${text}`);
      return rs;
    },
    [EXECUTE_MAP](text: string, _p: unknown, _o: unknown, map: (r: unknown) => unknown) {
      cql.push(text);
      return Promise.resolve(map(rs));
    },
    [PAGED](text: string) {
      return () => (cql.push(text), Promise.resolve(rs));
    },
    [BATCH_MAP](queries: { query: string }[], _c: unknown, _o: unknown, map: (r: unknown) => unknown) {
      for (const q of queries) cql.push(q.query);
      return Promise.resolve(map(rs));
    },
  } as unknown as Connection;
  return { connection, cql };
}

const note = (seq: number): Note => Object.assign(new Note(), { owner: 'o', seq, body: 'b' });

async function everyStatement(repo: Repository<Note>): Promise<void> {
  await repo.insert(note(1));
  await repo.insert(note(2), { ifNotExists: true });
  await repo.save(note(3), { ttl: 60 });
  await repo.update(note(1));
  await repo.update({ owner: 'o', seq: 1 }, (u) => u.set('body', 'x'), { ifExists: true });
  await repo.patch({ owner: 'o', seq: 1 }, { body: 'y' });
  await repo.delete({ owner: 'o', seq: 1 });
  await repo.delete({ owner: 'o', seq: 2 }, { if: { body: 'b' } });
  await repo.findOne({ owner: 'o', seq: 1 });
  await repo.findPartition({ owner: 'o' });
  await repo.find((q) => q.where('owner', '=', 'o'));
  await repo.first((q) => q.where('owner', '=', 'o'));
  await repo.count((q) => q.where('owner', '=', 'o'));
  await repo.count((q) => q.distinct());
  await repo.exists({ owner: 'o', seq: 1 });
  await repo.exists((q) => q.where('owner', '=', 'o'));
  await repo.page((q) => q.where('owner', '=', 'o'), { pageSize: 2 });
  for await (const _ of repo.stream((q) => q.where('owner', '=', 'o'))) void _;
  for await (const _ of repo.pages((q) => q.where('owner', '=', 'o'))) void _;
  await repo.cellInfo({ owner: 'o', seq: 1 }, ['body']);
  await repo.nearest('v', [0.5, 1], { limit: 3 });
  await repo.nearest('v', [0.5, 1], { limit: 3, where: (q) => q.where('owner', '=', 'o') });
  await batch('logged').insert(repo, note(4)).update(repo, { owner: 'o', seq: 4 }, (u) => u.set('body', 'z')).delete(repo, { owner: 'o', seq: 5 }).execute();
  await batch('unlogged').insert(repo, note(6)).insert(repo, note(7)).execute();
}

describe('repositories on keyspace views name their keyspace', () => {
  for (const [how, make] of [
    ['a useKeyspace() view', (ks: string) => { const v = view(ks); return { ...v, repo: new Repository(v.connection, Note) }; }],
    ['withKeyspace() on another view', (ks: string) => { const v = view('home'); return { ...v, repo: new Repository(v.connection, Note).withKeyspace(ks) }; }],
  ] as const) {
    it(`every statement kind of a repository through ${how} is qualified with tenant_7`, async () => {
      const { repo, cql } = make('tenant_7');
      expect(repo.keyspace).to.equal('tenant_7');
      await everyStatement(repo);
      expect(cql.length).to.be.at.least(25);
      const unqualified = cql.filter((c) => !/\b(?:FROM|INTO|UPDATE) tenant_7\.notes\b/.test(c));
      expect(unqualified).to.deep.equal([]);
      // Nothing went through the public execute(), whose unqualified CQL would need a client of the view's keyspace.
      expect(cql.filter((c) => c.startsWith('raw: '))).to.deep.equal([]);
    });
  }

  it('the entity keyspace wins over the view, and the repository option over both', () => {
    @Table({ name: 'pinned', keyspace: 'pinned_ks' })
    class Pinned {
      @PartitionKey() id!: string;
    }
    expect(new Repository(view('tenant_1').connection, Pinned).keyspace).to.equal('pinned_ks');
    expect(new Repository(view('tenant_1').connection, Pinned, { keyspace: 'chosen' }).keyspace).to.equal('chosen');
    expect(new Repository(view('tenant_1').connection, Note).select().compile().cql).to.match(/FROM tenant_1\.notes$/);
  });
});

describe('connection views share one driver client', () => {
  it('useKeyspace() views use the alias\'s client (one pool), whatever their keyspace', async () => {
    const root = new RealConnection({ contactPoints: '127.0.0.1', keyspace: 'home' });
    try {
      const a = root.useKeyspace('tenant_a');
      const b = a.useKeyspace('tenant_b');
      expect(a.client).to.equal(root.client);
      expect(b.client).to.equal(root.client);
      expect(b.keyspace).to.equal('tenant_b');
    } finally {
      await root.close();
    }
  });

  it(`keeps up to ${DEFAULT_MAX_PREPARED} prepared statements by default (the driver's 500 is too few for many keyspaces), unless clientOptions.maxPrepared says`, () => {
    const settings = (options: object) => new RealConnection({ contactPoints: '127.0.0.1', ...options }).settings;
    expect(driverClientOptions(settings({}), undefined).maxPrepared).to.equal(5000);
    expect(driverClientOptions(settings({ clientOptions: { maxPrepared: 800 } }), undefined).maxPrepared).to.equal(800);
  });
});
