// The model lint's API: every rule over the entities (and over source files for ALLOW FILTERING),
// with the levels the options set.
import { ConfigError, MetadataError } from '../../errors.js';
import type { EntityMetadata } from '../../metadata/entity-metadata.js';
import { entityMetadata } from '../../metadata/resolve-entity.js';
import { DEFAULT_LEVELS, LINT_RULES, type LintFinding, type LintLevel, type LintRule } from './finding.js';
import { MODEL_RULES } from './model-rules.js';
import { scanAllowFiltering } from './source-scan.js';

/** One source file for the allow-filtering rule: its path as findings print it, and its text. */
export interface LintSource {
  /** The path findings print (`src/events.ts`). */
  readonly file: string;
  /** The file's text. */
  readonly text: string;
}

/** Options of `lintModels` (and the `lint` export of the CLI's configuration file, without `sources`). */
export interface LintOptions {
  /** A level per rule, or `'off'` to skip it: `{ 'unbounded-collection': 'error', 'materialized-view': 'off' }`. */
  readonly rules?: Readonly<Partial<Record<LintRule, LintLevel | 'off'>>>;
  /** `'warning'`: every finding is reported at error level (a CI gate on any finding). Default `'error'`. */
  readonly errorOn?: LintLevel;
  /** Source files to scan for ALLOW FILTERING (none: the rule finds nothing). */
  readonly sources?: readonly LintSource[];
}

const OPTION_KEYS = ['rules', 'errorOn', 'sources'];
const LEVELS = ['warning', 'error', 'off'];

/** Checks options given as plain data (a configuration file); ConfigError naming `path.key` on bad input. */
export function checkLintOptions(value: unknown, path: string): LintOptions {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw ConfigError.wrongType(path, 'an object', value);
  const o = value as Record<string, unknown>;
  for (const key of Object.keys(o)) if (!OPTION_KEYS.includes(key)) throw ConfigError.unknownKey(`${path}.${key}`, OPTION_KEYS);
  if (o['rules'] !== undefined) {
    const rules = o['rules'];
    if (rules === null || typeof rules !== 'object' || Array.isArray(rules)) throw ConfigError.wrongType(`${path}.rules`, 'an object of rule levels', rules);
    for (const [rule, level] of Object.entries(rules)) {
      if (!(LINT_RULES as readonly string[]).includes(rule)) throw ConfigError.unknownKey(`${path}.rules.${rule}`, LINT_RULES);
      if (typeof level !== 'string' || !LEVELS.includes(level)) throw new ConfigError(`expected 'warning', 'error' or 'off', got ${JSON.stringify(level)}`, `${path}.rules.${rule}`);
    }
  }
  if (o['errorOn'] !== undefined && o['errorOn'] !== 'warning' && o['errorOn'] !== 'error') {
    throw new ConfigError(`expected 'warning' or 'error', got ${JSON.stringify(o['errorOn'])}`, `${path}.errorOn`);
  }
  if (o['sources'] !== undefined) {
    const sources = o['sources'];
    if (!Array.isArray(sources) || sources.some((s) => s === null || typeof s !== 'object' || typeof (s as LintSource).file !== 'string' || typeof (s as LintSource).text !== 'string')) {
      throw ConfigError.wrongType(`${path}.sources`, 'an array of { file, text }', sources);
    }
  }
  return o as LintOptions;
}

/** The level of a rule's finding under the options; undefined when the rule is off. */
function levelOf(rule: LintRule, options: LintOptions): LintLevel | undefined {
  const set = options.rules?.[rule];
  if (set === 'off') return undefined;
  const level = set ?? DEFAULT_LEVELS[rule];
  return options.errorOn === 'warning' ? 'error' : level;
}

/**
 * Lints entity classes (or their resolved metadata): a table clustered by time with no time bucket,
 * an index on a high-cardinality-looking column or a counter table, a collection with no declared
 * bound, a materialized view, a query table whose keys the entity cannot give, and ALLOW FILTERING in
 * the `sources` given. Findings in entity order, then source order; levels per `options`.
 * @example lintModels([Event], { rules: { 'materialized-view': 'off' } }).filter((f) => f.level === 'error')
 */
export function lintModels(entities: readonly (EntityMetadata | (abstract new (...args: never[]) => object))[], options: LintOptions = {}): LintFinding[] {
  checkLintOptions(options, 'options');
  const all: LintFinding[] = [];
  for (const entity of entities) {
    let meta: EntityMetadata;
    try {
      meta = typeof entity === 'function' ? entityMetadata(entity) : entity;
    } catch (error) {
      // A query table the entity cannot give rows for is refused when the entity resolves; the lint
      // reports it as its finding (with the resolver's reason) instead of stopping at the first one.
      const refused = queryTableRefusal(entity, error);
      if (refused === undefined) throw error;
      all.push(refused);
      continue;
    }
    for (const rule of MODEL_RULES) all.push(...rule(meta));
  }
  for (const source of options.sources ?? []) all.push(...scanAllowFiltering(source.file, source.text));
  const out: LintFinding[] = [];
  for (const f of all) {
    const level = levelOf(f.rule, options);
    if (level !== undefined) out.push(level === f.level ? f : Object.freeze({ ...f, level }));
  }
  return out;
}

/** The query-table-keys finding of an entity whose query table declaration was refused, or undefined for any other error. */
function queryTableRefusal(entity: EntityMetadata | (abstract new (...args: never[]) => object), error: unknown): LintFinding | undefined {
  if (!(error instanceof MetadataError)) return undefined;
  const at = /\.queryTables\[([^\]]*)\]$/.exec(error.where);
  if (at === null) return undefined;
  const reason = error.message.startsWith(`${error.where}: `) ? error.message.slice(error.where.length + 2) : error.message;
  return Object.freeze({
    rule: 'query-table-keys',
    level: 'error',
    entity: typeof entity === 'function' ? entity.name : entity.target.name,
    property: at[1],
    message: `query table ${at[1]}: ${reason}`,
    fix: 'key the query table by properties of the entity, its whole primary key among them (docs/query-tables.md)',
  });
}

/** True when a finding is at error level (what makes `cassandra-orm lint` exit with status 4). */
export function hasLintErrors(findings: readonly LintFinding[]): boolean {
  return findings.some((f) => f.level === 'error');
}
