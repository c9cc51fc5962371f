/**
 * Versioned migrations: generate migration files from the model, apply them once per cluster under the schema lease, read their status.
 * @module cassandra-orm/migrations
 */
// The `cassandra-orm/migrations` entry point: what an application (migrating at start-up) and a
// migration file use. Explicit named re-exports only.
export {
  type Migration, type MigrationData, type DataStep, type EachPageOptions, loadMigrations,
} from './migration.js';
export { migrate, type MigrateOptions, type MigrateResult, type MigrateEvent } from './migrate.js';
export { migrationStatus, type MigrationState, type MigrationStateName } from './status.js';
export type { HistoryRow, HistoryOutcome } from './history.js';
export type { DataProgress } from './data-step.js';
export { generateMigration, readSnapshot, type GenerateOptions, type GenerateResult } from './generate.js';
export type { MigrationLanguage } from './render.js';
export type { SchemaSnapshot } from './snapshot.js';
