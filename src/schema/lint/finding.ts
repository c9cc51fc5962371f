// What the model lint reports: one finding per problem, naming the entity and property (or the source
// line), with a one-line reason and a one-line fix.

/** The lint's rules, by the name findings, levels and `--json` use. */
export type LintRule =
  | 'unbounded-partition'
  | 'index-high-cardinality'
  | 'index-on-counter-table'
  | 'unbounded-collection'
  | 'allow-filtering'
  | 'materialized-view'
  | 'query-table-keys';

/** How bad a finding is: an `error` makes `cassandra-orm lint` exit with status 4. */
export type LintLevel = 'warning' | 'error';

/** One problem the lint found. */
export interface LintFinding {
  /** The rule that found it. */
  readonly rule: LintRule;
  /** Its level after the configured levels are applied. */
  readonly level: LintLevel;
  /** The entity class's name; undefined for a finding in a source file. */
  readonly entity: string | undefined;
  /** The property (or view, index or query table) it is about, if one. */
  readonly property?: string;
  /** The source file of an `allow-filtering` finding, as the sources named it. */
  readonly file?: string;
  /** The 1-based line in `file`. */
  readonly line?: number;
  /** What is wrong and why it matters, in one line. */
  readonly message: string;
  /** What to do about it, in one line. */
  readonly fix: string;
}

/** Every rule with its default level. */
export const DEFAULT_LEVELS: Readonly<Record<LintRule, LintLevel>> = Object.freeze({
  'unbounded-partition': 'warning',
  'index-high-cardinality': 'warning',
  'index-on-counter-table': 'error',
  'unbounded-collection': 'warning',
  'allow-filtering': 'warning',
  'materialized-view': 'warning',
  'query-table-keys': 'error',
});

/** The rule names, in report order. */
export const LINT_RULES: readonly LintRule[] = Object.freeze(Object.keys(DEFAULT_LEVELS) as LintRule[]);
