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

/** P(B ≤ k) for B ~ Binomial(n, 1/2), in log space so that large n do not underflow. */
export function binomialHalfCdf(k: number, n: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  let logTerm = -n * Math.LN2; // log C(n, 0) / 2^n
  let sum = Math.exp(logTerm);
  for (let i = 1; i <= k; i++) {
    logTerm += Math.log(n - i + 1) - Math.log(i);
    sum += Math.exp(logTerm);
  }
  return Math.min(1, sum);
}

/**
 * A distribution-free confidence interval for the median of `values` (independent draws assumed):
 * the k-th lowest and k-th highest value, with the largest k whose coverage, 1 − 2·P(B ≤ k − 1) for
 * B ~ Binomial(n, 1/2), is still at least `confidence`. Undefined when there are too few values to
 * reach that confidence at all (fewer than 6 for 95%).
 */
export function medianInterval(values: readonly number[], confidence = 0.95): { lo: number; hi: number } | undefined {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  let k = 0;
  while (k + 1 <= n - k && 1 - 2 * binomialHalfCdf(k, n) >= confidence) k++;
  if (k === 0) return undefined;
  return { lo: sorted[k - 1] as number, hi: sorted[n - k] as number };
}
