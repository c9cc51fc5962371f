// Generating a migration: the model diffed against the schema snapshot (no cluster needed), the
// migration file written with the plan's statements, and the snapshot moved on to the model.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MigrationError } from '../../errors.js';
import type { EntityMetadata, KeyspaceSpec, SchemaPlan } from 'cassandra-orm/schema';
import { entityMetadata } from '../../metadata/resolve-entity.js';
import type { Decorators } from 'cassandra-orm';
import { diffSchema } from '../diff.js';
import { destructiveChanges } from '../schema-plan.js';
import { migrationFiles } from './migration.js';
import { renderMigration, type MigrationLanguage } from './render.js';
import { SNAPSHOT_FILE, modelSchema, snapshotFromText, snapshotToText, type SchemaSnapshot } from './snapshot.js';

/** Options of generateMigration(). */
export interface GenerateOptions {
  /** The folder of the migration sources and of `schema-snapshot.json` (created if missing). */
  readonly directory: string;
  /** The migration's name: lower-case letters, digits and underscores (spaces and dashes become underscores). */
  readonly name: string;
  /** The keyspace the migrations build, with its replication. */
  readonly keyspace: KeyspaceSpec;
  /** The entities of that keyspace. */
  readonly entities: readonly (Decorators.ClassRef | EntityMetadata)[];
  /** Write destructive statements (drops, recreations) too. Default false: a plan with any is refused. */
  readonly allowDestructive?: boolean;
  /** `ts` (default) or `js` source files. */
  readonly language?: MigrationLanguage;
  /** Write a migration with no statements, for a data step alone. */
  readonly empty?: boolean;
  /** The time the id is made from. Default: now. */
  readonly now?: Date;
}

/** What generateMigration() did. */
export interface GenerateResult {
  /** The plan from the snapshot to the model. */
  readonly plan: SchemaPlan;
  /** The new migration's id and file; absent when there was nothing to generate. */
  readonly id?: string;
  readonly file?: string;
}

/** `20261203184501`: the UTC timestamp of a migration id. */
function timestamp(now: Date): string {
  return now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

function slug(name: string): string {
  const s = name.trim().toLowerCase().replace(/[\s-]+/g, '_');
  if (!/^[a-z0-9_]+$/.test(s)) throw MigrationError.invalidFile(name, 'a migration name may hold only letters, digits, spaces, dashes and underscores');
  return s;
}

/** Reads the snapshot of a migrations folder (no file yet: no migration, no keyspace). */
export function readSnapshot(directory: string): SchemaSnapshot {
  const file = join(directory, SNAPSHOT_FILE);
  if (!existsSync(file)) return { migrations: [], schema: undefined };
  return snapshotFromText(file, readFileSync(file, 'utf8'));
}

/** The source files of a migrations folder, by id. */
export function sourceMigrationIds(directory: string, language: MigrationLanguage): string[] {
  return migrationFiles(directory, language === 'ts' ? ['.ts', '.mts'] : ['.js', '.mjs']).map((f) => f.id);
}

/**
 * Diffs the entities with the schema the migration files produce (the snapshot) and, when they
 * differ, writes a migration file and moves the snapshot on. Writes nothing when nothing differs,
 * and nothing either when the plan is blocked, or destructive without `allowDestructive`.
 */
export function generateMigration(options: GenerateOptions): GenerateResult {
  const language = options.language ?? 'ts';
  const name = slug(options.name);
  const entities = options.entities.map((e) => (typeof e === 'function' ? entityMetadata(e) : e));
  for (const e of entities) {
    if (e.keyspace !== undefined && e.keyspace !== options.keyspace.name) {
      throw new MigrationError(`${e.target.name} is declared in keyspace '${e.keyspace}', not '${options.keyspace.name}': generate the migrations of each keyspace with its own entities`);
    }
  }
  const snapshot = readSnapshot(options.directory);
  const files = sourceMigrationIds(options.directory, language);
  const snapshotFile = join(options.directory, SNAPSHOT_FILE);
  const unknown = files.filter((id) => !snapshot.migrations.includes(id));
  const lost = snapshot.migrations.filter((id) => !files.includes(id));
  if (unknown.length > 0 || lost.length > 0) {
    throw MigrationError.snapshot(
      snapshotFile,
      [
        unknown.length > 0 ? `does not account for ${unknown.join(', ')} (a file written by hand or merged from another branch)` : '',
        lost.length > 0 ? `lists ${lost.join(', ')}, which ${lost.length === 1 ? 'has' : 'have'} no file in ${options.directory}` : '',
      ].filter((x) => x !== '').join('; ') + '. Bring the snapshot and the files in line (see docs/migrations.md, "Branches and the snapshot"); nothing was written',
    );
  }
  if (snapshot.schema !== undefined && snapshot.schema.name !== options.keyspace.name) {
    throw MigrationError.snapshot(snapshotFile, `describes keyspace ${snapshot.schema.name}, but the connection's keyspace is ${options.keyspace.name}; nothing was written`);
  }
  const plan = diffSchema(options.keyspace, entities, snapshot.schema);
  if (options.empty !== true) {
    if (plan.blocked.length > 0) {
      throw MigrationError.snapshot(snapshotFile, `the model cannot be reached by CQL: ${plan.blocked.join('; ')}; nothing was written`);
    }
    if (plan.changes.length === 0) return { plan };
    const destructive = destructiveChanges(plan);
    if (destructive.length > 0 && options.allowDestructive !== true) {
      throw new MigrationError(
        `The model needs ${destructive.length} destructive change(s); nothing was written:\n` +
          destructive.map((c) => `  - ${c.description} (loses: ${c.loses ?? 'data'})`).join('\n') +
          '\nPass --allow-destructive (allowDestructive: true) to write them, or change the model.',
      );
    }
  }
  // Ids sort by time; two migrations generated within a second (or with a clock behind) still sort in order.
  let stamp = timestamp(options.now ?? new Date());
  const last = snapshot.migrations.at(-1)?.slice(0, 14);
  if (last !== undefined && /^\d{14}$/.test(last) && stamp <= last) {
    const t = (d: string): Date => new Date(`${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${d.slice(8, 10)}:${d.slice(10, 12)}:${d.slice(12, 14)}Z`);
    stamp = timestamp(new Date(t(last).getTime() + 1000));
  }
  const id = `${stamp}_${name}`;
  mkdirSync(options.directory, { recursive: true });
  const file = join(options.directory, `${id}.${language}`);
  writeFileSync(file, renderMigration(id, options.empty === true ? undefined : plan, options.keyspace.name, language));
  const schema = options.empty === true ? snapshot.schema : modelSchema(options.keyspace, entities);
  writeFileSync(snapshotFile, snapshotToText({ migrations: [...snapshot.migrations, id], schema }));
  return { plan, id, file };
}
