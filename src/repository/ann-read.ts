// How an ANN query is sent: one page holding the whole result (Cassandra 5.0 does not page ANN
// queries), at the only consistency levels it runs them at (ONE, LOCAL_ONE).
import cassandra from 'cassandra-driver';
import { QueryBuildError } from '../errors.js';
import type { SelectNode } from '../query/nodes.js';
import { consistencyOf, type QueryOptions } from './options.js';

const { one, localOne } = cassandra.types.consistencies;
const NAMES = Object.fromEntries(Object.entries(cassandra.types.consistencies).map(([k, v]) => [v, k.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()]));

/**
 * The driver options an ANN read adds: a fetch size of at least its LIMIT (so the result is one page
 * and the node does not warn), and a consistency the node accepts. A consistency asked for by the call
 * other than ONE or LOCAL_ONE is refused (the node would silently downgrade it, or refuse SERIAL); a
 * session default above them is lowered as the node would lower it (LOCAL_* and EACH_QUORUM to
 * LOCAL_ONE, the others to ONE), without its warning.
 */
export function annDriverOptions(n: SelectNode, options: QueryOptions | undefined, sessionDefault: string | undefined): cassandra.QueryOptions {
  const limit = n.limit ?? 0;
  const extra: cassandra.QueryOptions = { fetchSize: Math.max(limit, options?.fetchSize ?? 0) };
  if (options?.consistency !== undefined) {
    const c = consistencyOf('consistency', options.consistency);
    if (c !== one && c !== localOne) {
      throw QueryBuildError.annRule(n.target.meta.table, `consistency ${NAMES[c] ?? c} is not supported: Cassandra 5.0 runs ANN queries at ONE or LOCAL_ONE only.`);
    }
  } else if (sessionDefault !== undefined && sessionDefault !== 'ONE' && sessionDefault !== 'LOCAL_ONE') {
    extra.consistency = sessionDefault.startsWith('LOCAL_') || sessionDefault === 'EACH_QUORUM' ? localOne : one;
  }
  return extra;
}

/** The call's options without the fetch size (`annDriverOptions` has already taken it into account). */
export function withoutFetchSize(options: QueryOptions | undefined): QueryOptions | undefined {
  if (options?.fetchSize === undefined) return options;
  const { fetchSize: _ignored, ...rest } = options;
  return rest;
}
