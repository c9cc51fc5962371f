// `cassandra-orm sync`: apply the safe changes of every keyspace's plan; destructive ones only with
// --allow-destructive, after showing them and (on a terminal, without --yes) asking.
import { causeMessage } from '../../errors.js';
import { destructiveChanges, orderedStatements, type SchemaPlan } from '../../schema/schema-plan.js';
import { applySchemaPlan, planSchema } from '../../schema/plan-apply.js';
import { SchemaSyncError } from '../../errors.js';
import { CliError, ExitCode } from '../cli-error.js';
import type { CommandContext } from '../context.js';
import { confirm, err, out, progress } from '../io.js';
import { planKeyspaces, type KeyspacePlan } from '../keyspace-plans.js';
import { selectConnections } from '../project.js';

function withoutDestructive(plan: SchemaPlan): SchemaPlan {
  return { ...plan, changes: plan.changes.filter((c) => !c.destructive) };
}

async function apply(ctx: CommandContext, p: KeyspacePlan, plan: SchemaPlan, allowDestructive: boolean, allowNodesDown: boolean): Promise<void> {
  const { io } = ctx;
  const statements = orderedStatements(plan.changes);
  const bar = progress(io, statements.length);
  const done: string[] = [];
  let failed = false;
  try {
    await applySchemaPlan(p.connection, plan, {
      allowDestructive,
      allowNodesDown,
      onStatement: (cql) => {
        bar.step(`${p.spec.name}: ${statements[done.length]?.change.description ?? cql}`);
        done.push(cql);
      },
    });
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    bar.done();
    // The last statement started is the one that failed: only the ones before it were applied.
    for (const cql of failed ? done.slice(0, -1) : done) out(io, `  ${cql.replace(/\n/g, '\n  ')};`);
  }
  // Verify, as syncSchema does: anything safe still missing means the cluster did not take it.
  const after = await planSchema(p.connection, p.entities, { keyspace: p.spec });
  const remaining = after.changes.filter((c) => allowDestructive || !c.destructive);
  if (remaining.length > 0) throw SchemaSyncError.notConverged(p.spec.name, remaining.map((c) => c.description));
}

/** Applies the plans; prints each keyspace's applied statements, and the destructive changes left out. */
export async function syncCommand(ctx: CommandContext): Promise<number> {
  const { io, options, project, pool } = ctx;
  const allow = options['allow-destructive'] === true;
  const plans = await planKeyspaces(project, pool, selectConnections(project, options['connection'] as string | undefined));
  const blocked = plans.flatMap((p) => p.plan.blocked.map((b) => `${p.spec.name}: ${b}`));
  if (blocked.length > 0) {
    throw CliError.failure(`sync cannot proceed, nothing was applied: ${blocked.join('; ')}`);
  }
  const destructive = plans.flatMap((p) => destructiveChanges(p.plan).map((c) => ({ p, c })));
  if (allow && destructive.length > 0) {
    err(io, `Destructive changes (${destructive.length}):`);
    for (const { p, c } of destructive) err(io, `  - [${p.alias}] ${c.description} (loses: ${c.loses ?? 'data'})`);
    if (options['yes'] !== true && !(await confirm(io, `Apply ${destructive.length} destructive change(s)?`, '--yes'))) {
      throw CliError.failure('sync cancelled; nothing was applied');
    }
  }
  let applied = 0;
  for (const p of plans) {
    const plan = allow ? p.plan : withoutDestructive(p.plan);
    const label = `[${p.alias}] keyspace ${p.spec.name}`;
    if (plan.changes.length === 0) {
      out(io, `${label}: up to date`);
      continue;
    }
    out(io, `${label}: ${plan.changes.length} change(s)`);
    try {
      await apply(ctx, p, plan, allow, options['allow-nodes-down'] === true);
    } catch (error) {
      throw CliError.failure(`${label}: ${causeMessage(error)}`, error);
    }
    applied += plan.changes.length;
  }
  for (const w of plans.flatMap((p) => p.plan.warnings.map((x) => `${p.spec.name}: ${x}`))) err(io, `warning: ${w}`);
  if (!allow && destructive.length > 0) {
    err(io, `Skipped ${destructive.length} destructive change(s) (run cassandra-orm plan to see them, sync --allow-destructive to apply):`);
    for (const { p, c } of destructive) err(io, `  - [${p.alias}] ${c.description} (loses: ${c.loses ?? 'data'})`);
  }
  out(io, `Applied ${applied} change(s).`);
  return ExitCode.ok;
}
