// A plain INSERT (no IF NOT EXISTS, TTL or TIMESTAMP) bound straight from an entity: the CQL once, and
// a function generated once per table and map mode that reads each column's property by its fixed name
// and returns the encoded values in bind order. What `insert()`, `save()` and a batch of inserts send.
import type { EntityMetadata } from '../metadata/entity-metadata.js';
import { insertSlots, missingKeyError, plainInsertText } from '../query/insert-query.js';
import type { Target } from '../query/nodes.js';
import { encoderFor, located, type Convert, type MapMode } from '../mapping/codec.js';

/** The statement of a plain INSERT (or INSERT ... IF NOT EXISTS) and the binding of its values. */
export interface InsertBinder {
  readonly cql: string;
  /**
   * The values of `entity` in bind order, encoded for the driver (`undefined` stays unset, `null` is
   * sent as null). Throws QueryBuildError, naming them, when primary key properties are missing, and
   * InvalidValueError, naming the property and column, for a value that does not fit its column.
   */
  readonly bind: (entity: Readonly<Record<string, unknown>>) => unknown[];
}

/**
 * The binder of plain INSERTs into `target` (with `ifNotExists`, of INSERT ... IF NOT EXISTS), or
 * undefined for a counter table (which cannot be INSERTed into: the general path throws the error).
 * `generate: false` builds the loop that stands in when code generation from strings is disabled (also
 * what the unit specs compare against).
 */
export function insertBinder(target: Target, mode: MapMode, generate = true, ifNotExists = false): InsertBinder | undefined {
  const meta = target.meta as EntityMetadata;
  if (meta.isCounterTable) return undefined;
  const cql = plainInsertText(target, ifNotExists);
  const props = meta.columns.map((c) => c.property);
  const keys = [...meta.partitionKeys, ...meta.clusteringKeys].map((c) => c.property);
  const encoders = meta.columns.map((c) => encoderFor(c.type, mode));
  const slots = insertSlots(meta);
  const fail = (entity: Readonly<Record<string, unknown>>): never => {
    throw missingKeyError(meta, entity);
  };
  const loop = (entity: Readonly<Record<string, unknown>>): unknown[] => {
    for (let i = 0; i < keys.length; i++) if (entity[keys[i]!] == null) fail(entity);
    const out = new Array<unknown>(props.length);
    let i = 0;
    try {
      for (; i < props.length; i++) {
        const v = entity[props[i]!];
        out[i] = v === undefined || v === null ? v : encoders[i]!(v);
      }
    } catch (error) {
      throw located(error, slots[i]);
    }
    return out;
  };
  if (generate) {
    const bind = generated(props, keys, encoders, fail, loop);
    if (bind !== undefined) return { cql, bind };
  }
  return { cql, bind: loop };
}

// One array literal of fixed-key reads: loads the inline caches keep monomorphic per entity class, where
// the loop's `entity[props[i]]` is a keyed load shared by every table. Undefined when the process
// disallows code generation from strings.
function generated(
  props: readonly string[],
  keys: readonly string[],
  encoders: readonly Convert[],
  fail: (entity: Readonly<Record<string, unknown>>) => never,
  loop: (entity: Readonly<Record<string, unknown>>) => unknown[],
): ((entity: Readonly<Record<string, unknown>>) => unknown[]) | undefined {
  // Every key and property name is JSON-quoted: no user value becomes code.
  const checks = keys.map((k) => `if (e[${JSON.stringify(k)}] == null) fail(e);`).join(' ');
  const values = props.map((p, i) => `(v = e[${JSON.stringify(p)}]) == null ? v : d${i}(v)`);
  const params = ['fail', 'loop', ...encoders.map((_e, i) => `d${i}`)];
  try {
    // A refusal is rare: the loop then binds the entity again, to name the column it came from.
    const body = `let v; ${checks} try { return [${values.join(', ')}]; } catch { return loop(e); }`;
    const factory = new Function(...params, `return function bind(e) { ${body} };`);
    return factory(fail, loop, ...encoders) as (entity: Readonly<Record<string, unknown>>) => unknown[];
  } catch {
    return undefined;
  }
}
