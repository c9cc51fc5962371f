// Splits typed or piped CQL into statements at `;`, ignoring semicolons inside strings, quoted
// identifiers, $$-strings and comments. Comments are dropped; everything else is kept verbatim.

type State = 'code' | 'single' | 'double' | 'dollar' | 'line-comment' | 'block-comment';

/** Accumulates CQL text and hands back each complete statement (without its `;`). */
export class StatementSplitter {
  private current = '';
  private state: State = 'code';

  /** Feeds more text (a line, a chunk); returns the statements it completed, trimmed. */
  push(text: string): string[] {
    const done: string[] = [];
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      const next = text[i + 1];
      switch (this.state) {
        case 'code':
          if (c === ';') {
            const statement = this.current.trim();
            if (statement !== '') done.push(statement);
            this.current = '';
            continue;
          }
          if ((c === '-' && next === '-') || (c === '/' && next === '/')) {
            this.state = 'line-comment';
            i++;
            continue;
          }
          if (c === '/' && next === '*') {
            this.state = 'block-comment';
            i++;
            continue;
          }
          if (c === "'") this.state = 'single';
          else if (c === '"') this.state = 'double';
          else if (c === '$' && next === '$') {
            this.state = 'dollar';
            this.current += '$$';
            i++;
            continue;
          }
          this.current += c;
          break;
        case 'single':
        case 'double':
          this.current += c;
          // A doubled quote is an escaped quote: it closes and immediately reopens, which is equivalent.
          if (c === (this.state === 'single' ? "'" : '"')) this.state = 'code';
          break;
        case 'dollar':
          if (c === '$' && next === '$') {
            this.current += '$$';
            this.state = 'code';
            i++;
            continue;
          }
          this.current += c;
          break;
        case 'line-comment':
          if (c === '\n') {
            this.state = 'code';
            this.current += c;
          }
          break;
        case 'block-comment':
          if (c === '*' && next === '/') {
            this.state = 'code';
            this.current += ' ';
            i++;
          }
          break;
      }
    }
    return done;
  }

  /** True while a statement has been started but not ended with `;`. */
  get pending(): boolean {
    return this.current.trim() !== '' || this.state === 'single' || this.state === 'double' || this.state === 'dollar';
  }

  /** Returns the unterminated rest (if any) and resets; used at end of input and for `-e`. */
  takeRest(): string | undefined {
    const rest = this.current.trim();
    this.current = '';
    this.state = 'code';
    return rest === '' ? undefined : rest;
  }
}

/** Splits a complete CQL text (a file, an `-e` argument); a last statement without `;` counts too. */
export function splitStatements(text: string): string[] {
  const splitter = new StatementSplitter();
  const statements = splitter.push(text);
  const rest = splitter.takeRest();
  return rest === undefined ? statements : [...statements, rest];
}
