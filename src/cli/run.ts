// Dispatch: parse the command line, load the project, run the command, turn any failure into one
// line on stderr and an exit status. Returns the status instead of exiting, so specs can call it.
import { readFileSync } from 'node:fs';
import { MapperError, causeMessage } from '../errors.js';
import { quoteIdentifier } from '../metadata/identifier.js';
import { CliError, ExitCode } from './cli-error.js';
import { COMMANDS, STANDALONE_COMMANDS, commandHelp, mainHelp, parseCommandArgs, type CommandSpec } from './commands.js';
import type { CommandContext } from './context.js';
import { findConfigFile, importConfigFile } from './config-file.js';
import { err, out, type CliIo } from './io.js';
import { ConnectionPool, connectionEntry, projectFromExports } from './project.js';
import { runShell, runStatements } from './shell.js';
import { DEV_NODE_HELP, devNodeCommand } from './commands/dev-node.js';
import { dropCommand } from './commands/drop.js';
import { flushCommand } from './commands/flush.js';
import { inspectCommand } from './commands/inspect.js';
import { lintCommand } from './commands/lint.js';
import { generateCommand, migrateCommand, statusCommand } from './commands/migrations.js';
import { planCommand } from './commands/plan.js';
import { syncCommand } from './commands/sync.js';


type Handler = (ctx: CommandContext) => Promise<number>;

const handlers: Record<string, Handler> = {
  sync: syncCommand,
  plan: planCommand,
  flush: flushCommand,
  drop: dropCommand,
  inspect: inspectCommand,
  lint: lintCommand,
  'migrations generate': generateCommand,
  migrate: migrateCommand,
  'migrations status': statusCommand,
  shell: async ({ io, options, project, pool }) => {
    const pageSize = options['page-size'] === undefined ? 100 : Number(options['page-size']);
    if (!Number.isInteger(pageSize) || pageSize < 1) throw CliError.usage(`shell: --page-size must be a positive integer, got '${String(options['page-size'])}'`);
    const entry = connectionEntry(project, options['connection'] as string | undefined);
    const connection = await pool.get(entry);
    if (entry.keyspace !== undefined) {
      try {
        await connection.execute(`USE ${quoteIdentifier(entry.keyspace)}`, undefined, { prepare: false });
      } catch (error) {
        err(io, `Warning: cannot use keyspace ${entry.keyspace} (${errorLine(error)}); continuing without one`);
      }
    }
    const execute = options['execute'] as string | undefined;
    return execute !== undefined ? runStatements(io, connection, execute, { pageSize }) : runShell(io, connection, { pageSize });
  },
};

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** One line for any error: typed library errors by their message, anything else with its name. */
export function errorLine(error: unknown): string {
  const message = causeMessage(error).replace(/\s*\n\s*/g, ' ');
  return error instanceof MapperError || !(error instanceof Error) ? message : `${error.name}: ${message}`;
}

async function runCommand(io: CliIo, spec: CommandSpec, args: readonly string[]): Promise<number> {
  const options = parseCommandArgs(spec, args);
  if (options['help'] === true) {
    out(io, commandHelp(spec));
    return ExitCode.ok;
  }
  const file = findConfigFile(io.cwd, options['config'] as string | undefined);
  const project = projectFromExports(file, await importConfigFile(file));
  const handler = handlers[spec.name];
  if (handler === undefined) throw CliError.failure(`${spec.name}: not available in this build`);
  const pool = new ConnectionPool();
  try {
    return await handler({ io, options, project, pool });
  } finally {
    await pool.closeAll();
  }
}

/** Runs `cassandra-orm <args>`; resolves to the exit status. */
export async function run(args: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = args;
  try {
    if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
      const topic = first === 'help' ? COMMANDS.find((c) => c.name === rest.join(' ')) : undefined;
      out(io, topic !== undefined ? commandHelp(topic) : first === 'help' && rest[0] === 'dev-node' ? DEV_NODE_HELP : mainHelp());
      return first === undefined ? ExitCode.usage : ExitCode.ok;
    }
    if (first === '--version' || first === '-v') {
      out(io, version());
      return ExitCode.ok;
    }
    if (first === 'dev-node') return await devNodeCommand(io, rest);
    // Two-word commands: `migrations generate|status`, and `migrate status` for the status too.
    if (first === 'migrations' || (first === 'migrate' && rest[0] === 'status')) {
      const sub = COMMANDS.find((c) => c.name === `migrations ${rest[0]}`);
      if (sub === undefined) {
        throw CliError.usage(`migrations: expected 'generate' or 'status'${rest[0] !== undefined ? `, got '${rest[0]}'` : ''}. See 'cassandra-orm --help'.`);
      }
      return await runCommand(io, sub, rest.slice(1));
    }
    const spec = COMMANDS.find((c) => c.name === first);
    if (spec === undefined) {
      const names = [...COMMANDS, ...STANDALONE_COMMANDS].map((c) => c.name).join(', ');
      throw CliError.usage(`unknown command '${first}' (commands: ${names}). See 'cassandra-orm --help'.`);
    }
    return await runCommand(io, spec, rest);
  } catch (error) {
    err(io, `cassandra-orm: ${errorLine(error)}`);
    return error instanceof CliError ? error.exitCode : ExitCode.failure;
  }
}
