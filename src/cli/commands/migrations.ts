// `cassandra-orm migrations generate`, `migrate` and `migrations status`: versioned migrations of a
// connection's keyspace, with the files in the folder the configuration's `migrations` names.
import { existsSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { ResolvedConnectionSettings } from '../../connection/connection-settings.js';
import { causeMessage } from '../../errors.js';
import type { EntityMetadata } from '../../metadata/entity-metadata.js';
import type { KeyspaceSpec } from '../../schema/keyspace-ddl.js';
import { generateMigration } from '../../schema/migrations/generate.js';
import { migrate, type MigrateEvent } from '../../schema/migrations/migrate.js';
import { loadMigrations, migrationFiles, type Migration } from '../../schema/migrations/migration.js';
import { migrationStatus, needsRun, type MigrationState } from '../../schema/migrations/status.js';
import { CliError, ExitCode } from '../cli-error.js';
import type { CommandContext } from '../context.js';
import { entitiesOf } from '../entity-tables.js';
import { formatTable } from '../format.js';
import { err, out, type CliIo } from '../io.js';
import { keyspaceSpec } from '../keyspace-plans.js';
import type { MigrationsConfig } from '../migrations-config.js';
import { connectionEntry } from '../project.js';

interface Target {
  readonly settings: ResolvedConnectionSettings;
  readonly config: MigrationsConfig;
  readonly keyspace: KeyspaceSpec;
  readonly directory: string;
  readonly compiled: string;
}

/** The connection (--connection or --database, else the default) and its migrations folder. */
function target({ io, options, project }: CommandContext, command: string): Target {
  const byConnection = options['connection'] as string | undefined;
  const byDatabase = options['database'] as string | undefined;
  if (byConnection !== undefined && byDatabase !== undefined && byConnection !== byDatabase) {
    throw CliError.usage(`${command}: --connection ${byConnection} and --database ${byDatabase} name different connections; pass one`);
  }
  const settings = connectionEntry(project, byConnection ?? byDatabase);
  const config = project.migrations.find((m) => m.connection === settings.alias);
  if (config === undefined) {
    throw CliError.failure(
      `${command}: connection '${settings.alias}' has no migrations folder: export migrations = { directory: 'migrations' } ` +
        `from ${project.file} (see docs/migrations.md)`,
    );
  }
  if (settings.keyspace === undefined) {
    throw CliError.failure(`${command}: connection '${settings.alias}' has no keyspace; migrations build the connection's keyspace, so set one`);
  }
  return {
    settings, config, keyspace: keyspaceSpec(settings, settings.keyspace),
    directory: resolve(io.cwd, config.directory), compiled: resolve(io.cwd, config.compiled),
  };
}

/** The connection's entities in its keyspace; entities in another keyspace are named on stderr. */
function keyspaceEntities(ctx: CommandContext, t: Target): EntityMetadata[] {
  const all = entitiesOf(ctx.project, t.settings);
  const elsewhere = all.filter((m) => m.keyspace !== undefined && m.keyspace !== t.keyspace.name);
  for (const m of elsewhere) err(ctx.io, `note: ${m.target.name} lives in keyspace ${m.keyspace}, which these migrations do not build; it is left out`);
  return all.filter((m) => !elsewhere.includes(m));
}

function shown(io: CliIo, path: string): string {
  const rel = relative(io.cwd, path);
  return rel.startsWith('..') ? path : rel;
}

/** `migrations generate <name>`. */
export async function generateCommand(ctx: CommandContext): Promise<number> {
  const { io, options } = ctx;
  const t = target(ctx, 'migrations generate');
  const result = generateMigration({
    directory: t.directory,
    name: options['name'] as string,
    keyspace: t.keyspace,
    entities: keyspaceEntities(ctx, t),
    allowDestructive: options['allow-destructive'] === true,
    empty: options['empty'] === true,
    language: t.config.language,
  });
  if (result.file === undefined) {
    out(io, `Nothing to generate: the entities match the schema the migrations in ${shown(io, t.directory)} produce. Nothing was written.`);
    return ExitCode.ok;
  }
  const destructive = result.plan.changes.filter((c) => c.destructive).length;
  const statements = options['empty'] === true ? 'no statements (a data-only migration)' : `${result.plan.changes.length - destructive} safe, ${destructive} destructive change(s)`;
  out(io, `Wrote ${shown(io, result.file)}: ${statements}.`);
  for (const w of result.plan.warnings) err(io, `warning: ${w}`);
  if (t.config.language === 'ts') out(io, `Compile it with your build (into ${shown(io, t.compiled)}) before running cassandra-orm migrate.`);
  return ExitCode.ok;
}

/** The compiled migrations; refuses when a TypeScript source has not been compiled (or is newer than its build). */
async function compiledMigrations(io: CliIo, t: Target): Promise<Migration[]> {
  if (t.config.language === 'ts') {
    const compiled = new Map(migrationFiles(t.compiled).map((f) => [f.id, f.file]));
    const sources = migrationFiles(t.directory, ['.ts', '.mts']);
    const missing = sources.filter((s) => !compiled.has(s.id)).map((s) => s.id);
    if (missing.length > 0) {
      throw CliError.failure(`migrate: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not compiled into ${shown(io, t.compiled)}: run your build first; nothing was run`);
    }
    for (const s of sources) {
      const js = compiled.get(s.id)!;
      if (existsSync(js) && statSync(s.file).mtimeMs > statSync(js).mtimeMs + 1000) {
        err(io, `warning: ${shown(io, s.file)} is newer than ${shown(io, js)}; rebuild if you changed it`);
      }
    }
  }
  return loadMigrations(t.compiled);
}

function firstLine(cql: string): string {
  const line = cql.split('\n')[0]!;
  return line.length < cql.length ? `${line} ...` : line;
}

/** `migrate [--plan] [--to <id>]`. */
export async function migrateCommand(ctx: CommandContext): Promise<number> {
  const { io, options, pool } = ctx;
  const t = target(ctx, 'migrate');
  const migrations = await compiledMigrations(io, t);
  const to = options['to'] as string | undefined;
  if (to !== undefined && !migrations.some((m) => m.id === to)) {
    throw CliError.usage(`migrate: --to ${to}: no such migration in ${shown(io, t.compiled)} (known: ${migrations.map((m) => m.id).join(', ') || 'none'})`);
  }
  const connection = await pool.get(t.settings);
  const label = `[${t.settings.alias}] keyspace ${t.keyspace.name}`;
  if (options['plan'] === true) {
    const states = await migrationStatus(connection, migrations, t.keyspace.name);
    const bad = states.filter((s) => s.state === 'changed' || s.state === 'missing');
    for (const s of bad) err(io, `${s.id}: ${s.state === 'changed' ? 'applied, but its file changed since' : 'applied, but its file is gone'}`);
    const end = to === undefined ? states.length : states.findIndex((s) => s.id === to) + 1;
    const pending = states.slice(0, end).filter(needsRun);
    for (const s of pending) {
      const from = s.history?.done.length ?? 0;
      out(io, `-- ${s.id} (${s.state}${from > 0 ? `, resumes at statement ${from + 1}` : ''})`);
      for (const cql of (s.cql ?? []).slice(from)) out(io, `${cql};`);
    }
    if (bad.length > 0) throw CliError.failure(`${label}: ${bad.length} applied migration(s) changed or missing; migrate would refuse to run`);
    out(io, pending.length > 0 ? `-- ${label}: ${pending.length} migration(s) pending` : `-- ${label}: up to date`);
    return pending.length > 0 ? ExitCode.drift : ExitCode.ok;
  }
  const progress = dataProgress(io);
  const onEvent = (e: MigrateEvent): void => {
    if (e.type === 'migration') out(io, `Applying ${e.id} (${e.statements} statement(s)${e.resumeFrom > 0 ? `, resuming at statement ${e.resumeFrom + 1}` : ''})`);
    else if (e.type === 'statement') out(io, `  [${e.index}/${e.total}] ${firstLine(e.cql)}`);
    else if (e.type === 'data') progress.update(e.progress.label, e.progress.rows);
    else if (e.type === 'applied') {
      progress.finish();
      out(io, `Applied ${e.id} in ${e.ms} ms`);
    }
  };
  try {
    const result = await migrate(connection, migrations, { keyspace: t.keyspace, ...(to !== undefined ? { to } : {}), onEvent });
    out(io, result.applied.length > 0 ? `${label}: applied ${result.applied.length} migration(s).` : `${label}: up to date, nothing to apply.`);
    return ExitCode.ok;
  } catch (error) {
    progress.finish();
    throw CliError.failure(`${label}: ${causeMessage(error)}`, error);
  }
}

/** Data step progress: redrawn on a terminal (stderr), one summary line per step otherwise. */
const rowsText = (n: number): string => `${n.toLocaleString('en-US')} ${n === 1 ? 'row' : 'rows'}`;

function dataProgress(io: CliIo): { update(label: string, rows: number): void; finish(): void } {
  let last: { label: string; rows: number } | undefined;
  const tty = io.stderr.isTTY === true;
  return {
    update(label, rows) {
      last = { label, rows };
      if (tty) io.stderr.write(`\r\x1b[2K  data ${label}: ${rowsText(rows)}`);
    },
    finish() {
      if (last === undefined) return;
      if (tty) io.stderr.write('\r\x1b[2K');
      out(io, `  data ${last.label}: ${rowsText(last.rows)}`);
      last = undefined;
    },
  };
}

function describe(s: MigrationState): string {
  const h = s.history;
  if (s.state === 'failed' && h !== undefined) {
    return h.failedStatement === 0 ? `data step failed after all ${h.statements} statement(s) ran` : `statement ${h.failedStatement} of ${h.statements} failed; ${h.done.length} ran`;
  }
  if (s.state === 'running' && h !== undefined) return `started by ${h.owner}; ${h.done.length} of ${h.statements} statement(s) ran`;
  if (s.state === 'changed') return 'the file changed after it was applied';
  if (s.state === 'missing') return 'applied, but no file has this id';
  if (s.state === 'applied' && h?.dataRows !== undefined) return `data step: ${rowsText(h.dataRows)}`;
  return '';
}

/** `migrations status [--json]`. */
export async function statusCommand(ctx: CommandContext): Promise<number> {
  const { io, options, pool } = ctx;
  const t = target(ctx, 'migrations status');
  const migrations = await compiledMigrations(io, t);
  const connection = await pool.get(t.settings);
  const states = await migrationStatus(connection, migrations, t.keyspace.name);
  if (options['json'] === true) {
    out(io, JSON.stringify({
      connection: t.settings.alias,
      keyspace: t.keyspace.name,
      migrations: states.map((s) => ({
        id: s.id, state: s.state, checksum: s.checksum ?? null,
        ...(s.history !== undefined ? {
          recordedChecksum: s.history.checksum, startedAt: s.history.startedAt, finishedAt: s.history.finishedAt ?? null, host: s.history.host,
          statements: s.history.statements, statementsRan: s.history.done.length, failedStatement: s.history.failedStatement ?? null,
          failedCql: s.history.failedCql ?? null, error: s.history.error ?? null, dataRows: s.history.dataRows ?? null,
        } : {}),
      })),
    }, null, 2));
    return ExitCode.ok;
  }
  out(io, `[${t.settings.alias}] keyspace ${t.keyspace.name}: ${states.length} migration(s)`);
  if (states.length === 0) return ExitCode.ok;
  const rows = states.map((s) => ({
    id: s.id, state: s.state, finished: s.history?.finishedAt ?? '', host: s.history?.host ?? '', detail: describe(s),
  }));
  for (const line of formatTable(['id', 'state', 'finished', 'host', 'detail'], rows)) out(io, line);
  for (const s of states.filter((x) => x.state === 'failed' && x.history !== undefined)) {
    const h = s.history!;
    out(io);
    if (h.failedStatement === 0) {
      out(io, `${s.id}: the data step failed (all ${h.statements} statement(s) ran): ${h.error ?? ''}`);
    } else {
      out(io, `${s.id}: statement ${h.failedStatement} of ${h.statements} failed: ${h.error ?? ''}`);
      out(io, `  failed: ${h.failedCql ?? ''}`);
      const ran = (s.cql ?? []).slice(0, h.done.length);
      out(io, ran.length > 0 ? `  ran before it: ${ran.map((c, i) => `${i + 1}. ${firstLine(c)}`).join('; ')}` : '  no statement ran before it');
    }
  }
  return ExitCode.ok;
}
