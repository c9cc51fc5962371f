// Schema sync, the entry point applications call at start-up: plan, apply, verify, optionally under
// the schema lease. The types it shares with cassandra-orm/schema are imported by the package's
// name, so that each entry point's declarations name the other's types as a user would.
import type { ApplyOptions, EntityRef, LeaseOptions, PlanOptions, SchemaChange, SchemaPlan } from 'cassandra-orm/schema';
import { inOperationSpan } from '../observability/operation-span.js';
import type { Connection } from '../connection/connection.js';
import { SchemaSyncError } from '../errors.js';
import { applySchemaPlan, checkPlanPermissions, planSchema, resolveEntities, waitForSchemaAgreement } from './plan-apply.js';
import { acquireSchemaLease } from './schema-lease.js';

/** Options of syncSchema. */
export interface SyncOptions extends PlanOptions, ApplyOptions {
  /**
   * Serialise syncs across processes and coordinators with a lease (an LWT row with a TTL in the
   * table `cassandra_orm_schema_lease` of the keyspace). Default false: statements are idempotent
   * and races are tolerated, which is enough for one coordinator.
   */
  readonly lease?: boolean | LeaseOptions;
}

/** What syncSchema did. */
export interface SyncResult {
  /** The plan computed before applying. */
  readonly plan: SchemaPlan;
  /** The changes applied, in plan order. */
  readonly applied: readonly SchemaChange[];
  /** Destructive changes left out because of `skipDestructive`. */
  readonly skipped: readonly SchemaChange[];
}

/**
 * Brings a keyspace in line with the entities: plans, applies (destructive changes only with
 * `allowDestructive`), then re-reads the schema and fails if anything safe is still missing.
 */
export async function syncSchema(
  connection: Connection,
  entities: readonly EntityRef<object>[],
  options: SyncOptions,
): Promise<SyncResult> {
  return inOperationSpan(connection.settings?.observe?.tracing !== false, `schema.sync ${options.keyspace.name}`, options.keyspace.name, () => syncLeased(connection, entities, options));
}

async function syncLeased(
  connection: Connection,
  entities: readonly EntityRef<object>[],
  options: SyncOptions,
): Promise<SyncResult> {
  if (options.lease === undefined || options.lease === false) return syncOnce(connection, entities, options);
  resolveEntities(entities, options); // invalid models fail before anything is written
  // So does a plan the role may not apply: taking the lease writes (its table, its row) before the plan runs.
  await checkPlanPermissions(connection, await planSchema(connection, entities, options), options);
  const leaseOptions = options.lease === true ? {} : options.lease;
  const agree = (cql: string): Promise<void> => waitForSchemaAgreement(connection, cql, options.agreementTimeoutMs);
  const lease = await acquireSchemaLease(connection, options.keyspace, agree, leaseOptions);
  // A failed renewal only lets the lease lapse early; the statements stay idempotent, so it is not fatal.
  const renewal = setInterval(() => lease.renew().catch(() => undefined), ((leaseOptions.ttlSeconds ?? 60) * 1000) / 3);
  renewal.unref();
  try {
    return await syncOnce(connection, entities, options);
  } finally {
    clearInterval(renewal);
    await lease.release();
  }
}

async function syncOnce(
  connection: Connection,
  entities: readonly EntityRef<object>[],
  options: SyncOptions,
): Promise<SyncResult> {
  const plan = await planSchema(connection, entities, options);
  const applied = await applySchemaPlan(connection, plan, options);
  if (applied.length > 0) {
    const after = await planSchema(connection, entities, options);
    const remaining = after.changes.filter((c) => !c.destructive || options.allowDestructive === true);
    if (remaining.length > 0) throw SchemaSyncError.notConverged(plan.keyspace, remaining.map((c) => c.description));
  }
  return { plan, applied, skipped: plan.changes.filter((c) => !applied.includes(c)) };
}
