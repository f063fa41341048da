/**
 * The Lambda entry point: the skill wired from the environment (lambda/wiring.ts, which the local hosts use too).
 * Everything here runs once per container (cold start); `handler` runs per request.
 */
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { METRIC } from './metric-names';
import { createMetrics } from './metrics';
import { wireSkill } from './wiring';

/** Powertools metrics: EMF lines on stdout, flushed by the skill once per invocation. */
const metrics = createMetrics();
const skill = wireSkill(process.env, metrics);
let coldStart = true;

/** Async, no callback: the nodejs24.x runtime rejects callback-style handlers. */
export async function handler(event: RequestEnvelope, context?: unknown): Promise<ResponseEnvelope> {
  if (coldStart) {
    // The container's first invocation: its metrics line says so.
    coldStart = false;
    metrics.record({ name: METRIC.coldStart, unit: 'Count', value: 1 });
  }
  return skill.invoke(event, context);
}
