// The plug-in contract every contender implements: one file per contender in this folder, each doing
// the same work its own idiomatic way (its own schema definitions, its own query API).
import type { BenchNode } from '../bench-node.js';
import type { EventRow, UserRow } from '../data.js';

/** One library under test, connected to the keyspace all contenders share. */
export interface Contender {
  /** Creates the `users`, `events` and `items` tables (see data.ts) in `keyspace` the library's own way, or accepts them when an earlier contender created them. */
  setup(keyspace: string): Promise<void>;
  /** Writes one `users` row. */
  insert(user: UserRow): Promise<void>;
  /** Reads one `users` row by primary key and returns it as the library's object (undefined when absent). */
  readByKey(id: number): Promise<object | undefined>;
  /** Sets `users.score` of one row, leaving the other columns untouched. */
  updateScore(id: number, score: number): Promise<void>;
  /** Writes the rows in one logged batch. */
  insertBatch(events: readonly EventRow[]): Promise<void>;
  /** Reads a whole `events` partition in one request and returns every row materialised as an object. */
  scanPartition(bucket: number): Promise<readonly object[]>;
  /** Streams a whole `events` partition `pageSize` rows a page, handing each row object to `onRow`; resolves with the count. */
  streamPartition(bucket: number, pageSize: number, onRow: (row: object) => void): Promise<number>;
  /**
   * Reads one page of `pageSize` rows of an `events` partition, from `token` (the first page when
   * undefined), as a web handler pages a list; resolves with the rows as objects and the token of the
   * next page (undefined when none follows).
   */
  readPage(bucket: number, pageSize: number, token: string | undefined): Promise<{ readonly rows: readonly object[]; readonly next: string | undefined }>;
  /** Writes one `users` row only if no row has its key (a lightweight transaction); resolves with whether it applied. */
  insertIfAbsent(user: UserRow): Promise<boolean>;
  /**
   * Runs one ANN query on `items` (data.ts: SELECT_NEAREST, at NEAREST_OPTIONS' consistency and fetch
   * size): the NEAREST_LIMIT rows nearest to `vector`, nearest first, each as the library's object
   * with its `id` and `embedding`.
   */
  nearest(vector: readonly number[]): Promise<readonly object[]>;
  /** Closes every connection the contender opened. */
  close(): Promise<void>;
}

/** How the suite knows a contender: a name for the table and a factory. */
export interface ContenderPlugin {
  /** Column label in the table, e.g. `raw driver`. */
  readonly name: string;
  /** Package and version measured, for the header. */
  readonly library: string;
  /**
   * Substrings of the script URLs of the contender's own code, for `--profile` (see profile.ts); none
   * for the raw driver, whose code is the driver itself.
   */
  readonly ownCode?: readonly string[];
  /**
   * Why `--replay` (replay.ts) cannot run the contender, when it cannot: replay needs the driver
   * clients it calls, through the promise forms of `execute()` and `batch()`.
   */
  readonly notReplayable?: string;
  create(node: BenchNode): Contender;
}
