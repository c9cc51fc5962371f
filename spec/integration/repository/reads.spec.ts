// Reads on the real node: by key, partition, clustering ranges, count/exists/first, typed filters
// (IN, CONTAINS, CONTAINS KEY, LIKE, token), projection, ORDER BY, LIMIT, PER PARTITION LIMIT,
// DISTINCT, GROUP BY with aggregates, ALLOW FILTERING, and rule violations caught before sending.
import { expect } from 'chai';
import { Repository } from '../../../src/repository/repository.js';
import { count, max, sum } from '../../../src/query/aggregates.js';
import { QueryBuildError } from '../../../src/errors.js';
import { fixture, type Fixture } from './support.js';
import { Reading } from './entities.js';

function reading(sensor: string, day: number, seq: number, extra: Partial<Reading> = {}): Reading {
  return Object.assign(new Reading(), { sensor, day, seq, value: day * 10 + seq, ...extra });
}

describe('Repository reads', () => {
  let fx: Fixture;
  let repo: Repository<Reading>;

  before(async () => {
    fx = await fixture('it_reads', [Reading]);
    repo = new Repository(fx.connection, Reading);
    for (const sensor of ['a', 'b', 'c']) {
      for (let day = 1; day <= 3; day++) {
        for (let seq = 1; seq <= 4; seq++) {
          await repo.insert(reading(sensor, day, seq, {
            note: `${sensor} day ${day} reading ${seq}`,
            labels: new Set(seq % 2 === 0 ? ['even'] : ['odd']),
            attrs: new Map(day === 2 ? [['hot', 'yes']] : []),
          }));
        }
      }
    }
  });
  after(async () => fx.drop());

  const keys = (rows: Reading[]): string[] => rows.map((r) => `${r.sensor}${r.day}.${r.seq}`);

  it('finds one row by full key, as an entity instance; undefined when absent', async () => {
    const r = await repo.findOne({ sensor: 'a', day: 2, seq: 3 });
    expect(r).to.be.instanceOf(Reading);
    expect(r).to.include({ sensor: 'a', day: 2, seq: 3, value: 23, note: 'a day 2 reading 3' });
    expect(await repo.findOne({ sensor: 'z', day: 1, seq: 1 })).to.equal(undefined);
  });

  it('reads a partition in clustering order (day ASC, seq DESC)', async () => {
    const rows = await repo.findPartition({ sensor: 'b' });
    expect(keys(rows)).to.deep.equal(['b1.4', 'b1.3', 'b1.2', 'b1.1', 'b2.4', 'b2.3', 'b2.2', 'b2.1', 'b3.4', 'b3.3', 'b3.2', 'b3.1']);
  });

  it('reads clustering ranges and IN, with ORDER BY reversed and LIMIT', async () => {
    expect(keys(await repo.find((q) => q.where('sensor', '=', 'a').where('day', '=', 2).where('seq', '>', 1).where('seq', '<=', 3))))
      .to.deep.equal(['a2.3', 'a2.2']);
    expect(keys(await repo.find((q) => q.where('sensor', '=', 'a').where('day', 'in', [1, 3]).where('seq', '=', 4)))).to.deep.equal(['a1.4', 'a3.4']);
    expect(keys(await repo.find((q) => q.where('sensor', '=', 'c').orderBy('day', 'DESC').orderBy('seq', 'ASC').limit(3)))).to.deep.equal(['c3.1', 'c3.2', 'c3.3']);
    expect(keys(await repo.find((q) => q.where('sensor', 'in', ['a', 'b']).where('day', '>=', 3).where('day', '<', 4)))).to.have.length(8);
  });

  it('count, exists and first', async () => {
    expect(await repo.count()).to.equal(36);
    expect(await repo.count((q) => q.where('sensor', '=', 'a').where('day', '=', 1))).to.equal(4);
    expect(await repo.exists({ sensor: 'a', day: 1, seq: 1 })).to.equal(true);
    expect(await repo.exists((q) => q.where('sensor', '=', 'a').where('day', '=', 9))).to.equal(false);
    expect((await repo.first((q) => q.where('sensor', '=', 'a')))).to.include({ day: 1, seq: 4 });
  });

  it('projects columns: entity instances carrying only those properties', async () => {
    const [r] = await repo.find((q) => q.columns('sensor', 'value').where('sensor', '=', 'a').limit(1));
    expect(r).to.be.instanceOf(Reading);
    expect({ ...r }).to.deep.equal({ sensor: 'a', value: 14 });
  });

  it('CONTAINS, CONTAINS KEY and LIKE through their indexes', async () => {
    expect(await repo.count((q) => q.where('labels', 'contains', 'even'))).to.equal(18);
    expect(await repo.count((q) => q.where('attrs', 'containsKey', 'hot'))).to.equal(12);
    expect(keys(await repo.find((q) => q.where('note', 'like', '%b day 3 reading 2%')))).to.deep.equal(['b3.2']);
  });

  it('token() ranges cover every partition exactly once', async () => {
    const lower = await repo.find((q) => q.distinct().whereToken('<=', 0n));
    const upper = await repo.find((q) => q.distinct().whereToken('>', 0n));
    expect([...lower, ...upper].map((r) => r.sensor).sort()).to.deep.equal(['a', 'b', 'c']);
    const after = await repo.find((q) => q.distinct().whereToken('>', { sensor: 'a' }));
    expect(after.map((r) => r.sensor)).not.to.include('a');
  });

  it('PER PARTITION LIMIT, DISTINCT, GROUP BY with aggregates', async () => {
    expect(await repo.find((q) => q.perPartitionLimit(1))).to.have.length(3);
    expect((await repo.find((q) => q.distinct())).map((r) => r.sensor).sort()).to.deep.equal(['a', 'b', 'c']);
    expect(await repo.count((q) => q.distinct())).to.equal(3);
    expect(await repo.count((q) => q.distinct().where('sensor', 'in', ['a', 'c']))).to.equal(2);
    const groups = await repo.find((q) => q.columns('sensor', 'day').where('sensor', '=', 'a').groupBy('sensor', 'day').aggregate({ n: count(), top: max('value'), total: sum('value') }));
    expect(groups).to.deep.equal([
      { sensor: 'a', day: 1, n: 4n, top: 14, total: 50 },
      { sensor: 'a', day: 2, n: 4n, top: 24, total: 90 },
      { sensor: 'a', day: 3, n: 4n, top: 34, total: 130 },
    ]);
  });

  it('ALLOW FILTERING only when asked for; otherwise the query is refused before sending', async () => {
    expect(() => repo.select().where('value', '>', 30).compile()).to.throw(QueryBuildError, /allowFiltering/);
    const hot = await repo.find((q) => q.where('value', '>', 33).allowFiltering());
    expect(hot.map((r) => r.value).sort()).to.deep.equal([34, 34, 34]);
  });

  it('rejects illegal shapes with a QueryBuildError and sends nothing', async () => {
    let sent = 0;
    const error = await repo.find((q) => q.where('day', '=', 1), { onInfo: () => sent++ }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(QueryBuildError);
    expect((error as Error).message).to.match(/readings: the restriction on day needs the full partition key/);
    expect(sent).to.equal(0);
  });
});
