/**
 * Schema tooling: DDL, the schema plan and its diff, the live schema, plan and apply, the schema lease and resolved entity metadata.
 * @module cassandra-orm/schema
 */
// The `cassandra-orm/schema` entry point: DDL printers, the schema plan and its diff, the live schema
// reader, plan and apply (syncSchema, which runs both, is in the root) and the schema lease, and the
// resolved entity metadata they work on.
// Explicit named re-exports only.
export { type KeyspaceSpec, createKeyspaceCql, alterKeyspaceCql, dropKeyspaceCql } from './keyspace-ddl.js';
export {
  createTableCql, addColumnCql, dropColumnCql, alterTableOptionsCql, dropTableCql, truncateTableCql, createTypeCql, addTypeFieldCql, dropTypeCql,
} from './table-ddl.js';
export { createIndexCql, dropIndexCql, createViewCql, alterViewOptionsCql, dropViewCql } from './index-view-ddl.js';
export { readLiveSchema, type LiveKeyspace, type LiveTable, type LiveView, type LiveColumn, type LiveIndex, type LiveType } from './live-schema.js';
export { diffSchema } from './diff.js';
export {
  type SchemaPlan, type SchemaChange, type ChangeKind, type PlannedStatement, isPlanEmpty, destructiveChanges, planToCql, planToJson,
} from './schema-plan.js';
export { planSchema, applySchemaPlan, waitForSchemaAgreement, type PlanOptions, type ApplyOptions } from './plan-apply.js';
export { acquireSchemaLease, type LeaseOptions, type SchemaLease } from './schema-lease.js';
export { entityMetadata, metadataOf, type EntityRef } from '../metadata/resolve-entity.js';
export { udtMetadata } from '../metadata/resolve-udt.js';
export { parseCqlType, printCqlType, normaliseCqlType, canonicalType, NATIVE_TYPES, type ParseOptions } from '../metadata/cql-type.js';
export { quoteIdentifier, qualifiedName } from '../metadata/identifier.js';
export { snakeCase, type NamingStrategy } from '../metadata/metadata-store.js';
export type {
  EntityMetadata,
  ColumnMetadata,
  ColumnKind,
  CqlType,
  NativeTypeName,
  UdtMetadata,
  UdtFieldMetadata,
  IndexMetadata,
  IndexTarget,
  ViewMetadata,
  ManagedColumns,
  QueryTableMetadata,
} from '../metadata/entity-metadata.js';
export { lintModels, hasLintErrors, type LintOptions, type LintSource } from './lint/lint-models.js';
export { LINT_RULES, type LintFinding, type LintLevel, type LintRule } from './lint/finding.js';
