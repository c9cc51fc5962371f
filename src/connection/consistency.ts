// Consistency levels by name ('LOCAL_QUORUM'), as written in settings; the driver codes live in connection/.
import { ConfigError } from '../errors.js';

/** A consistency level name. */
export type ConsistencyName =
  | 'ANY' | 'ONE' | 'TWO' | 'THREE' | 'QUORUM' | 'ALL' | 'LOCAL_QUORUM' | 'EACH_QUORUM' | 'SERIAL' | 'LOCAL_SERIAL' | 'LOCAL_ONE';

/** Every consistency level Cassandra knows, by its CQL name. */
export const CONSISTENCY_NAMES: readonly ConsistencyName[] = Object.freeze([
  'ANY', 'ONE', 'TWO', 'THREE', 'QUORUM', 'ALL', 'LOCAL_QUORUM', 'EACH_QUORUM', 'SERIAL', 'LOCAL_SERIAL', 'LOCAL_ONE',
]);

/** A serial consistency level name: the two levels allowed for the Paxos phase of lightweight transactions. */
export type SerialConsistencyName = 'SERIAL' | 'LOCAL_SERIAL';

/** The serial consistency level names. */
export const SERIAL_CONSISTENCY_NAMES: readonly SerialConsistencyName[] = Object.freeze(['SERIAL', 'LOCAL_SERIAL']);

/**
 * A consistency level as settings and calls may write it: 'LOCAL_QUORUM', 'local_quorum', 'localQuorum',
 * 'ConsistencyLevel.LOCAL_QUORUM' or the protocol code; an unknown name is a ConfigError naming the key.
 */
export type Consistency =
  | 'ANY' | 'ONE' | 'TWO' | 'THREE' | 'QUORUM' | 'ALL' | 'LOCAL_QUORUM' | 'EACH_QUORUM' | 'SERIAL' | 'LOCAL_SERIAL' | 'LOCAL_ONE'
  | (string & {})
  | number;

function canonical(value: string): string {
  return value
    .trim()
    .replace(/^ConsistencyLevel\./, '')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toUpperCase();
}

/** Resolves a consistency name (or protocol code 0–10) to its canonical name; ConfigError names the key. */
export function parseConsistency(value: unknown, path: string): ConsistencyName {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < CONSISTENCY_NAMES.length) {
    return CONSISTENCY_NAMES[value] as ConsistencyName;
  }
  if (typeof value !== 'string') throw ConfigError.wrongType(path, 'a consistency level name', value);
  const name = canonical(value);
  const found = CONSISTENCY_NAMES.find((n) => n === name);
  if (found === undefined) {
    throw new ConfigError(`unknown consistency level '${value}' (allowed: ${CONSISTENCY_NAMES.join(', ')})`, path);
  }
  return found;
}

/** Like parseConsistency, but only SERIAL or LOCAL_SERIAL. */
export function parseSerialConsistency(value: unknown, path: string): SerialConsistencyName {
  const name = parseConsistency(value, path);
  if (name !== 'SERIAL' && name !== 'LOCAL_SERIAL') {
    throw new ConfigError(`serial consistency must be SERIAL or LOCAL_SERIAL, got '${String(value)}'`, path);
  }
  return name;
}
