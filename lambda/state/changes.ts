import type { TopicId } from '../content/types';
import { MAX_RECENT_TOPICS, type HistoryChange } from './history';

/**
 * The only ways a turn changes a listener's history. Each is a pure function so a store can re-apply it
 * to a fresher copy after a concurrent write.
 */

/** The listener heard `topic` at `depth` (0 = summary). Moves it to the newest end of `recent`. */
export function visitTopic(topic: TopicId, depth = 0): HistoryChange {
  return (history, now) => {
    const recent = [...history.recent.filter((entry) => entry.topic !== topic), { topic, at: now }].slice(-MAX_RECENT_TOPICS);
    const { routineStep: _dropped, ...rest } = history;
    return { ...rest, recent, lastTopic: topic, depth };
  };
}

/** The listener went one part deeper into the topic they are on (which also leaves the relief routine's steps). */
export function goDeeper(topic: TopicId, depth: number): HistoryChange {
  return (history) => {
    if (history.lastTopic === topic && history.depth >= depth && history.routineStep === undefined) return history;
    const { routineStep: _left, ...rest } = history;
    return { ...rest, lastTopic: topic, depth: Math.max(depth, history.lastTopic === topic ? history.depth : 0) };
  };
}

/** The relief routine is at `step` (also records the routine as a visited topic the first time). */
export function atRoutineStep(step: number): HistoryChange {
  return (history, now) => {
    const visited = history.lastTopic === 'RELIEF_ROUTINE' ? history : visitTopic('RELIEF_ROUTINE')(history, now);
    return { ...visited, routineStep: step };
  };
}

export function setSofter(softer: boolean): HistoryChange {
  return (history) => ({ ...history, prefs: { ...history.prefs, softer } });
}

export const markDisclaimerHeard: HistoryChange = (history) => (history.disclaimerHeard ? history : { ...history, disclaimerHeard: true });

/** The listener's stretch reminder is now the one with `alertToken` (undefined: they have none). */
export function setReminder(alertToken: string | undefined): HistoryChange {
  return (history) => {
    if (history.reminder === alertToken) return history;
    const { reminder: _replaced, ...rest } = history;
    return alertToken === undefined ? rest : { ...rest, reminder: alertToken };
  };
}

/** The device's time zone, as read at `at` (epoch ms). */
export function setTimeZone(zone: string, at: number): HistoryChange {
  return (history) => ({ ...history, timeZone: { zone, at } });
}
