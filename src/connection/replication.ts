// Keyspace replication as settings describe it, validated into one shape schema sync can print.
import { ConfigError } from '../errors.js';
import { expectBoolean, expectInteger, expectObject, expectString } from './check.js';

/**
 * The replication of a keyspace: SimpleStrategy with one replication factor for the whole cluster, or
 * NetworkTopologyStrategy with a factor per data center. In settings, SimpleStrategy's factor may be
 * left out (it is then 1).
 */
export type Replication =
  | { readonly class: 'SimpleStrategy'; readonly replicationFactor: number }
  | { readonly class: 'NetworkTopologyStrategy'; readonly dataCenters: Readonly<Record<string, number>> };

/** SimpleStrategy replication. */
export type SimpleReplication = Extract<Replication, { readonly class: 'SimpleStrategy' }>;

/** What CREATE KEYSPACE needs: the name, its replication and durable_writes. */
export interface KeyspaceDefinition {
  /** The keyspace name. */
  readonly name: string;
  /** Its replication. */
  readonly replication: Replication;
  /** Its `durable_writes`. */
  readonly durableWrites: boolean;
}

/** The default when none is configured: SimpleStrategy, factor 1 (as django-cassandra-engine). */
export const DEFAULT_REPLICATION: SimpleReplication = Object.freeze({ class: 'SimpleStrategy', replicationFactor: 1 });

const STRATEGIES = ['SimpleStrategy', 'NetworkTopologyStrategy'] as const;

function strategyOf(value: unknown, path: string): (typeof STRATEGIES)[number] {
  const raw = expectString(value, path).replace(/^org\.apache\.cassandra\.locator\./, '');
  const found = STRATEGIES.find((s) => s === raw);
  if (found === undefined) throw new ConfigError(`unknown replication strategy '${raw}' (allowed: ${STRATEGIES.join(', ')})`, path);
  return found;
}

function dataCenters(value: Readonly<Record<string, unknown>>, path: string): Readonly<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [dc, factor] of Object.entries(value)) out[dc] = expectInteger(factor, `${path}.${dc}`, 0, 100);
  if (Object.keys(out).length === 0) {
    throw new ConfigError('NetworkTopologyStrategy needs at least one data center with its replication factor', path);
  }
  return Object.freeze(out);
}

/** Validates native `replication` settings into a frozen Replication. */
export function parseReplication(value: unknown, path: string): Replication {
  const obj = expectObject(value, path);
  const strategy = strategyOf(obj['class'], `${path}.class`);
  if (strategy === 'SimpleStrategy') {
    expectObject(obj, path, ['class', 'replicationFactor']);
    const rf = obj['replicationFactor'] === undefined ? 1 : expectInteger(obj['replicationFactor'], `${path}.replicationFactor`, 1, 100);
    return Object.freeze({ class: strategy, replicationFactor: rf });
  }
  expectObject(obj, path, ['class', 'dataCenters']);
  if (obj['dataCenters'] === undefined) throw ConfigError.missing(`${path}.dataCenters`, "per-DC factors, e.g. { dc1: 3 }");
  return Object.freeze({ class: strategy, dataCenters: dataCenters(expectObject(obj['dataCenters'], `${path}.dataCenters`), `${path}.dataCenters`) });
}

/**
 * Validates django-cassandra-engine's `OPTIONS.replication`:
 * `{ strategy_class, replication_factor }` or `{ strategy_class: 'NetworkTopologyStrategy', dc1: 3, ... }`.
 */
export function parseDjangoReplication(value: unknown, path: string): Replication {
  const obj = expectObject(value, path);
  const strategy = strategyOf(obj['strategy_class'] ?? 'SimpleStrategy', `${path}.strategy_class`);
  if (strategy === 'SimpleStrategy') {
    expectObject(obj, path, ['strategy_class', 'replication_factor']);
    const rf = obj['replication_factor'] === undefined ? 1 : expectInteger(obj['replication_factor'], `${path}.replication_factor`, 1, 100);
    return Object.freeze({ class: strategy, replicationFactor: rf });
  }
  const { strategy_class: _ignored, ...dcs } = obj;
  if ('replication_factor' in dcs) {
    throw new ConfigError('NetworkTopologyStrategy takes a factor per data center (e.g. dc1: 3), not replication_factor', `${path}.replication_factor`);
  }
  return Object.freeze({ class: strategy, dataCenters: dataCenters(dcs, path) });
}

/** `durable_writes` flag. */
export function parseDurableWrites(value: unknown, path: string): boolean {
  return expectBoolean(value, path);
}
