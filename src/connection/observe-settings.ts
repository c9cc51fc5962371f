// `ConnectionOptions.observe`: validated into ObserveSettings (the types live with the telemetry).
import { ConfigError } from '../errors.js';
import { DEFAULT_OBSERVE, type ObserveSettings } from '../observability/query-event.js';
import { expectBoolean, expectObject } from './check.js';

const OBSERVE_KEYS = ['onQuery', 'includeValues', 'slowQueryMs', 'tracing', 'metrics'] as const;

/** Validates `observe`; throws ConfigError naming the key. */
export function parseObserve(value: unknown, path: string): ObserveSettings {
  if (value === undefined) return DEFAULT_OBSERVE;
  const o = expectObject(value, path, OBSERVE_KEYS);
  const onQuery = o['onQuery'];
  if (onQuery !== undefined && typeof onQuery !== 'function') throw ConfigError.wrongType(`${path}.onQuery`, 'a function (event) => void', onQuery);
  const slow = o['slowQueryMs'];
  if (slow !== undefined && (typeof slow !== 'number' || !Number.isFinite(slow) || slow < 0)) {
    throw ConfigError.wrongType(`${path}.slowQueryMs`, 'a number of milliseconds >= 0', slow);
  }
  const flag = (key: string, fallback: boolean): boolean => (o[key] === undefined ? fallback : expectBoolean(o[key], `${path}.${key}`));
  return Object.freeze({
    onQuery: onQuery as ObserveSettings['onQuery'],
    includeValues: flag('includeValues', false),
    slowQueryMs: slow as number | undefined,
    tracing: flag('tracing', true),
    metrics: flag('metrics', true),
  });
}
