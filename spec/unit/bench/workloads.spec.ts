// Write keys of the contenders sharing one keyspace: each lane writes its own keys, round after round.
import { expect } from 'chai';
import { FULL, writeKey } from '../../bench/workloads.js';

describe('bench write keys', () => {
  it('gives every lane, round and operation its own key', () => {
    const seen = new Set<number>();
    const ops = 1000;
    for (let lane = 0; lane < 5; lane++) {
      for (const round of [0, 1, 2, 9999]) {
        for (const i of [0, 1, ops - 1]) {
          const key = writeKey(lane, round, ops, i);
          expect(seen.has(key), `lane ${lane} round ${round} op ${i}`).to.equal(false);
          seen.add(key);
        }
      }
    }
    expect(seen.size).to.equal(5 * 4 * 3);
  });

  it('keeps lanes apart: the last key of one lane is below the first of the next', () => {
    const lastOfLane0 = writeKey(0, 999, FULL.pointOps, FULL.pointOps - 1);
    expect(lastOfLane0).to.be.below(writeKey(1, 0, FULL.pointOps, 0));
    // Seeded users and events (ids below the seed sizes) are never written over.
    expect(writeKey(0, 0, FULL.pointOps, 0)).to.be.above(FULL.seedUsers);
  });

  it('refuses a key past its lane, or past an int, instead of overwriting another lane', () => {
    expect(() => writeKey(0, 1000, FULL.pointOps, 0)).to.throw(/past the lane's 10000000 keys: run fewer rounds/);
    expect(() => writeKey(300, 0, 10, 0)).to.throw(/no room in an int key/);
  });
});
