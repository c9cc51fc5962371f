// Every command's name, options and help text: the single source of `--help` and of argument parsing.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './cli-error.js';

type OptionSpec = NonNullable<ParseArgsConfig['options']>[string] & { readonly help: string; readonly arg?: string };

/** What a command accepts and how it describes itself. */
export interface CommandSpec {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly details: readonly string[];
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Names of the positional arguments the command requires, in order (parsed under these names). */
  readonly positionals?: readonly string[];
}

const common: Record<string, OptionSpec> = {
  config: { type: 'string', short: 'c', arg: 'file', help: 'configuration file (default: cassandra-orm.config.{js,mjs,cjs} in the working folder)' },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
};
const connection: OptionSpec = { type: 'string', arg: 'alias', help: 'only this connection (default: every connection)' };
const migrationsConnection: OptionSpec = { type: 'string', arg: 'alias', help: 'the connection whose migrations to use (default: the default connection)' };
const database: OptionSpec = { type: 'string', arg: 'alias', help: 'the same as --connection (the name Django uses)' };
const yes: OptionSpec = { type: 'boolean', short: 'y', help: 'do not ask for confirmation' };

/** The commands, in help order. */
export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'sync',
    summary: 'create the keyspace and bring every entity table up to date',
    usage: 'cassandra-orm sync [--connection <alias>] [--allow-destructive [--yes]] [--allow-nodes-down]',
    details: [
      'Creates missing keyspaces, types, tables, columns, indexes and views and aligns table options.',
      'Destructive changes (drops, key or type changes) are skipped and listed unless --allow-destructive',
      'is given; then they are shown and, on a terminal, confirmed first (unless --yes).',
    ],
    options: { ...common, connection, 'allow-destructive': { type: 'boolean', help: 'also apply destructive changes (after showing them)' }, 'allow-nodes-down': { type: 'boolean', help: 'apply while nodes are down (on the nodes that are up)' }, yes },
  },
  {
    name: 'plan',
    summary: 'print what sync would do; exit status 3 when the schema differs from the model',
    usage: 'cassandra-orm plan [--connection <alias>] [--json]',
    details: ['Prints the CQL of every change, destructive ones marked. Exit status: 0 in sync, 3 drift, 1 error.'],
    options: { ...common, connection, json: { type: 'boolean', help: 'print the plan as JSON' } },
  },
  {
    name: 'lint',
    summary: 'warn about data-model problems in the entities; exit status 4 when a finding is an error',
    usage: 'cassandra-orm lint [--json] [--error-on warning|error] [--sources <glob,...>]',
    details: [
      'Rules: unbounded-partition, index-high-cardinality, index-on-counter-table, unbounded-collection,',
      'allow-filtering (in the source files), materialized-view, query-table-keys (docs/lint.md). Levels come',
      'from the `lint` export of the configuration file. The sources scanned are the --sources globs, else',
      "lint.sources, else the configuration file and what it imports. Exit status: 0 no error-level finding,",
      '4 one or more, 1 failure, 2 bad usage. Needs no cluster.',
    ],
    options: {
      ...common,
      json: { type: 'boolean', help: 'print the findings as JSON' },
      'error-on': { type: 'string', arg: 'level', help: "'warning': every finding is an error (default: the configured levels)" },
      sources: { type: 'string', arg: 'globs', help: 'comma-separated globs of the source files to scan for ALLOW FILTERING' },
    },
  },
  {
    name: 'flush',
    summary: 'TRUNCATE every entity table',
    usage: 'cassandra-orm flush [--connection <alias>] [--yes]',
    details: ['Asks first on a terminal; without a terminal it refuses unless --yes is given.'],
    options: { ...common, connection, yes },
  },
  {
    name: 'drop',
    summary: 'drop the entity tables, or the whole keyspace with --keyspace',
    usage: 'cassandra-orm drop [--connection <alias>] [--keyspace] [--yes]',
    details: ['Asks first on a terminal; without a terminal it refuses unless --yes is given.'],
    options: { ...common, connection, keyspace: { type: 'boolean', help: "drop the connection's keyspace instead of its tables" }, yes },
  },
  {
    name: 'shell',
    summary: 'interactive CQL shell on a connection',
    usage: 'cassandra-orm shell [--connection <alias>] [-e "<cql>"] [--page-size <n>]',
    details: [
      'Statements end with ";" and may span lines. Errors are shown and the session goes on.',
      'On a terminal: line editing, history (~/.cassandra_orm_history), results paged. In pipes: every row,',
      'no prompts, exit status 1 when any statement failed. Type "exit" or "quit" (or Ctrl-D) to leave.',
    ],
    options: {
      ...common,
      connection: { type: 'string', arg: 'alias', help: 'the connection to use (default: the default connection)' },
      execute: { type: 'string', short: 'e', arg: 'cql', help: 'run these statements and exit' },
      'page-size': { type: 'string', arg: 'n', help: 'rows per page (default 100)' },
    },
  },
  {
    name: 'inspect',
    summary: 'generate decorated TypeScript entity classes from an existing keyspace',
    usage: 'cassandra-orm inspect [--connection <alias>] [--keyspace <name>] [--out <file>]',
    details: ['Reads tables, keys, clustering order, column types, UDTs and indexes; prints TypeScript (or writes --out).'],
    options: {
      ...common,
      connection: { type: 'string', arg: 'alias', help: 'the connection to read (default: the default connection)' },
      keyspace: { type: 'string', arg: 'name', help: "keyspace to read (default: the connection's keyspace)" },
      out: { type: 'string', short: 'o', arg: 'file', help: 'write the code to this file instead of standard output' },
    },
  },
  {
    name: 'migrations generate',
    summary: 'write a migration file for the difference between the entities and the migrations so far',
    usage: 'cassandra-orm migrations generate <name> [--connection <alias>] [--allow-destructive] [--empty]',
    details: [
      'Diffs the entities with the schema the migration files produce (schema-snapshot.json in the migrations',
      'folder; no cluster needed) and writes <timestamp>_<name> with the statements, each commented safe or',
      'destructive, and a data step to fill in. Writes nothing when nothing differs. Destructive statements are',
      'written only with --allow-destructive; --empty writes a migration with no statements, for a data step.',
    ],
    options: {
      ...common, connection: migrationsConnection, database: database,
      'allow-destructive': { type: 'boolean', help: 'also write destructive statements (drops, recreations)' },
      empty: { type: 'boolean', help: 'write a migration with no statements (a data step alone)' },
    },
    positionals: ['name'],
  },
  {
    name: 'migrate',
    summary: 'apply the pending migrations in order, once per cluster; --plan exits 3 when some are pending',
    usage: 'cassandra-orm migrate [--connection <alias>] [--plan] [--to <id>]',
    details: [
      'Applies the pending migrations (compiled modules in the migrations folder) under the schema lease, so',
      'concurrent runs never apply one twice, with schema agreement after every statement, and records each in',
      'the history table cassandra_orm_migrations. Refuses to run when an applied migration changed. A failed',
      'statement stops the run and is recorded; the next run resumes from it. Exit status: 0 done, 1 error;',
      'with --plan (nothing applied): 0 up to date, 3 migrations pending.',
    ],
    options: {
      ...common, connection: migrationsConnection, database: database,
      plan: { type: 'boolean', help: 'print the pending migrations and their CQL, apply nothing' },
      to: { type: 'string', arg: 'id', help: 'apply up to and including this migration' },
    },
  },
  {
    name: 'migrations status',
    summary: 'list every migration as applied, pending, changed, failed, running or missing',
    usage: 'cassandra-orm migrations status [--connection <alias>] [--json]',
    details: ['For a failed migration: which statement failed, its CQL and error, and which statements ran before it.'],
    options: { ...common, connection: migrationsConnection, database: database, json: { type: 'boolean', help: 'print the status as JSON' } },
  },
];

/** Commands that need no configuration file and parse their own arguments (help lists them too). */
export const STANDALONE_COMMANDS: readonly Pick<CommandSpec, 'name' | 'summary'>[] = [
  { name: 'dev-node', summary: 'start, stop or ask a local Cassandra node for development; run a command against one' },
];

/** `cassandra-orm --help`. */
export function mainHelp(): string {
  const all = [...COMMANDS, ...STANDALONE_COMMANDS];
  const width = Math.max(...all.map((c) => c.name.length));
  return [
    'Usage: cassandra-orm <command> [options]',
    '',
    'Commands:',
    ...all.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    '  -c, --config <file>  configuration file (default: cassandra-orm.config.{js,mjs,cjs} in the working folder)',
    '  -h, --help           show help (also after a command: cassandra-orm sync --help)',
    '  -v, --version        print the version',
    '',
    'Exit status: 0 success, 1 failure, 2 bad usage, 3 schema drift (plan) or migrations pending (migrate --plan), 4 lint errors.',
  ].join('\n');
}

/** `cassandra-orm <command> --help`. */
export function commandHelp(spec: CommandSpec): string {
  const flags = Object.entries(spec.options).map(([name, o]) => {
    const short = o.short !== undefined ? `-${o.short}, ` : '    ';
    return [`${short}--${name}${o.arg !== undefined ? ` <${o.arg}>` : ''}`, o.help] as const;
  });
  const width = Math.max(...flags.map(([f]) => f.length));
  return [
    `Usage: ${spec.usage}`,
    '',
    `${spec.summary[0]!.toUpperCase()}${spec.summary.slice(1)}.`,
    ...spec.details,
    '',
    'Options:',
    ...flags.map(([f, h]) => `  ${f.padEnd(width)}  ${h}`),
  ].join('\n');
}

/** Parsed options of a command: strings and booleans by option name. */
export type ParsedOptions = Readonly<Record<string, string | boolean | undefined>>;

/** Parses a command's arguments; bad input becomes a one-line usage error naming `--help`. */
export function parseCommandArgs(spec: CommandSpec, args: readonly string[]): ParsedOptions {
  const options = Object.fromEntries(
    Object.entries(spec.options).map(([name, o]) => [name, { type: o.type, ...(o.short !== undefined ? { short: o.short } : {}) }]),
  ) as ParseArgsConfig['options'];
  try {
    const { values, positionals } = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    const names = spec.positionals ?? [];
    if (positionals.length > names.length) {
      throw CliError.usage(`${spec.name}: unexpected argument '${positionals[names.length]}'. See 'cassandra-orm ${spec.name} --help'.`);
    }
    if (positionals.length < names.length && (values as ParsedOptions)['help'] !== true) {
      throw CliError.usage(`${spec.name}: missing <${names[positionals.length]}>. Usage: ${spec.usage}`);
    }
    return { ...values, ...Object.fromEntries(names.map((n, i) => [n, positionals[i]])) } as ParsedOptions;
  } catch (error) {
    if (error instanceof CliError) throw error;
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.replace(/\. .*$|\.$/, '');
    throw CliError.usage(`${spec.name}: ${message}. See 'cassandra-orm ${spec.name} --help'.`);
  }
}
