// Plan and apply: read the live keyspace, diff it with the model, apply the safe changes (and the
// destructive ones only when allowed), waiting for schema agreement after every statement.
import type { Connection } from 'cassandra-orm';
import { DestructiveChangeError, InvalidQueryError, SchemaSyncError } from '../errors.js';
import type { EntityMetadata } from '../metadata/entity-metadata.js';
import { entityMetadata, type EntityRef } from '../metadata/resolve-entity.js';
import { diffSchema } from './diff.js';
import { replicationMap, type KeyspaceSpec } from './keyspace-ddl.js';
import { keyspaceReplicationWarnings, systemAuthWarnings, topologyOf } from './replication-warnings.js';
import { readLiveSchema } from './live-schema.js';
import { inOperationSpan } from '../observability/operation-span.js';
import { destructiveChanges, orderedStatements, type SchemaChange, type SchemaPlan } from './schema-plan.js';
import { executeQualified } from '../connection/qualified.js';

/** Options of planSchema (and of syncSchema). */
export interface PlanOptions {
  /** The keyspace to sync into, with the replication used to create it (or keep it in line when given). */
  readonly keyspace: KeyspaceSpec;
  /** Sync entities that name another keyspace into this one anyway (the test keyspace does). Default false. */
  readonly ignoreEntityKeyspace?: boolean;
}

/** Options of applySchemaPlan (and of syncSchema). */
export interface ApplyOptions {
  /** Apply destructive changes too. Default false: a plan with any is refused with DestructiveChangeError. */
  readonly allowDestructive?: boolean;
  /** Instead of refusing, apply only the safe changes and return the destructive ones as skipped. Default false. */
  readonly skipDestructive?: boolean;
  /** How long to wait for schema agreement after each statement. Default 30000 ms. */
  readonly agreementTimeoutMs?: number;
  /** Wait until created indexes and views are built (as the coordinator sees it). Default true. */
  readonly waitForBuilds?: boolean;
  /** How long to wait for index and view builds. Default 120000 ms. */
  readonly buildTimeoutMs?: number;
  /** Called with each statement before it runs (for logging). */
  readonly onStatement?: (cql: string) => void;
  /**
   * Apply while nodes are down (on the nodes that are up; the others take the schema when they
   * rejoin). Default false: a plan with changes is refused with SchemaSyncError before anything runs.
   */
  readonly allowNodesDown?: boolean;
}

/** The entities' metadata, each checked against the keyspace it is synced into. */
export function resolveEntities(entities: readonly EntityRef<object>[], options: PlanOptions): EntityMetadata[] {
  return entities.map((e) => {
    const meta = typeof e === 'function' ? entityMetadata(e) : e;
    if (meta.keyspace !== undefined && meta.keyspace !== options.keyspace.name && options.ignoreEntityKeyspace !== true) {
      throw SchemaSyncError.keyspaceMismatch(meta.target.name, meta.keyspace, options.keyspace.name);
    }
    return meta;
  });
}

/** Reads the live keyspace and returns the plan that would bring it in line with the entities; writes nothing. */
export async function planSchema(
  connection: Connection,
  entities: readonly EntityRef<object>[],
  options: PlanOptions,
): Promise<SchemaPlan> {
  const metas = resolveEntities(entities, options);
  return inOperationSpan(connection.settings?.observe?.tracing !== false, `schema.plan ${options.keyspace.name}`, options.keyspace.name, async () => {
    const live = await readLiveSchema(connection, options.keyspace.name);
    const plan = diffSchema(options.keyspace, metas, live);
    const warnings = await replicationWarnings(connection, options.keyspace, live?.replication);
    const down = downNodes(connection);
    if (down.length > 0 && plan.changes.length > 0) warnings.push(nodesDownWarning(down));
    return warnings.length === 0 ? plan : Object.freeze({ ...plan, warnings: Object.freeze([...plan.warnings, ...warnings]) });
  });
}

/** What a sync with nodes down does, and what to do. */
function nodesDownWarning(down: readonly string[]): string {
  const one = down.length === 1;
  return (
    `${one ? 'node' : 'nodes'} ${down.join(', ')} ${one ? 'is' : 'are'} down: sync refuses to apply this plan until ${one ? 'it is' : 'they are'} back ` +
    `(a CREATE grants its creator permissions in system_auth, which can fail with replicas down after the change is made). ` +
    `allowNodesDown: true applies it on the nodes that are up; the down ${one ? 'node takes' : 'nodes take'} the schema when ${one ? 'it rejoins' : 'they rejoin'}.`
  );
}

/**
 * Warnings about replication one node loss breaks: the keyspace's (as the plan leaves it: the given
 * replication, else the live one, else the default it would be created with) and, when the connection
 * logs in, system_auth's.
 */
async function replicationWarnings(connection: Connection, keyspace: KeyspaceSpec, live: Readonly<Record<string, string>> | undefined): Promise<string[]> {
  const topology = topologyOf(connection);
  const target = keyspace.replication !== undefined || live === undefined ? replicationMap(keyspace.replication) : live;
  const warnings = keyspaceReplicationWarnings(keyspace.name, target, topology);
  const settings = connection.settings;
  if (settings.username !== undefined || settings.authProvider !== undefined) {
    const rs = await executeQualified(connection, 'SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = ?', ['system_auth']);
    const auth = rs.first()?.['replication'] as ReadonlyMap<string, string> | Readonly<Record<string, string>> | undefined;
    if (auth !== undefined) warnings.push(...systemAuthWarnings(auth instanceof Map ? Object.fromEntries(auth) : (auth as Record<string, string>), topology));
  }
  return warnings;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A driver host as far as schema agreement needs it. */
interface DriverHost {
  readonly address: string;
  readonly datacenter?: string;
  isUp(): boolean;
}

function driverHosts(connection: Connection): DriverHost[] {
  const hosts = (connection.client as unknown as { hosts?: { values(): DriverHost[] } }).hosts;
  return hosts?.values() ?? [];
}

/** The nodes the connection's driver sees down (`address (dc)`), in address order. */
export function downNodes(connection: Connection): string[] {
  return driverHosts(connection)
    .filter((h) => !h.isUp())
    .map((h) => `${h.address}${h.datacenter === undefined ? '' : ` (${h.datacenter})`}`)
    .sort();
}

/** The IP address of a driver host's `address:port`. */
const ipOf = (address: string): string => address.slice(0, address.lastIndexOf(':'));

/**
 * True when the nodes agree on one schema version. With every node up, as the driver checks it (the
 * control host's system.local and system.peers). With some down, the same on one connected node,
 * leaving out the peers the driver sees down: a down node's row in system.peers keeps its last
 * version until it rejoins, and it takes the current schema from the others then.
 */
async function schemaAgrees(connection: Connection): Promise<boolean> {
  const hosts = driverHosts(connection);
  const down = new Set(hosts.filter((h) => !h.isUp()).map((h) => ipOf(h.address)));
  if (down.size === 0) return (connection.client.metadata as unknown as { checkSchemaAgreement(): Promise<boolean> }).checkSchemaAgreement();
  // Both reads on one node (one the driver holds connections to: a remote data centre's may have none).
  const host = connection.client.getState().getConnectedHosts()[0];
  if (host === undefined) return false;
  const local = await executeQualified(connection, 'SELECT schema_version FROM system.local', [], { host });
  const peers = await executeQualified(connection, 'SELECT peer, rpc_address, schema_version FROM system.peers', [], { host });
  const versions = new Set<string>([String(local.first()?.['schema_version'])]);
  for (const row of peers.rows) {
    const address = String(row['rpc_address'] ?? row['peer']);
    if (!down.has(address) && row['schema_version'] != null) versions.add(String(row['schema_version']));
  }
  return versions.size === 1;
}

/**
 * Waits until every node that is up reports the same schema version (every node, when all are up);
 * throws SchemaSyncError after `timeoutMs`.
 */
export async function waitForSchemaAgreement(connection: Connection, cql = 'schema change', timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (await schemaAgrees(connection)) return;
    if (Date.now() - started > timeoutMs) throw SchemaSyncError.noAgreement(cql, timeoutMs);
    await sleep(200);
  }
}

/** Waits until an index or a view is built (system."IndexInfo" / system.built_views on the coordinator). @internal */
export async function waitForBuild(connection: Connection, keyspace: string, build: { kind: 'index' | 'view'; name: string }, timeoutMs: number): Promise<void> {
  const cql = build.kind === 'index'
    ? 'SELECT index_name FROM system."IndexInfo" WHERE table_name = ? AND index_name = ?'
    : 'SELECT view_name FROM system.built_views WHERE keyspace_name = ? AND view_name = ?';
  const started = Date.now();
  while ((await executeQualified(connection, cql, [keyspace, build.name])).rows.length === 0) {
    if (Date.now() - started > timeoutMs) throw SchemaSyncError.buildTimeout(keyspace, build.kind, build.name, timeoutMs);
    await sleep(100);
  }
}

// Another process syncing the same model at the same moment may have made the change first; every
// statement is already IF [NOT] EXISTS, this only covers what that cannot (e.g. a column added twice).
function alreadyDone(cql: string, error: unknown): boolean {
  if (!(error instanceof InvalidQueryError)) return false;
  if (/^(CREATE|ALTER)\b/.test(cql) && /already exists|conflicts with an existing/i.test(error.message)) return true;
  return /^DROP\b/.test(cql) && /doesn't exist|does not exist|not found/i.test(error.message);
}

/** The changes `applySchemaPlan` would run; refuses blocked or (unless allowed or skipped) destructive ones. */
function changesToApply(plan: SchemaPlan, options: ApplyOptions): SchemaChange[] {
  if (plan.blocked.length > 0) throw SchemaSyncError.blocked(plan.keyspace, plan.blocked);
  const destructive = destructiveChanges(plan);
  if (destructive.length === 0 || options.allowDestructive === true) return [...plan.changes];
  if (options.skipDestructive === true) return plan.changes.filter((c) => !c.destructive);
  throw DestructiveChangeError.refused(plan.keyspace, destructive.map((c) => ({ description: c.description, loses: c.loses ?? 'data' })));
}

/** Applies a plan (refusing blocked or unallowed destructive changes before running anything); returns the changes applied. */
export async function applySchemaPlan(connection: Connection, plan: SchemaPlan, options: ApplyOptions = {}): Promise<SchemaChange[]> {
  const changes = changesToApply(plan, options);
  if (changes.length === 0) return [];
  return inOperationSpan(connection.settings?.observe?.tracing !== false, `schema.apply ${plan.keyspace}`, plan.keyspace, () => applyChanges(connection, plan, changes, options));
}

async function applyChanges(connection: Connection, plan: SchemaPlan, changes: SchemaChange[], options: ApplyOptions): Promise<SchemaChange[]> {
  await connection.connect();
  const down = downNodes(connection);
  if (down.length > 0 && options.allowNodesDown !== true) throw SchemaSyncError.nodesDown(plan.keyspace, down);
  for (const { cql } of orderedStatements(changes)) {
    options.onStatement?.(cql);
    try {
      await executeQualified(connection, cql, [], { prepare: false });
    } catch (error) {
      if (!alreadyDone(cql, error)) throw SchemaSyncError.statementFailed(error);
    }
    await waitForSchemaAgreement(connection, cql, options.agreementTimeoutMs);
  }
  if (options.waitForBuilds !== false) {
    for (const build of changes.flatMap((c) => c.builds ?? [])) {
      await waitForBuild(connection, plan.keyspace, build, options.buildTimeoutMs ?? 120_000);
    }
  }
  return changes;
}

