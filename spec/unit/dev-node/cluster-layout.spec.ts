// Where the nodes of a development cluster live: pure layout, nothing started.
import { expect } from 'chai';
import { clusterLayout, everyNodeReplication, systemAuthReplicationCql } from '../../../src/dev-node/cluster-layout.js';
import { cassandraYaml, rackDcProperties } from '../../../src/dev-node/node-config.js';
import { DevNodeError } from '../../../src/errors.js';

describe('dev-node: cluster layout', () => {
  it('three nodes: 127.0.0.2-4, dc1 with two nodes and dc2 with one, a rack each, one seed per data centre', () => {
    const layout = clusterLayout(3);
    expect(layout.map((n) => [n.address, n.dataCenter, n.rack, n.seed])).to.deep.equal([
      ['127.0.0.2', 'dc1', 'r1', true],
      ['127.0.0.3', 'dc1', 'r2', false],
      ['127.0.0.4', 'dc2', 'r3', true],
    ]);
    expect(layout.every((n) => n.nativePort === 9042 && n.storagePort === 7000)).to.equal(true);
  });

  it('spreads one token per node evenly over the Murmur3 ring', () => {
    expect(clusterLayout(3).map((n) => n.initialToken)).to.deep.equal([
      '-9223372036854775808',
      '-3074457345618258603',
      '3074457345618258602',
    ]);
    expect(clusterLayout(1).map((n) => n.initialToken)).to.deep.equal(['-9223372036854775808']);
  });

  it('fewer than three nodes stay in one data centre', () => {
    expect(clusterLayout(2).map((n) => n.dataCenter)).to.deep.equal(['dc1', 'dc1']);
  });

  it('refuses counts and addresses that cannot work', () => {
    expect(() => clusterLayout(0)).to.throw(DevNodeError, /1 to 9 nodes/);
    expect(() => clusterLayout(3, '10.0.0.1')).to.throw(DevNodeError, /loopback/);
    expect(() => clusterLayout(3, '127.0.0.254')).to.throw(DevNodeError, /cannot hold 3/);
  });

  it('system_auth gets a copy on every node (at most three per data centre)', () => {
    expect(everyNodeReplication(clusterLayout(3))).to.deep.equal({ dc1: 2, dc2: 1 });
    expect(everyNodeReplication(clusterLayout(5))).to.deep.equal({ dc1: 3, dc2: 1 });
    expect(systemAuthReplicationCql(clusterLayout(3))).to.equal(
      "ALTER KEYSPACE system_auth WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 2, 'dc2': 1}",
    );
  });

  it('a cluster node gets GossipingPropertyFileSnitch, all seeds, its token and no bootstrap; a single node keeps SimpleSnitch', () => {
    const yaml = cassandraYaml({
      dir: '/d', address: '127.0.0.3', nativePort: 9042, storagePort: 7000, clusterName: 'c', seeds: ['127.0.0.2:7000', '127.0.0.4:7000'],
      initialToken: '-3074457345618258603', gossipingSnitch: true,
    });
    expect(yaml).to.contain('endpoint_snitch: GossipingPropertyFileSnitch\n');
    expect(yaml).to.contain('- seeds: "127.0.0.2:7000,127.0.0.4:7000"\n');
    expect(yaml).to.contain('initial_token: -3074457345618258603\n');
    expect(yaml).to.contain('auto_bootstrap: false\n');
    expect(yaml).to.contain('cluster_name: c\n');
    const single = cassandraYaml({ dir: '/d', address: '127.0.0.1', nativePort: 9042, storagePort: 7000 });
    expect(single).to.contain('endpoint_snitch: SimpleSnitch\n');
    expect(single).to.contain('- seeds: "127.0.0.1:7000"\n');
    expect(single).not.to.contain('auto_bootstrap');
    expect(rackDcProperties('dc2', 'r3')).to.equal('dc=dc2\nrack=r3\n');
  });
});
