// Compile-only type tests for cassandra-orm/migrations: the start-up example of docs/migrations.md,
// inline migrations and data steps. Each @ts-expect-error line must be an error, or the build fails.
// Nothing here runs.
import { fileURLToPath } from 'node:url';
import { Connection } from '../../src/index.js';
import { loadMigrations, migrate, migrationStatus, type DataStep, type Migration } from '../../src/schema/migrations/index.js';
import { MigrationError } from '../../src/public/errors.js';

export async function startUp(connection: Connection): Promise<number> {
  const migrations = await loadMigrations(fileURLToPath(new URL('./migrations/', import.meta.url)));
  try {
    const { applied } = await migrate(connection, migrations, { keyspace: connection.keyspaceDefinition() });
    return applied.length;
  } catch (error) {
    if (error instanceof MigrationError) return error.migration === undefined ? -1 : -2;
    throw error;
  }
}

export const inline: Migration = {
  id: '20260101000000_backfill',
  cql: ['ALTER TABLE t ADD cents int'],
  data: async (connection: Connection, step: DataStep) => {
    const rows: number = await step.eachPage<{ id: number; amount: number }>('SELECT id, amount FROM t', [], async (page) => {
      await Promise.all(page.map((r) => connection.execute('UPDATE t SET cents = ? WHERE id = ?', [r.amount * 100, r.id])));
    }, { pageSize: 500, label: 't' });
    void rows;
  },
};

export async function states(connection: Connection): Promise<string[]> {
  const all = await migrationStatus(connection, [inline], 'app');
  return all.map((s) => `${s.id} ${s.state} ${s.history?.failedStatement ?? ''}`);
}

// @ts-expect-error the statements are an array of strings
export const notAnArray: Migration = { id: '20260101000000_x', cql: 'DROP TABLE t' };

export function badOptions(connection: Connection): void {
  // @ts-expect-error the keyspace is required
  void migrate(connection, [], {});
  // @ts-expect-error eachPage's page size is a number
  void ((step: DataStep) => step.eachPage('SELECT 1', [], () => undefined, { pageSize: '5' }));
}
