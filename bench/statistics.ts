/** The median and range of a set of samples. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

function sorted(values: readonly number[]): number[] {
  if (values.length === 0) throw new Error('no samples');
  return [...values].sort((a, b) => a - b);
}

/** Percentile with linear interpolation between closest ranks (p in 0..100). */
export function percentile(values: readonly number[], p: number): number {
  const s = sorted(values);
  const rank = (p / 100) * (s.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return s[low] + (s[high] - s[low]) * (rank - low);
}

export function spread(values: readonly number[]): Spread {
  const s = sorted(values);
  return { median: percentile(s, 50), min: s[0], max: s[s.length - 1] };
}

/** ours / baseline; NaN when the baseline is 0, which the report shows as "–" rather than Infinity. */
export function ratio(ours: number, baseline: number): number {
  return baseline === 0 ? NaN : ours / baseline;
}
