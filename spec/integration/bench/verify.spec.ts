// The benchmark's read-back of writes on the real node: after the measured rounds of insert, update,
// batch and the conditional inserts of lwt, a contender that did the work passes, and one that dropped
// its writes or wrote other values is caught, with the rows it got wrong named.
import { expect } from 'chai';
import cassandra from 'cassandra-driver';
import { benchNode } from '../../bench/bench-node.js';
import type { Contender, ContenderPlugin } from '../../bench/contenders/contender.js';
import { rawDriver } from '../../bench/contenders/raw-driver.js';
import { seed } from '../../bench/data.js';
import { runWorkload, type LocalEntrant } from '../../bench/runner.js';
import { verificationFailure, verifyWrites } from '../../bench/verify.js';
import { SMOKE, seedPlan, workloads, type Sizes, type WorkloadName } from '../../bench/workloads.js';
import { adminClient, uniqueKeyspace } from '../../support/test-node.js';
import { benchKeyspace } from './support.js';

const SIZES: Sizes = { ...SMOKE, pointOps: 40, batchOps: 12, batchRows: 3, seedUsers: 40, scanRows: 10, streamRows: 10, streamPage: 5, vectorRows: 20 };
const ROUNDS = { warmupRounds: 1, rounds: 2 };

/** The raw driver, with the writes of its choice changed by `change`. */
function altered(name: string, change: (real: Contender) => Partial<Contender>): ContenderPlugin {
  return {
    name,
    library: 'test',
    create(node) {
      const real = rawDriver.create(node);
      return Object.assign(Object.create(real) as Contender, {
        setup: (ks: string) => real.setup(ks),
        close: () => real.close(),
        ...change(real),
      });
    },
  };
}

const dropsWrites = altered('drops writes', () => ({
  insert: async () => undefined,
  updateScore: async () => undefined,
  insertBatch: async () => undefined,
  // Claims the condition applied, and writes nothing.
  insertIfAbsent: async () => true,
}));

const wrongValues = altered('wrong values', (real) => ({
  insert: (u) => real.insert({ ...u, email: `${u.email}.` }),
  updateScore: (id, score) => real.updateScore(id, score + 1),
  insertBatch: (events) => real.insertBatch(events.slice(1)),
  insertIfAbsent: (u) => real.insertIfAbsent({ ...u, age: u.age + 1 }),
}));

describe('benchmark: writes read back after the measured rounds (real node)', function () {
  this.timeout(180_000);
  const ks = uniqueKeyspace('bench_verify');
  let admin: cassandra.Client;
  let drop: () => Promise<void>;
  const entrants: LocalEntrant[] = [];

  before(async () => {
    admin = adminClient();
    await admin.connect();
    drop = await benchKeyspace(admin, ks);
    const node = benchNode();
    for (const [lane, plugin] of [rawDriver, dropsWrites, wrongValues].entries()) {
      const contender = plugin.create(node);
      await contender.setup(ks);
      entrants.push({ plugin, contender, lane });
    }
    await seed(admin, ks, seedPlan(SIZES, entrants.length));
  });

  after(async () => {
    for (const e of entrants) await e.contender.close().catch(() => undefined);
    await drop?.();
    await admin?.shutdown();
  });

  for (const name of ['insert', 'update', 'batch', 'lwt'] as WorkloadName[]) {
    it(`${name}: the raw driver's writes are all on the node; dropped and altered writes are caught`, async () => {
      const workload = workloads(SIZES, 4).find((w) => w.name === name)!;
      await runWorkload(workload, entrants, { ...ROUNDS, seed: 1, log: () => undefined });
      const rounds = { first: ROUNDS.warmupRounds, count: ROUNDS.rounds };
      const [raw, dropped, wrong] = await Promise.all(entrants.map((e) => verifyWrites(admin, ks, name, SIZES, { name: e.plugin.name, lane: e.lane }, rounds)));
      expect(raw!.checked).to.be.greaterThan(0);
      expect(raw!.mismatches, raw!.examples.join('; ')).to.equal(0);
      expect(dropped!.mismatches).to.equal(dropped!.checked);
      expect(wrong!.mismatches).to.equal(wrong!.checked);
      const expected = { insert: /users id \d+: email not as written/, update: /users id \d+: score not as written/, batch: /events bucket \d+: 2 of 3 rows/, lwt: /users id \d+: age not as written/ }[name as 'insert'];
      expect(wrong!.examples[0]).to.match(expected);
      if (name !== 'update') expect(dropped!.examples[0]).to.match(name === 'batch' ? /: 0 of 3 rows$/ : /: missing$/);
      expect(verificationFailure([raw!])).to.equal(undefined);
      const failure = verificationFailure([raw!, dropped!]);
      expect(failure?.message).to.contain(`drops writes ${name}: ${dropped!.checked} of ${dropped!.checked} sampled writes not on the node as written`);
    });
  }
});
