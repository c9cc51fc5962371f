// A live keyspace → the TypeScript source of decorated entity and user-type classes that describe it,
// so that syncing them back against the same keyspace plans no change. Pure: no I/O.
import type { CqlType } from '../../metadata/entity-metadata.js';
import { parseCqlType } from '../../metadata/cql-type.js';
import type { LiveColumn, LiveKeyspace, LiveTable, LiveType, LiveView } from '../../schema/live-schema.js';
import { className, literal, NameSet, propertyName } from './names.js';
import { tsTypeCode, typeInputCode, usesDriverTypes } from './type-code.js';

/** How the code is generated. */
export interface GenerateOptions {
  /** Put the keyspace into every @Table (when it is not the connection's own keyspace). */
  readonly withKeyspace: boolean;
  /** Module the decorators are imported from. Default `'cassandra-orm'`. */
  readonly importFrom?: string;
}

const IMPORTABLE = ['Table', 'PartitionKey', 'ClusteringKey', 'Column', 'Index', 'UserType', 'Field', 'MaterializedView', 'cql'];
const DEFAULT_GC_GRACE = 864000;

const parse = (type: string): CqlType => parseCqlType(type, { allowUdtNames: true });

function udtDependencies(type: CqlType, into: Set<string>): Set<string> {
  if (type.kind === 'udt') into.add(type.name);
  else if (type.kind === 'list' || type.kind === 'set' || type.kind === 'vector') udtDependencies(type.element, into);
  else if (type.kind === 'map') [type.key, type.value].forEach((t) => udtDependencies(t, into));
  else if (type.kind === 'tuple') type.elements.forEach((t) => udtDependencies(t, into));
  return into;
}

/** Nested types first: a class must exist before another class's property metadata names it. */
function typesInOrder(types: readonly LiveType[]): LiveType[] {
  const byName = new Map(types.map((t) => [t.name, t]));
  const ordered: LiveType[] = [];
  const seen = new Set<string>();
  const visit = (t: LiveType): void => {
    if (seen.has(t.name)) return;
    seen.add(t.name);
    for (const f of t.fields) for (const dep of udtDependencies(parse(f.type), new Set())) {
      const d = byName.get(dep);
      if (d !== undefined) visit(d);
    }
    ordered.push(t);
  };
  [...types].sort((a, b) => a.name.localeCompare(b.name)).forEach(visit);
  return ordered;
}

function spec(fields: readonly (string | undefined)[]): string {
  const present = fields.filter((f): f is string => f !== undefined);
  return `{ ${present.join(', ')} }`;
}

function tableOptions(options: Readonly<Record<string, unknown>>): string | undefined {
  const parts: string[] = [];
  const comment = options['comment'];
  if (typeof comment === 'string' && comment !== '') parts.push(`comment: ${literal(comment)}`);
  const ttl = Number(options['default_time_to_live'] ?? 0);
  if (ttl > 0) parts.push(`defaultTimeToLive: ${ttl}`);
  const gc = Number(options['gc_grace_seconds'] ?? DEFAULT_GC_GRACE);
  if (gc !== DEFAULT_GC_GRACE) parts.push(`gcGraceSeconds: ${gc}`);
  const compaction = options['compaction'] as Record<string, string> | undefined;
  if (compaction !== undefined && !/SizeTieredCompactionStrategy$/.test(compaction['class'] ?? '')) {
    parts.push(`compaction: { ${Object.entries(compaction).map(([k, v]) => `${literal(k)}: ${literal(String(v))}`).join(', ')} }`);
  }
  return parts.length === 0 ? undefined : `options: { ${parts.join(', ')} }`;
}

/** Generates the module: imports, user types (nested first), then one class per table. */
export function generateEntities(live: LiveKeyspace, options: GenerateOptions): string {
  const used = new Set<string>();
  const classNames = new NameSet([...IMPORTABLE, 'types']);
  const udtClasses = new Map<string, string>();
  const types = typesInOrder([...live.types.values()]);
  for (const t of types) udtClasses.set(t.name, classNames.claim(className(t.name), 'Type'));
  const tables = [...live.tables.values()].sort((a, b) => a.name.localeCompare(b.name));
  const tableClasses = new Map(tables.map((t) => [t.name, classNames.claim(className(t.name), 'Entity')]));
  const blocks: string[] = [];
  let driverTypes = false;

  const property = (names: NameSet, column: string, type: CqlType, decorator: string, extra: readonly (string | undefined)[], optional: boolean): string[] => {
    const { property: wanted, explicit } = propertyName(column);
    const prop = names.claim(wanted, '_');
    used.add(decorator);
    const typeCode = typeInputCode(type, udtClasses);
    if (typeCode.includes('cql.')) used.add('cql');
    const tsType = tsTypeCode(type, udtClasses);
    driverTypes ||= usesDriverTypes(tsType);
    const name = explicit || prop !== wanted ? `name: ${literal(column)}` : undefined;
    return [`  @${decorator}(${spec([name, `type: ${typeCode}`, ...extra])})`, `  ${prop}${optional ? '?' : '!'}: ${tsType};`];
  };

  for (const t of types) {
    used.add('UserType');
    const names = new NameSet([]);
    const lines = [`@UserType({ name: ${literal(t.name)} })`, `export class ${udtClasses.get(t.name)} {`];
    for (const f of t.fields) lines.push(...property(names, f.name, parse(f.type), 'Field', [], true));
    blocks.push([...lines, '}'].join('\n'));
  }

  for (const table of tables) blocks.push(tableClass(table));

  function tableClass(table: LiveTable): string {
    const names = new NameSet([]);
    const props = new Map<string, string>();
    const lines: string[] = [];
    const byKind = (kind: LiveColumn['kind']): LiveColumn[] =>
      [...table.columns.values()].filter((c) => c.kind === kind).sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
    const columns = [...byKind('partition'), ...byKind('clustering'), ...byKind('static'), ...byKind('regular')];
    for (const c of columns) {
      const type = parse(c.type);
      const decorator = c.kind === 'partition' ? 'PartitionKey' : c.kind === 'clustering' ? 'ClusteringKey' : 'Column';
      const extra = [
        c.kind === 'clustering' && c.order === 'DESC' ? "order: 'DESC'" : undefined,
        c.kind === 'static' ? 'static: true' : undefined,
        type.kind === 'udt' && !type.frozen ? 'frozen: false' : undefined,
      ];
      const [decoratorLine, declaration] = property(names, c.name, type, decorator, extra, c.kind === 'static' || c.kind === 'regular');
      for (const index of table.indexes.filter((i) => i.column === c.name)) {
        used.add('Index');
        const { typed, rest } = typedIndexOptions(index.using, index.options);
        const indexOptions = Object.entries(rest);
        lines.push(`  @Index(${spec([
          `name: ${literal(index.name)}`,
          index.using !== undefined ? `using: ${literal(index.using)}` : undefined,
          index.target !== 'value' ? `target: ${literal(index.target)}` : undefined,
          ...typed,
          indexOptions.length > 0 ? `options: { ${indexOptions.map(([k, v]) => `${literal(k)}: ${literal(v)}`).join(', ')} }` : undefined,
        ])})`);
      }
      lines.push(decoratorLine!, declaration!);
      props.set(c.name, declaration!.trim().replace(/[?!]:.*$/, ''));
    }
    const cls = tableClasses.get(table.name)!;
    const views = [...live.views.values()].filter((v) => v.baseTable === table.name).sort((a, b) => a.name.localeCompare(b.name));
    const head = views.map((v) => viewDecorator(v, cls, props));
    used.add('Table');
    head.push(`@Table(${spec([
      `name: ${literal(table.name)}`,
      options.withKeyspace ? `keyspace: ${literal(live.name)}` : undefined,
      tableOptions(table.options),
    ])})`);
    return [...head, `export class ${cls} {`, ...lines, '}'].join('\n');
  }

  function viewDecorator(view: LiveView, cls: string, props: ReadonlyMap<string, string>): string {
    used.add('MaterializedView');
    const prop = (column: string): string => literal(props.get(column) ?? column);
    const clustering = view.clusteringKeys.map((k) => (k.order === 'DESC' ? `{ property: ${prop(k.name)}, order: 'DESC' }` : prop(k.name)));
    const columns = view.includeAllColumns ? undefined : `columns: [${[...view.columns.keys()].sort().map(prop).join(', ')}]`;
    return `@MaterializedView<${cls}>(${spec([
      `name: ${literal(view.name)}`,
      `partitionKeys: [${view.partitionKeys.map(prop).join(', ')}]`,
      clustering.length > 0 ? `clusteringKeys: [${clustering.join(', ')}]` : undefined,
      columns,
    ])})`;
  }

  const imports = IMPORTABLE.filter((n) => used.has(n));
  const header = [
    `// Generated by \`cassandra-orm inspect\` from keyspace ${live.name}. Review before use: property types`,
    '// follow what cassandra-driver returns; CQL names are kept explicit where snake_case would differ.',
    ...(driverTypes ? ["import type { types } from 'cassandra-driver';"] : []),
    ...(imports.length > 0 ? [`import { ${imports.join(', ')} } from ${literal(options.importFrom ?? 'cassandra-orm')};`] : []),
  ];
  return [header.join('\n'), ...blocks].join('\n\n') + '\n';
}

/** SAI options with a typed @Index field (`similarity: 'COSINE'`, `caseSensitive: false`), and the options left as they are. */
function typedIndexOptions(using: string | undefined, options: Readonly<Record<string, string>>): { typed: string[]; rest: Record<string, string> } {
  const rest = { ...options };
  const typed: string[] = [];
  if (using !== 'sai') return { typed, rest };
  const take = (key: string, field: string, value: (v: string) => string | undefined): void => {
    const v = rest[key];
    const printed = v === undefined ? undefined : value(v);
    if (printed === undefined) return;
    typed.push(`${field}: ${printed}`);
    delete rest[key];
  };
  const bool = (v: string): string | undefined => (/^(true|false)$/i.test(v) ? v.toLowerCase() : undefined);
  take('similarity_function', 'similarity', (v) => literal(v.toUpperCase()));
  take('optimize_for', 'optimizeFor', (v) => literal(v.toLowerCase()));
  take('case_sensitive', 'caseSensitive', bool);
  take('normalize', 'normalize', bool);
  take('ascii', 'ascii', bool);
  return { typed, rest };
}
