// The benchmark's slice orders: every contender follows every other one equally often, and every
// contender runs once per slice.
import { expect } from 'chai';
import { balancedOrders, sliceBounds, sliceOrder } from '../../bench/runner.js';

describe('benchmark slice orders', () => {
  for (const n of [2, 3, 4, 5, 6]) {
    it(`${n} contenders: each ordered pair is adjacent equally often, each contender once per order`, () => {
      const orders = balancedOrders(n);
      const pairs = new Map<string, number>();
      for (const order of orders) {
        expect([...order].sort((a, b) => a - b)).to.deep.equal(Array.from({ length: n }, (_, i) => i));
        for (let i = 1; i < order.length; i++) pairs.set(`${order[i - 1]}>${order[i]}`, (pairs.get(`${order[i - 1]}>${order[i]}`) ?? 0) + 1);
      }
      expect(pairs.size).to.equal(n * (n - 1));
      expect(new Set(pairs.values()).size).to.equal(1);
    });
  }

  it('walks through the orders slice after slice, across rounds', () => {
    const items = ['raw', 'control', 'orm', 'mapper', 'express'];
    const seen = new Set(Array.from({ length: 10 }, (_, i) => sliceOrder(items, i).join(',')));
    expect(seen.size).to.equal(10);
    expect(sliceOrder(items, 10)).to.deep.equal(sliceOrder(items, 0));
  });

  it('cuts a round into at most 10 slices, none smaller than the concurrency', () => {
    expect(sliceBounds(10_000, 32)).to.deep.equal(Array.from({ length: 11 }, (_, i) => i * 1000));
    expect(sliceBounds(20, 4)).to.deep.equal([0, 4, 8, 12, 16, 20]);
    expect(sliceBounds(2, 1)).to.deep.equal([0, 1, 2]);
    expect(sliceBounds(3, 32)).to.deep.equal([0, 3]);
  });
});
