// The `lint` export of the configuration file: rule levels, the error threshold, and the source
// files (globs, relative to the working folder) the allow-filtering rule reads.
import { ConfigError } from '../errors.js';
import { checkLintOptions, type LintOptions } from '../schema/lint/lint-models.js';

/** The lint's configuration as the file gives it. */
export interface LintConfig {
  readonly rules: NonNullable<LintOptions['rules']>;
  readonly errorOn: NonNullable<LintOptions['errorOn']> | undefined;
  /** Globs of the source files to scan; undefined: the configuration file and what it imports. */
  readonly sources: readonly string[] | undefined;
}

/** Validates the `lint` export (ConfigError naming `lint.<key>` on bad input). */
export function lintFromExport(value: unknown): LintConfig {
  if (value === undefined) return { rules: {}, errorOn: undefined, sources: undefined };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw ConfigError.wrongType('lint', 'an object { rules?, errorOn?, sources? }', value);
  const { sources, ...rest } = value as Record<string, unknown>;
  if (sources !== undefined && (!Array.isArray(sources) || sources.some((s) => typeof s !== 'string' || s === ''))) {
    throw ConfigError.wrongType('lint.sources', 'an array of file globs (strings)', sources);
  }
  const checked = checkLintOptions(rest, 'lint');
  return { rules: checked.rules ?? {}, errorOn: checked.errorOn, sources: sources as string[] | undefined };
}
