// Replication one node loss breaks, without a node: which replication maps warn on which topologies,
// and what the warning says to do.
import { expect } from 'chai';
import { keyspaceReplicationWarnings, systemAuthWarnings } from '../../../src/schema/replication-warnings.js';

const threeNodes = new Map([['dc1', 3]]);
const twoDcs = new Map([['dc1', 2], ['dc2', 1]]);
const simple = (rf: number) => ({ class: 'org.apache.cassandra.locator.SimpleStrategy', replication_factor: String(rf) });
const nts = (dcs: Record<string, number>) => ({ class: 'org.apache.cassandra.locator.NetworkTopologyStrategy', ...Object.fromEntries(Object.entries(dcs).map(([k, v]) => [k, String(v)])) });

describe('replication warnings', () => {
  it('a one-node cluster gets none: no replication survives losing its only node', () => {
    expect(keyspaceReplicationWarnings('app', simple(1), new Map([['datacenter1', 1]]))).to.deep.equal([]);
    expect(systemAuthWarnings(simple(1), new Map([['datacenter1', 1]]))).to.deep.equal([]);
  });

  it('SimpleStrategy RF 1 and RF 2 on three nodes warn, naming what fails and the ALTER KEYSPACE that fixes it; RF 3 does not', () => {
    const [rf1] = keyspaceReplicationWarnings('app', simple(1), threeNodes);
    expect(rf1).to.contain('keyspace app does not survive one node loss').and.to.contain('replication factor 1').and.to.contain('at any consistency');
    expect(rf1).to.contain("ALTER KEYSPACE app WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 3}").and.to.contain('nodetool repair app');
    expect(keyspaceReplicationWarnings('app', simple(2), threeNodes)[0]).to.contain('QUORUM and LOCAL_QUORUM need both copies');
    expect(keyspaceReplicationWarnings('app', simple(3), threeNodes)).to.deep.equal([]);
  });

  it('NetworkTopologyStrategy {dc1: 2, dc2: 1}: LOCAL_QUORUM in dc1 and both local levels in dc2 break; the fix is capped by the nodes per data centre', () => {
    const [w] = keyspaceReplicationWarnings('app', nts({ dc1: 2, dc2: 1 }), twoDcs);
    expect(w).to.contain('dc1 has 2 copies: LOCAL_QUORUM in dc1 needs both').and.to.contain('dc2 has 1 copy');
    expect(w).not.to.contain('QUORUM fails while one replica is down');
    expect(w).to.contain("{'class': 'NetworkTopologyStrategy', 'dc1': 2, 'dc2': 1}").and.to.contain('a data centre needs 3 nodes for 3 copies');
    expect(keyspaceReplicationWarnings('app', nts({ dc1: 1, dc2: 1 }), twoDcs)[0]).to.contain('2 copies in all: QUORUM fails');
    expect(keyspaceReplicationWarnings('app', nts({ dc1: 3 }), threeNodes)).to.deep.equal([]);
  });

  it('system_auth: fewer than 3 copies (QUORUM of the default superuser) or a multi-node data centre with 1 copy warns; the launcher layout does not', () => {
    const [w] = systemAuthWarnings(simple(1), twoDcs);
    expect(w).to.contain('system_auth').and.to.contain('1 copy in all').and.to.contain('Unable to perform authentication');
    expect(w).to.contain("ALTER KEYSPACE system_auth WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 2, 'dc2': 1}");
    expect(systemAuthWarnings(nts({ dc1: 2, dc2: 1 }), twoDcs)).to.deep.equal([]);
    expect(systemAuthWarnings(nts({ dc1: 1, dc2: 2 }), new Map([['dc1', 3], ['dc2', 3]]))[0]).to.contain('dc1 has fewer than 2 copies');
    expect(systemAuthWarnings(nts({ dc1: 3 }), threeNodes)).to.deep.equal([]);
  });
});
