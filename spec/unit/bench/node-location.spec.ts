// The benchmark header says where the node is from the contact points, instead of assuming it.
import { expect } from 'chai';
import type { NetworkInterfaceInfo } from 'node:os';
import { nodeLocation } from '../../bench/machine.js';

const eth0 = [{ address: '10.1.2.3', family: 'IPv4' }, { address: 'fe80::1', family: 'IPv6' }] as NetworkInterfaceInfo[];

describe('bench: where the node is', () => {
  it('is this machine for loopback, localhost and this machine\'s own addresses, with or without ports', () => {
    for (const points of [['127.0.0.1'], ['127.0.0.2:9042', 'localhost'], ['[::1]:9042'], ['10.1.2.3:9042'], ['fe80::1']]) {
      expect(nodeLocation(points, { eth0 }), points.join(',')).to.match(/^client and node on the same machine/);
    }
  });

  it('names the contact points that are not this machine', () => {
    expect(nodeLocation(['127.0.0.1', '10.9.9.9:9042', '[2001:db8::5]:9042'], { eth0 })).to.equal('node on another host (10.9.9.9, 2001:db8::5), not this machine');
  });
});
