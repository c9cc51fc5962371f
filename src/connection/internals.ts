// The execution surface repositories and batches use on a Connection. Its members are keyed by these
// symbols, which no entry point exports, and marked @internal so the published types leave them out:
// applications use execute(), cursor() and the repositories instead.

/** @internal `connection[EXECUTE_MAP](cql, params, options, map)`: execute() handing the result set to `map` in the same step. */
export const EXECUTE_MAP: unique symbol = Symbol('cassandra-orm.executeMap');

/** @internal `connection[PAGED](cql, params, options)`: a function that fetches one page per call. */
export const PAGED: unique symbol = Symbol('cassandra-orm.paged');

/** @internal `connection[BATCH_MAP](queries, cql, options, map)`: a driver batch through the request gate. */
export const BATCH_MAP: unique symbol = Symbol('cassandra-orm.batchMap');

/** @internal `connection[SECRET_COLUMNS](keyspace, table, columns)`: columns whose values query events never show. */
export const SECRET_COLUMNS: unique symbol = Symbol('cassandra-orm.secretColumns');

/** @internal `connection[OPERATION_SPAN](operation, keyspace, table)`: the span of a multi-page read, or undefined when nothing traces. */
export const OPERATION_SPAN: unique symbol = Symbol('cassandra-orm.operationSpan');
