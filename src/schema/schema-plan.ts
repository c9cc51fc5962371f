// A schema plan: the changes that bring a keyspace in line with the model, each classified safe or
// destructive (with what it would lose), printable as CQL and as JSON without touching the cluster.

/**
 * Execution phases: drops run before creates (views before indexes before columns before tables
 * before types), creates run dependencies first.
 */
export const PHASE = {
  keyspace: 0, dropView: 1, dropIndex: 2, dropColumn: 3, dropTable: 4, dropType: 5,
  createType: 6, addTypeField: 7, createTable: 8, addColumn: 9, tableOptions: 10,
  createIndex: 11, createView: 12, viewOptions: 13,
} as const;

/** One CQL statement of a change and when it runs. */
export interface PlannedStatement {
  readonly cql: string;
  readonly phase: number;
}

/** What a change does. */
export type ChangeKind =
  | 'create-keyspace' | 'alter-keyspace'
  | 'create-type' | 'add-type-field' | 'drop-type'
  | 'create-table' | 'add-column' | 'alter-table-options' | 'drop-column' | 'drop-table' | 'recreate-table'
  | 'create-index' | 'drop-index' | 'recreate-index'
  | 'create-view' | 'alter-view-options' | 'drop-view' | 'recreate-view';

/** One change of a plan. */
export interface SchemaChange {
  readonly kind: ChangeKind;
  /** True when applying it loses data or schema; never applied unless explicitly allowed. */
  readonly destructive: boolean;
  /** Qualified name of the object changed (`ks.table`, `ks.type`, `ks.index`). */
  readonly object: string;
  readonly description: string;
  /** For destructive changes: exactly what would be lost. */
  readonly loses?: string;
  readonly statements: readonly PlannedStatement[];
  /** Indexes and views this change creates; sync waits until they are built before returning. */
  readonly builds?: readonly { readonly kind: 'index' | 'view'; readonly name: string }[];
}

/** The plan for one keyspace. */
export interface SchemaPlan {
  readonly keyspace: string;
  readonly changes: readonly SchemaChange[];
  /** Differences sync cannot resolve at all (e.g. a UDT field changed type): applying throws. */
  readonly blocked: readonly string[];
  /** Differences left alone on purpose (e.g. a UDT field no longer in the model: Cassandra cannot drop it). */
  readonly warnings: readonly string[];
}

/** True when the plan has no change and nothing blocked. */
export function isPlanEmpty(plan: SchemaPlan): boolean {
  return plan.changes.length === 0 && plan.blocked.length === 0;
}

/** The destructive changes of a plan. */
export function destructiveChanges(plan: SchemaPlan): SchemaChange[] {
  return plan.changes.filter((c) => c.destructive);
}

/** The statements of `changes` in execution order, each with its change. */
export function orderedStatements(changes: readonly SchemaChange[]): { cql: string; change: SchemaChange }[] {
  return changes
    .flatMap((change, index) => change.statements.map((s, order) => ({ ...s, change, index, order })))
    .sort((a, b) => a.phase - b.phase || a.index - b.index || a.order - b.order)
    .map(({ cql, change }) => ({ cql, change }));
}

/** The plan as a CQL script in execution order, each statement preceded by a comment naming its change. */
export function planToCql(plan: SchemaPlan): string {
  const safe = plan.changes.filter((c) => !c.destructive).length;
  const lines = [`-- schema plan for keyspace ${plan.keyspace}: ${safe} safe, ${plan.changes.length - safe} destructive change(s)`];
  for (const b of plan.blocked) lines.push(`-- BLOCKED: ${b}`);
  for (const w of plan.warnings) lines.push(`-- warning: ${w}`);
  for (const { cql, change } of orderedStatements(plan.changes)) {
    const tag = change.destructive ? `[DESTRUCTIVE] ${change.description} (loses: ${change.loses})` : `[safe] ${change.description}`;
    lines.push(`-- ${tag}`, `${cql};`);
  }
  return lines.join('\n');
}

/** The plan as a JSON-ready object: counts, and each change with its CQL in execution order. */
export function planToJson(plan: SchemaPlan): {
  keyspace: string; empty: boolean; safe: number; destructive: number;
  changes: { kind: ChangeKind; destructive: boolean; object: string; description: string; loses?: string; cql: string[] }[];
  blocked: string[]; warnings: string[];
} {
  const destructive = destructiveChanges(plan).length;
  return {
    keyspace: plan.keyspace,
    empty: isPlanEmpty(plan),
    safe: plan.changes.length - destructive,
    destructive,
    changes: plan.changes.map((c) => ({
      kind: c.kind, destructive: c.destructive, object: c.object, description: c.description,
      ...(c.loses !== undefined ? { loses: c.loses } : {}),
      cql: orderedStatements([c]).map((s) => s.cql),
    })),
    blocked: [...plan.blocked],
    warnings: [...plan.warnings],
  };
}
