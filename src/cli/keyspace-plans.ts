// The schema plans of the selected connections: one per keyspace their entities live in.
import type { ResolvedConnectionSettings } from '../connection/connection-settings.js';
import { DEFAULT_REPLICATION } from '../connection/replication.js';
import type { Connection } from '../connection/connection.js';
import type { EntityMetadata } from '../metadata/entity-metadata.js';
import type { KeyspaceSpec } from '../schema/keyspace-ddl.js';
import type { SchemaPlan } from '../schema/schema-plan.js';
import { planSchema } from '../schema/plan-apply.js';
import { entitiesOf } from './entity-tables.js';
import type { ConnectionPool, Project } from './project.js';

/** One keyspace to sync: its connection, its definition, its entities, its plan. */
export interface KeyspacePlan {
  readonly alias: string;
  readonly connection: Connection;
  readonly spec: KeyspaceSpec;
  readonly entities: readonly EntityMetadata[];
  readonly plan: SchemaPlan;
}

/**
 * The keyspace definition of a connection. Replication is passed (so sync keeps it in line) only when
 * configured: a connection left at the default must not ALTER an existing keyspace to SimpleStrategy 1.
 */
export function keyspaceSpec(settings: ResolvedConnectionSettings, name: string): KeyspaceSpec {
  if (name !== settings.keyspace) return { name };
  return {
    name,
    ...(settings.replication !== DEFAULT_REPLICATION ? { replication: settings.replication } : {}),
    ...(settings.durableWrites === false ? { durableWrites: false } : {}),
  };
}

/** Plans every keyspace of the given connections: the connection's own, and any an entity names. */
export async function planKeyspaces(project: Project, pool: ConnectionPool, selected: readonly ResolvedConnectionSettings[]): Promise<KeyspacePlan[]> {
  const plans: KeyspacePlan[] = [];
  for (const settings of selected) {
    const connection = await pool.get(settings);
    const groups = new Map<string, EntityMetadata[]>();
    if (settings.keyspace !== undefined) groups.set(settings.keyspace, []);
    for (const meta of entitiesOf(project, settings)) {
      const keyspace = meta.keyspace ?? settings.keyspace;
      if (keyspace === undefined) continue;
      groups.set(keyspace, [...(groups.get(keyspace) ?? []), meta]);
    }
    for (const [name, entities] of groups) {
      const spec = keyspaceSpec(settings, name);
      plans.push({ alias: settings.alias, connection, spec, entities, plan: await planSchema(connection, entities, { keyspace: spec }) });
    }
  }
  return plans;
}
