import * as prompts from './content/prompts';
import { PERSISTING_ADVICE, ROUTINE_STEPS, stretchFor } from './content/routine';
import { MAX_BREAK_SECONDS, type Segment } from './content/ssml';
import { CAUSE_TOPIC_IDS, topic } from './content/topics';
import { TOPIC_IDS, type CauseId, type MuscleId, type TopicId } from './content/types';
import { atRoutineStep, goDeeper, visitTopic } from './state/changes';
import { BUILT_IN_INTENTS, CUSTOM_INTENTS } from './intents';
import { combineChanges, type HistoryChange, type UserHistory } from './state/history';
import { isHealthConditionTopic } from './state/privacy';
import type { Offer, RoutineMode, SessionState } from './turn';

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
  /** A first-time listener hears the disclaimer once, after this reply's content and before its question. */
  readonly disclaimer?: boolean;
  /**
   * The routine step this reply speaks, and the muscle it is fitted to (the routine is then under way), or
   * 'end' when the reply ends the routine. Absent: the routine mode, if any, carries on unchanged (a
   * question answered mid-routine).
   */
  readonly routine?: RoutineMode | 'end';
  /**
   * Ask for the reminders permission: by voice (Alexa's own consent question, after this reply's speech;
   * `token` comes back in the Connections.Response), or with a consent card in the Alexa app.
   */
  readonly permission?: { readonly ask: 'voice'; readonly token: string } | { readonly ask: 'card' };
  /** The question asks for this slot of this intent (Dialog.ElicitSlot): Alexa then hears the answer as it. */
  readonly elicit?: { readonly intent: string; readonly slot: string };
  /** What the reply is about, for the screen's heading (lambda/screen.ts): the routine step it speaks or the topic it tells. */
  readonly about?: { readonly step: number } | { readonly topic: TopicId };
}

export const WHAT_NEXT = { question: prompts.WHAT_NEXT_QUESTION, reprompt: prompts.WHAT_NEXT_REPROMPT };

/**
 * Pain first: whenever the skill does not know what the listener wants (launch, help, not understood,
 * a yes to nothing), it asks whether a cramp is happening now, and a yes starts the routine.
 */
const RELIEF_OFFER = {
  ask: { question: prompts.RELIEF_OFFER_QUESTION, reprompt: prompts.RELIEF_OFFER_REPROMPT },
  offer: { kind: 'relief' },
} as const satisfies Pick<Reply, 'ask' | 'offer'>;

/**
 * Every launch, new or returning listener, offers the relief routine first as a yes/no question. No
 * disclaimer here: help comes first, and the disclaimer follows the first real answer.
 */
export function welcome(history: UserHistory): Reply {
  const returning = history.disclaimerHeard || history.recent.length > 0;
  const reprompt = history.lastTopic ? prompts.RELIEF_OFFER_REPROMPT_RETURNING : prompts.RELIEF_OFFER_REPROMPT;
  return { speech: [returning ? prompts.WELCOME_BACK : prompts.WELCOME], ...RELIEF_OFFER, ask: { ...RELIEF_OFFER.ask, reprompt } };
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
    about: { topic: id },
  };
}

/**
 * "Tell me more": the next deeper part of the last topic, offering the related topic after the last one; past
 * the end, that related topic itself (what was offered), never "that's everything" again.
 */
export function tellMeMore(history: UserHistory): Reply {
  const id = history.lastTopic;
  if (!id) return { speech: [prompts.NOTHING_TO_CONTINUE], ...RELIEF_OFFER };
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
      about: { topic: id },
    };
  }
  const related = current.related;
  return {
    speech: [part.text],
    ask: { question: prompts.offerTopicQuestion(related), reprompt: prompts.offerTopicReprompt(related) },
    offer: { kind: 'topic', topic: related },
    change,
    disclaimer: true,
    about: { topic: id },
  };
}

/** A cause question's cause: one the article covers, none said, or words heard that name none it covers. */
export type CauseRequest =
  | { readonly status: 'match'; readonly cause: CauseId }
  | { readonly status: 'empty' }
  | { readonly status: 'noMatch'; readonly heard: string };

/**
 * A cause question gets that cause. One whose cause was not said was still about causes: it gets the
 * causes overview and which one to hear. One naming a cause the article does not cover ("can gout cause leg
 * cramps") is told so, by name, so the list that follows is not taken for an answer; then the causes the
 * article does cover, and which one to hear.
 */
export function causeDetail(request: CauseRequest): Reply {
  if (request.status === 'match') return topicSummary(request.cause);
  const ask = { question: prompts.WHICH_CAUSE_QUESTION, reprompt: prompts.WHICH_CAUSE_REPROMPT };
  if (request.status === 'noMatch') {
    return { speech: [prompts.notCovered(request.heard), prompts.coveredCauses(CAUSE_TOPIC_IDS)], ask, about: { topic: 'CAUSES' } };
  }
  return { speech: [topic('CAUSES').summary.text], ask, change: visitTopic('CAUSES', 0), disclaimer: true, about: { topic: 'CAUSES' } };
}

/** The relief routine from step one, fitted to the muscle when the listener said where the cramp is. */
export function startRoutine(muscle?: MuscleId): Reply {
  return routineStep({ step: 0, muscle }, combineChanges([visitTopic('RELIEF_ROUTINE'), atRoutineStep(0)]));
}

/**
 * One step of the relief routine: its instruction (step one fitted to the muscle, when known), then its
 * guide (timed silences and calm cues), then an offer of the next step. The last step ends the routine and
 * the session. `change` null: re-speak without touching history (repeat); `lead` is said before the step
 * ("Back to the steps.").
 */
export function routineStep(at: RoutineMode, change?: HistoryChange | null, lead: readonly string[] = []): Reply {
  const last = ROUTINE_STEPS.length - 1;
  const i = Math.min(Math.max(0, at.step), last);
  // The step stored is the step spoken: "previous" at step one stays at step one.
  if (change === undefined) change = atRoutineStep(i);
  const step = ROUTINE_STEPS[i]!;
  const instruction = i === 0 ? stretchFor(at.muscle) : step.instruction;
  const speech: Segment[] = [
    ...lead,
    `${prompts.routineStepLabel(i, ROUTINE_STEPS.length)} ${instruction.text}`,
    ...step.guide.map((beat) => ('pause' in beat ? beat : beat.text)),
  ];
  const recorded = change ? { change } : {};
  const about = { step: i };
  if (i === last) return { speech: [...speech, prompts.ROUTINE_DONE], ...recorded, disclaimer: true, routine: 'end', about };
  return {
    speech,
    ask: { question: prompts.ROUTINE_NEXT_QUESTION, reprompt: prompts.routineNextReprompt(i + 1) },
    offer: { kind: 'routineNext' },
    ...recorded,
    disclaimer: true,
    routine: at.muscle ? { step: i, muscle: at.muscle } : { step: i },
    about,
  };
}

/** How long after the routine began a cramp that "still hurts" is that routine's: then it is answered, not restarted. */
export const ROUTINE_JUST_DONE_MS = 30 * 60_000;

/**
 * "It's not going away", "it still hurts", "it's getting worse". While the routine is under way (see
 * routineModeReply) or just after it: acknowledge it, keep at the gentle stretch, heat or cold if to hand,
 * the article's word on cramps that persist, and an offer to repeat the current step (after the routine:
 * to go through the stretch again). With no routine just done, it is a plea for relief: the routine starts.
 */
export function crampPersists(history: UserHistory, now: number): Reply {
  const began = history.recent.find((entry) => entry.topic === 'RELIEF_ROUTINE')?.at;
  const justDone = history.lastTopic === 'RELIEF_ROUTINE' && began !== undefined && now - began >= 0 && now - began <= ROUTINE_JUST_DONE_MS;
  if (!justDone) return startRoutine();
  return {
    speech: persistingAdvice(),
    ask: { question: prompts.STRETCH_AGAIN_QUESTION, reprompt: prompts.STRETCH_AGAIN_REPROMPT },
    offer: { kind: 'relief' },
    about: { topic: 'RELIEF_ROUTINE' },
  };
}

function persistingAdvice(): Segment[] {
  return [prompts.PERSISTING_ACK, ...PERSISTING_ADVICE.map((passage) => passage.text)];
}

/** Mid-routine: the same advice, the step kept, and an offer to repeat it. */
function persistingInRoutine(at: RoutineMode): Reply {
  return {
    speech: persistingAdvice(),
    ask: { question: prompts.routineRepeatQuestion(at.step), reprompt: prompts.routineRepeatReprompt(at.step) },
    offer: { kind: 'routineRepeat' },
    routine: at,
    about: { step: at.step },
  };
}

/**
 * What the listener's words mean while the routine is under way. Alexa may resolve "go on", "okay",
 * "continue" or "done" to TellMeMore, Yes, Resume or Next: all of them move on. "Wait", "not yet", "no"
 * and anything not understood keep the step and wait patiently; stop ends kindly; "it still hurts" is
 * answered (persisting) and the step kept. After a question asked mid-routine (offer routineResume), a yes
 * goes back to the step the listener left; after "Shall I repeat step two?" (routineRepeat), a yes repeats it.
 * Asking for relief again, or naming where the cramp is ("it's my thigh"), starts again from step one,
 * fitted to that muscle.
 */
export type RoutineAction = 'advance' | 'wait' | 'back' | 'repeat' | 'previous' | 'restart' | 'persisting' | 'stop';

const ROUTINE_ACTIONS: Readonly<Record<string, RoutineAction>> = {
  [BUILT_IN_INTENTS.yes]: 'advance',
  [BUILT_IN_INTENTS.next]: 'advance',
  [CUSTOM_INTENTS.tellMeMore]: 'advance',
  [BUILT_IN_INTENTS.resume]: 'advance',
  [BUILT_IN_INTENTS.no]: 'wait',
  [BUILT_IN_INTENTS.pause]: 'wait',
  [BUILT_IN_INTENTS.fallback]: 'wait',
  [BUILT_IN_INTENTS.repeat]: 'repeat',
  [BUILT_IN_INTENTS.previous]: 'previous',
  [BUILT_IN_INTENTS.startOver]: 'restart',
  [CUSTOM_INTENTS.reliefRoutine]: 'restart',
  [CUSTOM_INTENTS.crampPersists]: 'persisting',
  [BUILT_IN_INTENTS.stop]: 'stop',
  [BUILT_IN_INTENTS.cancel]: 'stop',
  [BUILT_IN_INTENTS.navigateHome]: 'stop',
};

/** After a question answered mid-routine, "yes", "go on" and "repeat" mean: back to the step I left. */
const AFTER_ASIDE: Readonly<Record<string, RoutineAction>> = {
  ...ROUTINE_ACTIONS,
  [BUILT_IN_INTENTS.yes]: 'back',
  [CUSTOM_INTENTS.tellMeMore]: 'back',
  [BUILT_IN_INTENTS.resume]: 'back',
  [BUILT_IN_INTENTS.repeat]: 'back',
};

/** After "Shall I repeat step two?" (the cramp was not easing), "yes" and "go on" mean: that step again. */
const AFTER_REPEAT_OFFER: Readonly<Record<string, RoutineAction>> = {
  ...ROUTINE_ACTIONS,
  [BUILT_IN_INTENTS.yes]: 'repeat',
  [BUILT_IN_INTENTS.resume]: 'repeat',
};

const ACTIONS_AFTER: Readonly<Partial<Record<Offer['kind'], Readonly<Record<string, RoutineAction>>>>> = {
  routineNext: ROUTINE_ACTIONS,
  routineResume: AFTER_ASIDE,
  routineRepeat: AFTER_REPEAT_OFFER,
};

/** Intents the routine mode answers itself (for the handler's declared intents). */
export const ROUTINE_MODE_INTENTS: readonly string[] = Object.keys(ROUTINE_ACTIONS);

/** What else the listener said with the intent: where the cramp is ("it's my thigh"). */
export interface Said {
  readonly muscle?: MuscleId;
}

/**
 * The one place where the routine's context is decided: the reply to `intent` while the routine is under
 * way, or undefined when the routine is not under way (or the intent is a question, answered as usual
 * and then steered back by `inContext`).
 */
export function routineModeReply(intent: string, state: SessionState, said: Said = {}): Reply | undefined {
  const routine = state.routine;
  const actions = state.offer ? ACTIONS_AFTER[state.offer.kind] : undefined;
  if (!routine || !actions) return undefined;
  const action = actions[intent];
  return action ? routineAction(action, routine, said) : undefined;
}

function routineAction(action: RoutineAction, at: RoutineMode, said: Said): Reply {
  const { step, muscle } = at;
  switch (action) {
    case 'advance':
      return routineStep({ step: step + 1, muscle });
    case 'wait':
      return routineWait(at);
    case 'back':
      return routineStep(at, null, [prompts.ROUTINE_BACK]);
    case 'repeat':
      return routineStep(at, null);
    case 'previous':
      return routineStep({ step: step - 1, muscle });
    case 'restart':
      return startRoutine(said.muscle ?? muscle);
    case 'persisting':
      return persistingInRoutine(at);
    case 'stop':
      return { speech: [prompts.ROUTINE_STOPPED], routine: 'end' };
  }
}

/** A patient prompt after a silence; the step stays where it was, and "next" goes on from there. */
function routineWait(at: RoutineMode): Reply {
  return {
    speech: [prompts.ROUTINE_WAIT, { pause: MAX_BREAK_SECONDS }],
    ask: { question: prompts.routineWaitQuestion(at.step + 1), reprompt: prompts.routineWaitReprompt(at.step + 1) },
    offer: { kind: 'routineNext' },
    routine: at,
    about: { step: at.step },
  };
}

/**
 * A reply to a question asked while the routine is under way keeps its answer but closes with the way back
 * to the steps ("Shall we go back to the steps?"), so the routine is never lost. Replies that end the
 * session, routine replies, and the forget confirmation are left as they are.
 */
export function inContext(reply: Reply, state: SessionState): Reply {
  if (!state.routine || reply.routine !== undefined || !reply.ask || reply.elicit) return reply;
  // Questions whose yes or no means something of their own keep it.
  if (reply.offer?.kind === 'forget' || reply.offer?.kind === 'reminderEvening') return reply;
  return {
    ...reply,
    ask: { question: prompts.ROUTINE_ASIDE_QUESTION, reprompt: prompts.routineAsideReprompt(state.routine.step) },
    offer: { kind: 'routineResume' },
  };
}

/** "Next" outside the routine: the offered topic, or the next part of the current one. */
export function next(state: SessionState): Reply {
  const { history, offer } = state;
  if (offer?.kind === 'topic') return topicSummary(offer.topic);
  if (offer?.kind === 'relief') return startRoutine();
  return tellMeMore(history);
}

export function previous(history: UserHistory): Reply {
  return repeat(history);
}

export function startOver(history: UserHistory): Reply {
  return history.lastTopic ? topicSummary(history.lastTopic) : welcome(history);
}

/** "Repeat": say the current content again, rebuilt from state (never replayed from session attributes). */
export function repeat(history: UserHistory): Reply {
  const id = history.lastTopic;
  if (!id) return welcome(history);
  const { change: _unchanged, ...again } = history.depth === 0 ? topicSummary(id) : tellMeMore({ ...history, depth: history.depth - 1 });
  return again;
}

/**
 * "Continue where we left off": the next part of the last topic. The routine starts again from step one
 * (a cramp on another night is a new cramp).
 */
export function resume(history: UserHistory): Reply {
  const id = history.lastTopic;
  if (!id) return { speech: [prompts.NOTHING_TO_RESUME], ...RELIEF_OFFER };
  if (id === 'RELIEF_ROUTINE') return startRoutine();
  return history.depth < topic(id).deeper.length ? tellMeMore(history) : topicSummary(id);
}

export function yes(state: SessionState): Reply {
  const offer = state.offer;
  switch (offer?.kind) {
    case 'more':
      return tellMeMore(state.history);
    case 'topic':
      return topicSummary(offer.topic);
    case 'relief':
      return startRoutine();
    case 'routineNext':
    case 'routineResume':
    case 'routineRepeat':
      // Only reached without a routine under way (routineModeReply answers these otherwise).
      return startRoutine();
    default:
      return { speech: [prompts.YES_WITHOUT_OFFER], ...RELIEF_OFFER };
  }
}

export function no(state: SessionState): Reply {
  switch (state.offer?.kind) {
    case 'forget':
      // Asked mid-routine, the no keeps the session for the steps (inContext adds the way back).
      return state.routine ? { speech: [prompts.FORGET_KEPT_MID_ROUTINE], ask: WHAT_NEXT } : { speech: [prompts.FORGET_KEPT] };
    case 'relief':
      // The greeting had just invited questions: keep listening.
      return { speech: [prompts.RELIEF_DECLINED], ask: WHAT_NEXT };
    default:
      return { speech: [prompts.GOODBYE] };
  }
}

/** "Wait" or "hold on" outside the routine: a silence, then the offer of help with a cramp. */
export function wait(): Reply {
  return { speech: [prompts.ROUTINE_WAIT, { pause: MAX_BREAK_SECONDS }], ...RELIEF_OFFER };
}

/** "What did I ask last time?": the latest few topics (each once), then an offer of one not heard lately. */
export function recentTopics(history: UserHistory): Reply {
  const newestFirst = [...new Set([...history.recent].reverse().map((entry) => entry.topic))];
  if (newestFirst.length === 0) return { speech: [prompts.RECENT_NONE], ...RELIEF_OFFER };
  const next = firstNotHeard(newestFirst[0], new Set(newestFirst));
  return {
    speech: [prompts.recentList(newestFirst.slice(0, 3))],
    ask: { question: prompts.offerTopicQuestion(next), reprompt: prompts.offerTopicReprompt(next) },
    offer: { kind: 'topic', topic: next },
  };
}

/**
 * The first topic along the offers (`related`) after `from` that is not in `heard`. Never a health-condition
 * topic: this offer is built from the stored history, and may be heard by anyone in the home.
 */
function firstNotHeard(from: TopicId, heard: ReadonlySet<TopicId>): TopicId {
  const skip = (id: TopicId) => heard.has(id) || isHealthConditionTopic(id);
  let id = topic(from).related;
  for (let step = 0; step < TOPIC_IDS.length && skip(id); step++) id = topic(id).related;
  return skip(id) ? 'PREVENTION' : id;
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

export function help(history: UserHistory): Reply {
  return { speech: history.lastTopic ? [prompts.HELP, prompts.HELP_MORE] : [prompts.HELP], ...RELIEF_OFFER };
}

export function fallback(): Reply {
  return { speech: [prompts.FALLBACK], ...RELIEF_OFFER };
}

export function goodbye(): Reply {
  return { speech: [prompts.GOODBYE] };
}

export function apology(): Reply {
  return { speech: [prompts.ERROR_APOLOGY], ask: WHAT_NEXT };
}
