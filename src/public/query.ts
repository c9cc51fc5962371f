// The `Query` type namespace of the root entry point: the types the builders' and the repository's
// signatures are written in (property kinds by key shape, operators and operands, selectors, conditions,
// write and read option parts, compiled statements). Explicit named re-exports only.
export type {
  HasKeyShape,
  KeyShapeOf,
  PartitionKey as PartitionKeyValues,
  QueryTablePartitionKey,
  QueryTablePrimaryKey,
  Props,
  PartitionProps,
  ClusteringProps,
  RegularProps,
  ListProps,
  SetProps,
  MapProps,
  CounterProps,
  UdtProps,
  VectorProps,
  AnnProps,
  Value,
  ElementOf,
  MapValueOf,
  FieldOf,
  OperatorFor,
  OperandFor,
  WhereOperator,
  ComparisonOperator,
  Collection,
  Elements,
  AnyFn,
  QueryVector,
} from '../query/entity-types.js';
export type { CompiledQuery } from '../query/compiled-query.js';
export type { BatchType, CompiledBatch } from '../query/batch-query.js';
export type { Selector, SelectorResult, AggregateRow, SimilaritySelector, SimilarityFn } from '../query/aggregates.js';
export type { TimeuuidBound } from '../query/timeuuid.js';
export type { ConditionOperand, ConditionValue } from '../query/conditions.js';
export type { ConditionOp } from '../query/nodes.js';
export type { QueryArg, CellInfo } from '../repository/repository.js';
export type { InsertSpec, ConditionalSpec, ConditionsSpec } from '../repository/write-preparation.js';
export type { VersionedWriteSpec } from '../repository/managed-writes.js';
export type { NearestOptions, Scored, ScoreFunction } from '../repository/nearest.js';
export type { ExecutionInfo } from '../connection/query-options.js';
export type { ExecuteOptions } from '../connection/execute-options.js';
export type { CursorRow } from '../connection/cursor.js';
export type { LwtOptions } from '../repository/lwt.js';
