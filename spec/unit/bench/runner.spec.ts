// The benchmark's slice orders: every contender runs once per slice, holds every position equally
// often, and follows every other one equally often, also across the seams between slices and rounds.
import { expect } from 'chai';
import type { Contender, ContenderPlugin } from '../../bench/contenders/contender.js';
import { balancedOrders, runWorkload, SliceSchedule, sliceBounds, sliceCycle, type Entrant } from '../../bench/runner.js';
import type { Workload } from '../../bench/workloads.js';

/** How often each ordered pair (a before b) is adjacent in `seq`, read cyclically if asked. */
function successions(seq: readonly (string | number)[], cyclic: boolean): Map<string, number> {
  const pairs = new Map<string, number>();
  const end = cyclic ? seq.length : seq.length - 1;
  for (let i = 0; i < end; i++) {
    const key = `${seq[i]}>${seq[(i + 1) % seq.length]}`;
    pairs.set(key, (pairs.get(key) ?? 0) + 1);
  }
  return pairs;
}

describe('benchmark slice orders', () => {
  for (const n of [2, 3, 4, 5, 6]) {
    it(`${n} contenders: within the balanced orders each ordered pair is adjacent equally often`, () => {
      const orders = balancedOrders(n);
      const pairs = new Map<string, number>();
      for (const order of orders) {
        expect([...order].sort((a, b) => a - b)).to.deep.equal(Array.from({ length: n }, (_, i) => i));
        for (const [k, v] of successions(order, false)) pairs.set(k, (pairs.get(k) ?? 0) + v);
      }
      expect(pairs.size).to.equal(n * (n - 1));
      expect(new Set(pairs.values()).size).to.equal(1);
    });
  }

  for (const n of [3, 4, 5, 6, 7, 8]) {
    it(`${n} contenders: a cycle of slices back to back has every ordered pair adjacent equally often, seams included, and no contender after itself`, () => {
      const cycle = sliceCycle(n);
      expect(cycle).to.have.length(n * (n - 1));
      const positions = Array.from({ length: n }, () => new Map<number, number>());
      for (const order of cycle) {
        expect([...order].sort((a, b) => a - b)).to.deep.equal(Array.from({ length: n }, (_, i) => i));
        order.forEach((c, p) => positions[p]?.set(c, (positions[p]?.get(c) ?? 0) + 1));
      }
      const pairs = successions(cycle.flat(), true);
      expect([...pairs.keys()].filter((k) => k.split('>')[0] === k.split('>')[1])).to.deep.equal([]);
      expect(pairs.size).to.equal(n * (n - 1));
      expect([...new Set(pairs.values())]).to.deep.equal([n]);
      for (const counts of positions) expect([...new Set(counts.values())]).to.deep.equal([n - 1]);
    });
  }

  it('2 contenders: the seams are each contender following itself once, so the other pairs stay even', () => {
    const pairs = successions(sliceCycle(2).flat(), true);
    expect(Object.fromEntries(pairs)).to.deep.equal({ '0>1': 1, '1>1': 1, '1>0': 1, '0>0': 1 });
  });

  it('walks through the cycle slice after slice, each cycle under its own relabelling of the contenders', () => {
    const items = ['raw', 'control', 'orm', 'mapper', 'express'];
    const schedule = new SliceSchedule(items, 7);
    const orders = Array.from({ length: 60 }, () => schedule.next());
    for (let k = 0; k < 3; k++) {
      const cycle = orders.slice(k * 20, k * 20 + 20);
      expect(new Set(cycle.map((o) => o.join(','))).size).to.equal(10); // the 10 balanced orders, each twice
      const pairs = successions(cycle.flat(), true);
      expect(pairs.size).to.equal(20);
      expect([...new Set(pairs.values())]).to.deep.equal([5]);
    }
    // Relabelled: the cycles differ, and the same seed gives the same schedule.
    expect(new Set([0, 1, 2].map((k) => orders[k * 20]?.join(','))).size).to.be.greaterThan(1);
    const again = new SliceSchedule(items, 7);
    expect(Array.from({ length: 60 }, () => again.next())).to.deep.equal(orders);
    const other = new SliceSchedule(items, 8);
    expect(Array.from({ length: 60 }, () => other.next())).to.not.deep.equal(orders);
  });

  it('spreads who runs two and three slices after a given contender, which the plain cycle does not', () => {
    const items = ['raw', 'control', 'orm', 'mapper', 'express'];
    /** How often each contender runs `lag` slots after 'express', over `cycles` cycles. */
    const after = (orders: string[][], lag: number): number[] => {
      const seq = orders.flat();
      const counts = new Map(items.map((c) => [c, 0]));
      for (let i = lag; i < seq.length; i++) if (seq[i - lag] === 'express') counts.set(seq[i] as string, (counts.get(seq[i] as string) ?? 0) + 1);
      return items.filter((c) => c !== 'express').map((c) => counts.get(c) as number);
    };
    const plain = Array.from({ length: 200 * 20 }, (_, i) => (sliceCycle(5)[i % 20] as number[]).map((j) => items[j] as string));
    const schedule = new SliceSchedule(items, 12345);
    const relabelled = Array.from({ length: 200 * 20 }, () => schedule.next());
    const spread = (counts: number[]): number => Math.max(...counts) / Math.min(...counts);
    expect(spread(after(plain, 2))).to.be.greaterThan(3);
    for (const lag of [2, 3]) expect(spread(after(relabelled, lag)), `lag ${lag}: ${after(relabelled, lag).join(', ')}`).to.be.lessThan(1.3);
  });

  it('runs the measured slices of all rounds as whole cycles: in each, every contender follows every other one equally often', async () => {
    const ran: string[] = [];
    const names = ['raw', 'control', 'orm', 'mapper'];
    const entrants: Entrant[] = names.map((name, lane) => ({
      plugin: { name } as unknown as ContenderPlugin,
      contender: { name } as unknown as Contender,
      lane,
    }));
    let measuring = false;
    const workload: Workload = {
      name: 'read',
      describe: 'records who ran',
      ops: 40,
      concurrency: 4,
      recordOps: 1,
      run: async (c, _lane, _round, i) => {
        // One entry per slice: the first operation of each 4-operation slice.
        if (measuring && i % 4 === 0) ran.push((c as unknown as { name: string }).name);
      },
    };
    // 10 slices a round, 6 rounds: 60 slices, 5 cycles of 12 orders.
    const log = (line: string): void => {
      if (line.includes('warm-up')) measuring = false;
    };
    const plan = {
      rounds: 6,
      warmupRounds: 1,
      seed: 42,
      log,
      aroundSlice: { before: async () => { measuring = true; }, after: async () => {} },
    };
    await runWorkload(workload, entrants, plan);
    expect(ran).to.have.length(60 * 4);
    // Each cycle of 12 slices (48 turns), read cyclically, has every ordered pair 4 times: the measured
    // slices start a cycle and walk it in turn, across the rounds' seams.
    for (let k = 0; k < 5; k++) {
      const pairs = successions(ran.slice(k * 48, k * 48 + 48), true);
      expect(pairs.size, `cycle ${k}`).to.equal(12);
      expect([...new Set(pairs.values())], `cycle ${k}`).to.deep.equal([4]);
    }
  });

  it('cuts a round into at most 10 slices, none smaller than the concurrency', () => {
    expect(sliceBounds(10_000, 32)).to.deep.equal(Array.from({ length: 11 }, (_, i) => i * 1000));
    expect(sliceBounds(20, 4)).to.deep.equal([0, 4, 8, 12, 16, 20]);
    expect(sliceBounds(2, 1)).to.deep.equal([0, 1, 2]);
    expect(sliceBounds(3, 32)).to.deep.equal([0, 3]);
  });
});
