// A repository per entity over a Connection: typed reads (by key, partition, builder), paging with
// signed cursors, `for await` streaming, and writes with hooks, validation and LWT results.
import type cassandra from 'cassandra-driver';
import type { Connection } from '../connection/connection.js';
import type { OperationScope } from '../observability/observer.js';
import type { EntityMetadata, QueryTableMetadata } from '../metadata/entity-metadata.js';
import { entityMetadata } from '../metadata/resolve-entity.js';
import { selectFrom, SelectQuery } from '../query/select-query.js';
import { insertInto, type InsertQuery } from '../query/insert-query.js';
import { update, type UpdateQuery } from '../query/update-query.js';
import { deleteFrom, type DeleteQuery } from '../query/delete-query.js';
import { node } from '../query/nodes.js';
import { keyRestrictions } from '../query/write-clauses.js';
import type { CompiledQuery } from '../query/compiled-query.js';
import type { PartitionKey, PrimaryKey, Props, QueryTablePartitionKey, QueryTablePrimaryKey, RegularProps } from '../query/entity-types.js';
import { count as countOf, ttl as ttlOf, writetime as writetimeOf } from '../query/aggregates.js';
import { ConfigError, LwtOutcomeUnknownError, QueryBuildError, UntrackedEntityError, type ConnectionLostError, type QueryTimeoutError } from '../errors.js';
import { encodeOwnParams, encodeParams, encoderFor, located, type Convert, type MapMode } from '../mapping/codec.js';
import { hydratorFor, type Hydrator } from '../mapping/hydrator.js';
import { currentValues, mapModeOf, run, writeResult } from './executor.js';
import { backoffDelay, lwtFailure, resolveLwtOptions, sleep, transient, type LwtOptions, type ResolvedLwtOptions } from './lwt.js';
import { comparedFor, sameValue } from '../mapping/comparable.js';
import { driverOptions, report, type Page, type PageOptions, type QueryOptions, type ReadOptions, type WriteOptions, type WriteResult } from './options.js';
import { CursorSigner, fingerprint, type Fingerprint } from './page-cursor.js';
import { rowMapperFor } from './row-mapper.js';
import { RowStream } from './row-stream.js';
import { tableStatements, type Prebuilt, type TableStatements } from './table-statements.js';
import { hooksOf, runHooks } from './hooks-runner.js';
import * as prep from './write-preparation.js';
import type { ConditionalSpec, InsertSpec } from './write-preparation.js';
import { PatchPlans, setAll } from './patch.js';
import { insertBinder, type InsertBinder } from './insert-binder.js';
import { ChangeTracker, type Changes, type Snapshot } from './change-tracker.js';
import { BATCH_ACCESS, type BatchAccess } from './internals.js';
import { EXECUTE_MAP, OPERATION_SPAN, PAGED, SECRET_COLUMNS } from '../connection/internals.js';
import { annDriverOptions, withoutFetchSize } from './ann-read.js';
import { nearestPlan, nearestQuery, SCORE_ALIAS, type NearestOptions, type NearestPlan, type ScoreFunction, type Scored } from './nearest.js';
import { checkQueryVector } from '../query/ann-rules.js';
import type { AnnProps, QueryVector } from '../query/entity-types.js';
import { managedBuilder, versionCheckOf } from './managed-writes.js';
import * as managed from './managed-repository.js';
import { QueryTableWriter } from './query-tables.js';
import { queryTableForRead, queryTableNamed } from './query-table-statements.js';

type ResultSet = cassandra.types.ResultSet;

const identity = (rs: ResultSet): ResultSet => rs;

/** A query, or a function refining the repository's base query: `q => q.where('day', '=', 3)`. */
export type QueryArg<T extends object, R> = SelectQuery<T, R> | ((q: SelectQuery<T>) => SelectQuery<T, R>);

/** Options of a repository. */
export interface RepositoryOptions {
  /** Keyspace for this repository's statements (default: the entity's, else the connection's). */
  readonly keyspace?: string;
  /** HMAC key for page tokens; set it when page tokens must work across processes. Default: random per process. */
  readonly pageTokenSecret?: string | Buffer;
  /** Run class-validator before writes (default true). */
  readonly validate?: boolean;
  /**
   * What a lightweight transaction whose outcome is unknown (a Paxos timeout, a connection lost in
   * flight) does: by default it rejects with LwtOutcomeUnknownError; `{ resolveUnknownOutcome: true }`
   * resolves a conditional insert by a SERIAL read of its row, with jittered back-off (docs/writes.md).
   */
  readonly lwt?: LwtOptions;
}

/** The TTL and write time of one cell, as `cellInfo()` reads them. */
export interface CellInfo {
  /** Seconds left to live, or `null` when the cell has no TTL (or no value). */
  readonly ttl: number | null;
  /** The write time in microseconds since the epoch, or `null` when the cell has no value. */
  readonly writetime: bigint | null;
}

/** A `@Table` class. */
export type EntityClass<T extends object> = abstract new (...args: never[]) => T;

interface Pager<R> {
  readonly compiled: CompiledQuery;
  /** The query's node (ANN queries are sent as one page, at a consistency the node accepts). */
  readonly node: SelectQuery<object>['node'];
  readonly map: (row: Readonly<Record<string, unknown>>) => R;
}

/** A prebuilt nearest() statement: its text and types, and frozen driver options by LIMIT. */
interface NearestStatement {
  readonly compiled: CompiledQuery;
  readonly node: SelectQuery<object>['node'];
  readonly options: Map<number, cassandra.QueryOptions>;
}

/** The options of nearest() that shape its query rather than its driver call. */
const NEAREST_ONLY: ReadonlySet<string> = new Set(['limit', 'where', 'score', 'candidates']);

/** A plain INSERT (no IF NOT EXISTS) is idempotent. */
const PLAIN_INSERT = Object.freeze({ idempotent: true });

/** INSERT ... IF NOT EXISTS: a lightweight transaction, not idempotent (a resend after a timeout may find its own row). */
const CONDITIONAL_INSERT = Object.freeze({ idempotent: false, lwt: true });

/** A conditional insert whose unknown outcome a SERIAL read resolved as applied. */
const RESOLVED_APPLIED: WriteResult<never> = Object.freeze({ applied: true });

/** The result of a `saveChanges` that had nothing to send. */
const NOTHING_TO_SAVE: WriteResult<never> = Object.freeze({ applied: true });

/** Typed reads and writes of one entity on one connection. */
export class Repository<T extends object> {
  /**
   * The keyspace this repository's statements are qualified with: the option's, else the entity's, else
   * the connection view's (`undefined` only when none has one). Qualified statements are what lets every
   * keyspace view share the alias's one pool.
   */
  readonly keyspace: string | undefined;
  private readonly mode: MapMode;
  private readonly hydrator: Hydrator<T>;
  private readonly statements: TableStatements;
  /** Encoders of the prebuilt reads' bound values (null: passed as is). */
  private readonly keyEncoders: readonly Convert[];
  private readonly partitionEncoders: readonly Convert[];
  private readonly signer: CursorSigner;
  private readonly ctx: prep.WriteContext<T>;
  private readonly afterLoad: readonly (string | symbol)[];
  /** No BeforeInsert hooks and nothing to validate: inserts compile synchronously. */
  private readonly plainInsert: boolean;
  private batchAccess: BatchAccess<T> | undefined;
  private patches: PatchPlans<T> | undefined;
  /** Frozen driver options of option-less paged reads, by page size (see pagedOptions). */
  private pagedOptionsBySize: Map<number, cassandra.QueryOptions> | undefined;
  /** The empty SELECT of the base table, made on the first select(). */
  private baseSelect: SelectQuery<T> | undefined;
  /** The plain INSERT's binder, built on the first plain insert (null: a counter table). */
  private binder: InsertBinder | null | undefined;
  /** The same for INSERT ... IF NOT EXISTS, built on the first conditional insert. */
  private conditionalBinder: InsertBinder | null | undefined;
  /** The snapshots of tracked entities, made on the first `track` (a repository that never tracks holds none). */
  private tracker: ChangeTracker | undefined;
  /** nearest()'s statements without restrictions, by property and score function. */
  private nearestStatements: Map<string, NearestStatement> | undefined;
  /** What a lightweight transaction whose outcome is unknown does, unless a call says otherwise. */
  private readonly lwt: ResolvedLwtOptions;
  /** The writes of an entity with query tables (each a logged batch over all its tables); undefined without. */
  private readonly queryTableWriter: QueryTableWriter<T> | undefined;
  /** Read-only repositories of the query tables, by table name, made on first use. */
  private queryTableRepos: Map<string, Repository<T>> | undefined;

  /** @internal The entity's resolved metadata (`entityMetadata(Class)` of cassandra-orm/schema gives it). */
  readonly metadata: EntityMetadata<T>;

  /** A repository for a `@Table` class on a connection. */
  constructor(connection: Connection, entity: EntityClass<T>, options?: RepositoryOptions);
  /** @internal The same over resolved metadata (withKeyspace and withConnection reuse it). */
  constructor(connection: Connection, entity: EntityClass<T> | EntityMetadata<T>, options?: RepositoryOptions);
  constructor(
    /** The connection the statements run on. */
    readonly connection: Connection,
    entity: EntityClass<T> | EntityMetadata<T>,
    private readonly options: RepositoryOptions = {},
  ) {
    const metadata = typeof entity === 'function' ? entityMetadata(entity) : entity;
    this.metadata = metadata;
    this.keyspace = options.keyspace ?? metadata.keyspace ?? connection.keyspace;
    this.mode = mapModeOf(connection);
    this.hydrator = hydratorFor(metadata, this.mode);
    this.statements = tableStatements(metadata as EntityMetadata, this.keyspace);
    this.keyEncoders = this.statements.byKey.paramTypes.map((t) => encoderFor(t!, this.mode));
    this.partitionEncoders = this.statements.byPartition.paramTypes.map((t) => encoderFor(t!, this.mode));
    this.signer = new CursorSigner(options.pageTokenSecret);
    const ctx: prep.WriteContext<T> = { meta: metadata, keyspace: this.keyspace, validate: options.validate !== false };
    this.ctx = { ...ctx, insertBase: insertInto(metadata, this.keyspace), updateBase: update(metadata, this.keyspace), plainUpdate: prep.plainUpdate(ctx as prep.WriteContext<object>) };
    this.afterLoad = hooksOf(metadata.target, 'afterLoad');
    this.plainInsert = prep.plainInsert(this.ctx as prep.WriteContext<object>);
    // The secret columns of the base table and of each query table holding any: the writes reach them all.
    for (const table of [metadata, ...(metadata.queryTables ?? [])]) {
      const secret = table.columns.filter((c) => c.secret === true).map((c) => c.name);
      if (secret.length > 0) (connection as Partial<Pick<Connection, typeof SECRET_COLUMNS>>)[SECRET_COLUMNS]?.(this.keyspace, table.table, secret);
    }
    this.lwt = resolveLwtOptions(options.lwt, 'repository.lwt');
    this.queryTableWriter = metadata.queryTables === undefined ? undefined : new QueryTableWriter(connection, this.ctx, this.mode);
  }

  /** The same repository with statements qualified by another keyspace. */
  withKeyspace(keyspace: string): Repository<T> {
    return new Repository(this.connection, this.metadata, { ...this.options, keyspace });
  }

  /** The same repository on another connection. */
  withConnection(connection: Connection): Repository<T> {
    return new Repository(connection, this.metadata, this.options);
  }

  /** A SELECT builder over this table, or over one of its query tables by name (pure: `.compile()` shows the CQL). */
  select(table?: string): SelectQuery<T> {
    // Builders are immutable, so the base table's empty SELECT is made once and shared by every query.
    if (table === undefined) return (this.baseSelect ??= selectFrom(this.metadata, this.keyspace));
    return selectFrom(queryTableNamed(this.metadata, table), this.keyspace);
  }

  /** The read-only repository of a query table, made on first use. */
  private queryTableRepository(qt: QueryTableMetadata<T>): Repository<T> {
    let repo = (this.queryTableRepos ??= new Map()).get(qt.table);
    if (repo === undefined) this.queryTableRepos.set(qt.table, (repo = new Repository(this.connection, qt, this.options)));
    return repo;
  }

  /** Where a read goes: a query table's repository (named, or picked by the key or query), or undefined for this table. */
  private readVia(options: ReadOptions | undefined, key: object | undefined, scope: 'primary' | 'partition', query?: QueryArg<T, unknown>): Repository<T> | undefined {
    const qt = queryTableForRead(this.metadata, options?.table, key, scope, typeof query === 'function' ? () => query(this.select()).node : undefined);
    return qt === undefined ? undefined : this.queryTableRepository(qt);
  }

  /** A read through a query table's repository: tracked here (where `saveChanges` looks) when asked. */
  private readThrough<R>(read: (options: ReadOptions | undefined) => Promise<R>, options: ReadOptions | undefined): Promise<R> {
    if (options === undefined) return read(undefined);
    const { table: _table, track, ...rest } = options;
    const sent = read(rest);
    if (track !== true) return sent;
    return sent.then((r) => {
      if (Array.isArray(r)) this.changeTracker().trackEntities(r);
      else if (r !== undefined) this.changeTracker().track(r as unknown as T);
      return r;
    });
  }
  /** An INSERT builder (no hooks, no validation: use `insert()` for those). */
  insertQuery(entity: Partial<T>): InsertQuery<T> {
    return insertInto(this.metadata, this.keyspace).values(entity);
  }
  /** An UPDATE builder. */
  updateQuery(): UpdateQuery<T> {
    return update(this.metadata, this.keyspace);
  }
  /** A DELETE builder. */
  deleteQuery(): DeleteQuery<T> {
    return deleteFrom(this.metadata, this.keyspace);
  }

  private query<R>(arg: QueryArg<T, R> | undefined): SelectQuery<T, R> {
    if (arg === undefined) return this.select() as unknown as SelectQuery<T, R>;
    return arg instanceof SelectQuery ? arg : arg(this.select());
  }

  private async loaded<R>(items: R[]): Promise<R[]> {
    if (this.afterLoad.length > 0) for (const item of items) if (item instanceof (this.metadata.target as unknown as new () => T)) await runHooks(item as object, this.afterLoad);
    return items;
  }

  /** The bound values of a prebuilt statement, encoded (throws on a value its column cannot take). */
  private prebuiltParams(p: Prebuilt, values: object): unknown[] {
    const v = values as Record<string, unknown>;
    const props = p.properties;
    const encoders = p === this.statements.byKey ? this.keyEncoders : this.partitionEncoders;
    const params = new Array<unknown>(props.length);
    let i = 0;
    try {
      for (; i < props.length; i++) {
        const x = v[props[i]!];
        if (x === undefined || x === null) throw missingKey(this.metadata, props, v);
        params[i] = encoders[i]!(x);
      }
    } catch (error) {
      throw located(error, p.paramSlots[i]);
    }
    return params;
  }

  // The read paths below are not `async`: each is one driver call whose result is mapped in the same
  // promise reaction (the connection's internal EXECUTE_MAP), with synchronous errors returned as rejections.

  /** The row with this full primary key, or undefined. With `{ track: true }`, the entity is tracked for `saveChanges`. */
  findOne(key: PrimaryKey<T> | QueryTablePrimaryKey<T>, options?: ReadOptions): Promise<T | undefined> {
    const p = this.statements.byKey;
    let params: unknown[];
    try {
      const via = this.queryTableWriter === undefined && options?.table === undefined ? undefined : this.readVia(options, key, 'primary');
      if (via !== undefined) return this.readThrough((o) => via.findOne(key, o), options);
      params = this.prebuiltParams(p, key);
    } catch (error) {
      return Promise.reject(error);
    }
    const map = options === undefined && this.afterLoad.length === 0 ? this.firstEntity : (rs: ResultSet) => this.firstEntityHooked(rs, options);
    return this.connection[EXECUTE_MAP](p.cql, params, driverOptions(p, options), map);
  }

  private readonly firstEntity = (rs: ResultSet): T | undefined => {
    const row = rs.rows[0];
    return row === undefined ? undefined : this.hydrator.hydrate(row);
  };

  private async firstEntityHooked(rs: ResultSet, options: ReadOptions | undefined): Promise<T | undefined> {
    report(rs, options);
    const entity = this.firstEntity(rs);
    if (entity !== undefined && this.afterLoad.length > 0) await runHooks(entity, this.afterLoad);
    if (entity !== undefined && options?.track === true) this.changeTracker().track(entity);
    return entity;
  }

  /** Every row of one partition, in clustering order (all pages). With `{ track: true }`, each entity is tracked. */
  findPartition(key: PartitionKey<T> | QueryTablePartitionKey<T>, options?: ReadOptions): Promise<T[]> {
    const p = this.statements.byPartition;
    let params: unknown[];
    try {
      const via = this.queryTableWriter === undefined && options?.table === undefined ? undefined : this.readVia(options, key, 'partition');
      if (via !== undefined) return this.readThrough((o) => via.findPartition(key, o), options);
      params = this.prebuiltParams(p, key);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.connection[EXECUTE_MAP](p.cql, params, driverOptions(p, options), (rs) => {
      report(rs, options);
      // The result set is this call's alone: its rows array becomes the entities' (no second array).
      const out = this.hydrator.hydrateInPlace(rs.rows);
      if (rs.pageState != null) return this.restOfPartition(p, params, options, out, rs.pageState);
      return this.afterLoad.length > 0 ? this.loaded(out).then((items) => this.tracked(items, options)) : this.tracked(out, options);
    });
  }

  private async restOfPartition(p: Prebuilt, params: unknown[], options: ReadOptions | undefined, out: T[], state: string): Promise<T[]> {
    const hydrate = this.hydrator.hydrate;
    // The options of the first page, merged once for all the pages after it (see pageFetch).
    const page = this.connection[PAGED](p.cql, params, driverOptions(p, options));
    let pageState: string | undefined = state;
    while (pageState !== undefined) {
      const rs = await page(Buffer.from(pageState, 'hex'));
      report(rs, options);
      const rows = rs.rows;
      for (let i = 0; i < rows.length; i++) out.push(hydrate(rows[i]!));
      pageState = rs.pageState ?? undefined;
    }
    return this.tracked(this.afterLoad.length > 0 ? await this.loaded(out) : out, options);
  }

  /** Tracks the entities among `items` when the read asked for it (after AfterLoad hooks: they are part of what was loaded). */
  private tracked<R>(items: R[], options: ReadOptions | undefined): R[] {
    if (options?.track === true) this.changeTracker().trackEntities(items);
    return items;
  }

  /** Every row the query returns (all pages). Entities, or plain objects for aggregates; `{ track: true }` tracks the entities. */
  async find<R = T>(query?: QueryArg<T, R>, options?: ReadOptions): Promise<R[]> {
    const via = this.queryTableWriter === undefined && options?.table === undefined ? undefined : this.readVia(options, undefined, 'partition', query);
    if (via !== undefined) return this.readThrough((o) => via.find(query, o), options);
    // Page by page, not through stream(): the rows are collected anyway, so a promise per row buys nothing.
    const p = this.pager(query);
    const fetch = this.pageFetch(p, this.fetchSize(options), options);
    let { items: out, next } = await this.fetchPage(p, fetch, undefined, options);
    while (next !== undefined) {
      const page = await this.fetchPage(p, fetch, next, options);
      for (let i = 0; i < page.items.length; i++) out.push(page.items[i]!);
      next = page.next;
    }
    return this.tracked(out, options);
  }

  /** The first row of the query (LIMIT 1), or undefined; `{ track: true }` tracks it when it is an entity. */
  async first<R = T>(query?: QueryArg<T, R>, options?: ReadOptions): Promise<R | undefined> {
    const via = this.queryTableWriter === undefined && options?.table === undefined ? undefined : this.readVia(options, undefined, 'partition', query);
    if (via !== undefined) return this.readThrough((o) => via.first(query, o), options);
    const q = this.query(query).limit(1);
    const rs = q.node.ann === undefined
      ? await run(this.connection, q.compile(), this.mode, options)
      : await run(this.connection, q.compile(), this.mode, withoutFetchSize(options), annDriverOptions(q.node, options, this.connection.settings.queryDefaults.consistency));
    const map = rowMapperFor(q.node, this.mode);
    return rs.rows[0] === undefined ? undefined : this.tracked(await this.loaded([map(rs.rows[0]) as R]), options)[0];
  }

  /**
   * The `limit` rows whose `property` vector is nearest `vector` by its SAI vector index, nearest first;
   * with `score`, as `{ entity, score }` pairs. `where` adds a partition key or SAI-indexed filters.
   * @example await items.nearest('embedding', queryVector, { limit: 10, where: (q) => q.where('category', '=', 'books'), score: true })
   * // SELECT id, ..., similarity_cosine(embedding, ?) AS cassandra_orm_score FROM items WHERE category = ? ORDER BY embedding ANN OF ? LIMIT ?
   */
  nearest(property: AnnProps<T>, vector: QueryVector, options: NearestOptions<T> & { readonly score: true | ScoreFunction }): Promise<Scored<T>[]>;
  nearest(property: AnnProps<T>, vector: QueryVector, options: NearestOptions<T> & { readonly score?: false | undefined }): Promise<T[]>;
  nearest(property: AnnProps<T>, vector: QueryVector, options: NearestOptions<T>): Promise<T[] | Scored<T>[]>;
  async nearest(property: AnnProps<T>, vector: QueryVector, options: NearestOptions<T>): Promise<T[] | Scored<T>[]> {
    let rs: ResultSet;
    let keep: number;
    let scored: boolean;
    if (options.where === undefined && options.consistency === undefined && options.fetchSize === undefined && options.onInfo === undefined &&
      Object.keys(options).every((k) => NEAREST_ONLY.has(k))) {
      // No restrictions and no per-call driver options: the statement of this property and score is
      // built once, and each call only checks and binds its vector and LIMIT.
      const plan = nearestPlan(this.metadata as EntityMetadata, property, options as NearestOptions<object>);
      keep = plan.limit;
      scored = plan.score !== undefined;
      const statement = this.nearestStatement(property, vector, options, plan);
      const params = scored ? [vector, vector, plan.candidates] : [vector, plan.candidates];
      let driver = statement.options.get(plan.candidates);
      if (driver === undefined) {
        driver = Object.freeze(driverOptions(statement.compiled, undefined, annDriverOptions({ ...statement.node, limit: plan.candidates }, undefined, this.connection.settings.queryDefaults.consistency)));
        statement.options.set(plan.candidates, driver);
      }
      // What the builder checks of a query vector (its shape and element type are the encoder's).
      checkQueryVector(this.metadata as EntityMetadata, plan.column, vector, plan.index.similarity === 'COSINE' || plan.score === 'cosine', 'ANN OF');
      rs = await this.connection[EXECUTE_MAP](statement.compiled.cql, encodeParams(params, statement.compiled.paramTypes, this.mode, statement.compiled.paramSlots), driver, identity);
    } else {
      const built = nearestQuery(this.select(), this.metadata, property, vector, options);
      keep = built.keep;
      scored = built.scored;
      const extra = annDriverOptions(built.query.node, options, this.connection.settings.queryDefaults.consistency);
      rs = await run(this.connection, built.query.compile(), this.mode, withoutFetchSize(options), extra);
    }
    const rows = rs.rows.length > keep ? rs.rows.slice(0, keep) : rs.rows;
    const hydrate = this.hydrator.hydrate;
    const entities = await this.loaded(rows.map((row) => hydrate(row)));
    if (!scored) return entities;
    return entities.map((entity, i) => Object.freeze({ entity, score: rows[i]![SCORE_ALIAS] as number }));
  }

  /** The prebuilt statement of nearest() for a property and score function (built on first use). */
  private nearestStatement(property: string, vector: QueryVector, options: NearestOptions<T>, plan: NearestPlan): NearestStatement {
    // The text does not depend on the vector: the first call's builds it.
    const key = plan.score === undefined ? property : `${property} ${plan.score}`;
    let statement = (this.nearestStatements ??= new Map()).get(key);
    if (statement === undefined) {
      const { query } = nearestQuery(this.select(), this.metadata, property, vector, { limit: plan.limit, candidates: plan.candidates, ...(options.score !== undefined ? { score: options.score } : {}) });
      statement = { compiled: query.compile(), node: query.node, options: new Map() };
      this.nearestStatements.set(key, statement);
    }
    return statement;
  }

  /**
   * `SELECT COUNT(*)` of the query's restrictions; with `q.distinct()`, the number of distinct
   * partitions (`SELECT DISTINCT COUNT(pk1), COUNT(pk2) ...`, the form Cassandra accepts).
   */
  async count(query?: QueryArg<T, unknown>, options?: QueryOptions): Promise<number> {
    const base = this.query(query);
    const counts = base.node.distinct
      ? Object.fromEntries(this.metadata.partitionKeys.map((c, i) => [i === 0 ? 'count' : `count_${i}`, countOf(c.property)]))
      : { count: countOf() };
    const q = new SelectQuery<T>(node({ ...base.node, columns: Object.freeze([]), selectors: Object.freeze([]), orderBy: Object.freeze([]) })).aggregate(counts as never);
    const rs = await run(this.connection, q.compile(), this.mode, options);
    return Number(rs.rows[0]?.['count'] ?? 0);
  }

  /**
   * The TTL (seconds left, `null` without one) and write time (microseconds, `null` for no value) of
   * some regular columns of one row, or undefined when the row does not exist:
   * `await events.cellInfo(key, ['kind'])` → `{ kind: { ttl: 3600, writetime: 1700000000000000n } }`.
   * @example SELECT TTL(kind) AS "ttl:kind", WRITETIME(kind) AS "writetime:kind" FROM app.events WHERE ...
   */
  async cellInfo<P extends RegularProps<T> & string>(key: PrimaryKey<T>, properties: readonly P[], options?: QueryOptions): Promise<{ [K in P]: CellInfo } | undefined> {
    const selectors: Record<string, ReturnType<typeof ttlOf> | ReturnType<typeof writetimeOf>> = {};
    for (const p of properties) {
      const column = this.metadata.byProperty.get(p);
      const kind = column?.type.kind;
      if (column !== undefined && (kind === 'list' || kind === 'set' || kind === 'map' || kind === 'udt') && !(column.type as { readonly frozen: boolean }).frozen) {
        const what = kind === 'udt' ? 'a non-frozen UDT, whose fields' : 'a non-frozen collection, whose elements';
        throw QueryBuildError.invalid(this.metadata.table, `cellInfo() reads one TTL and write time per column; ${column.name} is ${what} each have their own.`);
      }
      selectors[`ttl:${p}`] = ttlOf(p);
      selectors[`writetime:${p}`] = writetimeOf(p);
    }
    if (properties.length === 0) throw QueryBuildError.invalid(this.metadata.table, 'cellInfo() needs at least one property.');
    // One row's cells: the whole primary key, or the first row of a partition would answer.
    keyRestrictions(this.metadata, key, 'primary');
    const q = this.select().columns().whereKey(key as never).aggregate(selectors as never);
    const rows = (await run(this.connection, q.compile(), this.mode, options)).rows;
    const row = rows[0];
    if (row === undefined) return undefined;
    const map = rowMapperFor(q.node, this.mode);
    const values = map(row) as Record<string, unknown>;
    const out: Record<string, CellInfo> = {};
    for (const p of properties) out[p] = Object.freeze({ ttl: (values[`ttl:${p}`] ?? null) as number | null, writetime: (values[`writetime:${p}`] ?? null) as bigint | null });
    return out as { [K in P]: CellInfo };
  }

  /** True when a row with this key (or any row of the query) exists. */
  async exists(keyOrQuery: PrimaryKey<T> | QueryArg<T, unknown>, options?: QueryOptions): Promise<boolean> {
    if (typeof keyOrQuery !== 'function' && !(keyOrQuery instanceof SelectQuery)) {
      const p = this.statements.byKey;
      const rs = await this.connection[EXECUTE_MAP](p.cql, this.prebuiltParams(p, keyOrQuery), driverOptions(p, options), identity);
      report(rs, options);
      return rs.rows.length > 0;
    }
    const base = this.query(keyOrQuery);
    const keys = Object.freeze([...this.metadata.partitionKeys, ...this.metadata.clusteringKeys]);
    const q = new SelectQuery<T>(node({ ...base.node, columns: keys, selectors: Object.freeze([]), limit: 1 }));
    return (await run(this.connection, q.compile(), this.mode, options)).rows.length > 0;
  }

  /**
   * One page of `pageSize` rows, from the start or after a `pageToken` this query issued (tampering → PageTokenError).
   * @example const { rows, nextPageToken } = await events.page(q => q.where('userId', '=', id), { pageSize: 20, pageToken: req.query.next });
   */
  page<R = T>(query: QueryArg<T, R> | undefined, options: PageOptions & { readonly pageSize: number }): Promise<Page<R>>;
  /** @deprecated The positional form: `page(size, token, query, options)` is `page(query, { pageSize: size, pageToken: token, ...options })`. */
  page<R = T>(size: number, pageToken?: string, query?: QueryArg<T, R>, options?: QueryOptions): Promise<Page<R>>;
  async page<R = T>(
    queryOrSize: QueryArg<T, R> | undefined | number,
    optionsOrToken?: PageOptions | string,
    positionalQuery?: QueryArg<T, R>,
    positionalOptions?: QueryOptions,
  ): Promise<Page<R>> {
    const positional = typeof queryOrSize === 'number';
    const request = positional ? undefined : (optionsOrToken as PageOptions | undefined);
    if (!positional && (request === undefined || typeof request !== 'object')) {
      throw new ConfigError('expected an options object with pageSize: page(query, { pageSize, pageToken })', 'page.options');
    }
    const size = pageSizeOf(positional ? queryOrSize : (request!.pageSize as number), positional ? 'size' : 'options.pageSize');
    const token = positional ? (optionsOrToken as string | undefined) : request!.pageToken;
    const query = positional ? positionalQuery : queryOrSize;
    const options = positional ? positionalOptions : request;
    const p = this.pager(query);
    const fp = fingerprint(p.compiled.cql, p.compiled.params);
    const state = token === undefined ? undefined : this.signer.open(fp, token);
    const { items, next } = await this.fetchPage(p, this.pageFetch(p, size, options), state, options);
    return { rows: items, nextPageToken: next === undefined ? undefined : this.signer.sign(fp, next) };
  }

  /**
   * Every page of the query in turn, each as `page()` returns it (`{ rows, nextPageToken }`): the next page is
   * fetched only when the loop asks for it, so one page is held at a time, and `nextPageToken` resumes after
   * this page (undefined when Cassandra knows no rows follow; a result that ends exactly on a page
   * boundary still gets one, and resuming from it yields nothing). Pages without rows are skipped.
   * Rows come a page at a time, without the promise per row of `stream()`.
   * @example for await (const { rows } of events.pages(q => q.where('bucket', '=', 7), { pageSize: 1000 })) total += rows.length;
   */
  async *pages<R = T>(query?: QueryArg<T, R>, options?: PageOptions): AsyncGenerator<Page<R>, void, undefined> {
    const fetchSize = this.fetchSize(options);
    const p = this.pager(query);
    const fp = fingerprint(p.compiled.cql, p.compiled.params);
    let state = options?.pageToken === undefined ? undefined : this.signer.open(fp, options.pageToken);
    const unspanned = this.pageFetch(p, fetchSize, options);
    const scope = this.operationSpan('pages');
    const fetch = scope === undefined ? unspanned : (pageState: Buffer | undefined) => scope.run(() => unspanned(pageState));
    try {
      do {
        const { items, next } = await this.fetchPage(p, fetch, state, options);
        state = next;
        if (items.length > 0) yield next === undefined ? { rows: items, nextPageToken: undefined } : new LazilySignedPage(items, this.signer, fp, next);
      } while (state !== undefined);
    } catch (error) {
      scope?.end(error);
      throw error;
    } finally {
      // Also where a `break` out of the loop lands.
      scope?.end();
    }
  }

  /** The span of a multi-page read of this repository's table (see the connection's OPERATION_SPAN). */
  private operationSpan(operation: string): OperationScope | undefined {
    return (this.connection as Partial<Pick<Connection, typeof OPERATION_SPAN>>)[OPERATION_SPAN]?.(operation, this.keyspace, this.metadata.table);
  }

  /** The rows per page of `find()`, `pages()` and `stream()`: the call's, the connection's default, or 5,000. */
  private fetchSize(options: { readonly pageSize?: number; readonly fetchSize?: number } | undefined): number {
    return fetchSizeOf(options, this.connection.settings.queryDefaults.fetchSize);
  }

  /** A query ready to page through: compiled, with its row mapper. */
  private pager<R>(query: QueryArg<T, R> | undefined): Pager<R> {
    const q = this.query(query);
    return { compiled: q.compile(), node: q.node, map: rowMapperFor(q.node, this.mode) as (row: Readonly<Record<string, unknown>>) => R };
  }

  /**
   * The page fetcher of a query: its parameters encoded and its driver options merged once, so that a
   * page costs one driver call and nothing else (see the connection's internal PAGED): code that runs
   * once per page stays cold, so it is kept out of the page loop (docs/performance.md).
   */
  private pageFetch<R>(p: Pager<R>, fetchSize: number, options: QueryOptions | undefined): (pageState: Buffer | undefined) => Promise<ResultSet> {
    const params = encodeParams(p.compiled.params, p.compiled.paramTypes, this.mode, p.compiled.paramSlots);
    if (p.node.ann !== undefined) {
      const extra = annDriverOptions(p.node, { ...options, fetchSize }, this.connection.settings.queryDefaults.consistency);
      return this.connection[PAGED](p.compiled.cql, params, driverOptions(p.compiled, withoutFetchSize(options), extra));
    }
    return this.connection[PAGED](p.compiled.cql, params, options === undefined ? this.pagedOptions(fetchSize) : driverOptions(p.compiled, options, { fetchSize }));
  }

  /**
   * The driver options of a read paged `fetchSize` rows at a time with no call options: frozen and
   * made once per page size, so the connection merges them with its defaults once, not on every call.
   */
  private pagedOptions(fetchSize: number): cassandra.QueryOptions {
    const known = (this.pagedOptionsBySize ??= new Map()).get(fetchSize);
    if (known !== undefined) return known;
    // Page sizes come from code, so there are few; a caller inventing new ones only restarts the map.
    if (this.pagedOptionsBySize.size >= 64) this.pagedOptionsBySize.clear();
    const options = Object.freeze({ prepare: true, isIdempotent: true, fetchSize });
    this.pagedOptionsBySize.set(fetchSize, options);
    return options;
  }

  /** One page from `pageState` (the start when undefined): its items, AfterLoad hooks run, and the page state after it. */
  private async fetchPage<R>(
    p: Pager<R>,
    fetch: (pageState: Buffer | undefined) => Promise<ResultSet>,
    pageState: Buffer | undefined,
    options: QueryOptions | undefined,
  ): Promise<{ items: R[]; next: Buffer | undefined }> {
    const rs = await fetch(pageState);
    report(rs, options);
    // Mapped in the result set's own rows array, which nothing else holds (see Hydrator.hydrateInPlace).
    const items = rs.rows as unknown[] as R[];
    for (let i = 0; i < items.length; i++) items[i] = p.map(items[i] as Readonly<Record<string, unknown>>);
    return { items: this.afterLoad.length > 0 ? await this.loaded(items) : items, next: rs.pageState == null ? undefined : Buffer.from(rs.pageState, 'hex') };
  }

  /** Streams every row of the query page by page: the next page is fetched only when this one is consumed. */
  stream<R = T>(query?: QueryArg<T, R>, options?: Omit<PageOptions, 'pageToken'>): AsyncGenerator<R, void, undefined> {
    // Checked and built on the first fetch, so that a bad query rejects the first `next()` as a generator would.
    let p: Pager<R> | undefined;
    let fetch: ((pageState: Buffer | undefined) => Promise<ResultSet>) | undefined;
    // One span for the whole stream, started with its first page; the pages' statements are its children.
    let scope: OperationScope | undefined;
    return new RowStream<R>({
      fetch: (pageState) => {
        if (p === undefined || fetch === undefined) {
          scope = this.operationSpan('stream');
          p = this.pager(query);
          fetch = this.pageFetch(p, this.fetchSize(options), options);
        }
        const f = fetch;
        const fetched = scope === undefined ? f(pageState) : scope.run(() => f(pageState));
        if (options?.onInfo === undefined) return fetched;
        return fetched.then((rs) => (report(rs, options), rs));
      },
      map: (row) => (p as Pager<R>).map(row),
      afterMap: this.afterLoad.length > 0 ? async (item) => void (await this.loaded([item])) : undefined,
      ended: (error) => scope?.end(error),
    });
  }

  // Writes are not `async` either: compile (synchronously when there are no hooks and nothing to
  // validate), then one driver call; synchronous errors come back as rejections.

  /** INSERT (BeforeInsert hooks, validation). With `ifNotExists`, `applied` says whether it happened. */
  insert(entity: T, options?: WriteOptions & { ifNotExists?: boolean }): Promise<WriteResult<T>> {
    return this.insertWith(entity, options, options);
  }

  /** Upsert: INSERT without a condition (BeforeInsert hooks, validation). */
  save(entity: T, options?: WriteOptions): Promise<WriteResult<T>> {
    // @Version and @CreatedAt change what an upsert sends (docs/writes.md).
    if (this.metadata.managed?.version !== undefined) return managed.saveVersioned(this, entity, options);
    if (this.metadata.managed?.createdAt !== undefined) return managed.saveAudited(this, this.ctx, this.plainInsert, entity, options, this.lwt);
    return this.insertWith(entity, { ...options, ifNotExists: false }, options);
  }

  private insertWith(entity: T, spec: InsertSpec | undefined, options: WriteOptions | undefined): Promise<WriteResult<T>> {
    if (this.queryTableWriter !== undefined) return this.queryTableWriter.insert(entity, spec, options);
    // A conditional insert keeps its entity: resolving an unknown outcome compares the row with it.
    const conditional = spec?.ifNotExists === true || this.metadata.managed?.version !== undefined ? entity : undefined;
    if (!this.plainInsert) return prep.prepareInsert(this.ctx, entity, spec).then((compiled) => this.write(compiled, options, false, conditional));
    const ifNotExists = spec?.ifNotExists === true;
    const binder = this.metadata.managed === undefined && (spec === undefined || (spec.ttl === undefined && spec.timestamp === undefined)) ? this.plainBinder(ifNotExists) : undefined;
    if (binder !== undefined) {
      // The common insert: the values bound straight from the entity, with no compiled object.
      let params: unknown[];
      let lwt = this.lwt;
      try {
        params = binder.bind(entity as Record<string, unknown>);
        if (ifNotExists && options?.lwt !== undefined) lwt = resolveLwtOptions(options.lwt, 'options.lwt', this.lwt);
      } catch (error) {
        return Promise.reject(error);
      }
      if (!ifNotExists) return this.send(binder.cql, params, PLAIN_INSERT, options);
      const sent = this.send(binder.cql, params, CONDITIONAL_INSERT, options);
      if (!lwt.resolveUnknownOutcome) return sent;
      return sent.catch((error: unknown) =>
        error instanceof LwtOutcomeUnknownError ? this.resolveInsert(entity, binder.cql, params, CONDITIONAL_INSERT, options, lwt, error) : Promise.reject(error),
      );
    }
    let compiled: CompiledQuery;
    try {
      // Sent below and never handed out: no need to freeze it.
      compiled = prep.compileInsert(this.ctx, entity, spec, false);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.write(compiled, options, true, conditional);
  }

  private plainBinder(ifNotExists: boolean): InsertBinder | undefined {
    const target = (this.ctx.insertBase as InsertQuery<T>).node.target;
    if (ifNotExists) {
      if (this.conditionalBinder === undefined) this.conditionalBinder = insertBinder(target, this.mode, true, true) ?? null;
      return this.conditionalBinder ?? undefined;
    }
    if (this.binder === undefined) this.binder = insertBinder(target, this.mode) ?? null;
    return this.binder ?? undefined;
  }

  /** UPDATE every non-key column of the entity (undefined → untouched, null → deleted), or run a built UPDATE on a key (a partition key alone for static columns). */
  // The builder overload comes first: a key held in a variable is often structurally an entity too,
  // and the entity overload would then win and leave the builder's parameter untyped.
  update(key: PrimaryKey<T> | PartitionKey<T>, build: (u: UpdateQuery<T>) => UpdateQuery<T>, options?: WriteOptions & ConditionalSpec<T>): Promise<WriteResult<T>>;
  update(entity: T, options?: WriteOptions & ConditionalSpec<T>): Promise<WriteResult<T>>;
  update(
    target: T | PrimaryKey<T> | PartitionKey<T>,
    buildOrOptions?: ((u: UpdateQuery<T>) => UpdateQuery<T>) | (WriteOptions & ConditionalSpec<T>),
    options?: WriteOptions & ConditionalSpec<T>,
  ): Promise<WriteResult<T>> {
    const qtw = this.queryTableWriter;
    if (qtw !== undefined) return typeof buildOrOptions === 'function' ? qtw.updateWith(target, buildOrOptions, options, options) : qtw.updateEntity(target as T, buildOrOptions, buildOrOptions);
    if (typeof buildOrOptions !== 'function') {
      return prep.prepareUpdateEntity(this.ctx, target as T, buildOrOptions).then((compiled) => this.write(compiled, buildOrOptions));
    }
    if (this.ctx.plainUpdate !== true) {
      return prep.prepareUpdateWith(this.ctx, target as PrimaryKey<T>, buildOrOptions, options).then((compiled) => this.write(compiled, options));
    }
    let compiled: CompiledQuery;
    try {
      compiled = prep.compileUpdateWith(this.ctx, target as PrimaryKey<T>, buildOrOptions, options, false);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.write(compiled, options);
  }

  /**
   * UPDATE of the given columns of one row: `users.patch({ id }, { score: 3, name: 'Ann' })` is
   * `update({ id }, q => q.set('score', 3).set('name', 'Ann'))`, with the same checks, hooks, validation,
   * options and result. `undefined` values are left out; `null` deletes the value. Each set of
   * properties is compiled once and reused while it repeats, which makes it the cheapest way to
   * change a few columns.
   */
  patch(key: PrimaryKey<T>, values: Partial<Pick<T, RegularProps<T> & keyof T>>, options?: WriteOptions & ConditionalSpec<T>): Promise<WriteResult<T>> {
    if (this.ctx.plainUpdate === true) return this.patchNow(key, values, options);
    return this.update(key, (q) => setAll(q, values), options);
  }

  /** The UPDATE of `patch`, without hooks or validation (the caller has run them, or there are none). */
  private patchNow(key: PrimaryKey<T>, values: object, options: (WriteOptions & ConditionalSpec<T>) | undefined): Promise<WriteResult<T>> {
    if (this.queryTableWriter !== undefined) return this.queryTableWriter.patch(key, values, options, options, false);
    let compiled: CompiledQuery | undefined;
    try {
      if ((options === undefined || !hasSpec(options)) && this.metadata.managed === undefined) {
        compiled = (this.patches ??= new PatchPlans(this.metadata, this.ctx.updateBase as UpdateQuery<T>)).compile(key, values);
        if (compiled !== undefined) return this.write(compiled, options, true);
      }
      compiled = prep.compileUpdateWith(this.ctx, key, (q) => setAll(q, values), options, false);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.write(compiled, options);
  }

  /**
   * Tracks an entity: snapshots its column values as they are now, so that `saveChanges` can send what
   * changes after this. Reads do the same with `{ track: true }`. Returns the entity.
   * @example const u = users.track(Object.assign(new User(), { id, name: 'Ann' }));
   */
  track<E extends T>(entity: E): E {
    this.changeTracker().track(entity);
    return entity;
  }

  /** The properties of a tracked entity whose values differ from its snapshot (keys included), in column order. */
  changes(entity: T): Props<T>[] {
    return this.changeTracker().changedProperties(entity, this.snapshotOf(entity)) as Props<T>[];
  }

  /**
   * UPDATE of only the columns of a tracked entity whose values changed since it was tracked, so a
   * stale instance overwrites nothing that another writer changed meanwhile:
   * `users.saveChanges(u)` after `u.name = 'Bo'` is `UPDATE users SET name = ? WHERE id = ?`, sent
   * through `patch` (same compiled statements, options and result). `null` deletes, `undefined` is
   * left alone; collections, Dates, Buffers, bigints and UDTs compare by value. Nothing changed: nothing
   * is sent and it resolves `{ applied: true }` (BeforeUpdate hooks do not run; `ifExists` is not
   * checked). BeforeUpdate hooks run on the entity, and the changes they make are sent too;
   * validation checks the values sent. A changed key or counter is a QueryBuildError, an untracked
   * entity an UntrackedEntityError, and nothing is sent. Once applied, the snapshot holds what was sent.
   */
  saveChanges(entity: T, options?: WriteOptions & ConditionalSpec<T>): Promise<WriteResult<T>> {
    let snapshot: Snapshot;
    let changes: Changes;
    try {
      snapshot = this.snapshotOf(entity);
      changes = this.changeTracker().diff(entity, snapshot);
    } catch (error) {
      return Promise.reject(error);
    }
    if (changes.count === 0) return Promise.resolve(NOTHING_TO_SAVE);
    if (this.ctx.plainUpdate === true) return this.sendChanges(entity, changes, options);
    return prep
      .prepareChanges(this.ctx, entity, (instance) => this.changeTracker().diff(instance, snapshot))
      .then((after) => (after.count === 0 ? NOTHING_TO_SAVE : this.sendChanges(entity, after, options)));
  }

  private sendChanges(entity: T, changes: Changes, options: (WriteOptions & ConditionalSpec<T>) | undefined): Promise<WriteResult<T>> {
    return this.patchNow(entity as unknown as PrimaryKey<T>, changes.values, options).then((result) => {
      // Managed columns (version, updated-at) changed on the entity too: snapshot it whole.
      if (result.applied) this.metadata.managed === undefined ? this.changeTracker().commit(entity, changes.next) : this.changeTracker().track(entity);
      return result;
    });
  }

  private changeTracker(): ChangeTracker {
    return (this.tracker ??= new ChangeTracker(this.metadata as EntityMetadata));
  }

  /** The snapshot of a tracked entity, or UntrackedEntityError. */
  private snapshotOf(entity: T): Snapshot {
    const snapshot = this.tracker?.snapshotOf(entity);
    if (snapshot === undefined) throw UntrackedEntityError.notTracked(this.metadata.target.name, this.metadata.table);
    return snapshot;
  }

  /** DELETE the row of an entity or key (a partition when clustering keys are left out), or what `build` selects. */
  async delete(target: T | Partial<PrimaryKey<T>>, options?: QueryOptions & ConditionalSpec<T>): Promise<WriteResult<T>>;
  async delete(target: T | Partial<PrimaryKey<T>>, build: (d: DeleteQuery<T>) => DeleteQuery<T>, options?: QueryOptions & ConditionalSpec<T>): Promise<WriteResult<T>>;
  async delete(
    target: T | Partial<PrimaryKey<T>>,
    buildOrOptions?: ((d: DeleteQuery<T>) => DeleteQuery<T>) | (QueryOptions & ConditionalSpec<T>),
    options?: QueryOptions & ConditionalSpec<T>,
  ): Promise<WriteResult<T>> {
    const build = typeof buildOrOptions === 'function' ? buildOrOptions : undefined;
    const opts = typeof buildOrOptions === 'function' ? options : buildOrOptions;
    if (this.queryTableWriter !== undefined) return this.queryTableWriter.delete(target, build, opts, opts);
    return this.write(await prep.prepareDelete(this.ctx, target, build, opts), opts);
  }

  /** Runs a write builder as is (no hooks, no validation, no version check); the entity's `@CreatedAt`/`@UpdatedAt` stamps and default TTL are added unless the builder sets them. */
  async execute(query: InsertQuery<T> | UpdateQuery<T> | DeleteQuery<T> | CompiledQuery, options?: QueryOptions): Promise<WriteResult<T>> {
    return this.write('compile' in query ? managedBuilder(this.metadata as EntityMetadata, query).compile() : query, options);
  }

  /** @internal Hooks, validation and compile without sending, and the plain-insert fast paths: what batches use. */
  get [BATCH_ACCESS](): BatchAccess<T> {
    if (this.queryTableWriter !== undefined) throw batchWithQueryTables(this.metadata);
    return (this.batchAccess ??= Object.freeze({
      prepare: Object.freeze({
        insert: (entity: T, spec?: InsertSpec) => managed.unbatched(this.metadata, () => prep.prepareInsert(this.ctx, entity, spec)),
        update: (entity: T, spec?: ConditionalSpec<T>) => managed.unbatched(this.metadata, () => prep.prepareUpdateEntity(this.ctx, entity, spec)),
        updateWith: (key: PrimaryKey<T>, build: (u: UpdateQuery<T>) => UpdateQuery<T>, spec?: ConditionalSpec<T>) => managed.unbatched(this.metadata, () => prep.prepareUpdateWith(this.ctx, key, build, spec)),
        delete: (target: T | Partial<PrimaryKey<T>>, build?: (d: DeleteQuery<T>) => DeleteQuery<T>, spec?: ConditionalSpec<T>) => managed.unbatched(this.metadata, () => prep.prepareDelete(this.ctx, target, build, spec)),
      }),
      compileInsertNow: (entity: T, spec?: InsertSpec) => (this.plainInsert && this.metadata.managed?.version === undefined ? prep.compileInsert(this.ctx, entity, spec) : undefined),
      insertStatementNow: (entity: T) => {
        const binder = this.plainInsert && this.metadata.managed === undefined ? this.plainBinder(false) : undefined;
        return binder === undefined ? undefined : { query: binder.cql, params: binder.bind(entity as Record<string, unknown>) };
      },
    }));
  }

  private readonly writeDone = (rs: ResultSet): WriteResult<T> => writeResult(rs, this.metadata, this.mode);

  // One driver call and one reaction mapping its result (the `run()` helper would add async frames).
  /**
   * Sends a compiled write; `owned` when its params were built for this call alone (then encoded in
   * place). `inserted` is the entity of a conditional insert, whose unknown outcome may be resolved.
   */
  private write(compiled: CompiledQuery, options: WriteOptions | undefined, owned = false, inserted?: T): Promise<WriteResult<T>> {
    let params: unknown[];
    let lwt = this.lwt;
    try {
      params = owned ? encodeOwnParams(compiled.params as unknown[], compiled.paramTypes, this.mode, compiled.paramSlots) : encodeParams(compiled.params, compiled.paramTypes, this.mode, compiled.paramSlots);
      if (options?.lwt !== undefined) lwt = resolveLwtOptions(options.lwt, 'options.lwt', this.lwt);
    } catch (error) {
      return Promise.reject(error);
    }
    const sent = this.send(compiled.cql, params, compiled, options);
    const check = this.metadata.managed?.version === undefined ? undefined : versionCheckOf(compiled);
    if (check !== undefined && check.expected !== undefined && lwt.resolveUnknownOutcome) {
      // A versioned update or delete: its unknown outcome is read back by version (managed-repository.ts).
      return sent.catch((error: unknown) =>
        error instanceof LwtOutcomeUnknownError ? managed.resolveVersioned(this, check, compiled.cql, error, lwt, options, () => this.send(compiled.cql, params, compiled, options)) : Promise.reject(error),
      ).then((result) => managed.settleVersion(this, check, compiled.cql, result, options));
    }
    // Each branch chains its own reaction to `sent`: a chain built and not returned would reject unhandled.
    if (inserted === undefined || !compiled.lwt || !lwt.resolveUnknownOutcome) {
      return check === undefined ? sent : sent.then((result) => managed.settleVersion(this, check, compiled.cql, result, options));
    }
    return sent.catch((error: unknown) =>
      // The row is compared with what the insert wrote, the version it set included (a copy: the
      // entity gets its version only once the outcome is known).
      error instanceof LwtOutcomeUnknownError
        ? this.resolveInsert(check?.next === undefined ? inserted : ({ ...inserted, [check.column.property]: check.next } as T), compiled.cql, params, compiled, options, lwt, error)
        : Promise.reject(error),
    ).then((result) => (check === undefined ? result : managed.settleVersion(this, check, compiled.cql, result, options)));
  }

  private send(cql: string, params: unknown[], statement: Pick<CompiledQuery, 'idempotent'> & { readonly lwt?: boolean }, options: QueryOptions | undefined): Promise<WriteResult<T>> {
    const done = options?.onInfo === undefined ? this.writeDone : (rs: ResultSet) => (report(rs, options), this.writeDone(rs));
    const sent = this.connection[EXECUTE_MAP](cql, params, driverOptions(statement, options), done);
    return statement.lwt === true ? sent.catch((error: unknown) => Promise.reject(lwtFailure(error))) : sent;
  }

  /**
   * Resolves a conditional insert whose outcome is unknown: after a jittered back-off, reads the row at
   * SERIAL consistency, which completes (or supersedes) any Paxos round in progress on it. The row as
   * the insert wrote it: applied. Another row: not applied, with that row as `current`. No row: the
   * insert did not apply and no longer can, so it is sent again. A SERIAL read or a repeated insert
   * that times out is tried again, up to `attempts`; then the LwtOutcomeUnknownError says so.
   */
  private async resolveInsert(
    entity: T,
    cql: string,
    params: unknown[],
    statement: Pick<CompiledQuery, 'idempotent' | 'lwt'>,
    options: WriteOptions | undefined,
    lwt: ResolvedLwtOptions,
    unknown: LwtOutcomeUnknownError,
  ): Promise<WriteResult<T>> {
    const p = this.statements.byKey;
    const keyParams = this.prebuiltParams(p, entity);
    const consistency = options?.serialConsistency ?? this.connection.settings.queryDefaults.serialConsistency ?? 'SERIAL';
    // The reads wait as long as the connection's statements do: a call's short timeout is what made the outcome unknown.
    const readOptions = driverOptions(p, { consistency });
    let last: unknown = unknown;
    for (let attempt = 1; attempt <= lwt.attempts; attempt++) {
      await sleep(backoffDelay(lwt, attempt));
      let rs: ResultSet;
      try {
        rs = await this.connection[EXECUTE_MAP](p.cql, keyParams, readOptions, (r) => r);
      } catch (error) {
        if (!transient(error)) throw error;
        last = error;
        continue;
      }
      const row = rs.rows[0] as Record<string, unknown> | undefined;
      if (row !== undefined) return this.insertOutcome(entity, currentValues(rs, row, this.metadata, this.mode));
      try {
        return await this.send(cql, params, statement, options);
      } catch (error) {
        if (!transient(error)) throw error;
        last = error;
      }
    }
    throw LwtOutcomeUnknownError.of(unknown.cause as QueryTimeoutError | ConnectionLostError, cql, lwt.attempts, last);
  }

  /** Applied when the row holds every value the insert wrote; else not applied, with the row as `current`. */
  private insertOutcome(entity: T, current: Partial<T>): WriteResult<T> {
    const written = entity as Record<string, unknown>;
    const read = current as Record<string, unknown>;
    for (const column of this.metadata.columns) {
      const value = written[column.property];
      if (value === undefined) continue;
      const form = comparedFor(column.type);
      if (!sameValue(form(value), form(read[column.property] ?? null))) return Object.freeze({ applied: false, current: Object.freeze(current) });
    }
    return RESOLVED_APPLIED;
  }
}

/** The QueryBuildError of an entity with query tables added to a user batch (which would write its base table alone). */
function batchWithQueryTables(meta: EntityMetadata): QueryBuildError {
  return QueryBuildError.invalid(
    meta.table,
    `${meta.target.name} has query tables (${(meta.queryTables ?? []).map((q) => q.table).join(', ')}): its writes are each a logged batch of their own, ` +
      'which cannot be nested in another batch. Call the repository (insert, patch, delete) instead of adding it to batch().',
  );
}

/** The QueryBuildError of a key lookup whose key properties are missing (null and undefined are not key values). */
function missingKey(meta: EntityMetadata, props: readonly string[], values: Readonly<Record<string, unknown>>): QueryBuildError {
  const missing = props.filter((p) => values[p] === undefined || values[p] === null);
  return QueryBuildError.invalid(meta.table, `the key is missing ${missing.join(', ')} (null and undefined are not key values).`);
}

/**
 * A page whose token is signed when first read: a loop over `pages()` that never reads `nextPageToken`
 * skips the HMAC. `nextPageToken` is an own enumerable property (a getter), so spreading or serialising
 * the page includes it. The getter is one shared function defined on each page, not a new closure per
 * page as an object literal with a getter would make (docs/performance.md has the figures).
 */
class LazilySignedPage<R> implements Page<R> {
  static readonly #token: PropertyDescriptor = {
    get(this: LazilySignedPage<unknown>): string {
      return (this.#signed ??= this.#signer.sign(this.#fp, this.#state));
    },
    enumerable: true,
    configurable: true,
  };
  readonly rows: R[];
  declare readonly nextPageToken: string;
  readonly #signer: CursorSigner;
  readonly #fp: Fingerprint;
  readonly #state: Buffer;
  #signed: string | undefined;

  constructor(rows: R[], signer: CursorSigner, fp: Fingerprint, state: Buffer) {
    this.rows = rows;
    this.#signer = signer;
    this.#fp = fp;
    this.#state = state;
    Object.defineProperty(this, 'nextPageToken', LazilySignedPage.#token);
  }
}

/**
 * The rows per page of `pages()`, `stream()` and `find()`, checked: `pageSize`, else `fetchSize`, else
 * the connection's `queryDefaults.fetchSize`, else 5000.
 */
function fetchSizeOf(options: { readonly pageSize?: number; readonly fetchSize?: number } | undefined, connectionDefault: number | undefined): number {
  if (options?.pageSize !== undefined) return pageSizeOf(options.pageSize, 'options.pageSize');
  if (options?.fetchSize !== undefined) return pageSizeOf(options.fetchSize, 'options.fetchSize');
  return connectionDefault ?? 5000;
}

/** A page size as given, or a ConfigError naming the option when it is not an integer >= 1. */
function pageSizeOf(size: number, option: string): number {
  if (!Number.isInteger(size) || size < 1) {
    throw new ConfigError(`must be a whole number of rows >= 1, got ${typeof size === 'number' ? String(size) : typeof size}`, option);
  }
  return size;
}

/** True when the options ask for IF EXISTS, IF conditions, a TTL or a timestamp (the builder path adds those). */
function hasSpec(options: ConditionalSpec<object>): boolean {
  return options.ifExists !== undefined || options.if !== undefined || options.ttl !== undefined || options.timestamp !== undefined;
}
