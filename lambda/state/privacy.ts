import { HEALTH_CONDITION_TOPIC_IDS, type TopicId } from '../content/types';
import { MAX_RECENT_TOPICS, type UserHistory } from './history';

/**
 * Health-condition topics (content/types.ts) live in the session only. `storableHistory` is applied where a
 * history is encoded for the table and where a stored one is decoded (state/history-item.ts), so neither
 * store can write one and an item written before this rule is cleaned on its next write and never read
 * back. The session keeps what it heard (`withSessionOnlyTopics`), so "tell me more" still follows them.
 */

const HEALTH_CONDITION_TOPICS: ReadonlySet<TopicId> = new Set(HEALTH_CONDITION_TOPIC_IDS);

export function isHealthConditionTopic(topic: TopicId): boolean {
  return HEALTH_CONDITION_TOPICS.has(topic);
}

/** The part of a history that may be stored: no health-condition topic in `recent`, nor as the topic under way. */
export function storableHistory(history: UserHistory): UserHistory {
  const recent = history.recent.filter((entry) => !isHealthConditionTopic(entry.topic));
  const current = history.lastTopic;
  if (!current || !isHealthConditionTopic(current)) return recent.length === history.recent.length ? history : { ...history, recent };
  // Where "tell me more" continues is itself the topic, so it goes too (no routine step belongs to it).
  const { lastTopic: _private, routineStep: _none, ...rest } = history;
  return { ...rest, recent, depth: 0 };
}

/**
 * The session's history after a save: what the table now holds (`stored`, which may include another device's
 * turns) plus the health-condition topics this session heard and could not store.
 */
export function withSessionOnlyTopics(stored: UserHistory, session: UserHistory): UserHistory {
  const heard = session.recent.filter((entry) => isHealthConditionTopic(entry.topic));
  const current = session.lastTopic && isHealthConditionTopic(session.lastTopic) ? session.lastTopic : undefined;
  if (heard.length === 0 && !current) return stored;
  // (A store without a table hands the session's own history back: its health topics are already in `heard`.)
  const recent = [...storableHistory(stored).recent, ...heard].sort((a, b) => a.at - b.at).slice(-MAX_RECENT_TOPICS);
  if (!current) return { ...stored, recent };
  const { routineStep: _left, ...rest } = stored;
  return { ...rest, recent, lastTopic: current, depth: session.depth };
}
