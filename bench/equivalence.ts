/**
 * Both sides must answer every scripted request the same way: a faster side that says something else would
 * not be the same skill. Session attributes are left out of the comparison (they hold storage details).
 */
import { isDeepStrictEqual } from 'node:util';
import type { ResponseEnvelope } from 'ask-sdk-model';
import { comparable, SCRIPT } from './conversation';

/** Where two values first differ, as a JSON path with both values; '' when they are equal. */
export function firstDifference(a: unknown, b: unknown, where = '$'): string {
  if (isDeepStrictEqual(a, b)) return '';
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const diff = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${where}.${key}`);
      if (diff) return diff;
    }
  }
  return `${where}: ours ${JSON.stringify(a)?.slice(0, 300)} vs baseline ${JSON.stringify(b)?.slice(0, 300)}`;
}

/** Throws at the first turn the two sides answer differently; returns how many responses were compared. */
export function assertIdentical(label: string, ours: readonly ResponseEnvelope[], baseline: readonly ResponseEnvelope[]): number {
  if (ours.length !== baseline.length) throw new Error(`${label}: ${ours.length} vs ${baseline.length} responses`);
  ours.forEach((response, i) => {
    const diff = firstDifference(comparable(response), comparable(baseline[i]));
    if (diff) throw new Error(`${label}, turn ${i + 1} (${SCRIPT[i % SCRIPT.length]}): the two sides answer differently at ${diff}`);
  });
  return ours.length;
}
