// The replication map literal and CREATE KEYSPACE statement printed from resolved settings.
import { expect } from 'chai';
import { createKeyspaceCql, replicationCql } from '../../../src/index.js';

describe('config: replication CQL', () => {
  it('prints SimpleStrategy', () => {
    expect(replicationCql({ class: 'SimpleStrategy', replicationFactor: 3 })).to.equal(
      "{'class': 'SimpleStrategy', 'replication_factor': 3}",
    );
  });

  it('prints NetworkTopologyStrategy with a factor per data center', () => {
    expect(replicationCql({ class: 'NetworkTopologyStrategy', dataCenters: { dc1: 3, "o'dc": 1 } })).to.equal(
      "{'class': 'NetworkTopologyStrategy', 'dc1': 3, 'o''dc': 1}",
    );
  });

  it('prints CREATE KEYSPACE IF NOT EXISTS with durable_writes, quoting the name when needed', () => {
    expect(
      createKeyspaceCql({ name: 'Shop', replication: { class: 'SimpleStrategy', replicationFactor: 1 }, durableWrites: false }),
    ).to.equal(
      "CREATE KEYSPACE IF NOT EXISTS \"Shop\" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1} AND durable_writes = false",
    );
  });
});
