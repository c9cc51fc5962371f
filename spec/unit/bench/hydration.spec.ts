// bench:hydration: its check refuses a contender that returned fewer rows, a changed value or plain
// objects instead of entities, and the docs' figures are rendered from the results file alone.
import { expect } from 'chai';
import cassandra from 'cassandra-driver';
import { check, Place, RichRow, rowOf } from '../../bench/hydration-rows.js';
import { HYDRATION_BEGIN, HYDRATION_END, renderHydration, withHydration, type HydrationResults } from '../../bench/hydration-figures.js';
import { seeded } from '../../support/vectors.js';

const { types } = cassandra;

/** Row `e` as the driver returns it (its own value types, the set in the node's order). */
function asDriverRow(e: RichRow): Record<string, unknown> {
  return {
    bucket: e.bucket, at: types.TimeUuid.fromString(e.at), owner: types.Uuid.fromString(e.owner), ip: types.InetAddress.fromString(e.ip),
    price: types.BigDecimal.fromString(e.price), big: e.big, count: e.count, day: types.LocalDate.fromString(e.day), tags: [...e.tags],
    nums: new Set([...e.nums].sort((a, b) => a - b)), attrs: new Map(e.attrs), place: { street: e.place.street, zip: e.place.zip }, name: e.name,
  };
}

const copy = (e: RichRow): RichRow => Object.assign(new RichRow(), { ...e, tags: [...e.tags], nums: new Set([...e.nums].reverse()), attrs: new Map(e.attrs), place: Object.assign(new Place(), e.place) });

describe('bench:hydration', () => {
  const next = seeded(1);
  const written = Array.from({ length: 20 }, (_, i) => rowOf(i, next));

  it('accepts entities equal to what was written (sets in any order) and the driver rows of it', () => {
    expect(() => check('orm', written.map(copy), written, false)).to.not.throw();
    expect(() => check('raw', written.map(asDriverRow), written, true)).to.not.throw();
  });

  it('refuses a missing row, one changed value, plain objects for entities and a skipped conversion', () => {
    expect(() => check('orm', written.slice(1).map(copy), written, false)).to.throw(/returned 19 rows, 20 were written/);
    const changed = written.map(copy);
    changed[3]!.nums = new Set([...changed[3]!.nums, 99]);
    expect(() => check('orm', changed, written, false)).to.throw(/row 3 differs/);
    expect(() => check('orm', written.map((e) => ({ ...copy(e) })), written, false)).to.throw(/row 0 is not a RichRow/);
    const unconverted = written.map(copy);
    (unconverted[5] as unknown as Record<string, unknown>)['owner'] = types.Uuid.fromString(written[5]!.owner);
    expect(() => check('orm', unconverted, written, false)).to.throw(/row 5 differs/);
    const wrongDriver = written.map(asDriverRow);
    wrongDriver[7]!['price'] = types.BigDecimal.fromString('1.5');
    expect(() => check('raw', wrongDriver, written, true)).to.throw(/row 7 price differs/);
  });

  it('renders every contender of every workload from the results file, between its markers', () => {
    const file: HydrationResults = {
      command: ['--rows', '100'], startedAt: '2026-12-03T19:00:00.000Z', finishedAt: '2026-12-03T19:05:00.000Z',
      machine: { cpus: 2, cpuModel: 'AMD EPYC', loadAverage: [1, 2, 3], nodeVersion: 'v20.20.2' }, cassandra: { releaseVersion: '5.0.9' },
      libraries: { 'cassandra-orm': '0.1.0 (abc1234)' }, git: { commit: 'abc1234def', changed: [], untracked: [] },
      setup: { rows: 100, rounds: 3, readsPerSlice: 4, pageSize: 10 }, table: 'rich_rows', verified: 'all rows compared',
      results: [{
        workload: 'findPartition', describe: 'the whole partition',
        contenders: [
          { name: 'raw driver', uses: 'client.execute', cpuUsPerRow: [10, 12, 11], gcUsPerRow: [1, 2, 3], ratioToRaw: null, retainedBytesPerRow: 900 },
          { name: 'cassandra-orm', uses: 'repo.findPartition', cpuUsPerRow: [11, 13, 12], gcUsPerRow: [2, 2, 2], ratioToRaw: { median: 1.083, min: 1.05, max: 1.1, perRound: [1.1, 1.083, 1.05] }, retainedBytesPerRow: 700 },
        ],
      }],
    };
    const text = renderHydration(file);
    expect(text.startsWith(HYDRATION_BEGIN) && text.endsWith(HYDRATION_END)).to.equal(true);
    expect(text).to.contain('`npm run bench:hydration -- --rows 100` at commit abc1234; 100 rows, 3 rounds of 4 reads');
    expect(text).to.contain('| findPartition | raw driver | client.execute | 1× | 11.00 | 2.00 | 900 |');
    expect(text).to.contain('| findPartition | cassandra-orm | repo.findPartition | 1.08× (1.05×–1.10×) | 12.00 | 2.00 | 700 |');
    const doc = `a\n${HYDRATION_BEGIN}\nold\n${HYDRATION_END}\nb\n`;
    expect(withHydration(doc, text)).to.equal(`a\n${text}\nb\n`);
    expect(() => withHydration('no markers', text)).to.throw(/needs the markers/);
  });
});
