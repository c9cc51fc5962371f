// Compares a declared option with what the cluster reports, without false diffs: class names
// may be short or fully qualified, numbers come back as text in maps, `99PERCENTILE` is `99p`.

function normaliseScalar(value: unknown): string {
  let text = String(value).trim().toLowerCase();
  text = text.replace(/^(\d+(?:\.\d+)?)\s*percentile$/, '$1p');
  return text;
}

function sameClass(declared: unknown, live: unknown): boolean {
  const short = (v: unknown): string => String(v).split('.').pop()!.toLowerCase();
  return short(declared) === short(live);
}

/** True when the live value satisfies the declared one (maps: every declared key matches). */
export function optionMatches(declared: unknown, live: unknown): boolean {
  if (live === undefined || live === null) return false;
  if (typeof declared === 'object' && declared !== null) {
    if (typeof live !== 'object') return false;
    const liveMap = live as Record<string, unknown>;
    return Object.entries(declared as Record<string, unknown>).every(([k, v]) =>
      v === undefined || (k === 'class' ? sameClass(v, liveMap[k]) : liveMap[k] !== undefined && normaliseScalar(v) === normaliseScalar(liveMap[k])),
    );
  }
  if (typeof declared === 'number') return Number(live) === declared;
  if (typeof declared === 'boolean') return String(live).toLowerCase() === String(declared);
  return normaliseScalar(declared) === normaliseScalar(live);
}

// system_schema leaves these null while they hold their default (checked on Cassandra 5.0).
const NULL_MEANS: Readonly<Record<string, unknown>> = { cdc: false, incremental_backups: true, allow_auto_snapshot: true, memtable: 'default' };

/** Declared options whose live value differs, as `{ key: declared }`. */
export function changedOptions(
  declared: Readonly<Record<string, unknown>>,
  live: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const changed: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(declared)) {
    if (v !== undefined && !optionMatches(v, live[k] ?? NULL_MEANS[k])) changed[k] = v;
  }
  return changed;
}

/** True when the live replication map equals the declared one (strategy class short or qualified). */
export function replicationMatches(declared: Readonly<Record<string, string>>, live: Readonly<Record<string, string>>): boolean {
  const keys = new Set([...Object.keys(declared), ...Object.keys(live)]);
  for (const k of keys) {
    if (k === 'class') {
      if (!sameClass(declared[k], live[k])) return false;
    } else if (declared[k] !== live[k]) {
      return false;
    }
  }
  return true;
}
