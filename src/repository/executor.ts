// Runs compiled statements on a Connection: parameter encoding, driver options, LWT results, batches.
import cassandra from 'cassandra-driver';
import type { Connection } from '../connection/connection.js';
import { translateQueryError } from '../connection/driver-errors.js';
import { driverQueryOptions } from '../connection/driver-options.js';
import type { EntityMetadata } from '../metadata/entity-metadata.js';
import type { CompiledQuery } from '../query/compiled-query.js';
import type { CompiledBatch } from '../query/batch-query.js';
import { decoderFor, encodeParams, type MapMode } from '../mapping/codec.js';
import { driverOptions, report, type QueryOptions, type WriteResult } from './options.js';

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
  const rs = await connection.execute(compiled.cql, encodeParams(compiled.params, compiled.paramTypes, mode), driverOptions(compiled, options, extra));
  report(rs, options);
  return rs;
}

/** `applied` and, when not applied, the current values Cassandra returned (decoded to entity properties). */
export function writeResult<T extends object>(rs: cassandra.types.ResultSet, meta: EntityMetadata<T> | undefined, mode: MapMode): WriteResult<T> {
  const row = rs.rows?.[0] as Record<string, unknown> | undefined;
  if (row === undefined || !('[applied]' in row)) return APPLIED;
  if (row['[applied]'] === true) return APPLIED;
  if (meta === undefined) return Object.freeze({ applied: false, current: Object.freeze({ ...row }) as Partial<T> });
  const current: Record<string, unknown> = {};
  for (const { name } of rs.columns ?? []) {
    const column = meta.byName.get(name);
    if (column === undefined) continue;
    const d = decoderFor(column.type, mode);
    const v = row[name] ?? null;
    current[column.property] = d === null ? v : d(v);
  }
  return Object.freeze({ applied: false, current: current as Partial<T> });
}

const APPLIED: WriteResult<never> = Object.freeze({ applied: true });

/** Executes a compiled batch through the driver's batch API (prepared, with the batch's type). */
export async function runBatch(
  connection: Connection,
  batch: CompiledBatch,
  mode: MapMode,
  options: QueryOptions | undefined,
  timestamp: bigint | number | undefined,
): Promise<cassandra.types.ResultSet> {
  await connection.connect();
  const queries = batch.statements.map((s) => ({ query: s.cql, params: encodeParams(s.params, s.paramTypes, mode) }));
  const extra: cassandra.QueryOptions = { logged: batch.type === 'logged', counter: batch.type === 'counter' };
  if (timestamp !== undefined) extra.timestamp = cassandra.types.Long.fromString(String(timestamp));
  try {
    // The connection's session defaults (timeout, consistency...) apply to batches as to single statements.
    const rs = await connection.client.batch(queries, { ...driverQueryOptions(connection.settings.queryDefaults), ...driverOptions(batch, options, extra) });
    report(rs, options);
    return rs;
  } catch (error) {
    throw translateQueryError(error, batch.cql, { alias: connection.alias, contactPoints: connection.contactPoints });
  }
}
