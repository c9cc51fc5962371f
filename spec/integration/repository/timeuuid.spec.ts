// Timeuuid ranges with minTimeuuid()/maxTimeuuid()/now() and toTimestamp() reads, on the real node.
import { expect } from 'chai';
import cassandra from 'cassandra-driver';
import { ClusteringKey, Column, PartitionKey } from '../../../src/decorators/column.js';
import { Table } from '../../../src/decorators/table.js';
import { Repository } from '../../../src/repository/repository.js';
import { toTimestamp } from '../../../src/query/aggregates.js';
import { maxTimeuuid, minTimeuuid, now } from '../../../src/query/timeuuid.js';
import { fixture, type Fixture } from './support.js';

@Table('ticks')
class Tick {
  @PartitionKey() sensor!: string;
  @ClusteringKey({ type: 'timeuuid' }) at!: string;
  @Column({ type: 'int' }) n?: number;
}

describe('timeuuid ranges and toTimestamp (real node)', () => {
  let fx: Fixture;
  let ticks: Repository<Tick>;
  // One row per minute over an hour, each with a timeuuid of that minute (and a random clock part).
  const start = Date.UTC(2024, 4, 1, 12, 0, 0);
  const minute = (i: number): Date => new Date(start + i * 60_000);

  before(async () => {
    fx = await fixture('it_timeuuid', [Tick]);
    ticks = new Repository(fx.connection, Tick);
    for (let i = 0; i < 60; i++) {
      await ticks.insert(Object.assign(new Tick(), { sensor: 's', at: cassandra.types.TimeUuid.fromDate(minute(i), i % 10000).toString(), n: i }));
    }
  });
  after(async () => fx?.drop());

  it('selects exactly the rows of a time range with minTimeuuid and maxTimeuuid (both ends inclusive)', async () => {
    const rows = await ticks.find((q) => q.where('sensor', '=', 's').where('at', '>=', minTimeuuid(minute(10))).where('at', '<=', maxTimeuuid(minute(19))));
    expect(rows.map((r) => r.n)).to.deep.equal([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    const open = await ticks.find((q) => q.where('sensor', '=', 's').where('at', '>', maxTimeuuid(minute(57))));
    expect(open.map((r) => r.n)).to.deep.equal([58, 59]);
    expect(await ticks.count((q) => q.where('sensor', '=', 's').where('at', '<', now()))).to.equal(60);
  });

  it('reads the moment of a timeuuid with toTimestamp() as a Date', async () => {
    const rows = await ticks.find((q) => q.columns('n').where('sensor', '=', 's').where('at', '>=', minTimeuuid(minute(3))).limit(2).aggregate({ when: toTimestamp('at') }));
    expect(rows).to.deep.equal([{ n: 3, when: minute(3) }, { n: 4, when: minute(4) }]);
  });
});
