// Several named connections: validated together, one of them the default.
import { ConfigError } from '../errors.js';
import { expectObject, expectString } from '../connection/check.js';
import { resolveConnectionSettings, type ConnectionOptions, type ResolvedConnectionSettings } from '../connection/connection-settings.js';

/** Named connections; `default` names the one used when no alias is given. */
export interface ConnectionsConfig {
  /** Alias of the default connection. Default: the alias `default`, else the only alias. */
  readonly default?: string;
  /** Options per alias (the alias is the key; `alias` inside is not needed). */
  readonly connections: Readonly<Record<string, Omit<ConnectionOptions, 'alias'>>>;
}

/** Validated connections: settings per alias and the default alias. */
export interface ResolvedConnectionsConfig {
  readonly defaultAlias: string;
  readonly connections: Readonly<Record<string, ResolvedConnectionSettings>>;
}

const ALIAS = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Validates a ConnectionsConfig; key paths are `connections.<alias>.<key>` (after `root.` if given). Never mutates the input. */
export function resolveConnectionsConfig(config: unknown, root?: string): ResolvedConnectionsConfig {
  const at = (key: string): string => (root === undefined ? key : `${root}.${key}`);
  const top = expectObject(config, root ?? 'config', ['default', 'connections']);
  if (top['connections'] === undefined) throw ConfigError.missing(at('connections'), 'an object of named connections');
  const entries = expectObject(top['connections'], at('connections'));
  const aliases = Object.keys(entries);
  if (aliases.length === 0) throw new ConfigError('no connection is configured', at('connections'));
  const connections: Record<string, ResolvedConnectionSettings> = {};
  for (const alias of aliases) {
    const path = at(`connections.${alias}`);
    if (!ALIAS.test(alias)) throw new ConfigError(`'${alias}' is not a valid alias (letters, digits, _ and -)`, path);
    const entry = expectObject(entries[alias], path);
    if (entry['alias'] !== undefined && entry['alias'] !== alias) {
      throw new ConfigError(`differs from the key '${alias}'; leave it out`, `${path}.alias`);
    }
    connections[alias] = resolveConnectionSettings(entry, { path, alias, requireKeyspace: true });
  }
  let defaultAlias: string;
  if (top['default'] !== undefined) {
    defaultAlias = expectString(top['default'], at('default'));
    if (!(defaultAlias in connections)) {
      throw new ConfigError(`names no configured connection (configured: ${aliases.join(', ')})`, at('default'));
    }
  } else if ('default' in connections) {
    defaultAlias = 'default';
  } else if (aliases.length === 1) {
    defaultAlias = aliases[0] as string;
  } else {
    throw ConfigError.missing(at('default'), `several connections (${aliases.join(', ')}) and none is called 'default'`);
  }
  return Object.freeze({ defaultAlias, connections: Object.freeze(connections) });
}
