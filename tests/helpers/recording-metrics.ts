import type { MetricPoint, SkillMetrics } from '../../lambda/metrics';

/** SkillMetrics that keeps what it was given: the points of each flush (one per invocation), in order. */
export class RecordingMetrics implements SkillMetrics {
  /** One entry per flush: the points recorded since the one before. */
  readonly flushes: MetricPoint[][] = [];
  private pending: MetricPoint[] = [];

  record(...points: readonly MetricPoint[]): void {
    this.pending.push(...points);
  }

  flush(): void {
    this.flushes.push(this.pending);
    this.pending = [];
  }

  /** The names of the last flush's points, in order (a topic point as `TopicAsked{topic=ID}`), latencies left out. */
  lastNames(): string[] {
    return names(this.flushes.at(-1) ?? []);
  }

  /** Every point ever recorded. */
  all(): MetricPoint[] {
    return [...this.flushes.flat(), ...this.pending];
  }
}

export function names(points: readonly MetricPoint[]): string[] {
  return points.filter((p) => p.unit === 'Count').map((p) => (p.topic ? `${p.name}{topic=${p.topic}}` : p.name));
}
