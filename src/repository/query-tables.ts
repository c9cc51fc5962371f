// Query tables kept in step: every write of an entity that has query tables is one LOGGED batch over
// its base table and each query table. A query table whose key holds a regular column of the base
// (`email` in `users_by_email`) needs that column's previous value to find its row, so such writes
// read the base row first (docs/query-tables.md explains the race that leaves open). The statements
// themselves come from query-table-statements.ts.
import type { Connection } from '../connection/connection.js';
import { executeQualified } from '../connection/qualified.js';
import { QueryBuildError } from '../errors.js';
import type { EntityMetadata } from '../metadata/entity-metadata.js';
import { hydratorFor } from '../mapping/hydrator.js';
import { encodeParams, type MapMode } from '../mapping/codec.js';
import { compileBatch } from '../query/batch-query.js';
import type { CompiledQuery } from '../query/compiled-query.js';
import type { DeleteQuery } from '../query/delete-query.js';
import { node } from '../query/nodes.js';
import { selectFrom } from '../query/select-query.js';
import { update, UpdateQuery, type Assignment } from '../query/update-query.js';
import type { PrimaryKey } from '../query/entity-types.js';
import { hasConstraints } from '../validation/constraints.js';
import { validateEntity } from '../validation/validate-entity.js';
import { run, runBatch, writeResult } from './executor.js';
import { hooksOf, runHooks } from './hooks-runner.js';
import { driverOptions, type QueryOptions, type WriteOptions, type WriteResult } from './options.js';
import { setAll } from './patch.js';
import * as prep from './write-preparation.js';
import { managedBuilder, ttlOf } from './managed-writes.js';
import { present, queryTableDeletes, queryTableStatements, withUsing, type Row, type Using } from './query-table-statements.js';
import type { ConditionalSpec, InsertSpec } from './write-preparation.js';

/** A QueryBuildError for a conditional write: its IF cannot join a batch over several tables. */
function refuseConditions(meta: EntityMetadata, spec: (ConditionalSpec<object> & InsertSpec) | undefined): void {
  if (spec === undefined) return;
  if (spec.ifNotExists === true || spec.ifExists === true || (spec.if !== undefined && Object.values(spec.if).some((v) => v !== undefined))) {
    throw QueryBuildError.invalid(
      meta.table,
      `a conditional write (IF NOT EXISTS, IF EXISTS, IF ...) cannot keep query tables (${(meta.queryTables ?? []).map((q) => q.table).join(', ')}) in step: ` +
        'Cassandra refuses conditions in a batch that spans several tables. Write without the condition, or check first with a read.',
    );
  }
}

/** The writes of one entity with query tables on one connection: each a logged batch over all its tables. */
export class QueryTableWriter<T extends object> {
  private readonly meta: EntityMetadata<T>;
  /** True when a query table's key holds a regular base column: writes then read the base row first. */
  private readonly reads: boolean;
  private readonly keyProps: readonly string[];

  constructor(
    private readonly connection: Connection,
    private readonly ctx: prep.WriteContext<T>,
    private readonly mode: MapMode,
  ) {
    this.meta = ctx.meta;
    this.reads = (this.meta.queryTables ?? []).some((q) => q.extraKeyProperties.length > 0);
    this.keyProps = [...this.meta.partitionKeys, ...this.meta.clusteringKeys].map((c) => c.property);
  }

  private keyOf(values: object): Row {
    const v = values as Row;
    const out: Row = {};
    for (const p of this.keyProps) out[p] = v[p];
    return out;
  }

  /** The base row as it is now (read at the write's consistency), or undefined. */
  private async read(key: Row, options: QueryOptions | undefined): Promise<Row | undefined> {
    const q = selectFrom(this.meta, this.ctx.keyspace).whereKey(key as never);
    const rs = await run(this.connection, q.compile(), this.mode, options?.consistency === undefined ? undefined : { consistency: options.consistency });
    const row = rs.rows[0];
    return row === undefined ? undefined : (hydratorFor(this.meta, this.mode).hydrate(row) as unknown as Row);
  }

  /** Every row of one base partition (the query-table keys of a partition delete). */
  private async readPartition(key: Row, options: QueryOptions | undefined): Promise<Row[]> {
    const partition: Row = {};
    for (const c of this.meta.partitionKeys) partition[c.property] = key[c.property];
    const compiled = selectFrom(this.meta, this.ctx.keyspace).whereKey(partition as never).compile();
    const params = encodeParams(compiled.params, compiled.paramTypes, this.mode, compiled.paramSlots);
    const consistency = options?.consistency === undefined ? undefined : { consistency: options.consistency };
    const hydrate = hydratorFor(this.meta, this.mode).hydrate;
    const rows: Row[] = [];
    // Every page: a partition delete must reach each of its rows' query-table rows.
    let pageState: string | undefined;
    do {
      // On the alias's pool (the statement names its keyspace): connection.execute() on a keyspace view would open another.
      const rs = await executeQualified(this.connection, compiled.cql, params, driverOptions(compiled, consistency, pageState === undefined ? undefined : { pageState }));
      for (const r of rs.rows) rows.push(hydrate(r) as unknown as Row);
      pageState = rs.pageState ?? undefined;
    } while (pageState !== undefined);
    return rows;
  }

  private send(statements: CompiledQuery[], options: QueryOptions | undefined): Promise<WriteResult<T>> {
    return runBatch(this.connection, compileBatch('logged', statements), this.mode, options, undefined, (rs) => writeResult(rs, this.meta, this.mode));
  }

  /** INSERT into every table (BeforeInsert hooks and validation first). */
  async insert(entity: T, spec: InsertSpec | undefined, options: WriteOptions | undefined): Promise<WriteResult<T>> {
    refuseConditions(this.meta, spec);
    const using: Using = { ttl: ttlOf(this.meta as EntityMetadata, spec?.ttl), timestamp: spec?.timestamp };
    const instance = prep.instanceOf(this.meta, entity);
    const base = await prep.prepareInsert(this.ctx, instance, { ...(using.ttl !== undefined ? { ttl: using.ttl } : {}), ...(using.timestamp !== undefined ? { timestamp: using.timestamp } : {}) });
    const key = this.keyOf(instance);
    const previous = this.reads ? await this.read(key, options) : undefined;
    const values = { ...(instance as Row) };
    return this.send([base, ...queryTableStatements(this.meta, this.ctx.keyspace, 'insert', key, values, previous, using)], options);
  }

  /** UPDATE of every non-key column of the entity, in every table that holds it. */
  async updateEntity(entity: T, spec: ConditionalSpec<T> | undefined, options: WriteOptions | undefined): Promise<WriteResult<T>> {
    refuseConditions(this.meta, spec);
    const instance = prep.instanceOf(this.meta, entity);
    const base = await prep.prepareUpdateEntity(this.ctx, instance, spec);
    const values: Row = {};
    for (const c of this.meta.columns) if (c.kind === 'regular') values[c.property] = (instance as Row)[c.property];
    const key = this.keyOf(instance);
    const previous = this.reads ? await this.read(key, options) : undefined;
    return this.send([base, ...queryTableStatements(this.meta, this.ctx.keyspace, 'update', key, values, previous, { ttl: ttlOf(this.meta as EntityMetadata, spec?.ttl), timestamp: spec?.timestamp })], options);
  }

  /** A built UPDATE on a key (BeforeUpdate hooks and validation when `hooks`), copied to every table that holds its columns. */
  async updateWith(key: object, build: (u: UpdateQuery<T>) => UpdateQuery<T>, spec: ConditionalSpec<T> | undefined, options: WriteOptions | undefined, hooks = true): Promise<WriteResult<T>> {
    refuseConditions(this.meta, spec);
    const k = key as Row;
    if (this.meta.clusteringKeys.some((c) => !present(k[c.property]))) {
      // A partition-wide UPDATE sets static columns, which no query table holds.
      return this.send([await prep.prepareUpdateWith(this.ctx, key as PrimaryKey<T>, build, spec)], options);
    }
    let q = build((this.ctx.updateBase ?? update(this.meta, this.ctx.keyspace)).key(key as PrimaryKey<T>));
    if (hooks && !(this.ctx.plainUpdate ?? prep.plainUpdate(this.ctx as prep.WriteContext<object>))) q = await this.hooked(k, q);
    // `@UpdatedAt` (and the default TTL) go to every table, as the other set values do.
    q = managedBuilder(this.meta as EntityMetadata, q);
    const values: Row = {};
    const others: Assignment[] = [];
    for (const a of q.node.assignments) {
      if (a.op === 'set') values[a.column.property] = a.value;
      else others.push(a);
    }
    const using: Using = { ttl: ttlOf(this.meta as EntityMetadata, spec?.ttl), timestamp: spec?.timestamp };
    const base = withUsing(q, using).compile();
    const previous = this.reads ? await this.read(this.keyOf(k), options) : undefined;
    return this.send([base, ...queryTableStatements(this.meta, this.ctx.keyspace, 'update', this.keyOf(k), values, previous, using, others)], options);
  }

  /** `patch`: the UPDATE of these values (hooks already run by the caller when `hooks` is false). */
  patch(key: object, values: object, spec: ConditionalSpec<T> | undefined, options: WriteOptions | undefined, hooks: boolean): Promise<WriteResult<T>> {
    return this.updateWith(key, (q) => setAll(q, values), spec, options, hooks);
  }

  /** BeforeUpdate hooks on the key and assigned values, then validation; the UPDATE follows the instance. */
  private async hooked(key: Row, q: UpdateQuery<T>): Promise<UpdateQuery<T>> {
    const assigned: Row = { ...key };
    for (const a of q.node.assignments) if (a.op === 'set') assigned[a.column.property] = a.value;
    const instance = prep.instanceOf(this.meta, assigned) as Row;
    const before = { ...instance };
    const methods = hooksOf(this.meta.target, 'beforeUpdate');
    if (methods.length > 0) await runHooks(instance, methods);
    let out = q;
    const changed = Object.keys(instance).filter((p) => instance[p] !== before[p] && this.meta.byProperty.get(p)?.kind === 'regular');
    if (changed.length > 0) {
      const kept = q.node.assignments.filter((a) => !(a.op === 'set' && changed.includes(a.column.property)));
      out = changed.reduce((acc, p) => acc.set(p as never, instance[p] as never), new UpdateQuery<T>(node({ ...q.node, assignments: Object.freeze(kept) })));
    }
    if (this.ctx.validate && hasConstraints(this.meta.target)) await validateEntity(instance);
    return out;
  }

  /** DELETE of the row (or partition) from every table; the query-table keys come from a read of the base. */
  async delete(target: object, build: ((d: DeleteQuery<T>) => DeleteQuery<T>) | undefined, spec: ConditionalSpec<T> | undefined, options: QueryOptions | undefined): Promise<WriteResult<T>> {
    refuseConditions(this.meta, spec);
    if (build !== undefined) {
      throw QueryBuildError.invalid(this.meta.table, 'a built DELETE (of columns or elements) cannot be copied to its query tables; delete the row, or patch the columns to null.');
    }
    const base = await prep.prepareDelete(this.ctx, target as Partial<PrimaryKey<T>>, undefined, spec);
    const key = this.keyOf(target);
    const partial = this.meta.clusteringKeys.some((c) => !present(key[c.property]));
    let rows: Row[];
    if (partial) rows = await this.readPartition(key, options);
    else if (this.reads) rows = [await this.read(key, options)].filter((r): r is Row => r !== undefined);
    else rows = [key];
    return this.send([base, ...queryTableDeletes(this.meta, this.ctx.keyspace, rows, { timestamp: spec?.timestamp })], options);
  }
}
