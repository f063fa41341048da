import * as prompts from './content/prompts';
import { ROUTINE_STEPS } from './content/routine';
import type { Segment } from './content/ssml';
import { topic, CAUSE_TOPIC_IDS } from './content/topics';
import { TOPIC_IDS, type CauseId, type TopicId } from './content/types';
import { atRoutineStep, goDeeper, visitTopic } from './state/changes';
import { combineChanges, type HistoryChange, type UserHistory } from './state/history';
import type { Offer, SessionState } from './turn';

/**
 * The conversation's logic as pure functions from session state to a Reply. Handlers pick one; the
 * respond() step renders it. Keeping these pure makes every reply testable without ask-sdk.
 */
export interface Reply {
  readonly speech: readonly Segment[];
  /** The closing question and a reprompt that adds information. Without it the session ends. */
  readonly ask?: { readonly question: string; readonly reprompt: string };
  /** What "yes" means next turn. */
  readonly offer?: Offer;
  /** How this turn changes the listener's history (persisted once, after the reply is built). */
  readonly change?: HistoryChange;
  /** A first-time listener hears the disclaimer before this reply. */
  readonly disclaimer?: boolean;
}

const WHAT_NEXT = { question: prompts.WHAT_NEXT_QUESTION, reprompt: prompts.WHAT_NEXT_REPROMPT };

export function welcome(history: UserHistory): Reply {
  if (history.lastTopic) {
    return {
      speech: [prompts.welcomeBack(history.lastTopic)],
      ask: { question: prompts.RESUME_QUESTION, reprompt: prompts.resumeReprompt(history.lastTopic) },
      offer: { kind: 'resume', topic: history.lastTopic },
      disclaimer: true,
    };
  }
  return {
    speech: [history.disclaimerHeard ? prompts.WELCOME_BACK_PLAIN : prompts.WELCOME],
    ask: { question: prompts.WELCOME_QUESTION, reprompt: prompts.WELCOME_REPROMPT },
    offer: { kind: 'topic', topic: 'RELIEF_ROUTINE' },
    disclaimer: true,
  };
}

/** The first answer to any question about a topic: its summary, then an offer to go deeper. */
export function topicSummary(id: TopicId): Reply {
  if (id === 'RELIEF_ROUTINE') return startRoutine();
  return {
    speech: [topic(id).summary.text],
    ask: { question: prompts.MORE_QUESTION, reprompt: prompts.moreReprompt(id) },
    offer: { kind: 'more', topic: id },
    change: visitTopic(id, 0),
    disclaimer: true,
  };
}

/**
 * "Tell me more": the next deeper part of the last topic, offering the related topic after the last one; past
 * the end, that related topic itself (what was offered), never "that's everything" again.
 */
export function tellMeMore(history: UserHistory): Reply {
  const id = history.lastTopic;
  if (!id) return { speech: [prompts.NOTHING_TO_CONTINUE], ask: WHAT_NEXT };
  const current = topic(id);
  if (history.depth >= current.deeper.length) return topicSummary(current.related);
  const part = current.deeper[history.depth];
  const depth = history.depth + 1;
  const change = goDeeper(id, depth);
  if (depth < current.deeper.length) {
    return {
      speech: [part.text],
      ask: { question: prompts.MORE_QUESTION, reprompt: prompts.moreReprompt(id) },
      offer: { kind: 'more', topic: id },
      change,
      disclaimer: true,
    };
  }
  const related = current.related;
  return {
    speech: [part.text],
    ask: { question: prompts.offerTopicQuestion(related), reprompt: prompts.offerTopicReprompt(related) },
    offer: { kind: 'topic', topic: related },
    change,
    disclaimer: true,
  };
}

export type CauseRequest = { readonly status: 'match'; readonly cause: CauseId } | { readonly status: 'empty' | 'noMatch' };

export function causeDetail(request: CauseRequest): Reply {
  if (request.status === 'match') return topicSummary(request.cause);
  const lead = request.status === 'noMatch' ? [prompts.UNKNOWN_CAUSE] : [];
  return {
    speech: [...lead, prompts.causesList(CAUSE_TOPIC_IDS)],
    ask: { question: prompts.WHICH_CAUSE_QUESTION, reprompt: prompts.WHICH_CAUSE_REPROMPT },
    disclaimer: true,
  };
}

export function startRoutine(): Reply {
  return routineStep(0, combineChanges([visitTopic('RELIEF_ROUTINE'), atRoutineStep(0)]));
}

/** One step of the relief routine, with its timed pause, then an offer of the next step. */
/** `change` null: re-speak without touching history (repeat). */
export function routineStep(index: number, change: HistoryChange | null = atRoutineStep(index)): Reply {
  const last = ROUTINE_STEPS.length - 1;
  const i = Math.min(Math.max(0, index), last);
  const step = ROUTINE_STEPS[i];
  const speech: Segment[] = [`${prompts.routineStepLabel(i, ROUTINE_STEPS.length)} ${step.instruction.text}`];
  if (step.pauseSeconds > 0) speech.push({ pause: step.pauseSeconds });
  if (step.after) speech.push(step.after.text);
  if (i === last) return { speech: [...speech, prompts.ROUTINE_DONE], ...(change ? { change } : {}), disclaimer: true };
  return {
    speech,
    ask: { question: prompts.ROUTINE_NEXT_QUESTION, reprompt: prompts.routineNextReprompt(i + 1) },
    offer: { kind: 'routineNext' },
    ...(change ? { change } : {}),
    disclaimer: true,
  };
}

export function inRoutine(history: UserHistory): boolean {
  return history.lastTopic === 'RELIEF_ROUTINE' && history.routineStep !== undefined;
}

/** "Next": the next routine step, or else the natural next thing to hear. */
export function next(state: SessionState): Reply {
  const { history, offer } = state;
  if (inRoutine(history)) {
    const step = history.routineStep ?? 0;
    return step >= ROUTINE_STEPS.length - 1 ? { speech: [prompts.ROUTINE_DONE] } : routineStep(step + 1);
  }
  if (offer?.kind === 'topic') return topicSummary(offer.topic);
  return tellMeMore(history);
}

export function previous(history: UserHistory): Reply {
  if (inRoutine(history)) return routineStep((history.routineStep ?? 0) - 1);
  return repeat(history);
}

export function startOver(history: UserHistory): Reply {
  if (inRoutine(history)) return startRoutine();
  return history.lastTopic ? topicSummary(history.lastTopic) : welcome(history);
}

/** "Repeat": say the current content again, rebuilt from state (never replayed from session attributes). */
export function repeat(history: UserHistory): Reply {
  if (inRoutine(history)) return routineStep(history.routineStep ?? 0, null);
  const id = history.lastTopic;
  if (!id) return welcome(history);
  const { change: _unchanged, ...again } = history.depth === 0 ? topicSummary(id) : tellMeMore({ ...history, depth: history.depth - 1 });
  return again;
}

/** Picks up where the last session stopped. */
export function resume(history: UserHistory): Reply {
  if (inRoutine(history)) {
    const step = history.routineStep ?? 0;
    return step >= ROUTINE_STEPS.length - 1 ? startRoutine() : routineStep(step);
  }
  const id = history.lastTopic;
  if (!id) return welcome(history);
  return history.depth < topic(id).deeper.length ? tellMeMore(history) : topicSummary(id);
}

export function yes(state: SessionState): Reply {
  const offer = state.offer;
  switch (offer?.kind) {
    case 'more':
      return tellMeMore(state.history);
    case 'topic':
      return topicSummary(offer.topic);
    case 'resume':
      return resume(state.history);
    case 'routineNext':
      return next(state);
    default:
      return { speech: [prompts.YES_WITHOUT_OFFER], ask: WHAT_NEXT };
  }
}

export function no(state: SessionState): Reply {
  return { speech: [state.offer?.kind === 'forget' ? prompts.FORGET_KEPT : prompts.GOODBYE] };
}

/** "What did I ask last time?": the latest few topics (each once), then an offer of one not heard lately. */
export function recentTopics(history: UserHistory): Reply {
  const newestFirst = [...new Set([...history.recent].reverse().map((entry) => entry.topic))];
  if (newestFirst.length === 0) return { speech: [prompts.RECENT_NONE], ask: WHAT_NEXT };
  const next = firstNotHeard(newestFirst[0], new Set(newestFirst));
  return {
    speech: [prompts.recentList(newestFirst.slice(0, 3))],
    ask: { question: prompts.offerTopicQuestion(next), reprompt: prompts.offerTopicReprompt(next) },
    offer: { kind: 'topic', topic: next },
  };
}

/** The first topic along the offers (`related`) after `from` that is not in `heard`. */
function firstNotHeard(from: TopicId, heard: ReadonlySet<TopicId>): TopicId {
  let id = topic(from).related;
  for (let step = 0; step < TOPIC_IDS.length && heard.has(id); step++) id = topic(id).related;
  return heard.has(id) ? topic(from).related : id;
}

export function confirmForget(): Reply {
  return { speech: [], ask: { question: prompts.FORGET_QUESTION, reprompt: prompts.FORGET_REPROMPT }, offer: { kind: 'forget' } };
}

export function forgotten(succeeded: boolean): Reply {
  return { speech: [succeeded ? prompts.FORGET_DONE : prompts.FORGET_FAILED] };
}

export function voicePreference(softer: boolean, change: HistoryChange): Reply {
  return { speech: [softer ? prompts.SOFTER_ON : prompts.SOFTER_OFF], ask: WHAT_NEXT, change };
}

export function help(): Reply {
  return { speech: [prompts.HELP], ask: WHAT_NEXT };
}

export function fallback(): Reply {
  return { speech: [prompts.FALLBACK], ask: WHAT_NEXT };
}

export function goodbye(): Reply {
  return { speech: [prompts.GOODBYE] };
}

export function apology(): Reply {
  return { speech: [prompts.ERROR_APOLOGY], ask: WHAT_NEXT };
}
