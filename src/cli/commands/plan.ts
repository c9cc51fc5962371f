// `cassandra-orm plan`: what sync would do, as CQL or JSON; exit status 3 when anything differs.
import { isPlanEmpty, planToCql, planToJson } from '../../schema/schema-plan.js';
import { ExitCode } from '../cli-error.js';
import type { CommandContext } from '../context.js';
import { out } from '../io.js';
import { planKeyspaces } from '../keyspace-plans.js';
import { selectConnections } from '../project.js';

/** Prints every keyspace's plan; the status says whether the live schema matches the model. */
export async function planCommand({ io, options, project, pool }: CommandContext): Promise<number> {
  const plans = await planKeyspaces(project, pool, selectConnections(project, options['connection'] as string | undefined));
  const drift = plans.some((p) => !isPlanEmpty(p.plan));
  if (options['json'] === true) {
    const json = { drift, keyspaces: plans.map((p) => ({ connection: p.alias, ...planToJson(p.plan) })) };
    out(io, JSON.stringify(json, null, 2));
  } else {
    for (const p of plans) {
      out(io, `-- connection '${p.alias}'`);
      out(io, planToCql(p.plan));
      out(io);
    }
    out(io, drift ? '-- the live schema differs from the model' : '-- the live schema matches the model');
  }
  return drift ? ExitCode.drift : ExitCode.ok;
}
