// The benchmark suite keeps working: `main.js --smoke --control --profile` runs every contender (and
// the raw driver a second time, as the noise control) on every workload, the vector query included, against this run's node (the
// global fixture's environment) and prints figures for all of them, then the profile of their CPU;
// `--smoke --replay --control` measures what each replayable library adds above the raw driver; and
// `--smoke --isolate --control` runs every contender in a process of its own.
import { expect } from 'chai';
import { join } from 'node:path';
import { CONTENDERS } from '../../bench/contenders/registry.js';
import { rawDriverControl } from '../../bench/contenders/raw-driver.js';
import { MIN_EXACT_HITS, NEAREST_LIMIT, VECTOR_DIMENSIONS, VECTOR_QUERIES } from '../../bench/vector-data.js';
import { SMOKE, WORKLOAD_NAMES } from '../../bench/workloads.js';
import { repoRoot } from '../../support/repo-root.js';
import { runNode, type NodeRun } from '../../support/run-node.js';
import { adminClient, testNode } from '../../support/test-node.js';

type Run = NodeRun;

function runBench(args: readonly string[]): Promise<Run> {
  testNode(); // fails fast when the global fixture did not publish a node
  return runNode(['--expose-gc', join(repoRoot(), 'dist', 'spec', 'bench', 'main.js'), ...args]);
}

const SLICES_HEADING = '## Slice by slice';
const PROFILE_HEADING = '## Where the CPU went';

/** Table rows as cells, keyed by the first two cells: of the main table, the slice-by-slice one, or the profile's. */
function tableRows(stdout: string, which: 'main' | 'slices' | 'profile' = 'main'): Map<string, string[]> {
  const [before, profile] = stdout.split(PROFILE_HEADING);
  const [main, slices] = (before ?? '').split(SLICES_HEADING);
  const rows = new Map<string, string[]>();
  for (const line of ((which === 'main' ? main : which === 'slices' ? slices : profile) ?? '').split('\n')) {
    if (!line.startsWith('| ')) continue;
    const cells = line.slice(1, -1).split('|').map((c) => c.trim());
    rows.set(`${cells[0]}|${cells[1]}`, cells);
  }
  return rows;
}

describe('benchmark suite (smoke)', function () {
  this.timeout(300_000);
  let run: Run;

  before(async () => {
    run = await runBench(['--smoke', '--control', '--profile']);
  });

  it('exits 0', () => {
    expect(run.code, run.stderr).to.equal(0);
  });

  it("reads back a sample of every contender's writes and says so in the header", () => {
    for (const workload of ['insert', 'update', 'batch']) {
      const line = new RegExp(`\\[bench\\] ${workload}: read back (.+) as written`).exec(run.stderr)?.[1];
      expect(line, `${workload} read-back log`).to.be.a('string');
      for (const c of [...CONTENDERS, rawDriverControl]) expect(line).to.match(new RegExp(`${c.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} (\\d+)/\\1(,|$)`));
    }
    expect(run.stdout).to.match(/- writes verified: after the measured rounds .*insert \d+ rows per contender, update \d+ rows per contender, batch \d+ partitions per contender, lwt \d+ rows per contender, all as written/);
  });

  it('states the machine and the node it ran on', async () => {
    const admin = adminClient();
    try {
      const rs = await admin.execute('SELECT release_version FROM system.local');
      const version = String(rs.first()?.['release_version']);
      expect(run.stdout).to.match(/- machine: \d+ × .+ GiB RAM .+ Node v\d+\./);
      expect(run.stdout).to.contain(`- node: Cassandra ${version} at `);
    } finally {
      await admin.shutdown();
    }
  });

  it('prints numeric figures for every contender on every workload', () => {
    const rows = tableRows(run.stdout);
    const numeric = /^(\d[\d ]*(\.\d+)?)(%|×)?$/;
    const range = /^\d+\.\d\d–\d+\.\d\d×$/;
    for (const workload of WORKLOAD_NAMES) {
      for (const contender of [...CONTENDERS, rawDriverControl]) {
        const cells = rows.get(`${workload}|${contender.name}`);
        expect(cells, `row ${workload} / ${contender.name}`).to.not.equal(undefined);
        const figures = (cells ?? []).slice(2);
        expect(figures).to.have.length(10);
        for (const figure of figures.slice(0, 9)) expect(figure, `${workload} / ${contender.name}: '${figure}'`).to.match(numeric);
        expect(figures[9], `${workload} / ${contender.name}: CPU ratio range`).to.match(range);
        expect(Number((figures[0] ?? '').replace(/ /g, '')), 'ops/s').to.be.greaterThan(0);
      }
    }
    const [baseline] = CONTENDERS;
    for (const workload of WORKLOAD_NAMES) {
      expect(rows.get(`${workload}|${baseline?.name}`)?.[9], `${workload} baseline ratio`).to.equal('1.00×');
      expect(rows.get(`${workload}|${baseline?.name}`)?.[11], `${workload} baseline ratio range`).to.equal('1.00–1.00×');
    }
  });

  it('states the vector workload and the recall@10 of its index, measured before the rounds', () => {
    expect(run.stdout).to.contain(`- vector: one ANN query (ORDER BY embedding ANN OF ? LIMIT ${NEAREST_LIMIT}) over ${SMOKE.vectorRows} vector<float, ${VECTOR_DIMENSIONS}> rows`);
    const recall = /- vector recall: before measuring, the index answered the (\d+) query vectors with (\d+) of their (\d+) exact nearest rows \(recall@10 (\d\.\d{3})\)\./.exec(run.stdout);
    expect(recall, 'recall line').to.not.equal(null);
    const [, queries, hits, of] = (recall ?? []).map(Number);
    expect([queries, of]).to.deep.equal([VECTOR_QUERIES, VECTOR_QUERIES * NEAREST_LIMIT]);
    // The check demands MIN_EXACT_HITS exact rows of every contender's answer: the index's own answers clear that bar too.
    expect(hits).to.be.within(MIN_EXACT_HITS * VECTOR_QUERIES, of!);
  });

  it('compares cassandra-orm slice by slice with every other contender, and the control with the raw driver', () => {
    const rows = tableRows(run.stdout, 'slices');
    const [raw, orm, ...others] = CONTENDERS;
    expect(orm?.name).to.equal('cassandra-orm');
    for (const workload of WORKLOAD_NAMES) {
      const pairs = [[rawDriverControl.name, raw?.name], [orm?.name, raw?.name], ...others.map((o) => [orm?.name, o.name])];
      for (const [a, b] of pairs) {
        const cells = rows.get(`${workload}|${a} / ${b}`);
        expect(cells, `${workload}: ${a} / ${b}`).to.not.equal(undefined);
        const [slices, ratio, interval, cheaperIn, verdict] = (cells ?? []).slice(2);
        expect(Number(slices), `${workload}: ${a} / ${b} slices`).to.be.greaterThan(0);
        expect(ratio).to.match(/^\d+\.\d{3}×$/);
        expect(interval).to.match(/^(\d+\.\d{3}–\d+\.\d{3}×|too few slices)$/);
        expect(cheaperIn).to.match(new RegExp(`^\\d+ of ${slices}$`));
        expect(verdict).to.be.oneOf(['cheaper', 'dearer', 'not resolved']);
        if (interval === 'too few slices') expect(verdict).to.equal('not resolved');
      }
    }
    // Smoke point workloads have 300 operations at 32 in flight: 9 slices a round, enough for an interval.
    expect(rows.get(`insert|${orm?.name} / ${raw?.name}`)?.[4]).to.not.equal('too few slices');
  });

  it('profiles every contender on every workload: own code for the mappers, driver and GC for all', () => {
    expect(run.stdout).to.contain(PROFILE_HEADING);
    const rows = tableRows(run.stdout, 'profile');
    const figure = /^\d+(\.\d+)?$/;
    const ownTotal = new Map<string, number>();
    for (const workload of WORKLOAD_NAMES) {
      for (const contender of [...CONTENDERS, rawDriverControl]) {
        const cells = rows.get(`${workload}|${contender.name}`) ?? [];
        expect(cells, `profile row ${workload} / ${contender.name}`).to.have.length(7);
        const [busy, own, share, driver, gc] = cells.slice(2);
        for (const f of [busy, driver, gc]) expect(f, `${workload} / ${contender.name}: '${f}'`).to.match(figure);
        expect(Number(busy), `${workload} / ${contender.name}: sampled CPU`).to.be.greaterThan(0);
        if (contender.ownCode === undefined) {
          expect([own, share]).to.deep.equal(['–', '–']);
        } else {
          expect(own, `${workload} / ${contender.name}: own code`).to.match(figure);
          expect(share).to.match(/^\d+\.\d%$/);
          ownTotal.set(contender.name, (ownTotal.get(contender.name) ?? 0) + Number(own));
        }
      }
    }
    // A smoke workload is a few hundred operations, so one mapper's own code may get no 100 µs sample
    // in one workload; over all six, every mapper's must.
    for (const c of CONTENDERS.filter((p) => p.ownCode !== undefined)) expect(ownTotal.get(c.name), `${c.name}: own code`).to.be.greaterThan(0);
  });

  it('sets every contender up in one shared keyspace, in the order the header states, and drops it', async () => {
    const setups = [...run.stderr.matchAll(/\[bench\] (.+): setting up in (bench_\w+)/g)];
    const created = setups.map((m) => m[2]);
    expect(created).to.have.length(CONTENDERS.length + 1);
    expect(new Set(created).size, 'keyspaces').to.equal(1);
    const order = /contenders set up in the order ([^;]+);/.exec(run.stdout)?.[1];
    expect(order, 'setup order in the header').to.equal(setups.map((m) => m[1]).join(', '));
    expect(new Set(setups.map((m) => m[1])).size, 'each contender once').to.equal(CONTENDERS.length + 1);
    const admin = adminClient();
    try {
      const rs = await admin.execute('SELECT keyspace_name FROM system_schema.keyspaces');
      const live = new Set(rs.rows.map((r) => String(r['keyspace_name'])));
      // A failed drop is logged by the bench ("dropping <ks>: <error>"): show it with the failure.
      const dropLog = [...run.stderr.matchAll(/\[bench\] dropping .*/g)].map((m) => m[0]).join('; ');
      for (const ks of created) expect(live.has(ks as string), `${ks} still exists${dropLog === '' ? '' : ` (${dropLog})`}`).to.equal(false);
    } finally {
      await admin.shutdown();
    }
  });

  it('rejects an unknown workload with the list of valid ones and runs nothing', async () => {
    const bad = await runBench(['--smoke', '--workloads', 'read,teleport']);
    expect(bad.code).to.equal(2);
    expect(bad.stderr).to.contain(`unknown workload 'teleport' (choose from ${WORKLOAD_NAMES.join(', ')})`);
    expect(bad.stderr).to.not.contain('setting up');
    expect(bad.stdout).to.equal('');
  });
});

const ADDED_HEADING = '## What each library adds above the raw driver (replayed)';

describe('benchmark suite (smoke, --replay)', function () {
  this.timeout(300_000);
  let run: Run;
  const replayable = CONTENDERS.filter((c) => c.notReplayable === undefined);

  before(async () => {
    run = await runBench(['--smoke', '--replay', '--control']);
  });

  it('exits 0, records every workload on the node first, and says in the header that it replayed', () => {
    expect(run.code, run.stderr).to.equal(0);
    for (const workload of WORKLOAD_NAMES) expect(run.stderr).to.contain(`[bench] ${workload}: recording the node's answers`);
    expect(run.stdout).to.contain('- replay (--replay): the node answered one recording round per workload and contender');
    expect(run.stdout).to.contain('- writes verified: no (--replay answers every write from a recording; nothing reaches the node)');
  });

  it('measures every replayable contender on every workload and leaves express-cassandra out', () => {
    const rows = tableRows(run.stdout);
    for (const workload of WORKLOAD_NAMES) {
      for (const contender of [...replayable, rawDriverControl]) expect(rows.has(`${workload}|${contender.name}`), `${workload} / ${contender.name}`).to.equal(true);
      for (const contender of CONTENDERS.filter((c) => c.notReplayable !== undefined)) {
        expect(rows.has(`${workload}|${contender.name}`), `${workload} / ${contender.name}`).to.equal(false);
      }
    }
    expect(replayable.map((c) => c.name)).to.include.members(['raw driver', 'cassandra-orm', 'driver Mapper']);
  });

  it('prints what each contender adds above the raw driver, per operation, and per row for scan and stream', () => {
    const section = run.stdout.split(ADDED_HEADING)[1] ?? '';
    const rows = new Map<string, string[]>();
    for (const line of section.split('\n')) {
      if (!line.startsWith('| ') || line.startsWith('| workload') || line.startsWith('| -')) continue;
      const cells = line.slice(1, -1).split('|').map((c) => c.trim());
      rows.set(`${cells[0]}|${cells[1]}`, cells);
    }
    const figure = /^−?\d[\d ]*(\.\d+)?$/;
    for (const workload of WORKLOAD_NAMES) {
      for (const contender of [...replayable.slice(1), rawDriverControl]) {
        const cells = rows.get(`${workload}|${contender.name}`);
        expect(cells, `${workload} / ${contender.name}`).to.not.equal(undefined);
        const [slices, added, interval, perRow] = (cells ?? []).slice(2);
        expect(Number(slices)).to.be.greaterThan(0);
        expect(added, `${workload} / ${contender.name}: '${added}'`).to.match(figure);
        expect(interval).to.match(/^(−?\d[\d ]*(\.\d+)? to −?\d[\d ]*(\.\d+)?|too few slices)$/);
        if (workload === 'scan' || workload === 'stream') expect(perRow).to.match(figure);
        else expect(perRow).to.equal('–');
      }
    }
    // A mapper maps rows into objects of its own: on a scan it must add CPU above handing out the driver's rows.
    expect(Number(rows.get('scan|cassandra-orm')?.[3]?.replace(/ /g, '')), 'cassandra-orm adds CPU on a scan').to.be.greaterThan(0);
  });

  it('refuses --replay for express-cassandra, saying why, and sets nothing up', async () => {
    const bad = await runBench(['--smoke', '--replay', '--contenders', 'express-cassandra']);
    expect(bad.code).to.equal(2);
    expect(bad.stderr).to.contain('--replay cannot run express-cassandra: it calls its driver client through callbacks and eachRow()');
    expect(bad.stderr).to.not.contain('setting up');
    expect(bad.stdout).to.equal('');
  });
});

describe('benchmark suite (smoke, --isolate)', function () {
  this.timeout(300_000);
  let run: Run;
  const everyone = [...CONTENDERS, rawDriverControl];

  before(async () => {
    // The run ends on its own only when every contender process has closed its IPC channel.
    run = await runBench(['--smoke', '--isolate', '--control']);
  });

  it('exits 0, sets every contender up in a process of its own, and says so in the header', () => {
    expect(run.code, run.stderr).to.equal(0);
    for (const c of everyone) expect(run.stderr).to.match(new RegExp(`\\[bench\\] ${c.name.replace(/[()]/g, '\\$&')}: setting up in bench_\\S+ \\(in a process of its own\\)`));
    expect(run.stdout).to.contain('- isolated (--isolate): every contender ran in a Node process of its own');
    expect(run.stdout).to.contain("RSS is the peak resident size of the contender's own process");
  });

  it('prints figures for every contender on every workload, the slice comparisons, and the stream memory of each process', () => {
    const rows = tableRows(run.stdout);
    const slices = tableRows(run.stdout, 'slices');
    for (const workload of WORKLOAD_NAMES) {
      for (const c of everyone) {
        const cells = rows.get(`${workload}|${c.name}`);
        expect(cells, `row ${workload} / ${c.name}`).to.not.equal(undefined);
        expect(Number((cells?.[2] ?? '').replace(/ /g, '')), `${workload} / ${c.name} ops/s`).to.be.greaterThan(0);
        expect(Number(cells?.[6]?.replace(/ /g, '')), `${workload} / ${c.name} CPU µs/op`).to.be.greaterThan(0);
      }
      expect(slices.get(`${workload}|cassandra-orm / driver Mapper`)?.[6], workload).to.be.oneOf(['cheaper', 'dearer', 'not resolved']);
    }
    const retention = run.stdout.split('\n').find((l) => l.startsWith('- stream memory stays flat')) ?? '';
    for (const c of everyone) expect(retention, c.name).to.match(new RegExp(`${c.name.replace(/[()]/g, '\\$&')} -?\\d+\\.\\d → max -?\\d+\\.\\d MiB`));
  });

  it('logs, per workload, the CPU each process spent between its slices (carried into its next slice)', () => {
    for (const workload of WORKLOAD_NAMES) {
      const line = run.stderr.split('\n').find((l) => l.startsWith(`[bench] ${workload}: CPU carried from between slices: `)) ?? '';
      for (const c of everyone) expect(line, `${workload}: ${c.name}`).to.match(new RegExp(`${c.name.replace(/[()]/g, '\\$&')} \\d+ µs a slice \\(\\d+\\.\\d\\d%\\)`));
    }
  });
});
