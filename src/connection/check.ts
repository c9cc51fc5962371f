// Small validators shared by the native settings and the DATABASES adapter: each names the key path.
import { ConfigError } from '../errors.js';

/** A plain object (`{...}` or `Object.create(null)`), not an array, class instance or null. */
export function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Checks that `value` is a plain object and has only `allowed` keys. */
export function expectObject(value: unknown, path: string, allowed?: readonly string[]): Readonly<Record<string, unknown>> {
  if (!isPlainObject(value)) throw ConfigError.wrongType(path, 'an object', value);
  if (allowed !== undefined) {
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) throw ConfigError.unknownKey(`${path}.${key}`, allowed);
    }
  }
  return value;
}

/** A non-empty string. */
export function expectString(value: unknown, path: string): string {
  if (typeof value !== 'string') throw ConfigError.wrongType(path, 'a string', value);
  if (value.trim() === '') throw new ConfigError('must not be empty', path);
  return value;
}

/** A boolean. */
export function expectBoolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') throw ConfigError.wrongType(path, 'a boolean', value);
  return value;
}

/** An integer in [min, max]. */
export function expectInteger(value: unknown, path: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw ConfigError.wrongType(path, 'an integer', value);
  if (value < min || value > max) throw new ConfigError(`must be between ${min} and ${max}, got ${value}`, path);
  return value;
}

/** A finite number > 0. */
export function expectPositiveNumber(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw ConfigError.wrongType(path, 'a number', value);
  if (value <= 0) throw new ConfigError(`must be greater than 0, got ${value}`, path);
  return value;
}

