// `cassandra-orm drop`: drop the entity tables (views first), or with --keyspace the whole keyspace.
import { qualifiedName, quoteIdentifier } from '../../metadata/identifier.js';
import { CliError, ExitCode } from '../cli-error.js';
import { entityTables, liveTableNames } from '../entity-tables.js';
import { confirm, out, progress } from '../io.js';
import { selectConnections } from '../project.js';
import type { CommandContext } from '../context.js';

interface Step {
  readonly label: string;
  readonly cql: string;
  readonly run: (cql: string) => Promise<unknown>;
}

/** Builds the DROP statements for what exists, asks, runs them. */
export async function dropCommand({ io, options, project, pool }: CommandContext): Promise<number> {
  const steps: Step[] = [];
  const wholeKeyspace = options['keyspace'] === true;
  for (const entry of selectConnections(project, options['connection'] as string | undefined)) {
    const connection = await pool.get(entry);
    const run = (cql: string): Promise<unknown> => connection.execute(cql, undefined, { prepare: false });
    if (wholeKeyspace) {
      if (entry.keyspace === undefined) throw CliError.usage(`drop --keyspace: connection '${entry.alias}' has no keyspace`);
      const exists = await connection.execute('SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?', [entry.keyspace]);
      if (exists.rowLength > 0) steps.push({ label: `keyspace ${entry.keyspace}`, cql: `DROP KEYSPACE IF EXISTS ${quoteIdentifier(entry.keyspace)}`, run });
      continue;
    }
    const live = new Map<string, Set<string>>();
    for (const table of entityTables(project, entry)) {
      if (!live.has(table.keyspace)) live.set(table.keyspace, await liveTableNames(connection, table.keyspace));
      const existing = live.get(table.keyspace)!;
      // A table with materialized views cannot be dropped before them.
      for (const view of table.metadata.views) {
        if (existing.has(view.name)) {
          const name = qualifiedName(table.keyspace, view.name);
          steps.push({ label: `view ${name}`, cql: `DROP MATERIALIZED VIEW IF EXISTS ${name}`, run });
        }
      }
      if (existing.has(table.metadata.table)) steps.push({ label: `table ${table.qualified}`, cql: `DROP TABLE IF EXISTS ${table.qualified}`, run });
    }
  }
  if (steps.length === 0) {
    out(io, wholeKeyspace ? 'Nothing to drop: the keyspace does not exist.' : 'Nothing to drop: no entity table exists.');
    return ExitCode.ok;
  }
  const what = steps.map((s) => s.label).join(', ');
  if (options['yes'] !== true) {
    const ok = await confirm(io, `Drop ${what}, with all their data?`, '--yes');
    if (!ok) throw CliError.failure('drop cancelled; nothing was dropped');
  }
  const bar = progress(io, steps.length);
  try {
    for (const step of steps) {
      bar.step(step.cql);
      await step.run(step.cql);
    }
  } finally {
    bar.done();
  }
  out(io, `Dropped ${what}`);
  return ExitCode.ok;
}
