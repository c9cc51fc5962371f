// A password held so that it cannot leak through a log line, JSON, `util.inspect` or a template string.

const INSPECT = Symbol.for('nodejs.util.inspect.custom');
const MASK = '[secret]';

/** A credential that prints as `[secret]` everywhere; only `reveal()` returns the value. */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
    Object.freeze(this);
  }

  /** The real value, for the one place that hands it to the driver. */
  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return MASK;
  }

  toJSON(): string {
    return MASK;
  }

  [INSPECT](): string {
    return MASK;
  }
}
