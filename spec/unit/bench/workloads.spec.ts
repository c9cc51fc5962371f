// Write keys of the contenders sharing one keyspace: each lane writes its own keys, round after round,
// inserts in the lower half of its range and conditional inserts (lwt) in the upper half.
import { expect } from 'chai';
import { FULL, lwtKey, writeKey } from '../../bench/workloads.js';

describe('bench write keys', () => {
  it('gives every lane, round and operation its own key, for inserts and conditional inserts alike', () => {
    const seen = new Set<number>();
    const ops = 1000;
    for (let lane = 0; lane < 5; lane++) {
      for (const round of [0, 1, 2, 4999]) {
        for (const i of [0, 1, ops - 1]) {
          for (const key of [writeKey(lane, round, ops, i), lwtKey(lane, round, ops, i)]) {
            expect(seen.has(key), `lane ${lane} round ${round} op ${i}`).to.equal(false);
            seen.add(key);
          }
        }
      }
    }
    expect(seen.size).to.equal(5 * 4 * 3 * 2);
  });

  it('keeps lanes apart: the last key of one lane is below the first of the next', () => {
    const lastInsert = writeKey(0, 499, FULL.pointOps, FULL.pointOps - 1);
    const firstLwt = lwtKey(0, 0, FULL.lwtOps, 0);
    expect(lastInsert, 'inserts stay below the conditional inserts').to.be.below(firstLwt);
    const lastOfLane0 = lwtKey(0, 5_000_000 / FULL.lwtOps - 1, FULL.lwtOps, FULL.lwtOps - 1);
    expect(lastOfLane0).to.be.below(writeKey(1, 0, FULL.pointOps, 0));
    // Seeded users and events (ids below the seed sizes) are never written over.
    expect(writeKey(0, 0, FULL.pointOps, 0)).to.be.above(FULL.seedUsers);
  });

  it('refuses a key past its half of the lane, or past an int, instead of overwriting other keys', () => {
    expect(() => writeKey(0, 500, FULL.pointOps, 0)).to.throw(/past the lane's 5000000 keys: run fewer rounds/);
    expect(() => lwtKey(0, 5_000_000 / FULL.lwtOps, FULL.lwtOps, 0)).to.throw(/past the lane's 5000000 keys: run fewer rounds/);
    expect(() => writeKey(300, 0, 10, 0)).to.throw(/no room in an int key/);
    expect(() => lwtKey(300, 0, 10, 0)).to.throw(/no room in an int key/);
  });
});
