// `cassandra-orm flush`: TRUNCATE every entity table of the selected connections, after asking.
import { CliError, ExitCode } from '../cli-error.js';
import { entityTables, liveTableNames, type EntityTable } from '../entity-tables.js';
import { confirm, err, out, progress } from '../io.js';
import { selectConnections } from '../project.js';
import type { CommandContext } from '../context.js';

/** Truncates the entity tables that exist; says which ones did not. */
export async function flushCommand({ io, options, project, pool }: CommandContext): Promise<number> {
  const targets: { alias: string; table: EntityTable; run: (cql: string) => Promise<unknown> }[] = [];
  for (const entry of selectConnections(project, options['connection'] as string | undefined)) {
    const tables = entityTables(project, entry);
    if (tables.length === 0) continue;
    const connection = await pool.get(entry);
    const live = new Map<string, Set<string>>();
    for (const table of tables) {
      if (!live.has(table.keyspace)) live.set(table.keyspace, await liveTableNames(connection, table.keyspace));
      if (live.get(table.keyspace)!.has(table.metadata.table)) {
        targets.push({ alias: entry.alias, table, run: (cql) => connection.execute(cql, undefined, { prepare: false }) });
      } else {
        err(io, `skipped ${table.qualified}: the table does not exist (run cassandra-orm sync first)`);
      }
    }
  }
  if (targets.length === 0) {
    out(io, 'Nothing to flush: no entity table exists.');
    return ExitCode.ok;
  }
  const names = targets.map((t) => t.table.qualified).join(', ');
  if (options['yes'] !== true) {
    const ok = await confirm(io, `Delete every row of ${targets.length} table(s): ${names}?`, '--yes');
    if (!ok) throw CliError.failure('flush cancelled; nothing was truncated');
  }
  const bar = progress(io, targets.length);
  try {
    for (const t of targets) {
      bar.step(`TRUNCATE ${t.table.qualified}`);
      await t.run(`TRUNCATE TABLE ${t.table.qualified}`);
    }
  } finally {
    bar.done();
  }
  out(io, `Truncated ${targets.length} table(s): ${names}`);
  return ExitCode.ok;
}
