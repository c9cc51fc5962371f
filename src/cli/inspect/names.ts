// TypeScript names for CQL names: classes in PascalCase, properties in camelCase, with the explicit
// CQL name kept whenever the default naming (snake_case) would not give it back.
import { snakeCase } from '../../metadata/metadata-store.js';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function words(name: string): string[] {
  return name.split(/[^A-Za-z0-9]+|_/).filter((w) => w !== '');
}

/** `user_events` → `UserEvents`; a name starting with a digit gets a `T` prefix. */
export function className(name: string): string {
  const pascal = words(name).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('') || 'Unnamed';
  return /^[0-9]/.test(pascal) ? `T${pascal}` : pascal;
}

/** `user_id` → `userId`; when snake_case of the property is not the column, `explicit` is true. */
export function propertyName(column: string): { readonly property: string; readonly explicit: boolean } {
  const parts = words(column);
  let property = parts.map((w, i) => (i === 0 ? w[0]!.toLowerCase() + w.slice(1) : w[0]!.toUpperCase() + w.slice(1))).join('');
  if (property === '' || !IDENTIFIER.test(property)) property = `c${property.replace(/[^A-Za-z0-9_$]/g, '')}`;
  return { property, explicit: snakeCase(property) !== column };
}

/** A single-quoted TypeScript string literal. */
export function literal(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Hands out unique names: a taken name gets `suffix`, then a number. */
export class NameSet {
  private readonly taken: Set<string>;
  constructor(reserved: Iterable<string>) {
    this.taken = new Set(reserved);
  }

  claim(name: string, suffix: string): string {
    let candidate = name;
    if (this.taken.has(candidate)) candidate = `${name}${suffix}`;
    for (let n = 2; this.taken.has(candidate); n++) candidate = `${name}${suffix}${n}`;
    this.taken.add(candidate);
    return candidate;
  }
}
