import { expect } from 'chai';
import { changedOptions, optionMatches, replicationMatches } from '../../../src/schema/option-compare.js';

describe('option comparison', () => {
  const same: [string, unknown, unknown][] = [
    ['numbers', 86400, 86400],
    ['numbers reported as text in maps', { sstable_size_in_mb: 160 }, { sstable_size_in_mb: '160' }],
    ['short and qualified class names', { class: 'LeveledCompactionStrategy' }, { class: 'org.apache.cassandra.db.compaction.LeveledCompactionStrategy', sstable_size_in_mb: '160' }],
    ['percentiles', '99PERCENTILE', '99p'],
    ['case', 'blocking', 'BLOCKING'],
    ['booleans', false, false],
  ];
  for (const [what, declared, live] of same) {
    it(`matches ${what}`, () => expect(optionMatches(declared, live)).to.equal(true));
  }

  const different: [string, unknown, unknown][] = [
    ['another number', 3600, 864000],
    ['another class', { class: 'LeveledCompactionStrategy' }, { class: 'org.apache.cassandra.db.compaction.SizeTieredCompactionStrategy' }],
    ['a missing map key', { chunk_length_in_kb: 64 }, { class: 'LZ4Compressor' }],
    ['a missing value', 'x', undefined],
  ];
  for (const [what, declared, live] of different) {
    it(`differs on ${what}`, () => expect(optionMatches(declared, live)).to.equal(false));
  }

  it('treats null as the server default for the options Cassandra stores that way', () => {
    expect(changedOptions({ cdc: false, incremental_backups: true, memtable: 'default', allow_auto_snapshot: true }, { cdc: null, incremental_backups: null, memtable: null, allow_auto_snapshot: null })).to.deep.equal({});
    expect(changedOptions({ cdc: true, comment: 'a' }, { cdc: null, comment: 'b' })).to.deep.equal({ cdc: true, comment: 'a' });
  });

  it('compares replication both ways', () => {
    expect(replicationMatches({ class: 'SimpleStrategy', replication_factor: '1' }, { class: 'org.apache.cassandra.locator.SimpleStrategy', replication_factor: '1' })).to.equal(true);
    expect(replicationMatches({ class: 'NetworkTopologyStrategy', dc1: '3' }, { class: 'NetworkTopologyStrategy', dc1: '3', dc2: '1' })).to.equal(false);
  });
});
