// `cassandra-orm lint`: the model lint over the project's entities and sources; exit status 4 when a
// finding is at error level.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { hasLintErrors, lintModels } from '../../schema/lint/lint-models.js';
import type { LintFinding } from '../../schema/lint/finding.js';
import { CliError, ExitCode } from '../cli-error.js';
import type { CommandContext } from '../context.js';
import { out } from '../io.js';
import { filesMatching, importClosure } from '../source-files.js';

/** Where a finding is: `Entity.property`, `Entity`, or `file:line`. */
function where(f: LintFinding): string {
  if (f.file !== undefined) return `${f.file}:${f.line ?? 0}`;
  return f.property !== undefined ? `${f.entity}.${f.property}` : `${f.entity}`;
}

/** The human-readable report: two lines per finding, then a summary line. */
export function formatFindings(findings: readonly LintFinding[]): string[] {
  const lines: string[] = [];
  for (const f of findings) {
    lines.push(`${f.level.padEnd(7)} ${where(f)}: ${f.message} [${f.rule}]`);
    lines.push(`        fix: ${f.fix}`);
  }
  const errors = findings.filter((f) => f.level === 'error').length;
  lines.push(findings.length === 0 ? 'No findings.' : `${findings.length} finding${findings.length === 1 ? '' : 's'}: ${errors} error${errors === 1 ? '' : 's'}, ${findings.length - errors} warning${findings.length - errors === 1 ? '' : 's'}`);
  return lines;
}

/** Lints the entities of the configuration file and the source files; prints the findings. */
export async function lintCommand({ io, options, project }: CommandContext): Promise<number> {
  const errorOn = (options['error-on'] as string | undefined) ?? project.lint.errorOn;
  if (errorOn !== undefined && errorOn !== 'warning' && errorOn !== 'error') {
    throw CliError.usage(`lint: --error-on must be 'warning' or 'error', got '${errorOn}'`);
  }
  const flag = options['sources'] as string | undefined;
  const globs = flag !== undefined ? flag.split(',').map((g) => g.trim()).filter((g) => g !== '') : project.lint.sources;
  if (flag !== undefined && globs!.length === 0) throw CliError.usage('lint: --sources needs at least one glob');
  const files = globs === undefined ? importClosure(project.file) : filesMatching(io.cwd, globs);
  const sources = files.map((file) => ({ file: relative(io.cwd, file) || file, text: readFileSync(file, 'utf8') }));
  const findings = lintModels(project.entities, { rules: project.lint.rules, ...(errorOn !== undefined ? { errorOn: errorOn as 'warning' | 'error' } : {}), sources });
  const failed = hasLintErrors(findings);
  if (options['json'] === true) {
    out(io, JSON.stringify({ failed, sources: sources.length, findings }, null, 2));
  } else {
    for (const line of formatFindings(findings)) out(io, line);
  }
  return failed ? ExitCode.lintErrors : ExitCode.ok;
}
