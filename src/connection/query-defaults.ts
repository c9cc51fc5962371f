// Session/query defaults: applied to every statement of a connection unless the call overrides them.
import type cassandra from 'cassandra-driver';
import {
  parseConsistency,
  parseSerialConsistency,
  type Consistency,
  type ConsistencyName,
  type SerialConsistencyName,
} from './consistency.js';
import { expectBoolean, expectInteger, expectObject } from './check.js';

/** Defaults for every statement: consistencies by name, plus any other driver query option. */
export interface QueryDefaultsOptions
  extends Pick<cassandra.QueryOptions, 'autoPage' | 'captureStackTrace' | 'counter' | 'customPayload' | 'executionProfile' | 'isIdempotent' | 'logged' | 'retry' | 'traceQuery'> {
  /** Default consistency level, by name: 'LOCAL_QUORUM', 'ONE', ... */
  readonly consistency?: Consistency;
  /** Consistency of the Paxos phase of lightweight transactions: 'SERIAL' or 'LOCAL_SERIAL'. */
  readonly serialConsistency?: Consistency;
  /** Rows per page (the driver default is 5000). */
  readonly fetchSize?: number;
  /** Client-side timeout of one statement, in milliseconds. */
  readonly readTimeout?: number;
}

/** Validated defaults: consistencies as canonical names, everything else as given. */
export interface ResolvedQueryDefaults extends Omit<QueryDefaultsOptions, 'consistency' | 'serialConsistency'> {
  readonly consistency?: ConsistencyName;
  readonly serialConsistency?: SerialConsistencyName;
}

/** Keys a query default may set (per-call keys such as pageState or routingKey are not defaults). */
export const QUERY_DEFAULT_KEYS = [
  'consistency', 'serialConsistency', 'fetchSize', 'readTimeout', 'autoPage', 'captureStackTrace', 'counter',
  'customPayload', 'executionProfile', 'isIdempotent', 'logged', 'retry', 'traceQuery',
] as const;

const BOOLEAN_KEYS = ['autoPage', 'captureStackTrace', 'counter', 'isIdempotent', 'logged', 'traceQuery'] as const;

/** Validates native query defaults; never mutates the input. */
export function parseQueryDefaults(value: unknown, path: string): ResolvedQueryDefaults {
  const obj = expectObject(value, path, QUERY_DEFAULT_KEYS);
  const out: Record<string, unknown> = { ...obj };
  if (obj['consistency'] !== undefined) out['consistency'] = parseConsistency(obj['consistency'], `${path}.consistency`);
  if (obj['serialConsistency'] !== undefined) {
    out['serialConsistency'] = parseSerialConsistency(obj['serialConsistency'], `${path}.serialConsistency`);
  }
  if (obj['fetchSize'] !== undefined) expectInteger(obj['fetchSize'], `${path}.fetchSize`, 1);
  if (obj['readTimeout'] !== undefined) expectInteger(obj['readTimeout'], `${path}.readTimeout`, 0);
  for (const key of BOOLEAN_KEYS) if (obj[key] !== undefined) expectBoolean(obj[key], `${path}.${key}`);
  for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
  return Object.freeze(out) as ResolvedQueryDefaults;
}
