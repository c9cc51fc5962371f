// The pure diff: model (entities) vs live keyspace → a plan of safe and destructive changes.
import type { EntityMetadata, IndexMetadata, UdtMetadata, ViewMetadata } from '../metadata/entity-metadata.js';
import { printCqlType } from '../metadata/cql-type.js';
import { qualifiedName } from '../metadata/identifier.js';
import { alterKeyspaceCql, createKeyspaceCql, replicationMap, type KeyspaceSpec } from './keyspace-ddl.js';
import {
  addColumnCql, addTypeFieldCql, alterTableOptionsCql, createTableCql, createTypeCql, dropColumnCql, dropTableCql, dropTypeCql,
} from './table-ddl.js';
import { alterViewOptionsCql, createIndexCql, createViewCql, dropIndexCql, dropViewCql, indexTargetExpression } from './index-view-ddl.js';
import type { LiveIndex, LiveKeyspace, LiveTable, LiveType, LiveView } from './live-schema.js';
import { SAI_DEFAULTS } from '../metadata/sai-options.js';
import { changedOptions, optionMatches, replicationMatches } from './option-compare.js';
import { PHASE, type SchemaChange, type SchemaPlan } from './schema-plan.js';

const EMPTY: LiveKeyspace = { name: '', replication: {}, durableWrites: true, types: new Map(), tables: new Map(), views: new Map() };

function describeOptions(changed: Record<string, unknown>): string {
  return Object.entries(changed).map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join(', ');
}

/**
 * What differs between a declared index and the live one (`undefined`: nothing). SAI options are
 * compared both ways with Cassandra's defaults, so a changed or removed similarity function or text
 * option is a planned change; other options only need the declared ones present.
 */
function indexDifference(want: IndexMetadata, live: LiveIndex): string | undefined {
  if (want.column !== live.column || want.target !== live.target) return `target ${live.target}(${live.column}) → ${want.target}(${want.column})`;
  if (want.using !== live.using) return `implementation ${live.using ?? 'regular'} → ${want.using ?? 'regular'}`;
  const declared = want.options ?? {};
  const changed: string[] = [];
  if (want.using === 'sai') {
    for (const k of new Set([...Object.keys(declared), ...Object.keys(live.options)])) {
      const d = declared[k] ?? SAI_DEFAULTS[k];
      const l = live.options[k] ?? SAI_DEFAULTS[k];
      if (d === undefined || l === undefined || d.toLowerCase() !== l.toLowerCase()) changed.push(`${k} ${l ?? '(unset)'} → ${d ?? '(unset)'}`);
    }
  } else {
    for (const [k, v] of Object.entries(declared)) if (!optionMatches(v, live.options[k])) changed.push(`${k} ${live.options[k] ?? '(unset)'} → ${v}`);
  }
  return changed.length > 0 ? `options ${changed.join(', ')}` : undefined;
}

function viewShapeEquals(base: string, want: ViewMetadata, live: LiveView): boolean {
  const same = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
  return live.baseTable === base && same(want.partitionKeys, live.partitionKeys) &&
    same(want.clusteringKeys.map((k) => `${k.name} ${k.order}`), live.clusteringKeys.map((k) => `${k.name} ${k.order}`)) &&
    (want.includeAllColumns === true ? live.includeAllColumns : !live.includeAllColumns && same([...want.columns].sort(), [...live.columns.keys()].sort()));
}

/** Why the live table cannot be altered into the model in place, or undefined when it can. */
function recreateReason(entity: EntityMetadata, live: LiveTable): string | undefined {
  const pk = entity.partitionKeys.map((c) => c.name);
  if (pk.join() !== live.partitionKeys.join()) return `partition key (${live.partitionKeys.join(', ')}) → (${pk.join(', ')})`;
  const ck = entity.clusteringKeys.map((c) => `${c.name} ${c.order ?? 'ASC'}`);
  const liveCk = live.clusteringKeys.map((c) => `${c.name} ${c.order}`);
  if (ck.join() !== liveCk.join()) return `clustering (${liveCk.join(', ')}) → (${ck.join(', ')})`;
  for (const column of entity.columns) {
    const l = live.columns.get(column.name);
    if (l === undefined) continue;
    const type = printCqlType(column.type);
    if (l.type !== type) return `column ${column.name} type ${l.type} → ${type}, which Cassandra cannot change in place`;
    if (l.kind !== column.kind) return `column ${column.name} ${l.kind} → ${column.kind}`;
  }
  return undefined;
}

class Planner {
  readonly changes: SchemaChange[] = [];
  readonly blocked: string[] = [];
  readonly warnings: string[] = [];
  constructor(private readonly ks: string) {}

  add(change: SchemaChange): void {
    this.changes.push(change);
  }

  name(object: string): string {
    return qualifiedName(this.ks, object);
  }

  types(udts: readonly UdtMetadata[], live: LiveKeyspace): void {
    for (const udt of udts) {
      const existing = live.types.get(udt.name);
      const object = this.name(udt.name);
      if (existing === undefined) {
        this.add({ kind: 'create-type', destructive: false, object, description: `create type ${object}`, statements: [{ cql: createTypeCql(this.ks, udt), phase: PHASE.createType }] });
        continue;
      }
      for (const field of udt.fields) {
        const l = existing.fields.find((f) => f.name === field.name);
        const type = printCqlType(field.type);
        if (l === undefined) {
          this.add({
            kind: 'add-type-field', destructive: false, object, description: `add field ${field.name} ${type} to type ${object}`,
            statements: [{ cql: addTypeFieldCql(this.ks, udt.name, field), phase: PHASE.addTypeField }],
          });
        } else if (l.type !== type) {
          this.blocked.push(`field ${field.name} of type ${object} is ${l.type} in the cluster but ${type} in the model; Cassandra cannot change a field's type`);
        }
      }
      for (const f of existing.fields) {
        if (!udt.byName.has(f.name)) this.warnings.push(`field ${f.name} of type ${object} is not in the model; it is kept (Cassandra cannot drop UDT fields)`);
      }
    }
  }

  createTable(entity: EntityMetadata, destructive: false | { reason: string; liveViews: readonly LiveView[] }): void {
    const object = this.name(entity.table);
    const statements = [
      ...(destructive === false ? [] : [
        ...destructive.liveViews.map((v) => ({ cql: dropViewCql(this.ks, v.name), phase: PHASE.dropView })),
        { cql: dropTableCql(this.ks, entity.table), phase: PHASE.dropTable },
      ]),
      { cql: createTableCql(this.ks, entity), phase: PHASE.createTable },
      ...entity.indexes.map((i) => ({ cql: createIndexCql(this.ks, entity.table, i), phase: PHASE.createIndex })),
      ...entity.views.map((v) => ({ cql: createViewCql(this.ks, entity.table, v), phase: PHASE.createView })),
    ];
    const builds = [
      ...entity.indexes.map((i) => ({ kind: 'index' as const, name: i.name })),
      ...entity.views.map((v) => ({ kind: 'view' as const, name: v.name })),
    ];
    if (destructive === false) {
      this.add({ kind: 'create-table', destructive: false, object, description: `create table ${object}`, statements, builds });
    } else {
      this.add({
        kind: 'recreate-table', destructive: true, object, description: `recreate table ${object} (${destructive.reason})`,
        loses: `every row of table ${object}${destructive.liveViews.length > 0 ? ` and its views ${destructive.liveViews.map((v) => v.name).join(', ')}` : ''}`,
        statements,
        builds,
      });
    }
  }

  alterTable(entity: EntityMetadata, live: LiveTable, liveViews: readonly LiveView[]): void {
    const object = this.name(entity.table);
    for (const column of entity.columns) {
      if (live.columns.has(column.name)) continue;
      this.add({
        kind: 'add-column', destructive: false, object, description: `add column ${column.name} ${printCqlType(column.type)} to table ${object}`,
        statements: [{ cql: addColumnCql(this.ks, entity.table, column), phase: PHASE.addColumn }],
      });
    }
    const dropped = [...live.columns.values()].filter((l) => !entity.byName.has(l.name));
    for (const l of dropped) {
      this.add({
        kind: 'drop-column', destructive: true, object, description: `drop column ${l.name} from table ${object}`,
        loses: `the values of column ${l.name} (${l.type}) in every row of ${object}`,
        statements: [{ cql: dropColumnCql(this.ks, entity.table, l.name), phase: PHASE.dropColumn }],
      });
    }
    const changed = changedOptions(entity.options, live.options);
    if (Object.keys(changed).length > 0) {
      this.add({
        kind: 'alter-table-options', destructive: false, object, description: `set options of table ${object}: ${describeOptions(changed)}`,
        statements: [{ cql: alterTableOptionsCql(this.ks, entity.table, changed), phase: PHASE.tableOptions }],
      });
    }
    this.indexes(entity, live.indexes);
    // Cassandra refuses to drop a column of a table that has views: its views go first and come back after.
    this.views(entity, liveViews, dropped.length > 0 && liveViews.length > 0);
  }

  indexes(entity: EntityMetadata, live: readonly LiveIndex[]): void {
    let difference: string | undefined;
    for (const index of entity.indexes) {
      const object = this.name(index.name);
      const existing = live.find((l) => l.name === index.name);
      const create = { cql: createIndexCql(this.ks, entity.table, index), phase: PHASE.createIndex };
      const what = `index ${object} on ${entity.table} (${indexTargetExpression(index)})`;
      if (existing === undefined) {
        this.add({ kind: 'create-index', destructive: false, object, description: `create ${what}`, statements: [create], builds: [{ kind: 'index', name: index.name }] });
      } else if ((difference = indexDifference(index, existing)) !== undefined) {
        this.add({
          kind: 'recreate-index', destructive: true, object, description: `recreate ${what}: ${difference}`,
          loses: `no stored data; queries relying on index ${index.name} fail until it is rebuilt`,
          statements: [{ cql: dropIndexCql(this.ks, index.name), phase: PHASE.dropIndex }, create],
          builds: [{ kind: 'index', name: index.name }],
        });
      }
    }
    for (const l of live) {
      if (entity.indexes.some((i) => i.name === l.name)) continue;
      this.dropIndex(l);
    }
  }

  dropIndex(l: LiveIndex): void {
    const object = this.name(l.name);
    this.add({
      kind: 'drop-index', destructive: true, object, description: `drop index ${object} on ${l.table}`,
      loses: `no stored data; queries relying on index ${l.name} stop working`,
      statements: [{ cql: dropIndexCql(this.ks, l.name), phase: PHASE.dropIndex }],
    });
  }

  views(entity: EntityMetadata, liveViews: readonly LiveView[], recreateAll = false): void {
    for (const view of entity.views) {
      const object = this.name(view.name);
      const existing = liveViews.find((v) => v.name === view.name);
      const create = { cql: createViewCql(this.ks, entity.table, view), phase: PHASE.createView };
      if (existing === undefined) {
        this.add({ kind: 'create-view', destructive: false, object, description: `create materialized view ${object}`, statements: [create], builds: [{ kind: 'view', name: view.name }] });
      } else if (recreateAll || !viewShapeEquals(entity.table, view, existing)) {
        const why = recreateAll ? ' (its base table drops a column, which Cassandra allows only without views)' : '';
        this.add({
          kind: 'recreate-view', destructive: true, object, description: `recreate materialized view ${object}${why}`,
          loses: `the rows of view ${object} until it is rebuilt from ${entity.table}`,
          statements: [{ cql: dropViewCql(this.ks, view.name), phase: PHASE.dropView }, create],
          builds: [{ kind: 'view', name: view.name }],
        });
      } else {
        const changed = changedOptions(view.options, existing.options);
        if (Object.keys(changed).length > 0) {
          this.add({
            kind: 'alter-view-options', destructive: false, object, description: `set options of view ${object}: ${describeOptions(changed)}`,
            statements: [{ cql: alterViewOptionsCql(this.ks, view.name, changed), phase: PHASE.viewOptions }],
          });
        }
      }
    }
  }

  dropView(v: LiveView): void {
    const object = this.name(v.name);
    this.add({
      kind: 'drop-view', destructive: true, object, description: `drop materialized view ${object}`,
      loses: `view ${object} and its rows (derived from ${v.baseTable})`,
      statements: [{ cql: dropViewCql(this.ks, v.name), phase: PHASE.dropView }],
    });
  }

  dropTable(t: LiveTable): void {
    const object = this.name(t.name);
    this.add({
      kind: 'drop-table', destructive: true, object, description: `drop table ${object}`,
      loses: `every row of table ${object}`,
      statements: [{ cql: dropTableCql(this.ks, t.name), phase: PHASE.dropTable }],
    });
  }

  dropTypes(types: readonly LiveType[]): void {
    // A type used by another type must be dropped after it.
    const remaining = [...types];
    while (remaining.length > 0) {
      const i = remaining.findIndex((t) => !remaining.some((o) => o !== t && o.fields.some((f) => new RegExp(`\\b${t.name}\\b`).test(f.type))));
      const [t] = remaining.splice(i < 0 ? 0 : i, 1);
      const object = this.name(t!.name);
      this.add({
        kind: 'drop-type', destructive: true, object, description: `drop type ${object}`,
        loses: `the definition of type ${object} (no rows use it once its tables are gone)`,
        statements: [{ cql: dropTypeCql(this.ks, t!.name), phase: PHASE.dropType }],
      });
    }
  }
}

/** Compares the model with the live keyspace (`undefined` = it does not exist) and plans the changes. */
export function diffSchema(keyspace: KeyspaceSpec, entities: readonly EntityMetadata[], liveKeyspace: LiveKeyspace | undefined): SchemaPlan {
  // An entity's query tables are tables of the keyspace like any other: created, evolved and kept.
  entities = withQueryTables(entities);
  const ks = keyspace.name;
  const p = new Planner(ks);
  const live = liveKeyspace ?? EMPTY;
  if (liveKeyspace === undefined) {
    p.add({ kind: 'create-keyspace', destructive: false, object: qualifiedName(undefined, ks), description: `create keyspace ${ks}`, statements: [{ cql: createKeyspaceCql(keyspace), phase: PHASE.keyspace }] });
  } else {
    const replicationDiffers = keyspace.replication !== undefined && !replicationMatches(replicationMap(keyspace.replication), live.replication);
    const durableDiffers = keyspace.durableWrites !== undefined && keyspace.durableWrites !== live.durableWrites;
    if (replicationDiffers || durableDiffers) {
      const spec: KeyspaceSpec = {
        ...keyspace,
        replication: keyspace.replication ?? replicationFromLive(live.replication),
        durableWrites: keyspace.durableWrites ?? live.durableWrites,
      };
      p.add({
        kind: 'alter-keyspace', destructive: false, object: qualifiedName(undefined, ks),
        description: `set keyspace ${ks} replication ${JSON.stringify(replicationMap(spec.replication))}, durable_writes ${spec.durableWrites}`,
        statements: [{ cql: alterKeyspaceCql(spec), phase: PHASE.keyspace }],
      });
    }
  }
  const udts = new Map<string, UdtMetadata>();
  for (const e of entities) for (const u of e.udts) if (!udts.has(u.name)) udts.set(u.name, u);
  p.types([...udts.values()], live);

  const wanted = new Map(entities.map((e) => [e.table, e]));
  const wantedViews = new Set(entities.flatMap((e) => e.views.map((v) => v.name)));
  for (const entity of entities) {
    const table = live.tables.get(entity.table);
    const liveViews = [...live.views.values()].filter((v) => v.baseTable === entity.table);
    if (table === undefined) {
      p.createTable(entity, false);
      continue;
    }
    const reason = recreateReason(entity, table);
    if (reason !== undefined) {
      p.createTable(entity, { reason, liveViews });
      continue;
    }
    p.alterTable(entity, table, liveViews);
  }
  for (const v of live.views.values()) {
    const base = wanted.get(v.baseTable);
    const recreated = base !== undefined && p.changes.some((c) => c.kind === 'recreate-table' && c.object === p.name(base.table));
    if (!wantedViews.has(v.name) && !recreated) p.dropView(v);
  }
  for (const t of live.tables.values()) {
    if (wanted.has(t.name)) continue; // DROP TABLE takes its indexes with it
    p.dropTable(t);
  }
  p.dropTypes([...live.types.values()].filter((t) => !udts.has(t.name)));
  return Object.freeze({ keyspace: ks, changes: Object.freeze(p.changes), blocked: Object.freeze(p.blocked), warnings: Object.freeze(p.warnings) });
}

/** The entities followed by their query tables, each described as a table of its own. */
export function withQueryTables(entities: readonly EntityMetadata[]): EntityMetadata[] {
  return entities.flatMap((e) => (e.queryTables === undefined ? [e] : [e, ...e.queryTables]));
}

function replicationFromLive(live: Readonly<Record<string, string>>): KeyspaceSpec['replication'] {
  const cls = String(live['class']).split('.').pop();
  if (cls === 'SimpleStrategy') return { class: 'SimpleStrategy', replicationFactor: Number(live['replication_factor']) };
  const dataCenters: Record<string, number> = {};
  for (const [k, v] of Object.entries(live)) if (k !== 'class') dataCenters[k] = Number(v);
  return { class: 'NetworkTopologyStrategy', dataCenters };
}
