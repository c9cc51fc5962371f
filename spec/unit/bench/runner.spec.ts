// The benchmark's slice orders: every contender runs once per slice, holds every position equally
// often, and follows every other one equally often, also across the seams between slices and rounds.
import { expect } from 'chai';
import type { Contender, ContenderPlugin } from '../../bench/contenders/contender.js';
import { balancedOrders, runWorkload, sliceBounds, sliceCycle, sliceOrder, type Entrant } from '../../bench/runner.js';
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

  it('walks through the cycle slice after slice', () => {
    const items = ['raw', 'control', 'orm', 'mapper', 'express'];
    const seen = new Set(Array.from({ length: 20 }, (_, i) => sliceOrder(items, i).join(',')));
    expect(seen.size).to.equal(10); // the 10 balanced orders, each twice a cycle
    expect(sliceOrder(items, 20)).to.deep.equal(sliceOrder(items, 0));
    expect(sliceOrder(items, 23)).to.deep.equal(sliceOrder(items, 3));
  });

  it('runs the measured slices of all rounds as whole cycles: every contender follows every other one equally often', async () => {
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
      log,
      aroundSlice: { before: async () => { measuring = true; }, after: async () => {} },
    };
    await runWorkload(workload, entrants, plan);
    expect(ran).to.have.length(60 * 4);
    const pairs = successions(ran, false);
    expect(pairs.size).to.equal(12);
    // 239 successions over 12 pairs: all 20, but for the one the run's end cuts off.
    expect([...pairs.values()].sort((a, b) => a - b)).to.deep.equal([19, ...Array.from({ length: 11 }, () => 20)]);
  });

  it('cuts a round into at most 10 slices, none smaller than the concurrency', () => {
    expect(sliceBounds(10_000, 32)).to.deep.equal(Array.from({ length: 11 }, (_, i) => i * 1000));
    expect(sliceBounds(20, 4)).to.deep.equal([0, 4, 8, 12, 16, 20]);
    expect(sliceBounds(2, 1)).to.deep.equal([0, 1, 2]);
    expect(sliceBounds(3, 32)).to.deep.equal([0, 3]);
  });
});
