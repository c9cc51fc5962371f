// A scratch project for the migration specs: a configuration file whose entities follow the MODEL
// environment variable, a migrations folder, and the real `cassandra-orm` binary run in it.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../../support/repo-root.js';
import { nodeConnectionSource, runCli, tempProject, type CliResult } from '../cli/cli-harness.js';

const MODELS = pathToFileURL(join(repoRoot(), 'dist', 'spec', 'integration', 'migrations', 'fixtures', 'models.js')).href;

/** A scratch project migrating `keyspace`. */
export interface MigrationProject {
  readonly dir: string;
  /** Runs `cassandra-orm ...args` in the project with entities of model `model`. */
  cli(args: readonly string[], model?: string, env?: Record<string, string>): Promise<CliResult>;
  write(name: string, text: string): string;
  read(name: string): string;
  /** The files of the migrations folder, sorted. */
  files(): string[];
  remove(): void;
}

/** Writes the configuration (`migrations` given as JavaScript source) and returns the project. */
export function migrationProject(prefix: string, keyspace: string, migrations = "{ directory: 'migrations' }"): MigrationProject {
  const project = tempProject(prefix);
  project.write(
    'cassandra-orm.config.js',
    [
      `import { MODELS } from '${MODELS}';`,
      `export const connections = { connections: { default: ${nodeConnectionSource({ keyspace })} } };`,
      "export const entities = MODELS[process.env.MODEL ?? '1'];",
      `export const migrations = ${migrations};`,
    ].join('\n'),
  );
  return {
    dir: project.dir,
    cli: (args, model = '1', env = {}) => runCli(args, { cwd: project.dir, env: { MODEL: model, ...env } }),
    write: (name, text) => {
      mkdirSync(dirname(join(project.dir, name)), { recursive: true });
      return project.write(name, text);
    },
    read: (name) => readFileSync(join(project.dir, name), 'utf8'),
    files: () => {
      try {
        return readdirSync(join(project.dir, 'migrations')).sort();
      } catch {
        return [];
      }
    },
    remove: () => project.remove(),
  };
}

/** A migration id for a fixed time (so hand-written migrations sort as intended). */
export function migrationId(n: number, name: string): string {
  return `2026010100${String(n).padStart(4, '0')}_${name}`;
}

/** The teardown of a migration spec: its keyspace dropped, the admin client shut down, the scratch project removed. */
export async function removeMigrationProject(admin: { execute(cql: string): Promise<unknown>; shutdown(): Promise<void> }, keyspace: string, project: MigrationProject): Promise<void> {
  await admin.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`);
  await admin.shutdown();
  project.remove();
}
