// `cassandra-orm shell`: statements from -e, a pipe or a terminal, run one by one on a connection;
// results as aligned tables, long results paged on a terminal, errors reported without ending the session.
import { readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import cassandra from 'cassandra-driver';
import type { Connection, ExecuteOptions } from '../connection/connection.js';
import { causeMessage } from '../errors.js';
import { ExitCode } from './cli-error.js';
import { splitStatements, StatementSplitter } from './cql-splitter.js';
import { formatTable, rowCount } from './format.js';
import { err, out, type CliIo } from './io.js';
import { LineReader } from './line-reader.js';

/** Shell settings from the command line. */
export interface ShellOptions {
  readonly pageSize: number;
}

const HELP = [
  'Type CQL statements ending with ";" (they may span lines). Shell commands:',
  '  CONSISTENCY [level]  show or set the consistency level (e.g. CONSISTENCY QUORUM)',
  '  HELP                 this text',
  '  EXIT | QUIT          leave (or Ctrl-D)',
];

/** One statement's run: prints its result; returns false when it failed. */
class Session {
  consistency: number | undefined;
  constructor(
    private readonly io: CliIo,
    private readonly connection: Connection,
    private readonly options: ShellOptions,
    /** Asks whether to show the next page; absent = print every row at once (pipes, -e). */
    private readonly more?: () => Promise<boolean>,
  ) {}

  /** Shell commands (HELP, CONSISTENCY); `undefined` when `text` is CQL. */
  command(text: string): boolean | undefined {
    const words = text.trim().replace(/;$/, '').trim().split(/\s+/);
    const head = words[0]?.toUpperCase();
    if (head === 'HELP' && words.length === 1) {
      HELP.forEach((l) => out(this.io, l));
      return true;
    }
    if (head === 'CONSISTENCY' && words.length <= 2) {
      const levels = Object.fromEntries(
        Object.entries(cassandra.types.consistencies as unknown as Record<string, unknown>).filter(
          (e): e is [string, number] => typeof e[1] === 'number',
        ),
      );
      if (words.length === 1) {
        const current = this.consistency ?? levels['localOne'];
        const name = Object.entries(levels).find(([, v]) => v === current)?.[0] ?? 'localOne';
        out(this.io, `Current consistency level is ${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}.`);
        return true;
      }
      const wanted = words[1]!.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
      const level = levels[wanted];
      if (level === undefined) {
        err(this.io, `Error: unknown consistency level '${words[1]}'`);
        return false;
      }
      this.consistency = level;
      out(this.io, `Consistency level set to ${words[1]!.toUpperCase()}.`);
      return true;
    }
    return undefined;
  }

  async run(cql: string): Promise<boolean> {
    const handled = this.command(cql);
    if (handled !== undefined) return handled;
    try {
      let pageState: string | undefined;
      let columns: string[] | undefined;
      const rows: cassandra.types.Row[] = [];
      let total = 0;
      do {
        const options: ExecuteOptions = {
          prepare: false,
          fetchSize: this.options.pageSize,
          ...(pageState !== undefined ? { pageState } : {}),
          ...(this.consistency !== undefined ? { consistency: this.consistency } : {}),
        };
        const result = await this.connection.execute(cql, undefined, options);
        if (result.columns === null || result.columns === undefined || result.columns.length === 0) return true;
        columns = result.columns.map((c) => c.name);
        pageState = result.pageState ?? undefined;
        total += result.rows.length;
        if (columns.includes('create_statement') && /^\s*DESC(RIBE)?\b/i.test(cql)) {
          // DESCRIBE: the CQL itself, readable and runnable, as cqlsh prints it.
          for (const row of result.rows) out(this.io, `${String(row['create_statement'])}\n`);
          continue;
        }
        if (this.more === undefined) {
          rows.push(...result.rows);
          continue;
        }
        formatTable(columns, result.rows).forEach((l) => out(this.io, l));
        if (pageState !== undefined && !(await this.more())) break;
      } while (pageState !== undefined);
      if (columns?.includes('create_statement') && /^\s*DESC(RIBE)?\b/i.test(cql)) return true;
      if (this.more === undefined && columns !== undefined) formatTable(columns, rows).forEach((l) => out(this.io, l));
      out(this.io);
      out(this.io, rowCount(total));
      return true;
    } catch (error) {
      err(this.io, `Error: ${causeMessage(error).replace(/\s*\n\s*/g, ' ')}`);
      return false;
    }
  }
}

/** `-e`: runs each statement, stops at the first failure. */
export async function runStatements(io: CliIo, connection: Connection, text: string, options: ShellOptions): Promise<number> {
  const session = new Session(io, connection, options);
  for (const statement of splitStatements(text)) {
    if (!(await session.run(statement))) return ExitCode.failure;
  }
  return ExitCode.ok;
}

function historyFile(io: CliIo): string {
  return io.env['CASSANDRA_ORM_HISTORY'] ?? join(homedir(), '.cassandra_orm_history');
}

function loadHistory(file: string): string[] {
  try {
    return readFileSync(file, 'utf8').split('\n').filter((l) => l !== '').reverse();
  } catch {
    return [];
  }
}

/** The read-eval-print loop over standard input. */
export async function runShell(io: CliIo, connection: Connection, options: ShellOptions): Promise<number> {
  const terminal = io.stdin.isTTY === true && io.stdout.isTTY === true;
  const file = historyFile(io);
  const reader = new LineReader(io, terminal, terminal ? loadHistory(file) : []);
  const session = new Session(io, connection, options, terminal ? async () => {
    const answer = await reader.next('--More-- (Enter: next page, q: stop) ');
    return answer !== null && !/^q/i.test(answer.trim());
  } : undefined);
  const splitter = new StatementSplitter();
  reader.onInterrupt = () => {
    splitter.takeRest();
  };
  if (terminal) out(io, `Connected to '${connection.alias}'. Statements end with ";". Type HELP for help, EXIT to leave.`);
  let failed = false;
  for (;;) {
    const keyspace = connection.client.keyspace ?? connection.keyspace;
    const prompt = splitter.pending ? '   ...> ' : `cql:${connection.alias}${keyspace ? `:${keyspace}` : ''}> `;
    const line = await reader.next(prompt);
    if (line === null) break;
    if (!splitter.pending && /^\s*(exit|quit)\s*;?\s*$/i.test(line)) break;
    if (!splitter.pending) {
      const handled = /^\s*(help|consistency)\b/i.test(line) ? session.command(line) : undefined;
      if (handled !== undefined) {
        failed ||= !handled;
        continue;
      }
    }
    for (const statement of splitter.push(`${line}\n`)) {
      failed = !(await session.run(statement)) || failed;
    }
  }
  const rest = splitter.takeRest();
  if (rest !== undefined) {
    err(io, `Error: statement not terminated with ";" at end of input: ${rest.split('\n')[0]}`);
    failed = true;
  }
  reader.close();
  if (terminal) {
    try {
      writeFileSync(file, [...reader.history].reverse().join('\n') + '\n', { mode: 0o600 });
    } catch {
      // History is a convenience: an unwritable home folder must not fail the session.
    }
    return ExitCode.ok;
  }
  return failed ? ExitCode.failure : ExitCode.ok;
}
