// The request gate on its own, with fake requests: the in-flight limit, FIFO hand-over of slots, a
// full queue refused at once, a wait that runs out, and close refusing every waiter.
import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { PoolSaturatedError } from '../../../src/public/errors.js';
import { RequestGate, type QueuedRequest } from '../../../src/connection/request-gate.js';

interface Fake extends QueuedRequest {
  readonly id: number;
  started: boolean;
  error: unknown;
}

/** Submits requests to `gate` the way Connection does: a free slot sends at once, else the request queues. */
function harness(gate: RequestGate) {
  const sent: number[] = [];
  const refused: Fake[] = [];
  let maxSeen = 0;
  const submit = (id: number): Fake => {
    const fake: Fake = {
      id,
      started: false,
      error: undefined,
      start() {
        fake.started = true;
        sent.push(id);
        maxSeen = Math.max(maxSeen, gate.state().inFlight);
      },
      fail(error) {
        fake.error = error;
        refused.push(fake);
      },
    };
    if (gate.tryAcquire()) fake.start();
    else gate.enqueue(fake, `INSERT ${id}`);
    return fake;
  };
  return { sent, refused, submit, maxSeen: () => maxSeen };
}

const limits = (maxInFlight: number, maxQueued: number, queueTimeoutMs = 60_000) => ({ maxInFlight, maxQueued, queueTimeoutMs });

describe('connection: request gate', () => {
  it('never has more than maxInFlight requests in flight, however many arrive', () => {
    const gate = new RequestGate('main', limits(3, 100));
    const h = harness(gate);
    for (let i = 0; i < 50; i++) h.submit(i);
    expect(h.sent).to.deep.equal([0, 1, 2]);
    expect(gate.state()).to.deep.equal({ inFlight: 3, queued: 47 });
    for (let done = 0; done < 50; done++) {
      gate.release();
      expect(gate.state().inFlight).to.be.at.most(3);
    }
    expect(h.maxSeen()).to.equal(3);
    expect(h.sent).to.have.length(50);
    expect(gate.state()).to.deep.equal({ inFlight: 0, queued: 0 });
  });

  it('hands each freed slot to the oldest waiter (FIFO), and a newcomer never jumps the queue', () => {
    const gate = new RequestGate('main', limits(2, 100));
    const h = harness(gate);
    for (let i = 0; i < 6; i++) h.submit(i);
    gate.release();
    // A slot freed and passed on at once: the newcomer finds none free and queues behind the others.
    h.submit(6);
    for (let i = 0; i < 4; i++) gate.release();
    expect(h.sent).to.deep.equal([0, 1, 2, 3, 4, 5, 6]);
    expect(gate.state()).to.deep.equal({ inFlight: 2, queued: 0 });
  });

  it('frees the slot when nobody waits, so the next request goes straight through', () => {
    const gate = new RequestGate('main', limits(1, 1));
    expect(gate.tryAcquire()).to.equal(true);
    expect(gate.tryAcquire()).to.equal(false);
    gate.release();
    expect(gate.state().inFlight).to.equal(0);
    expect(gate.tryAcquire()).to.equal(true);
  });

  it('queue-full: with maxQueued already waiting, a request is refused at once and never started', () => {
    const gate = new RequestGate('events', limits(1, 2, 1000));
    const h = harness(gate);
    const fakes = [0, 1, 2, 3, 4].map((i) => h.submit(i));
    expect(h.sent).to.deep.equal([0]);
    expect(gate.state()).to.deep.equal({ inFlight: 1, queued: 2 });
    expect(h.refused.map((f) => f.id)).to.deep.equal([3, 4]);
    const error = fakes[3]!.error as PoolSaturatedError;
    expect(error).to.be.instanceOf(PoolSaturatedError);
    expect(error.reason).to.equal('queue-full');
    expect(error.alias).to.equal('events');
    expect(error.cql).to.equal('INSERT 3');
    expect(error.limits).to.deep.equal({ maxInFlight: 1, maxQueued: 2, queueTimeoutMs: 1000 });
    expect(error.message).to.contain("Connection 'events'").and.contain('requestQueue.maxQueued').and.contain('nothing was sent');
    // The admitted ones still run, in order, once slots free up.
    gate.release();
    gate.release();
    expect(h.sent).to.deep.equal([0, 1, 2]);
    expect(fakes[3]!.started).to.equal(false);
  });

  it('queue-timeout: a request still waiting after queueTimeoutMs is refused and never started; the slot holder is untouched', async () => {
    const gate = new RequestGate('events', limits(1, 100, 100));
    const h = harness(gate);
    const fakes = [0, 1, 2].map((i) => h.submit(i));
    await sleep(50);
    const late = h.submit(3);
    await sleep(70);
    // 1 and 2 have waited about 120 ms, past the 100 ms; 3 has waited about 70 ms.
    expect(h.refused.map((f) => f.id)).to.deep.equal([1, 2]);
    expect(late.error).to.equal(undefined);
    const error = fakes[1]!.error as PoolSaturatedError;
    expect(error).to.be.instanceOf(PoolSaturatedError);
    expect(error.reason).to.equal('queue-timeout');
    expect(error.message).to.contain('requestQueue.queueTimeoutMs is 100').and.contain('INSERT 1');
    expect(gate.state()).to.deep.equal({ inFlight: 1, queued: 1 });
    await sleep(60);
    expect(h.refused.map((f) => f.id)).to.deep.equal([1, 2, 3]);
    expect(h.sent).to.deep.equal([0]);
    expect(gate.state()).to.deep.equal({ inFlight: 1, queued: 0 });
    gate.release();
    expect(gate.state().inFlight).to.equal(0);
  });

  it('a waiter started before its deadline is not timed out afterwards', async () => {
    const gate = new RequestGate('main', limits(1, 100, 20));
    const h = harness(gate);
    h.submit(0);
    const waiting = h.submit(1);
    gate.release();
    await sleep(40);
    expect(waiting.started).to.equal(true);
    expect(waiting.error).to.equal(undefined);
  });

  it('failAll refuses every waiter with the given error and leaves the in-flight ones alone', () => {
    const gate = new RequestGate('main', limits(1, 100));
    const h = harness(gate);
    [0, 1, 2].forEach((i) => h.submit(i));
    const closed = new Error('closed');
    gate.failAll(closed);
    expect(h.refused.map((f) => [f.id, f.error])).to.deep.equal([[1, closed], [2, closed]]);
    expect(gate.state()).to.deep.equal({ inFlight: 1, queued: 0 });
  });

  it('a waiter whose start throws is refused with that error and its slot passes on', () => {
    const gate = new RequestGate('main', limits(1, 100));
    const h = harness(gate);
    h.submit(0);
    const boom = new Error('boom');
    let failed: unknown;
    gate.enqueue({ start: () => { throw boom; }, fail: (e) => { failed = e; } }, 'X');
    h.submit(2);
    gate.release();
    expect(failed).to.equal(boom);
    expect(h.sent).to.deep.equal([0, 2]);
    expect(gate.state()).to.deep.equal({ inFlight: 1, queued: 0 });
  });
});
