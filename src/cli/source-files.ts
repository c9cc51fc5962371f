// The source files `lint` scans: the files matching globs (`src/**/*.ts`), or, with none given, the
// configuration file and every file it imports by a relative path, transitively.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

/** A glob as a regular expression over `/`-separated paths: `**` any folders, `*` and `?` within one name. */
export function globPattern(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

function walk(dir: string, found: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) walk(join(dir, entry.name), found);
    } else if (entry.isFile()) found.push(join(dir, entry.name));
  }
}

/** The files under `cwd` matching any glob (relative to `cwd`), sorted; node_modules and .git are never entered. */
export function filesMatching(cwd: string, globs: readonly string[]): string[] {
  const out = new Set<string>();
  for (const glob of globs) {
    const normal = glob.replace(/^\.\//, '');
    // Walk from the longest folder prefix without a wildcard.
    const parts = normal.split('/');
    const fixed: string[] = [];
    while (parts.length > 1 && !/[*?]/.test(parts[0]!)) fixed.push(parts.shift()!);
    const base = resolve(cwd, ...fixed);
    if (!/[*?]/.test(normal)) {
      const file = resolve(cwd, normal);
      if (existsSync(file) && statSync(file).isFile()) out.add(file);
      continue;
    }
    if (!existsSync(base) || !statSync(base).isDirectory()) continue;
    const pattern = globPattern(normal);
    const found: string[] = [];
    walk(base, found);
    for (const file of found) if (pattern.test(relative(cwd, file).split(sep).join('/'))) out.add(file);
  }
  return [...out].sort();
}

const RELATIVE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g;

function resolveImport(from: string, specifier: string): string | undefined {
  const target = resolve(dirname(from), specifier);
  for (const candidate of [target, `${target}.js`, `${target}.mjs`, `${target}.cjs`, join(target, 'index.js')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** `file` and every file it imports by a relative specifier, transitively (in the order first reached). */
export function importClosure(file: string): string[] {
  const seen = new Set<string>([file]);
  const queue = [file];
  while (queue.length > 0) {
    const current = queue.shift()!;
    let text: string;
    try {
      text = readFileSync(current, 'utf8');
    } catch {
      continue;
    }
    for (const m of text.matchAll(RELATIVE_IMPORT)) {
      const next = resolveImport(current, m[1]!);
      if (next !== undefined && !seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return [...seen];
}
