// Finds and imports the project's configuration file. Only compiled JavaScript can be imported:
// TypeScript configurations get a one-line message saying how to compile them.
import { existsSync } from 'node:fs';
import { extname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CliError } from './cli-error.js';

/** File names looked for in the working folder, in this order. */
export const DEFAULT_CONFIG_FILES = ['cassandra-orm.config.js', 'cassandra-orm.config.mjs', 'cassandra-orm.config.cjs'] as const;

const TYPESCRIPT = new Set(['.ts', '.mts', '.cts', '.tsx']);

function typescriptMessage(file: string): string {
  return (
    `${file} is TypeScript, which Node cannot import (and decorators need tsc's metadata): compile it with your ` +
    `project (npx tsc) and pass the compiled file, e.g. --config dist/cassandra-orm.config.js`
  );
}

/** The configuration file to use: `--config` when given, else the first default name in `cwd`. */
export function findConfigFile(cwd: string, explicit: string | undefined): string {
  if (explicit !== undefined) {
    const file = isAbsolute(explicit) ? explicit : resolve(cwd, explicit);
    if (TYPESCRIPT.has(extname(file))) throw CliError.failure(typescriptMessage(explicit));
    if (!existsSync(file)) throw CliError.failure(`configuration file not found: ${file}`);
    return file;
  }
  for (const name of DEFAULT_CONFIG_FILES) {
    const file = join(cwd, name);
    if (existsSync(file)) return file;
  }
  if (existsSync(join(cwd, 'cassandra-orm.config.ts'))) throw CliError.failure(typescriptMessage('cassandra-orm.config.ts'));
  throw CliError.failure(
    `no configuration file: create cassandra-orm.config.js in ${cwd} (see README "Configuration file") or pass --config <file>`,
  );
}

/** Imports the file and returns what it exports: its named exports, or the fields of its default export. */
export async function importConfigFile(file: string): Promise<Readonly<Record<string, unknown>>> {
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw CliError.failure(`cannot load configuration ${file}: ${reason}`, error);
  }
  const fallback = module['default'];
  if (fallback !== null && typeof fallback === 'object' && !Array.isArray(fallback)) {
    return { ...(fallback as Record<string, unknown>), ...withoutDefault(module) };
  }
  return withoutDefault(module);
}

function withoutDefault(module: Record<string, unknown>): Record<string, unknown> {
  const { default: _ignored, ...rest } = module;
  return rest;
}
