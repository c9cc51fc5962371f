// The `migrations` export of the configuration file: where each connection's migration files live.
import type { ResolvedConnectionsConfig } from '../config/connections-config.js';
import { ConfigError } from '../errors.js';

/** One connection's migrations, as configured (paths relative to the working folder). */
export interface MigrationsConfig {
  /** The connection alias whose keyspace the migrations build. */
  readonly connection: string;
  /** Where `generate` writes migration sources and schema-snapshot.json. */
  readonly directory: string;
  /** Where `migrate` imports the compiled migrations from (the same folder for JavaScript sources). */
  readonly compiled: string;
  /** The language of the sources: `ts` when a compiled folder is given, else `js`. */
  readonly language: 'ts' | 'js';
}

const KEYS = ['directory', 'compiled', 'language', 'connection'];

function one(value: unknown, key: string, connections: ResolvedConnectionsConfig): MigrationsConfig {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw ConfigError.wrongType(key, 'an object { directory, compiled?, language?, connection? }', value);
  const v = value as Record<string, unknown>;
  for (const k of Object.keys(v)) if (!KEYS.includes(k)) throw ConfigError.unknownKey(`${key}.${k}`, KEYS);
  const text = (k: string, required: boolean): string | undefined => {
    const x = v[k];
    if (x === undefined && !required) return undefined;
    if (typeof x !== 'string' || x === '') throw ConfigError.wrongType(`${key}.${k}`, 'a non-empty string', x);
    return x;
  };
  const directory = text('directory', true)!;
  const compiled = text('compiled', false);
  const language = text('language', false) ?? (compiled !== undefined && compiled !== directory ? 'ts' : 'js');
  if (language !== 'ts' && language !== 'js') throw new ConfigError(`expected 'ts' or 'js', got '${language}'`, `${key}.language`);
  if (language === 'ts' && (compiled === undefined || compiled === directory)) {
    throw ConfigError.missing(`${key}.compiled`, 'TypeScript migrations need the folder your build compiles them to, e.g. compiled: \'dist/migrations\'');
  }
  const connection = text('connection', false) ?? connections.defaultAlias;
  if (connections.connections[connection] === undefined) {
    throw new ConfigError(`names connection '${connection}', which is not configured (configured: ${Object.keys(connections.connections).join(', ')})`, `${key}.connection`);
  }
  return { connection, directory, compiled: compiled ?? directory, language };
}

/** Validates the `migrations` export: one object, or an array of them (one per connection). */
export function migrationsFromExport(value: unknown, connections: ResolvedConnectionsConfig): MigrationsConfig[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value.map((v, i) => one(v, `migrations[${i}]`, connections)) : [one(value, 'migrations', connections)];
  const seen = new Set<string>();
  for (const m of list) {
    if (seen.has(m.connection)) throw new ConfigError(`connection '${m.connection}' has two migrations folders; give each connection one`, 'migrations');
    seen.add(m.connection);
  }
  return list;
}
