// Timeuuid bounds for WHERE ranges: `minTimeuuid(?)`, `maxTimeuuid(?)` and `now()`, printed as the CQL
// functions themselves so Cassandra computes them exactly as it compares timeuuids.

/** A CQL function standing for a timeuuid in a restriction: `where('at', '>=', minTimeuuid(day))`. */
export class TimeuuidBound {
  private constructor(
    /** The CQL function. */
    readonly fn: 'minTimeuuid' | 'maxTimeuuid' | 'now',
    /** Its timestamp argument (none for `now()`). */
    readonly at: Date | undefined,
  ) {
    Object.freeze(this);
  }

  /** @internal */
  static of(fn: 'minTimeuuid' | 'maxTimeuuid' | 'now', at: Date | undefined): TimeuuidBound {
    return new TimeuuidBound(fn, at);
  }
}

/**
 * The smallest timeuuid of a moment: `at >= minTimeuuid(from)` starts a range at `from`.
 * @example events.find(q => q.where('userId', '=', id).where('at', '>=', minTimeuuid(from)).where('at', '<', maxTimeuuid(to)))
 * // ... WHERE user_id = ? AND at >= minTimeuuid(?) AND at < maxTimeuuid(?)
 */
export function minTimeuuid(at: Date): TimeuuidBound {
  return TimeuuidBound.of('minTimeuuid', at);
}

/** The largest timeuuid of a moment: `at <= maxTimeuuid(to)` ends a range at `to` inclusive. */
export function maxTimeuuid(at: Date): TimeuuidBound {
  return TimeuuidBound.of('maxTimeuuid', at);
}

/** `now()`: a new timeuuid of the coordinator's current time (`at < now()`). */
export function now(): TimeuuidBound {
  return TimeuuidBound.of('now', undefined);
}
