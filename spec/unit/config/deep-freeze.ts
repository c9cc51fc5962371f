// Deep-freezes plain objects and arrays (not class instances such as auth providers), so any mutation
// of a user's configuration throws in strict mode.
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    const proto: unknown = Object.getPrototypeOf(value);
    if (Array.isArray(value) || proto === Object.prototype || proto === null) {
      for (const child of Object.values(value)) deepFreeze(child);
      Object.freeze(value);
    }
  }
  return value;
}

/** A structural copy to compare against after use (functions and instances kept by reference). */
export function snapshot<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => snapshot(v)) as T;
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, snapshot(v)])) as T;
  }
  return value;
}
