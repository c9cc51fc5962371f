// The schema snapshot: what the migration files produce, kept in the repository as JSON so that
// `generate` diffs the model against it without a cluster. It is the model's schema in the live
// form the diff reads (a LiveKeyspace), written after each generated migration.
import type { EntityMetadata, KeyspaceSpec, LiveColumn, LiveIndex, LiveKeyspace, LiveTable, LiveType, LiveView } from 'cassandra-orm/schema';
import { printCqlType } from '../../metadata/cql-type.js';
import { MigrationError } from '../../errors.js';
import { replicationMap } from '../keyspace-ddl.js';

/** The snapshot file: the keyspace the migrations produce, and the migrations it accounts for. */
export interface SchemaSnapshot {
  /** The migration ids (in order) whose statements the schema reflects. */
  readonly migrations: readonly string[];
  /** The schema after them; `undefined` before the first migration (not even the keyspace exists). */
  readonly schema: LiveKeyspace | undefined;
}

/** The file name of the snapshot in the migrations folder. */
export const SNAPSHOT_FILE = 'schema-snapshot.json';

/** The schema the entities describe, as the live schema reader would return it once applied. */
export function modelSchema(keyspace: KeyspaceSpec, entities: readonly EntityMetadata[]): LiveKeyspace {
  const tables = new Map<string, LiveTable>();
  const views = new Map<string, LiveView>();
  const types = new Map<string, LiveType>();
  for (const entity of entities) {
    for (const udt of entity.udts) {
      types.set(udt.name, { name: udt.name, fields: udt.fields.map((f) => ({ name: f.name, type: printCqlType(f.type) })) });
    }
    const columns = entity.columns.map((c): LiveColumn => ({
      name: c.name, type: printCqlType(c.type), kind: c.kind, position: c.position,
      ...(c.kind === 'clustering' ? { order: c.order ?? 'ASC' } : {}),
    }));
    const indexes = entity.indexes.map((i): LiveIndex => ({
      name: i.name, table: entity.table, column: i.column, target: i.target,
      ...(i.using !== undefined ? { using: i.using } : {}),
      options: { ...(i.options ?? {}) },
    }));
    tables.set(entity.table, {
      name: entity.table,
      columns: new Map(columns.map((c) => [c.name, c])),
      partitionKeys: entity.partitionKeys.map((c) => c.name),
      clusteringKeys: entity.clusteringKeys.map((c) => ({ name: c.name, order: c.order ?? 'ASC' })),
      options: { ...entity.options },
      indexes,
    });
    for (const view of entity.views) {
      const selected = view.includeAllColumns === true ? entity.columns.map((c) => c.name) : view.columns;
      const viewColumns = selected.map((name, position): LiveColumn => {
        const base = entity.byName.get(name);
        const pk = view.partitionKeys.indexOf(name);
        const ck = view.clusteringKeys.findIndex((k) => k.name === name);
        const kind = pk >= 0 ? 'partition' : ck >= 0 ? 'clustering' : 'regular';
        return {
          name, type: base !== undefined ? printCqlType(base.type) : 'unknown', kind,
          position: pk >= 0 ? pk : ck >= 0 ? ck : -1 - position,
          ...(ck >= 0 ? { order: view.clusteringKeys[ck]!.order } : {}),
        };
      });
      views.set(view.name, {
        name: view.name,
        columns: new Map(viewColumns.map((c) => [c.name, c])),
        partitionKeys: [...view.partitionKeys],
        clusteringKeys: view.clusteringKeys.map((k) => ({ name: k.name, order: k.order })),
        options: { ...view.options },
        indexes: [],
        baseTable: entity.table,
        includeAllColumns: view.includeAllColumns === true,
      });
    }
  }
  return {
    name: keyspace.name,
    replication: replicationMap(keyspace.replication),
    durableWrites: keyspace.durableWrites ?? true,
    types,
    tables,
    views,
  };
}

// JSON form: maps become objects sorted by name, so that two branches touching different tables
// merge as text and a conflict shows exactly the table both changed.
type Json = Record<string, unknown>;

function sortedObject<V>(map: ReadonlyMap<string, V>, each: (v: V) => unknown): Json {
  return Object.fromEntries([...map.keys()].sort().map((k) => [k, each(map.get(k)!)]));
}

function tableJson(t: LiveTable): Json {
  return {
    partitionKeys: t.partitionKeys,
    clusteringKeys: t.clusteringKeys,
    columns: sortedObject(t.columns, (c) => ({ type: c.type, kind: c.kind, position: c.position, ...(c.order !== undefined ? { order: c.order } : {}) })),
    options: t.options,
    indexes: [...t.indexes].sort((a, b) => a.name.localeCompare(b.name)).map((i) => ({
      name: i.name, column: i.column, target: i.target, ...(i.using !== undefined ? { using: i.using } : {}), options: i.options,
    })),
  };
}

/** The snapshot as the text of its file (stable key order, one line per leaf). */
export function snapshotToText(snapshot: SchemaSnapshot): string {
  const s = snapshot.schema;
  const json = {
    format: 1,
    migrations: snapshot.migrations,
    schema: s === undefined ? null : {
      keyspace: s.name,
      replication: s.replication,
      durableWrites: s.durableWrites,
      types: sortedObject(s.types, (t) => t.fields),
      tables: sortedObject(s.tables, tableJson),
      views: sortedObject(s.views, (v) => ({ ...tableJson(v), baseTable: v.baseTable, includeAllColumns: v.includeAllColumns })),
    },
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

function tableFrom(name: string, j: Json): LiveTable {
  const columns = Object.entries(j['columns'] as Record<string, Json>).map(([cname, c]): LiveColumn => ({
    name: cname, type: String(c['type']), kind: c['kind'] as LiveColumn['kind'], position: Number(c['position']),
    ...(c['order'] !== undefined ? { order: c['order'] as 'ASC' | 'DESC' } : {}),
  }));
  return {
    name,
    columns: new Map(columns.map((c) => [c.name, c])),
    partitionKeys: j['partitionKeys'] as string[],
    clusteringKeys: j['clusteringKeys'] as { name: string; order: 'ASC' | 'DESC' }[],
    options: (j['options'] ?? {}) as Json,
    indexes: ((j['indexes'] ?? []) as Json[]).map((i) => ({
      name: String(i['name']), table: name, column: String(i['column']), target: i['target'] as LiveIndex['target'],
      ...(i['using'] !== undefined ? { using: String(i['using']) } : {}),
      options: (i['options'] ?? {}) as Record<string, string>,
    })),
  };
}

/** Reads a snapshot file's text; MigrationError naming the file when it is not one. */
export function snapshotFromText(file: string, text: string): SchemaSnapshot {
  let json: Json;
  try {
    json = JSON.parse(text) as Json;
  } catch (error) {
    throw MigrationError.snapshot(file, `is not valid JSON (${(error as Error).message}); if a merge left conflict markers, resolve them (see docs/migrations.md)`);
  }
  if (json['format'] !== 1 || !Array.isArray(json['migrations']) || !('schema' in json)) {
    throw MigrationError.snapshot(file, 'is not a cassandra-orm schema snapshot (expected { format: 1, migrations: [...], schema })');
  }
  const migrations = (json['migrations'] as unknown[]).map(String);
  const s = json['schema'] as Json | null;
  if (s === null) return { migrations, schema: undefined };
  try {
    const types = new Map(Object.entries(s['types'] as Record<string, { name: string; type: string }[]>).map(([n, fields]) => [n, { name: n, fields }]));
    const tables = new Map(Object.entries(s['tables'] as Record<string, Json>).map(([n, t]) => [n, tableFrom(n, t)]));
    const views = new Map(Object.entries(s['views'] as Record<string, Json>).map(([n, v]): [string, LiveView] => [
      n, { ...tableFrom(n, v), indexes: [], baseTable: String(v['baseTable']), includeAllColumns: v['includeAllColumns'] === true },
    ]));
    return {
      migrations,
      schema: {
        name: String(s['keyspace']),
        replication: s['replication'] as Record<string, string>,
        durableWrites: s['durableWrites'] !== false,
        types, tables, views,
      },
    };
  } catch (error) {
    throw MigrationError.snapshot(file, `has an unexpected shape (${(error as Error).message})`);
  }
}
