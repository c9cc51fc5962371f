// The iterator behind `Repository.stream()`: rows one at a time over pages fetched on demand. Written
// by hand instead of as an async generator because a generator costs two promise turns per row (the
// `yield` awaits its value, then the request's promise resolves); here a buffered row costs one.
import type cassandra from 'cassandra-driver';

type ResultSet = cassandra.types.ResultSet;

/** How a RowStream gets its pages and turns rows into items. */
export interface PageSource<R> {
  /** Fetches one page: the first with `pageState` undefined, then each following one. */
  fetch(pageState: Buffer | undefined): Promise<ResultSet>;
  /** Turns one driver row into the item handed out. */
  map(row: Readonly<Record<string, unknown>>): R;
  /** Async work on each item before it is handed out (AfterLoad hooks), or undefined when there is none. */
  readonly afterMap: ((item: R) => Promise<void>) | undefined;
  /** Called once when the stream ends: after its last row, on `return()`, or with the error that ended it. */
  readonly ended?: (error: unknown) => void;
}

const DONE: IteratorReturnResult<void> = Object.freeze({ value: undefined, done: true as const });

/**
 * Rows of a query, one `next()` at a time: the next page is fetched only when this one is consumed,
 * so at most one page is held. Behaves like an async generator: nothing is sent before the first
 * `next()`, `return()` (a `break` out of `for await`) stops it, an error ends it.
 */
export class RowStream<R> implements AsyncGenerator<R, void, undefined> {
  private rows: readonly Readonly<Record<string, unknown>>[] = [];
  private index = 0;
  private pageState: Buffer | undefined;
  private started = false;
  private finished = false;
  /** A page fetch in flight: later `next()` calls wait for it (calls are answered in order). */
  private pending: Promise<IteratorResult<R, void>> | undefined;

  constructor(private readonly source: PageSource<R>) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<R, void>> {
    if (this.pending !== undefined) return this.pending.then(() => this.next());
    if (this.finished) return Promise.resolve(DONE);
    if (this.index < this.rows.length) {
      let item: R;
      try {
        item = this.source.map(this.rows[this.index++]!);
      } catch (error) {
        return this.fail(error);
      }
      const after = this.source.afterMap;
      if (after === undefined) return Promise.resolve({ value: item, done: false });
      return after(item).then(
        () => ({ value: item, done: false }),
        (error: unknown) => this.fail(error),
      );
    }
    if (this.started && this.pageState === undefined) {
      this.finish(undefined);
      return Promise.resolve(DONE);
    }
    this.started = true;
    const fetching = this.fetchPage().then(
      () => {
        this.pending = undefined;
        return this.next();
      },
      (error: unknown) => {
        this.pending = undefined;
        return this.fail(error);
      },
    );
    this.pending = fetching;
    return fetching;
  }

  /** Stops the stream (what `break` in `for await` calls); no further page is fetched. */
  return(): Promise<IteratorResult<R, void>> {
    this.finish(undefined);
    return Promise.resolve(DONE);
  }

  /** Ends the stream with `error`, as a generator without a catch would. */
  throw(error: unknown): Promise<IteratorResult<R, void>> {
    this.finish(error);
    return Promise.reject(error);
  }

  private async fetchPage(): Promise<void> {
    const rs = await this.source.fetch(this.pageState);
    if (this.finished) return;
    this.rows = rs.rows;
    this.index = 0;
    this.pageState = rs.pageState == null ? undefined : Buffer.from(rs.pageState, 'hex');
  }

  private fail(error: unknown): Promise<never> {
    this.finish(error);
    return Promise.reject(error);
  }

  private finish(error: unknown): void {
    if (!this.finished && this.started) this.source.ended?.(error);
    this.finished = true;
    this.rows = [];
    this.index = 0;
    this.pageState = undefined;
  }
}
