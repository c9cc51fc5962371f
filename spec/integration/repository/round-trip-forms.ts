// Text forms of the CQL values the round trip writes as strings (date, time, decimal, duration, inet,
// uuid): how to write each in the forms a user may use, and how to read each back to a comparable
// value. Parsed and printed here from the formats' own definitions, not with the library's or the
// driver's code, so the test does not grade the code by itself.

// date and time -------------------------------------------------------------------------------

const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' of a day number (years before 0 with a '-', years past 9999 with more digits, as the driver prints). */
export function dayText(days: number): string {
  const d = new Date(days * DAY_MS);
  const y = d.getUTCFullYear();
  const p = (n: number, w: number): string => String(Math.abs(n)).padStart(w, '0');
  return `${y < 0 ? '-' : ''}${p(y, 4)}-${p(d.getUTCMonth() + 1, 2)}-${p(d.getUTCDate(), 2)}`;
}

/** A time of day in text: the documented 'HH:MM:SS.nnnnnnnnn', or the shorter forms the driver also takes. */
export function timeText(nanos: number, digits: 0 | 3 | 9): string {
  const secs = Math.floor(nanos / 1e9);
  const p = (n: number): string => String(n).padStart(2, '0');
  const base = `${p(Math.floor(secs / 3600))}:${p(Math.floor(secs / 60) % 60)}:${p(secs % 60)}`;
  return digits === 0 ? base : `${base}.${String(nanos % 1e9).padStart(9, '0').slice(0, digits)}`;
}

/** Nanoseconds of the day of 'HH:MM:SS[.f]' (1 to 9 fraction digits), or undefined. */
export function timeNanos(text: string): bigint | undefined {
  const m = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/.exec(text);
  if (m === null || Number(m[1]) > 23 || Number(m[2]) > 59 || Number(m[3]) > 59) return undefined;
  return (BigInt(m[1]!) * 3600n + BigInt(m[2]!) * 60n + BigInt(m[3]!)) * 1_000_000_000n + BigInt((m[4] ?? '').padEnd(9, '0'));
}

// decimal -------------------------------------------------------------------------------------

/** Decimal text: sign, digits, an optional fraction and an optional exponent (what Java's BigDecimal(String) takes). */
export const DECIMAL_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** The unscaled value and scale of decimal text (plain or scientific), as Java's BigDecimal(String) reads it. */
export function decimalParts(text: string): { unscaled: bigint; scale: number } {
  const m = DECIMAL_TEXT.exec(text);
  if (m === null || `${m[2]}${m[3] ?? ''}` === '') throw new Error(`not decimal text: ${text}`);
  return { unscaled: BigInt(`${m[1] === '-' ? '-' : ''}${m[2]}${m[3] ?? ''}`), scale: (m[3] ?? '').length - Number(m[4] ?? '0') };
}

/**
 * Java's BigDecimal.toString() (what the README promises and cqlsh prints): plain digits when the scale
 * is not negative and the adjusted exponent is at least -6, otherwise one digit, the rest after a
 * point, and 'E' with a signed adjusted exponent. Written here from the Java documentation.
 */
export function javaDecimalText({ unscaled, scale }: { unscaled: bigint; scale: number }): string {
  const digits = (unscaled < 0n ? -unscaled : unscaled).toString();
  const adjusted = -scale + (digits.length - 1);
  let body: string;
  if (scale >= 0 && adjusted >= -6) {
    if (scale === 0) body = digits;
    else if (digits.length > scale) body = `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
    else body = `0.${'0'.repeat(scale - digits.length)}${digits}`;
  } else {
    body = `${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ''}E${adjusted >= 0 ? '+' : ''}${adjusted}`;
  }
  return `${unscaled < 0n ? '-' : ''}${body}`;
}

/** A decimal's numeric value (Cassandra compares decimals with compareTo: 1.0 and 1.00 are one set element). */
export function decimalIdentity(text: string): string {
  let { unscaled, scale } = decimalParts(text);
  if (unscaled === 0n) return '0';
  while (unscaled % 10n === 0n) {
    unscaled /= 10n;
    scale -= 1;
  }
  return `${unscaled}e${-scale}`;
}

// duration ------------------------------------------------------------------------------------

/** A duration as Cassandra stores it: months, days and nanoseconds, all of one sign. */
export interface DurationParts {
  months: bigint;
  days: bigint;
  nanos: bigint;
}

const NANOS: Readonly<Record<string, bigint>> = { h: 3_600_000_000_000n, m: 60_000_000_000n, s: 1_000_000_000n, ms: 1_000_000n, us: 1000n, µs: 1000n, ns: 1n };

/** Text of a duration in one of the forms the driver parses: units ('1y2mo3w4d5h6m7s8ms9us10ns'), ISO 8601 ('P1Y2M3DT4H5M6S', 'P3W'). */
export function durationText(p: DurationParts, negative: boolean, style: { years: boolean; weeks: boolean; nanoUnits: boolean; micro: 'us' | 'µs'; iso: boolean }): string {
  const sign = negative ? '-' : '';
  const wholeSeconds = p.nanos % 1_000_000_000n === 0n;
  if (style.iso && p.months === 0n && p.nanos === 0n && p.days % 7n === 0n && p.days > 0n && style.weeks) return `${sign}P${p.days / 7n}W`;
  if (style.iso && wholeSeconds) {
    const secs = p.nanos / 1_000_000_000n;
    const date = `${p.months / 12n > 0n ? `${p.months / 12n}Y` : ''}${p.months % 12n > 0n ? `${p.months % 12n}M` : ''}${p.days > 0n ? `${p.days}D` : ''}`;
    const hms = [[secs / 3600n, 'H'], [(secs / 60n) % 60n, 'M'], [secs % 60n, 'S']] as const;
    const time = hms.filter(([n]) => n > 0n).map(([n, u]) => `${n}${u}`).join('');
    return date === '' && time === '' ? `${sign}P0D` : `${sign}P${date}${time === '' ? '' : `T${time}`}`;
  }
  const parts: string[] = [];
  const unit = (n: bigint, u: string): void => {
    if (n > 0n) parts.push(`${n}${u}`);
  };
  if (style.years) {
    unit(p.months / 12n, 'y');
    unit(p.months % 12n, 'mo');
  } else unit(p.months, 'mo');
  if (style.weeks) {
    unit(p.days / 7n, 'w');
    unit(p.days % 7n, 'd');
  } else unit(p.days, 'd');
  if (style.nanoUnits) {
    let rest = p.nanos;
    for (const u of ['h', 'm', 's', 'ms', style.micro, 'ns']) {
      unit(rest / NANOS[u]!, u);
      rest %= NANOS[u]!;
    }
  } else unit(p.nanos, 'ns');
  return `${sign}${parts.length === 0 ? '0s' : parts.join('')}`;
}

/** Months, days and nanoseconds of duration text in the forms durationText writes (parsed here, not by the driver). */
export function durationOfWritten(text: string): DurationParts {
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text;
  const p: DurationParts = { months: 0n, days: 0n, nanos: 0n };
  const iso = /^P(?:(\d+)W|(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?)$/.exec(body);
  if (iso !== null) {
    const n = (i: number): bigint => BigInt(iso[i] ?? '0');
    p.days = n(1) * 7n + n(4);
    p.months = n(2) * 12n + n(3);
    p.nanos = ((n(5) * 60n + n(6)) * 60n + n(7)) * 1_000_000_000n;
  } else {
    if (!/^(?:\d+(?:mo|ms|us|µs|ns|y|w|d|h|m|s))+$/.test(body)) throw new Error(`not duration text: ${text}`);
    for (const [, digits, u] of body.matchAll(/(\d+)(mo|ms|us|µs|ns|y|w|d|h|m|s)/g)) {
      const n = BigInt(digits!);
      if (u === 'y') p.months += n * 12n;
      else if (u === 'mo') p.months += n;
      else if (u === 'w') p.days += n * 7n;
      else if (u === 'd') p.days += n;
      else p.nanos += n * NANOS[u!]!;
    }
  }
  return negative ? { months: -p.months, days: -p.days, nanos: -p.nanos } : p;
}

/** The form the README documents for a duration read back: '[-]NyNmoNdNhNmNsNmsNusNns', zero parts left out, at least one part. */
const DURATION_READ = /^(-?)(?:(\d+)y)?(?:(\d+)mo)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?(?:(\d+)us)?(?:(\d+)ns)?$/;

/** Months, days and nanoseconds of duration text read back, or undefined when it is not in the documented form. */
export function durationOfRead(text: string): DurationParts | undefined {
  const m = DURATION_READ.exec(text);
  if (m === null || m.slice(2).every((x) => x === undefined)) return undefined;
  const n = (i: number): bigint => BigInt(m[i] ?? '0');
  const nanos = n(5) * NANOS['h']! + n(6) * NANOS['m']! + n(7) * NANOS['s']! + n(8) * NANOS['ms']! + n(9) * NANOS['us']! + n(10);
  const p = { months: n(2) * 12n + n(3), days: n(4), nanos };
  return m[1] === '-' ? { months: -p.months, days: -p.days, nanos: -p.nanos } : p;
}

/** A duration's comparable form. */
export const durationKey = (p: DurationParts): string => `${p.months}mo ${p.days}d ${p.nanos}ns`;

// inet ----------------------------------------------------------------------------------------

/** The address bytes of IPv4 ('a.b.c.d') or IPv6 text (RFC 4291: '::' once, an embedded IPv4 last), or undefined. */
export function inetBytes(text: string): string | undefined {
  const v4 = (t: string): number[] | undefined => {
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(t);
    const bytes = m?.slice(1).map(Number);
    return bytes !== undefined && bytes.every((b) => b <= 255) ? bytes : undefined;
  };
  const four = v4(text);
  if (four !== undefined) return `v4 ${Buffer.from(four).toString('hex')}`;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (t: string): number[] | undefined => {
    if (t === '') return [];
    const out: number[] = [];
    const items = t.split(':');
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      const embedded = i === items.length - 1 && item.includes('.') ? v4(item) : undefined;
      if (embedded !== undefined) out.push((embedded[0]! << 8) | embedded[1]!, (embedded[2]! << 8) | embedded[3]!);
      else if (/^[0-9a-fA-F]{1,4}$/.test(item)) out.push(parseInt(item, 16));
      else return undefined;
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (head === undefined || tail === undefined) return undefined;
  const fill = 8 - head.length - tail.length;
  if (halves.length === 2 ? fill < 1 : fill !== 0) return undefined;
  const all = [...head, ...new Array<number>(fill).fill(0), ...tail];
  return `v6 ${all.map((g) => g.toString(16).padStart(4, '0')).join('')}`;
}

/** IPv6 text of eight groups: minimal or zero-padded groups, optionally one zero run (any, not only the longest) as '::', optionally upper case. */
export function ipv6Text(groups: number[], style: { pad: boolean; upper: boolean; compress: number | undefined }): string {
  const hex = groups.map((g) => g.toString(16).padStart(style.pad ? 4 : 1, '0'));
  let text = hex.join(':');
  if (style.compress !== undefined) {
    const runs: [number, number][] = [];
    for (let i = 0; i < 8; i++) {
      if (groups[i] !== 0) continue;
      let j = i;
      while (j < 8 && groups[j] === 0) j++;
      runs.push([i, j]);
      i = j;
    }
    const run = runs[style.compress % Math.max(runs.length, 1)];
    if (run !== undefined) text = `${hex.slice(0, run[0]).join(':')}::${hex.slice(run[1]).join(':')}`;
  }
  return style.upper ? text.toUpperCase() : text;
}

// uuid ----------------------------------------------------------------------------------------

/** uuid text as the driver prints it: lower case, 8-4-4-4-12. */
export const UUID_READ = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
