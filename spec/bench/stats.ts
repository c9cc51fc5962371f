// Order statistics for the report: medians across rounds, percentiles within a round.

/** The p-th percentile (0..100) by nearest rank of an ascending-sorted array; NaN when empty. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

/** The median of any numbers (mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const mid = Math.floor(n / 2);
  return n % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Half the min–max range as a percentage of the median: how far the rounds strayed. */
export function spreadPercent(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const m = median(values);
  return m === 0 ? 0 : ((Math.max(...values) - Math.min(...values)) / 2 / m) * 100;
}
