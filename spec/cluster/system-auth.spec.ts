// Errors that tell the truth when system_auth is unavailable: system_auth is put back to one copy (a
// fresh cluster's default), plan warns about it, and the node holding the `cassandra` role is stopped.
// A new login then says the cluster could not read system_auth (with the server's reason and the fix),
// not "check USER/PASSWORD", and a sync on a connection opened before says the same of its permission
// check. The node is restarted and system_auth's replication restored afterwards.
import { expect } from 'chai';
import { Column, PartitionKey, Table, syncSchema, type Connection } from '../../src/index.js';
import { AuthenticationError, SchemaSyncError, UnauthorizedError } from '../../src/public/errors.js';
import { planSchema } from '../../src/schema/plan-apply.js';
import { controlledCluster } from '../support/cluster-fixture.js';
import { clusterConnection, uniqueName } from './support.js';

@Table('auth_notes')
class AuthNote {
  @PartitionKey({ type: 'int' }) id!: number;
  @Column() body!: string;
}

/** The node of a one-copy SimpleStrategy replica of `token`: the first node whose token is at or after it, wrapping round the ring. */
function ownerOf(token: bigint, ring: readonly { index: number; token: bigint }[]): number {
  const sorted = [...ring].sort((a, b) => (a.token < b.token ? -1 : a.token > b.token ? 1 : 0));
  return (sorted.find((n) => n.token >= token) ?? sorted[0])!.index;
}

describe('cluster: system_auth with one copy, and its node down', function () {
  this.timeout(600_000);
  const keyspace = uniqueName('authks');
  let admin: Connection;
  let open: Connection | undefined;
  let original = '';
  let victim: number | undefined;

  before(async () => {
    admin = clusterConnection();
    const rs = await admin.execute("SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = 'system_auth'");
    const map = rs.first()?.['replication'] as Map<string, string>;
    original = [...map].filter(([k]) => k !== 'class').map(([k, v]) => `'${k}': ${v}`).join(', ');
    expect(map.get('class')).to.contain('NetworkTopologyStrategy');
  });
  after(async () => {
    const cluster = controlledCluster();
    if (victim !== undefined && cluster.node(victim).pid === undefined) await cluster.restart(victim);
    await admin.execute(`ALTER KEYSPACE system_auth WITH replication = {'class': 'NetworkTopologyStrategy', ${original}}`);
    await admin.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`).catch(() => undefined);
    await Promise.all([admin.close(), open?.close()]);
    await cluster.waitUntilSettled(120_000);
  });

  it('plan warns that system_auth with one copy does not survive one node loss, and how to raise it', async () => {
    await admin.execute("ALTER KEYSPACE system_auth WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    const plan = await planSchema(admin, [AuthNote], { keyspace: { name: keyspace, replication: { class: 'NetworkTopologyStrategy', dataCenters: { dc1: 2, dc2: 1 } } } });
    const auth = plan.warnings.find((w) => w.startsWith('system_auth'));
    expect(auth, plan.warnings.join('\n')).to.contain('does not survive one node loss (1 copy in all)').and.to.contain('ALTER KEYSPACE system_auth');
    const ks = plan.warnings.find((w) => w.includes(`keyspace ${keyspace}`));
    expect(ks, 'the keyspace {dc1: 2, dc2: 1} breaks LOCAL_QUORUM with one node down').to.contain('LOCAL_QUORUM in dc1 needs both');
  });

  it('with that node down, a new login says system_auth is unavailable (server reason, fix), and so does a sync on an open connection', async () => {
    const cluster = controlledCluster();
    // The `cassandra` role's partition lives on the node whose token range holds its token.
    const t = await admin.execute("SELECT token(role) AS t FROM system_auth.roles WHERE role = 'cassandra'", [], { consistency: 'ONE' });
    victim = ownerOf(BigInt(String(t.first()?.['t'])), cluster.nodes.map((n) => ({ index: n.index, token: BigInt(n.initialToken) })));
    const others = cluster.nodes.filter((n) => n.index !== victim).map((n) => `${n.address}:${n.nativePort}`);
    const othersDc = cluster.nodes.find((n) => n.index !== victim)!.dataCenter;
    open = clusterConnection({ contactPoints: others, localDataCenter: othersDc });
    await open.execute('SELECT release_version FROM system.local');
    await cluster.stopNode(victim);

    const login = clusterConnection({ contactPoints: others, localDataCenter: othersDc, alias: 'after-loss' });
    const error = await login.execute('SELECT release_version FROM system.local').then(
      () => undefined,
      (e: unknown) => e,
    );
    await login.close();
    expect(error).to.be.instanceOf(AuthenticationError);
    const e = error as AuthenticationError;
    console.log(`      new login: ${e.message.slice(0, 160)}...`);
    expect(e.systemAuthUnavailable).to.equal(true);
    expect(e.message).to.contain("user 'cassandra'").and.to.contain('Unable to perform authentication').and.to.contain('could not read system_auth');
    expect(e.message).to.contain('ALTER KEYSPACE system_auth').and.not.to.contain('Check USER/PASSWORD');

    const sync = await syncSchema(open, [AuthNote], { keyspace: { name: keyspace, replication: { class: 'SimpleStrategy', replicationFactor: 2 } } }).then(
      () => undefined,
      (x: unknown) => x,
    );
    // The plan's reads of system_schema already need the permission check: sync stops there, or (had
    // they passed) at its first statement, wrapped in SchemaSyncError.
    const unauthorized = sync instanceof SchemaSyncError ? sync.cause : sync;
    expect(unauthorized).to.be.instanceOf(UnauthorizedError);
    expect((unauthorized as UnauthorizedError).systemAuthUnavailable).to.equal(true);
    expect((sync as Error).message).to.contain('Unable to perform authorization').and.to.contain('ALTER KEYSPACE system_auth');
    console.log(`      sync on an open connection: ${(sync as Error).message.slice(0, 160)}...`);
  });

  it('after the restart, logins work again and the failed sync wrote nothing', async () => {
    const cluster = controlledCluster();
    await cluster.restart(victim!);
    const rs = await admin.execute('SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?', [keyspace]);
    expect(rs.rows).to.have.length(0);
    const login = clusterConnection({ alias: 'after-restart' });
    await login.execute('SELECT release_version FROM system.local');
    await login.close();
  });
});
