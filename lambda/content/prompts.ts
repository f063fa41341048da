import type { ArticleSection, CauseId, TopicId } from './types';
import { topic } from './topics';

/**
 * Everything the skill says that is not a topic or a routine step: greetings, offers, reprompts,
 * help and goodbyes. Facts stay in topics.ts and routine.ts; these lines only steer the conversation.
 */

export const SKILL_NAME = 'Leg Cramp Helper';

/** Our own framing, not a claim from the article (the content test exempts exactly this sentence). */
export const NOT_MEDICAL_ADVICE = 'A quick note: I share general information, not medical advice.';

/** Spoken once, the first time a listener uses the skill. Grounded in the article's own advice to consult a provider. */
export const DISCLAIMER = {
  text: `${NOT_MEDICAL_ADVICE} If you get frequent cramps, it is essential to see a healthcare provider.`,
  sections: ['Prevention and Treatment'] as readonly ArticleSection[],
};

export const WELCOME = "Hi. I'm here to help with leg cramps at night.";
export const WELCOME_BACK = 'Welcome back.';
/**
 * Every launch offers help with a cramp first, as a yes/no question: a sleepy "yes" starts the routine.
 * Picking up an earlier topic is a request the reprompt mentions, never an either/or question.
 */
export const RELIEF_OFFER_QUESTION = "If a cramp is happening now, say yes, and I'll walk you through easing it. Do you have a cramp right now?";
export const RELIEF_OFFER_REPROMPT =
  'Say yes for a few simple steps to ease a cramp, or ask something like: what causes leg cramps. Do you have a cramp right now?';
export const RELIEF_OFFER_REPROMPT_RETURNING =
  'Say yes for a few simple steps to ease a cramp. Or ask something like: what causes leg cramps, or say: continue where we left off. Do you have a cramp right now?';
/** "No" to the launch offer: the greeting had invited questions, so keep listening. */
export const RELIEF_DECLINED = 'Okay.';

export const MORE_QUESTION = 'Would you like to hear more?';
export function moreReprompt(about: TopicId): string {
  return `Say yes to hear more about ${topic(about).title}, or ask about something else, like how to stop a cramp. Would you like more?`;
}

export function offerTopicQuestion(next: TopicId): string {
  return `Would you like to hear about ${topic(next).title}?`;
}
export function offerTopicReprompt(next: TopicId): string {
  return `Say yes to hear about ${topic(next).title}, or no to finish. Would you like that?`;
}

export const NOTHING_TO_CONTINUE = "We haven't started a topic yet.";
export const NOTHING_TO_RESUME = "There's nothing to pick up from last time.";
export const WHAT_NEXT_QUESTION = 'What would you like to know?';
export const WHAT_NEXT_REPROMPT =
  'You can ask how to stop a cramp, what causes leg cramps, or how to prevent them. What would you like to know?';

export const WHICH_CAUSE_QUESTION = 'Which cause would you like to hear about?';
export const WHICH_CAUSE_REPROMPT = 'For example, say: dehydration, medications, or sleep position. Which cause would you like?';

/**
 * A cause the article does not cover, named as heard ("gout": already cleaned and capped by
 * slots.heardWords; SSML escaping is ssml.ts's), so the list of causes that follows is not taken for an answer.
 */
export function notCovered(heard: string): string {
  return `The article I draw on doesn't cover ${heard}.`;
}
/** What the article does cover, by the causes' titles: "It covers dehydration and electrolytes, ..., and age." */
export function coveredCauses(causes: readonly CauseId[]): string {
  return `The causes it covers are ${spokenList(causes.map((id) => topic(id).title))}.`;
}

export function routineStepLabel(index: number, total: number): string {
  return index === 0 ? `Let's ease this cramp. Step one of ${numberWord(total)}.` : `Step ${numberWord(index + 1)}.`;
}
export const ROUTINE_NEXT_QUESTION = 'Ready to go on?';
export function routineNextReprompt(nextIndex: number): string {
  return `Say next when you're ready for step ${numberWord(nextIndex + 1)}, or say wait if you need a moment. Ready to go on?`;
}
/** "Wait", "not yet", "hold on" mid-routine: a patient prompt, after a silence, and the step is kept. */
export const ROUTINE_WAIT = 'Take your time.';
export function routineWaitQuestion(nextIndex: number): string {
  return `Say next when you're ready. Shall we go on to step ${numberWord(nextIndex + 1)}?`;
}
export function routineWaitReprompt(nextIndex: number): string {
  return `I'm still here. Say next for step ${numberWord(nextIndex + 1)}, or repeat to hear the last step again. Shall we go on?`;
}
/** After a question asked mid-routine: the answer, then the way back to the step the listener left. */
export const ROUTINE_ASIDE_QUESTION = 'Shall we go back to the steps?';
export function routineAsideReprompt(stepIndex: number): string {
  return `Say yes to go back to step ${numberWord(stepIndex + 1)} of the routine, or ask me something else. Shall we go back to the steps?`;
}
export const ROUTINE_BACK = 'Back to the steps.';
/** "It still hurts", "it's not going away": first, that we heard it. */
export const PERSISTING_ACK = "I'm sorry it hasn't eased yet.";
export function routineRepeatQuestion(stepIndex: number): string {
  return `Shall I repeat step ${numberWord(stepIndex + 1)}?`;
}
export function routineRepeatReprompt(stepIndex: number): string {
  return `Say yes to hear step ${numberWord(stepIndex + 1)} again, or say next to go on. Shall I repeat it?`;
}
/** "It still hurts" just after the routine ended: offer the routine again, from the stretch. */
export const STRETCH_AGAIN_QUESTION = 'Shall we go through the stretch again?';
export const STRETCH_AGAIN_REPROMPT = "Say yes, and I'll start again from the stretch, or say no to finish. Shall we go through the stretch again?";
export const ROUTINE_DONE = "That's the whole routine. I hope you can rest now. Goodnight.";
export const ROUTINE_STOPPED = "Okay, I'll stop here. I hope the cramp eases soon. Goodnight.";

export const RECENT_NONE = "We haven't talked about anything yet.";
export function recentList(topics: readonly TopicId[]): string {
  return `Recently, you asked about ${spokenList(topics.map((id) => topic(id).title))}.`;
}

/** "a", "a and b", "a, b, and c". */
function spokenList(items: readonly string[]): string {
  return items.length <= 2 ? items.join(' and ') : `${items.slice(0, -1).join(', ')}, and ${items[items.length - 1]}`;
}

export const FORGET_QUESTION = 'Do you want me to delete everything I remember about what you have asked?';
export const FORGET_REPROMPT = 'Say yes to delete your history for good, or no to keep it. Shall I delete it?';
export const FORGET_DONE = "Done. I've forgotten your history. Goodnight.";
export const FORGET_KEPT = "Okay, I'll keep it. Goodnight.";
/** Mid-routine the cramp comes first: no goodbye, the way back to the steps follows. */
export const FORGET_KEPT_MID_ROUTINE = "Okay, I'll keep it.";
export const FORGET_FAILED = "Sorry, I couldn't delete your history just now. Please try again in a little while.";

export const SOFTER_ON = "Okay, I'll whisper from now on.";
export const SOFTER_OFF = "Okay, I'll use my normal soft voice.";

export const HELP =
  "I can walk you through a quick routine to ease a cramp, and explain what causes night-time leg cramps, how to treat and prevent them, and when to see a healthcare provider. If I'm too loud, say: speak softer.";
/** Added to help only when there is a topic to go deeper into. */
export const HELP_MORE = 'To go deeper into what we last talked about, say: tell me more.';

export const FALLBACK = "Sorry, I didn't catch that. I can help with leg cramps.";

export const YES_WITHOUT_OFFER = "I'm not sure what you're saying yes to.";

export const GOODBYE = 'Goodnight. I hope you rest well.';

export const ERROR_APOLOGY = 'Sorry, something went wrong on my side.';

function numberWord(n: number): string {
  const words = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
  return words[n] ?? String(n);
}
