// The CQL type model: parse a type string, print a type, and normalise both sides of a schema diff
// to one canonical form (so `frozen<...>`, case, spacing and `varchar` never cause a false diff).
import type { CqlType, NativeTypeName } from './entity-metadata.js';
import { MapperError } from '../errors.js';
import { quoteIdentifier } from './identifier.js';

/** Every CQL native type name (plus `varchar`, an alias of `text`). */
export const NATIVE_TYPES: readonly NativeTypeName[] = [
  'ascii', 'bigint', 'blob', 'boolean', 'counter', 'date', 'decimal', 'double', 'duration', 'float', 'inet',
  'int', 'smallint', 'text', 'time', 'timestamp', 'timeuuid', 'tinyint', 'uuid', 'varint',
];
const NATIVE = new Set<string>(NATIVE_TYPES);

/** A type string could not be parsed; `detail` says where. */
export class CqlTypeSyntaxError extends MapperError {
  override name = 'CqlTypeSyntaxError';
}

/** Options of `parseCqlType`. */
export interface ParseOptions {
  /** Accept bare names as user-defined types (the live schema does; user type strings do not). */
  readonly allowUdtNames?: boolean;
}

type Token = { readonly text: string; readonly quoted: boolean };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (/\s/.test(ch)) { i++; continue; }
    if (ch === '<' || ch === '>' || ch === ',') { tokens.push({ text: ch, quoted: false }); i++; continue; }
    if (ch === '"') {
      let j = i + 1;
      let text = '';
      for (;;) {
        if (j >= source.length) throw new CqlTypeSyntaxError('unterminated quoted name');
        if (source[j] === '"') {
          if (source[j + 1] === '"') { text += '"'; j += 2; continue; }
          break;
        }
        text += source[j];
        j++;
      }
      tokens.push({ text, quoted: true });
      i = j + 1;
      continue;
    }
    const m = /^[A-Za-z0-9_.]+/.exec(source.slice(i));
    if (m === null) throw new CqlTypeSyntaxError(`unexpected '${ch}' at ${i}`);
    tokens.push({ text: m[0], quoted: false });
    i += m[0].length;
  }
  return tokens;
}

class Parser {
  private at = 0;
  constructor(private readonly tokens: Token[], private readonly options: ParseOptions) {}

  parseAll(): CqlType {
    const type = this.type();
    if (this.at < this.tokens.length) throw new CqlTypeSyntaxError(`unexpected '${this.tokens[this.at]!.text}' after the type`);
    return type;
  }

  private next(): Token {
    const token = this.tokens[this.at++];
    if (token === undefined) throw new CqlTypeSyntaxError('the type ends too early');
    return token;
  }

  private expect(text: string): void {
    const token = this.next();
    if (token.quoted || token.text !== text) throw new CqlTypeSyntaxError(`expected '${text}', got '${token.text}'`);
  }

  private peek(text: string): boolean {
    const token = this.tokens[this.at];
    return token !== undefined && !token.quoted && token.text === text;
  }

  private type(): CqlType {
    const token = this.next();
    if (token.quoted) return this.udt(token.text);
    const word = token.text.toLowerCase();
    switch (word) {
      case 'frozen': {
        this.expect('<');
        const inner = this.type();
        this.expect('>');
        return freeze(inner);
      }
      case 'list':
      case 'set': {
        this.expect('<');
        const element = this.type();
        this.expect('>');
        return { kind: word, element, frozen: false };
      }
      case 'map': {
        this.expect('<');
        const key = this.type();
        this.expect(',');
        const value = this.type();
        this.expect('>');
        return { kind: 'map', key, value, frozen: false };
      }
      case 'tuple': {
        this.expect('<');
        const elements = [this.type()];
        while (this.peek(',')) { this.at++; elements.push(this.type()); }
        this.expect('>');
        return { kind: 'tuple', elements };
      }
      case 'vector': {
        this.expect('<');
        const element = this.type();
        this.expect(',');
        const size = this.next().text;
        if (!/^[1-9][0-9]*$/.test(size)) throw new CqlTypeSyntaxError(`vector dimension '${size}' is not a positive integer`);
        this.expect('>');
        return { kind: 'vector', element, dimension: Number(size) };
      }
      case 'varchar':
        return { kind: 'native', name: 'text' };
      default:
        if (this.peek('<')) throw new CqlTypeSyntaxError(`'${token.text}' takes no type parameters`);
        if (NATIVE.has(word)) return { kind: 'native', name: word as NativeTypeName };
        if (token.text.includes('.')) throw new CqlTypeSyntaxError(`keyspace-qualified type '${token.text}' is not supported`);
        return this.udt(word);
    }
  }

  private udt(name: string): CqlType {
    if (this.options.allowUdtNames !== true) throw new CqlTypeSyntaxError(`'${name}' is not a CQL type`);
    return { kind: 'udt', name, frozen: false };
  }
}

/** Marks a type frozen (a tuple is always frozen; a native type is unchanged). */
export function freeze(type: CqlType): CqlType {
  switch (type.kind) {
    case 'list': case 'set': case 'map': case 'udt':
      return { ...type, frozen: true };
    default:
      return type;
  }
}

/** Parses a CQL type string (`varchar` → text, `frozen<...>` → frozen flag); throws CqlTypeSyntaxError. */
export function parseCqlType(source: string, options: ParseOptions = {}): CqlType {
  return canonicalType(new Parser(tokenize(source), options).parseAll());
}

/**
 * The canonical form Cassandra itself stores: everything nested inside a collection, tuple, vector
 * or frozen type is frozen.
 */
export function canonicalType(type: CqlType, nested = false): CqlType {
  const inner = (t: CqlType): CqlType => canonicalType(t, true);
  switch (type.kind) {
    case 'native':
      return type;
    case 'list':
    case 'set':
      return { kind: type.kind, element: inner(type.element), frozen: nested || type.frozen };
    case 'map':
      return { kind: 'map', key: inner(type.key), value: inner(type.value), frozen: nested || type.frozen };
    case 'tuple':
      return { kind: 'tuple', elements: type.elements.map(inner) };
    case 'vector':
      return { kind: 'vector', element: inner(type.element), dimension: type.dimension };
    case 'udt':
      return { ...type, frozen: nested || type.frozen };
  }
}

/** Prints a type as CQL (`frozen<map<text, int>>`, `vector<float, 3>`, `frozen<"Address">`). */
export function printCqlType(type: CqlType): string {
  const wrap = (frozen: boolean, text: string): string => (frozen ? `frozen<${text}>` : text);
  switch (type.kind) {
    case 'native':
      return type.name;
    case 'list':
    case 'set':
      return wrap(type.frozen, `${type.kind}<${printCqlType(type.element)}>`);
    case 'map':
      return wrap(type.frozen, `map<${printCqlType(type.key)}, ${printCqlType(type.value)}>`);
    case 'tuple':
      return `tuple<${type.elements.map(printCqlType).join(', ')}>`;
    case 'vector':
      return `vector<${printCqlType(type.element)}, ${type.dimension}>`;
    case 'udt':
      return wrap(type.frozen, quoteIdentifier(type.name));
  }
}

/** Canonical text of a type string from anywhere (model or cluster): equal strings mean equal types. */
export function normaliseCqlType(source: string): string {
  return printCqlType(parseCqlType(source, { allowUdtNames: true }));
}

/** True for list, set and map (frozen or not). */
export function isCollection(type: CqlType): boolean {
  return type.kind === 'list' || type.kind === 'set' || type.kind === 'map';
}

/** Visits a type and every type nested in it. */
export function walkType(type: CqlType, visit: (t: CqlType) => void): void {
  visit(type);
  switch (type.kind) {
    case 'list': case 'set': case 'vector': walkType(type.element, visit); break;
    case 'map': walkType(type.key, visit); walkType(type.value, visit); break;
    case 'tuple': for (const e of type.elements) walkType(e, visit); break;
    default: break;
  }
}
