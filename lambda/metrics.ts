import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { TopicId } from './content/types';
import { METRICS_NAMESPACE, METRICS_SERVICE, TOPIC_DIMENSION, type MetricName } from './metric-names';

/**
 * One data point. Dimensions are typed to what may be one: a topic id, never a user, device or session id,
 * nor anything the listener said.
 */
export interface MetricPoint {
  readonly name: MetricName;
  readonly unit: 'Count' | 'Milliseconds';
  readonly value: number;
  readonly topic?: TopicId;
}

/** Where the skill's metrics go: buildSkill's dependency; lambda/index.ts wires Powertools, tests a recording fake. */
export interface SkillMetrics {
  /** Keeps the points until the next flush (nothing is written or sent here). */
  record(...points: readonly MetricPoint[]): void;
  /** Writes what was recorded since the last flush; writes nothing when nothing was. Called once per invocation. */
  flush(): void;
}

/** For a skill built without metrics (tests that do not look at them). */
export const NO_METRICS: SkillMetrics = { record: () => undefined, flush: () => undefined };

/**
 * Powertools for AWS Lambda's metrics: CloudWatch embedded metric format, i.e. JSON log lines on stdout that
 * CloudWatch turns into metrics. No network call, nothing awaited. The points without a dimension go out as
 * one line (dimension `service`); each topic as its own line (dimensions `service`, `topic`), since every
 * metric of an EMF line takes every dimension of the line. POWERTOOLS_METRICS_DISABLED=true silences both.
 */
export function createMetrics(): SkillMetrics {
  const options = { namespace: METRICS_NAMESPACE, serviceName: METRICS_SERVICE };
  const turn = new Metrics(options);
  const byTopic = new Metrics(options);
  let perTopic: MetricPoint[] = [];
  return {
    record(...points) {
      for (const point of points) {
        if (point.topic) perTopic.push(point);
        else turn.addMetric(point.name, MetricUnit[point.unit], point.value);
      }
    },
    flush() {
      // publishStoredMetrics on an empty store would log a warning line: only publish what was recorded.
      if (turn.hasStoredMetrics()) turn.publishStoredMetrics();
      for (const topic of new Set(perTopic.map((point) => point.topic!))) {
        byTopic.addDimension(TOPIC_DIMENSION, topic);
        for (const point of perTopic.filter((p) => p.topic === topic)) byTopic.addMetric(point.name, MetricUnit[point.unit], point.value);
        byTopic.publishStoredMetrics();
      }
      perTopic = [];
    },
  };
}
