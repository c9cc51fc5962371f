// The `Decorators` type namespace of the root entry point: the options the decorators take, the CQL
// type inputs, and the decorator function types. Explicit named re-exports only.
export type { TableSpec, TableOptions, QueryTableSpec } from '../decorators/table.js';
export type { ColumnSpec, RegularColumnSpec, PartitionKeySpec, ClusteringKeySpec } from '../decorators/column.js';
export type { VersionSpec, AuditColumnSpec } from '../decorators/managed-column.js';
export type { IndexSpec, VectorIndexSpec, SimilarityFunction } from '../decorators/secondary-index.js';
export type { UserTypeSpec, FieldSpec } from '../decorators/user-type.js';
export type { ViewSpec } from '../decorators/materialized-view.js';
export type { HookEvent } from '../decorators/hooks.js';
export type { PropertyRecorder, ClassRecorder } from '../decorators/property-key.js';
export type { TypeInput, TypeExpr, UdtThunk, ClassRef } from '../metadata/type-input.js';
export type { NamingStrategy } from '../metadata/metadata-store.js';
