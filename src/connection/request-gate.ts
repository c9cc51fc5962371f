// Admission of one connection's requests to the driver: at most `maxInFlight` in flight, the rest
// waiting in FIFO order, at most `maxQueued` of them and each for at most `queueTimeoutMs`.
import { performance } from 'node:perf_hooks';
import { PoolSaturatedError, type RequestQueueLimits } from '../errors.js';

/** A request waiting for a slot: `start` sends it (the slot is then its own), `fail` refuses it unsent. */
export interface QueuedRequest {
  start(): void;
  fail(error: unknown): void;
}

/** A connection's requests at one moment: sent and not settled, and waiting for a slot. */
export interface RequestQueueState {
  /** Requests the driver is executing. */
  readonly inFlight: number;
  /** Requests waiting for an in-flight slot. */
  readonly queued: number;
}

interface Waiter {
  readonly request: QueuedRequest;
  readonly cql: string;
  readonly enqueuedAt: number;
  next: Waiter | undefined;
}

/**
 * Counts a connection's requests in flight and queues the ones over the limit. The caller takes a slot
 * with `tryAcquire()` (a comparison and an increment), or else `enqueue()`s the request, and calls
 * `release()` exactly once when a request it sent settles.
 *
 * A waiter only exists while every slot is taken: `release()` hands its slot straight to the oldest
 * waiter, so `tryAcquire()` succeeding never jumps the queue.
 */
export class RequestGate {
  /** Requests sent and not yet settled. */
  private inFlight = 0;
  private readonly maxInFlight: number;
  private head: Waiter | undefined;
  private tail: Waiter | undefined;
  private waiting = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly alias: string,
    private readonly limits: RequestQueueLimits,
    /** Milliseconds on a monotonic clock. */
    private readonly now: () => number = () => performance.now(),
  ) {
    this.maxInFlight = limits.maxInFlight;
  }

  /** How many requests are in flight and waiting now. */
  state(): RequestQueueState {
    return { inFlight: this.inFlight, queued: this.waiting };
  }

  /** Takes a slot when one is free; the caller then sends and later calls `release()`. */
  tryAcquire(): boolean {
    if (this.inFlight < this.maxInFlight) {
      this.inFlight++;
      return true;
    }
    return false;
  }

  /**
   * Queues a request that found no free slot: `request.start()` runs when a slot passes to it, or
   * `request.fail()` with a PoolSaturatedError when the queue is full (at once) or the wait times out.
   */
  enqueue(request: QueuedRequest, cql: string): void {
    if (this.waiting >= this.limits.maxQueued) {
      request.fail(PoolSaturatedError.queueFull(this.alias, this.limits, cql));
      return;
    }
    const waiter: Waiter = { request, cql, enqueuedAt: this.now(), next: undefined };
    if (this.tail === undefined) this.head = waiter;
    else this.tail.next = waiter;
    this.tail = waiter;
    this.waiting++;
    this.arm();
  }

  /** A request sent through this gate settled: its slot goes to the oldest waiter, or becomes free. */
  release(): void {
    for (;;) {
      const waiter = this.shift();
      if (waiter === undefined) {
        this.inFlight--;
        return;
      }
      try {
        waiter.request.start();
        return;
      } catch (error) {
        // It never reached the driver: refuse it and pass the slot on.
        waiter.request.fail(error);
      }
    }
  }

  /** Refuses every waiting request with `error` (the connection closed). */
  failAll(error: unknown): void {
    this.disarm();
    for (let waiter = this.shift(); waiter !== undefined; waiter = this.shift()) waiter.request.fail(error);
  }

  private shift(): Waiter | undefined {
    const waiter = this.head;
    if (waiter === undefined) return undefined;
    this.head = waiter.next;
    if (this.head === undefined) this.tail = undefined;
    waiter.next = undefined;
    this.waiting--;
    return waiter;
  }

  /** One timer, for the oldest waiter: FIFO order with one timeout makes its deadline the earliest. */
  private arm(): void {
    if (this.timer !== undefined || this.head === undefined) return;
    const delay = Math.max(0, this.head.enqueuedAt + this.limits.queueTimeoutMs - this.now());
    this.timer = setTimeout(this.expire, Math.ceil(delay));
    // Waiters imply requests in flight, whose sockets keep the process alive; the timer need not.
    this.timer.unref();
  }

  private disarm(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private readonly expire = (): void => {
    this.timer = undefined;
    const now = this.now();
    const timeout = this.limits.queueTimeoutMs;
    while (this.head !== undefined && now - this.head.enqueuedAt >= timeout) {
      const waiter = this.shift() as Waiter;
      waiter.request.fail(PoolSaturatedError.queueTimeout(this.alias, this.limits, now - waiter.enqueuedAt, waiter.cql));
    }
    this.arm();
  };
}
