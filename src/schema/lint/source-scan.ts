// The allow-filtering rule over source text: where the code asks for ALLOW FILTERING, by file and
// line. A textual heuristic (docs/lint.md): a `.allowFiltering(` call of the query builder, or the
// words ALLOW FILTERING inside a string (raw CQL), outside comments.
import { DEFAULT_LEVELS, type LintFinding } from './finding.js';

/**
 * The text with every comment's characters replaced by spaces (newlines kept, so lines still count)
 * and, separately, the ranges that are string literals.
 */
function blankComments(text: string): { code: string; strings: [number, number][] } {
  const out = text.split('');
  const strings: [number, number][] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === '/' && next === '/') {
      while (i < text.length && text[i] !== '\n') out[i++] = ' ';
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? text.length : end + 2;
      for (; i < stop; i++) if (text[i] !== '\n') out[i] = ' ';
    } else if (c === '"' || c === "'" || c === '`') {
      const start = i++;
      while (i < text.length && text[i] !== c) i += text[i] === '\\' ? 2 : 1;
      strings.push([start, ++i]);
    } else {
      i++;
    }
  }
  return { code: out.join(''), strings };
}

const CALL = /\.\s*allowFiltering\s*\(/g;
const CQL = /\bALLOW\s+FILTERING\b/gi;

/** The allow-filtering findings of one source file (its path as it should be printed, and its text). */
export function scanAllowFiltering(file: string, text: string): LintFinding[] {
  const { code, strings } = blankComments(text);
  const lineOf = (offset: number): number => code.slice(0, offset).split('\n').length;
  const inString = (offset: number): boolean => strings.some(([a, b]) => offset >= a && offset < b);
  const found: { line: number; what: 'call' | 'cql' }[] = [];
  for (const m of code.matchAll(CALL)) if (!inString(m.index)) found.push({ line: lineOf(m.index), what: 'call' });
  for (const m of code.matchAll(CQL)) if (inString(m.index)) found.push({ line: lineOf(m.index), what: 'cql' });
  found.sort((a, b) => a.line - b.line);
  return found.map(({ line, what }) =>
    Object.freeze({
      rule: 'allow-filtering' as const,
      level: DEFAULT_LEVELS['allow-filtering'],
      entity: undefined,
      file,
      line,
      message: what === 'call'
        ? 'a query asks for ALLOW FILTERING (allowFiltering()): the node reads and discards rows, as many as the table holds outside one partition'
        : 'raw CQL with ALLOW FILTERING: the node reads and discards rows, as many as the table holds outside one partition',
      fix: 'restrict the query to one partition, or keep a query table keyed for it',
    }),
  );
}
