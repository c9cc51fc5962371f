// `cassandra-orm inspect`: decorated TypeScript classes from an existing keyspace.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { validateSchemaName } from '../../metadata/identifier.js';
import { readLiveSchema } from '../../schema/live-schema.js';
import { CliError, ExitCode } from '../cli-error.js';
import type { CommandContext } from '../context.js';
import { err } from '../io.js';
import { generateEntities } from '../inspect/generate.js';
import { connectionEntry } from '../project.js';

/** Reads the keyspace and prints (or writes to --out) the generated module. */
export async function inspectCommand({ io, options, project, pool }: CommandContext): Promise<number> {
  const settings = connectionEntry(project, options['connection'] as string | undefined);
  const requested = options['keyspace'] as string | undefined;
  const keyspace = requested ?? settings.keyspace;
  if (keyspace === undefined) throw CliError.usage(`inspect: connection '${settings.alias}' has no keyspace; pass --keyspace <name>`);
  try {
    validateSchemaName('inspect --keyspace', keyspace);
  } catch (error) {
    throw CliError.usage((error as Error).message);
  }
  const connection = await pool.get(settings);
  const live = await readLiveSchema(connection, keyspace);
  if (live === undefined) throw CliError.failure(`inspect: keyspace ${keyspace} does not exist on connection '${settings.alias}'`);
  const code = generateEntities(live, { withKeyspace: keyspace !== settings.keyspace });
  const file = options['out'] as string | undefined;
  if (file === undefined) {
    io.stdout.write(code);
  } else {
    writeFileSync(resolve(io.cwd, file), code);
    err(io, `Wrote ${live.types.size} type(s) and ${live.tables.size} table(s) of keyspace ${keyspace} to ${file}`);
  }
  if (live.tables.size === 0) err(io, `note: keyspace ${keyspace} has no tables`);
  return ExitCode.ok;
}
