// --replay's client wrapper on a real driver client and node: recording reaches the node, replay
// never does (it answers after the client is shut down), reads get new rows holding the recorded
// values, writes get the recorded answer whatever they write, and anything unrecorded is refused.
import { expect } from 'chai';
import cassandra from 'cassandra-driver';
import { ReplayedClient, ReplayMiss } from '../../bench/replay.js';
import { adminClient, createKeyspace, uniqueKeyspace } from '../../support/test-node.js';

describe('benchmark --replay on a driver client', function () {
  this.timeout(60_000);
  const ks = uniqueKeyspace('replay_spec');
  let admin: cassandra.Client;
  let drop: () => Promise<void>;
  let client: cassandra.Client;
  let replayed: ReplayedClient;
  const INSERT = 'INSERT INTO items (id, n, label) VALUES (?, ?, ?)';
  const SELECT = 'SELECT id, n, label FROM items WHERE id = ?';
  const PAGE = 'SELECT id, n, label FROM pages WHERE p = ?';
  const prepared = { prepare: true } as const;
  let recordedRead: cassandra.types.ResultSet;
  let recordedPages: cassandra.types.ResultSet[];

  before(async () => {
    admin = adminClient();
    await admin.connect();
    drop = await createKeyspace(admin, ks);
    await admin.execute(`CREATE TABLE ${ks}.items (id int PRIMARY KEY, n int, label text)`);
    await admin.execute(`CREATE TABLE ${ks}.pages (p int, n int, id int, label text, PRIMARY KEY (p, n))`);
    for (let n = 0; n < 5; n++) await admin.execute(`INSERT INTO ${ks}.pages (p, n, id, label) VALUES (1, ?, ?, ?)`, [n, n, `row ${n}`], prepared);
    client = adminClient(ks);
    await client.connect();
    replayed = new ReplayedClient('spec client', client);
    // The recording: through the driver to the node.
    await client.execute(INSERT, [1, 10, 'one'], prepared);
    recordedRead = await client.execute(SELECT, [1], prepared);
    recordedPages = [];
    let pageState: string | undefined;
    do {
      const rs = await client.execute(PAGE, [1], { prepare: true, fetchSize: 2, ...(pageState !== undefined ? { pageState } : {}) });
      recordedPages.push(rs);
      pageState = rs.pageState ?? undefined;
    } while (pageState !== undefined);
    replayed.arm();
  });

  after(async () => {
    await client?.shutdown();
    await drop?.();
    await admin?.shutdown();
  });

  it('recorded through the driver: the row is on the node', async () => {
    const rs = await admin.execute(`SELECT n, label FROM ${ks}.items WHERE id = 1`);
    expect(rs.first()?.['label']).to.equal('one');
    expect(recordedRead.rows).to.have.length(1);
    expect(recordedPages.map((p) => p.rows.length)).to.deep.equal([2, 2, 1]);
  });

  it('answers a recorded read with a new result set and new driver rows holding the recorded values', async () => {
    const rs = await client.execute(SELECT, [1], prepared);
    expect(rs).to.not.equal(recordedRead);
    expect(rs.rows[0]).to.not.equal(recordedRead.rows[0]);
    expect(rs.rows[0]).to.be.instanceOf((cassandra.types as unknown as { Row: new () => object }).Row);
    expect({ ...rs.first() }).to.deep.equal({ id: 1, n: 10, label: 'one' });
    expect(rs.first()?.get('label')).to.equal('one');
    expect(rs.columns.map((c) => c.name)).to.deep.equal(['id', 'n', 'label']);
  });

  it('answers a write with the recorded answer whatever it writes, and writes nothing', async () => {
    const rs = await client.execute(INSERT, [2, 20, 'two'], prepared);
    expect(rs.columns).to.equal(null);
    const onNode = await admin.execute(`SELECT id FROM ${ks}.items WHERE id = 2`);
    expect(onNode.rows).to.have.length(0);
  });

  it('pages through the recording, with the page state as the driver gives it (hex) or as a Buffer', async () => {
    const seen: number[] = [];
    let pageState: string | Buffer | undefined;
    let asBuffer = false;
    do {
      const rs = await client.execute(PAGE, [1], { prepare: true, fetchSize: 2, ...(pageState !== undefined ? { pageState } : {}) });
      for (const row of rs.rows) seen.push(row['n'] as number);
      pageState = rs.pageState == null ? undefined : asBuffer ? Buffer.from(rs.pageState, 'hex') : rs.pageState;
      asBuffer = !asBuffer;
    } while (pageState !== undefined);
    expect(seen).to.deep.equal([0, 1, 2, 3, 4]);
  });

  it('refuses a read it has not recorded, naming the statement, instead of asking the node', async () => {
    let error: unknown;
    await client.execute(SELECT, [99], prepared).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(ReplayMiss);
    expect((error as Error).message).to.contain(SELECT).and.to.contain('[99]');
    error = undefined;
    await client.execute(PAGE, [1], { prepare: true, fetchSize: 3 }).catch((e: unknown) => (error = e));
    expect(error, 'another page size').to.be.instanceOf(ReplayMiss);
  });

  it('refuses the callback form and a batch it has not recorded', async () => {
    let error: unknown;
    await (client.execute as unknown as (q: string, p: unknown[], o: object, cb: () => void) => Promise<unknown>)(SELECT, [1], prepared, () => undefined).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(ReplayMiss);
    error = undefined;
    await client.batch([{ query: INSERT, params: [3, 30, 'three'] }], { prepare: true }).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(ReplayMiss);
    expect((error as Error).message).to.contain('no batch was recorded');
  });

  it('keeps answering from the recording after the client is shut down: no replayed call needs the network', async () => {
    await client.shutdown();
    const rs = await client.execute(SELECT, [1], prepared);
    expect(rs.first()?.['label']).to.equal('one');
    const write = await client.execute(INSERT, [4, 40, 'four'], prepared);
    expect(write.columns).to.equal(null);
  });
});
