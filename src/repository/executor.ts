// Runs compiled statements on a Connection: parameter encoding, driver options, LWT results, batches.
import cassandra from 'cassandra-driver';
import type { Connection } from '../connection/connection.js';
import { BATCH_MAP, EXECUTE_MAP } from '../connection/internals.js';
import type { EntityMetadata } from '../metadata/entity-metadata.js';
import type { CompiledQuery } from '../query/compiled-query.js';
import { batchText, type BatchType, type CompiledBatch } from '../query/batch-query.js';
import { decoderFor, encodeParams, located, type MapMode } from '../mapping/codec.js';
import { nativeCheck } from '../mapping/value-checks.js';
import { driverOptions, report, type QueryOptions, type WriteResult } from './options.js';
import { lwtFailure } from './lwt.js';

/** How the connection's driver decodes maps (native Map only when configured so). */
export function mapModeOf(connection: Connection): MapMode {
  const options = (connection.client as unknown as { options?: { encoding?: { map?: unknown } } }).options;
  return options?.encoding?.map === Map ? 'map' : 'object';
}

/** Executes one compiled statement with its parameters encoded. */
export async function run(
  connection: Connection,
  compiled: CompiledQuery,
  mode: MapMode,
  options?: QueryOptions,
  extra?: cassandra.QueryOptions,
): Promise<cassandra.types.ResultSet> {
  // The connection's internal channel: the statement names its keyspace, so it runs on the alias's pool.
  const rs = await connection[EXECUTE_MAP](compiled.cql, encodeParams(compiled.params, compiled.paramTypes, mode, compiled.paramSlots), driverOptions(compiled, options, extra), (r) => r);
  report(rs, options);
  return rs;
}

/** `applied` and, when not applied, the current values Cassandra returned (decoded to entity properties). */
export function writeResult<T extends object>(rs: cassandra.types.ResultSet, meta: EntityMetadata<T> | undefined, mode: MapMode): WriteResult<T> {
  const row = rs.rows?.[0] as Record<string, unknown> | undefined;
  if (row === undefined || !('[applied]' in row)) return APPLIED;
  if (row['[applied]'] === true) return APPLIED;
  if (meta === undefined) return Object.freeze({ applied: false, current: Object.freeze({ ...row }) as Partial<T> });
  return Object.freeze({ applied: false, current: currentValues(rs, row, meta, mode) });
}

/** A row's columns of the entity, decoded to its properties (other columns, such as `[applied]`, are left out). */
export function currentValues<T extends object>(rs: cassandra.types.ResultSet, row: Record<string, unknown>, meta: EntityMetadata<T>, mode: MapMode): Partial<T> {
  const current: Record<string, unknown> = {};
  for (const { name } of rs.columns ?? []) {
    const column = meta.byName.get(name);
    if (column === undefined) continue;
    const d = decoderFor(column.type, mode);
    const v = row[name] ?? null;
    current[column.property] = d === null ? v : d(v);
  }
  return current as Partial<T>;
}

const APPLIED: WriteResult<never> = Object.freeze({ applied: true });

/** Executes a compiled batch through the driver's batch API (prepared, with the batch's type and the session defaults), mapping its result. */
export function runBatch<R>(
  connection: Connection,
  batch: CompiledBatch,
  mode: MapMode,
  options: QueryOptions | undefined,
  timestamp: bigint | number | undefined,
  map: (rs: cassandra.types.ResultSet) => R,
): Promise<R> {
  let queries: { query: string; params: unknown[] }[];
  try {
    const statements = batch.statements;
    queries = new Array<{ query: string; params: unknown[] }>(statements.length);
    for (let i = 0; i < statements.length; i++) {
      const s = statements[i]!;
      queries[i] = { query: s.cql, params: encodeParams(s.params, s.paramTypes, mode, s.paramSlots) };
    }
  } catch (error) {
    return Promise.reject(error);
  }
  const sent = sendBatch(connection, batch.type, batch.idempotent, queries, options, timestamp, map);
  // A conditional batch is one Paxos round: a timeout leaves its outcome unknown.
  return batch.lwt ? sent.catch((error: unknown) => Promise.reject(lwtFailure(error))) : sent;
}

/** Executes a batch of plain INSERTs already turned into driver statements (idempotent, no conditions). */
export function runInsertBatch<R>(
  connection: Connection,
  type: Exclude<BatchType, 'counter'>,
  queries: { query: string; params: unknown[] }[],
  options: QueryOptions | undefined,
  timestamp: bigint | number | undefined,
  map: (rs: cassandra.types.ResultSet) => R,
): Promise<R> {
  return sendBatch(connection, type, true, queries, options, timestamp, map);
}

function sendBatch<R>(
  connection: Connection,
  type: BatchType,
  idempotent: boolean,
  queries: { query: string; params: unknown[] }[],
  options: QueryOptions | undefined,
  timestamp: bigint | number | undefined,
  map: (rs: cassandra.types.ResultSet) => R,
): Promise<R> {
  let driverBatchOptions: cassandra.QueryOptions;
  try {
    const kind = BATCH_KINDS[type];
    driverBatchOptions =
      options === undefined && timestamp === undefined
        ? kind[idempotent ? 'idempotent' : 'other']
        : driverOptions({ idempotent }, options, timestamp === undefined ? kind.extra : { ...kind.extra, timestamp: batchTimestamp(timestamp) });
  } catch (error) {
    return Promise.reject(error);
  }
  // The error text is built from the queries (alive until the response anyway), so compiled
  // statements can be collected while the batch is in flight.
  return connection[BATCH_MAP](queries, () => batchText(type, queries.map((q) => q.query)), driverBatchOptions, (rs) => {
    report(rs, options);
    return map(rs);
  });
}

const BATCH_TIMESTAMP = Object.freeze({ entity: 'BATCH', cqlType: 'bigint', part: 'timestamp option (microseconds)' });

/** A batch's write time as the driver's Long, checked like a bigint column (a fraction is refused, not truncated). */
function batchTimestamp(timestamp: bigint | number): cassandra.types.Long {
  try {
    return cassandra.types.Long.fromString(String(nativeCheck('bigint')(timestamp)));
  } catch (error) {
    throw located(error, BATCH_TIMESTAMP);
  }
}

// Frozen driver options of a batch without per-call options: the connection merges each with its
// session defaults once and reuses the merge.
function batchKind(logged: boolean, counter: boolean) {
  const extra = Object.freeze({ logged, counter });
  return {
    extra,
    idempotent: Object.freeze({ prepare: true, isIdempotent: true, ...extra }),
    other: Object.freeze({ prepare: true, isIdempotent: false, ...extra }),
  };
}
const BATCH_KINDS = { logged: batchKind(true, false), unlogged: batchKind(false, false), counter: batchKind(false, true) } as const;
