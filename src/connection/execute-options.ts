// Options of one statement: the driver's query options, with consistencies also by name.
import type cassandra from 'cassandra-driver';
import type { Consistency } from './consistency.js';

/** Per-statement options: the driver's query options, consistencies also by name, `keyspace` to switch for one call. */
export interface ExecuteOptions extends Omit<cassandra.QueryOptions, 'consistency' | 'serialConsistency'> {
  /** Consistency for this call: a name ('LOCAL_QUORUM') or a driver code. */
  readonly consistency?: Consistency;
  /** Serial consistency for this call: 'SERIAL' or 'LOCAL_SERIAL' (or a driver code). */
  readonly serialConsistency?: Consistency;
  /** Run this one statement in another keyspace (unqualified table names resolve there). */
  readonly keyspace?: string;
}

/** What a cursor runs its statements on (a Connection). */
export interface StatementRunner {
  execute(cql: string, params?: cassandra.ArrayOrObject, options?: ExecuteOptions): Promise<cassandra.types.ResultSet>;
}
