/**
 * Help first: pain or a cramp happening now is the relief routine, however it is said, when
 * - no intent is clearly meant ("gah thigh", "this cramp is killing me");
 * - a topic was chosen on none of its own words and not as a near paraphrase, or while the cramp is
 *   "this cramp" or "right now", or with relief closer still ("my toes are pointing down and it's very
 *   painful" is no sleep-position question; "would a warm bath help my legs" stays a treatment one);
 * - a step or menu word was chosen on only some of the words ("her quad's gone rock hard what do i get
 *   her to do" is not Next);
 * - one part of a longer request is that plea ("cramp in my foot right now and why does this keep
 *   happening": the routine first, the why afterwards).
 * The cues below tell a plea for help with a cramp happening now from a question about cramps; they work on
 * folded words (nlu/nlu-lexicon.ts).
 */
import { BUILT_IN_INTENTS, CUSTOM_INTENTS } from '../../lambda/intents';
import { VERBATIM } from '../decision-rule';
import { ANSWERS_KEPT, isCustomIntent, TOPIC_INTENTS } from '../intent-kinds';
import { CANONICAL, CRAMP_WORDS, words } from '../nlu-lexicon';
import type { Ranking } from '../scoring';
import type { SaysTopicWords } from '../vocabulary';
import type { Step } from './step';

/** A topic chosen this close to one of its samples (cosine) stands, whatever words it rests on. */
const NEAR_PARAPHRASE = 0.7;

export const helpFirst: Step = (reading, { ranking, canonical }, { saysTopicWords }) => ({ ...reading, intent: helpFirstIntent(reading.intent, ranking, canonical, saysTopicWords) });

/** The intent help first makes of `name`: the relief routine, or `name` as it was. */
export function helpFirstIntent(name: string, ranking: Ranking, canonical: string, saysTopicWords: SaysTopicWords): string {
  const chosen = ranking.candidates.find((c) => c.intent === name);
  const closest = chosen?.similarity ?? 0;
  // A sample said again is its own intent ("i woke up with a cramp after a long run" asks about running).
  if (name === CUSTOM_INTENTS.reliefRoutine || ANSWERS_KEPT.has(name) || closest >= VERBATIM) return name;
  if (pleadsInAnyClause(canonical) || asksWhatToDoForACramp(canonical)) return CUSTOM_INTENTS.reliefRoutine;
  if (!speaksOfDistress(canonical)) return name;
  const reliefCloser = (ranking.candidates.find((c) => c.intent === CUSTOM_INTENTS.reliefRoutine)?.similarity ?? 0) > closest;
  const unfoundedTopic = TOPIC_INTENTS.has(name) && (closest < NEAR_PARAPHRASE || speaksOfNow(canonical) || reliefCloser) && !saysTopicWords(name, canonical);
  const partialStep = !isCustomIntent(name) && (chosen?.coverage ?? 0) < 1;
  return name === BUILT_IN_INTENTS.fallback || unfoundedTopic || partialStep ? CUSTOM_INTENTS.reliefRoutine : name;
}

/**
 * Whether folded words speak of a cramp or pain in the listener's body now ("this cramp is killing me",
 * "gah thigh", "yeah me hamstring just went") and ask about no other topic (why, what causes, how to
 * prevent, a doctor, a treatment, how often). Pain comes first: `helpFirst` answers such words with the relief
 * routine when no intent is clearly meant, rather than Fallback's question.
 */
export function speaksOfDistress(canonical: string): boolean {
  const said = canonical.split(' ');
  if (said.some((word, i) => OTHER_TOPIC_CUES.has(word) || PROGRESS.has(word) || (word === 'not' && NOT_YET.has(said[i + 1] ?? '')))) return false;
  // "what is the remedy for this cramp i'm having just now" asks, but about the cramp happening now.
  if (asksAbout(said) && !speaksOfNow(canonical)) return false;
  if (said.some((word) => DISTRESS.has(word))) return true;
  return said.some((word, i) => (word === CANONICAL.body && i > 0 && OWNERS.has(said[i - 1]!)) || (CRAMP_WORDS.has(word) && said.includes(CANONICAL.body)) || (CRAMP_WORDS.has(word) && said.some((w) => NOW.has(w))));
}

/**
 * Whether folded words ask what to do, now, for a cramp by any of its names ("tell me what to do for the
 * cramp", "i think i'm getting a cramp quick what do i do", "charley horse what now"): a plea for relief,
 * unless they ask about another topic (why, preventing, a doctor, a treatment), a habit ("i keep getting")
 * or another time ("during the day").
 */
export function asksWhatToDoForACramp(canonical: string): boolean {
  const said = canonical.split(' ');
  // One cramp ("the cramp", "a charley horse"), not cramps in general ("to stop the night cramps").
  if (!said.some((word) => CRAMP_WORDS.has(word) || word === CANONICAL.seized)) return false;
  if (said.some((word) => OTHER_TOPIC_CUES.has(word) || HABITUAL.has(word) || PROGRESS.has(word) || LATER.has(word))) return false;
  return /\bwhat (?:do|should|can|shall|must) (?:i|we) do\b|\bwhat to do\b|\bwhat now\b|\bhow (?:do|can|should) (?:i|we) (?:stop|ease|fix|relieve|get rid of)\b|\bhow to (?:stop|ease|fix|relieve|get rid of)\b/.test(canonical);
}

/**
 * Whether one part of a longer request ("... and ...", "... also ...", "... but ...") is a plea for help with
 * a cramp now: it speaks of distress and of now or help ("thigh cramp right now also is it because i'm
 * getting old", "my hamstring's cramping help me and then tell me what causes it").
 */
export function pleadsInAnyClause(canonical: string): boolean {
  const clauses = canonical.split(/ (?:and then|and|also|but|plus|so|after) /);
  if (clauses.length < 2) return false;
  // The first part may plead without "now" ("cramp in me calf and i've been on the beers all night"),
  // unless it tells a habit ("i get cramp in my calf and ...").
  const first = clauses[0]!.split(' ');
  if (speaksOfDistress(clauses[0]!) && !first.some((w) => HABITUAL.has(w))) return true;
  return clauses.some((clause) => speaksOfDistress(clause) && (speaksOfNow(clause) || clause.split(' ').some((w) => URGENT.has(w))));
}

/**
 * Whether folded words put a cramp in this very moment: "this cramp", "right now", "just now", "at the
 * moment". Said with distress, they outweigh a topic's resemblance ("how do i get this cramp to let go" is
 * not prevention, however like "how do i get cramps to stop" it sounds).
 */
export function speaksOfNow(canonical: string): boolean {
  return /\bthis (?:cramp|cramping|charley|leg|muscle)\b|\b(?:right|just) now\b|\bat the moment\b|\bthis (?:minute|second|instant)\b/.test(canonical);
}

/**
 * A question about the cramp rather than a plea ("is the baby making my legs cramp", "what is a leg cramp
 * anyway", "i sleep with my toes pointed is that it"); a request put as a question ("can you help", "could
 * you do the stretches") is not one.
 */
function asksAbout(said: readonly string[]): boolean {
  const [first = '', second = ''] = said;
  if (QUESTION_OPENERS.has(first) && second !== 'you' && !(first === 'do' && IMPERATIVE_OBJECTS.has(second))) return true;
  if ((first === "what's" && DEFINED.has(second)) || (first === 'what' && DEFINING_VERBS.has(second))) return true;
  return said.some((word, i) => TAG_VERBS.has(word) && (said[i + 1] === 'that' || said[i + 1] === 'it') && i > 0);
}

const QUESTION_OPENERS = words('why when where which who is are was were does do did could would might may should will can has have');
/** "do something", "do the stretches with me": a request, not a question. */
const IMPERATIVE_OBJECTS = words('something anything the it this me my');
const DEFINING_VERBS = words('is are does makes causes happens');
/** "what's a cramp", "what's going on": but "what's the fastest way to get a cramp out" is a plea. */
const DEFINED = words('a an going happening behind causing this that');
/** "... is that it", "... could that be why", "... does that do it". */
const TAG_VERBS = words('is could does would can might');

/** Folded words that are a cramp or pain happening. */
const DISTRESS: ReadonlySet<string> = new Set([CANONICAL.seized, CANONICAL.pain, CANONICAL.exclamation]);
/** "my calf", "his leg", "ow thigh", "this calf": a body part of someone here. */
const OWNERS = words('my his her their our ow this');
/** Words that put a cramp in the here and now: "this cramp", "got a cramp", "cramp again". */
const NOW = words('this now got have having again woke woken just still tonight help back already fast fastest quick quickest quickly immediately');
/** A cramp that comes and goes, not one happening now. */
const HABITUAL = words('get gets getting keep keeps kept always often usually sometimes');
/** A plea within a longer request. */
const URGENT = words('now help got back again woke woken already');
/** Words of a routine under way ("not yet, still tight", "it's easing"): a step's answer, not a new cramp. */
const PROGRESS = words('easing eased easier better loosening loosened relaxing relaxed reducing subsiding fading ready done');
/** "not yet", "not ready", "not done": wait a moment (but "it's not letting go" is a plea). */
const NOT_YET = words('yet ready done finished');
/** Words that ask about something other than a cramp happening now. */
const OTHER_TOPIC_CUES = words(
  'why cause causes causing caused reason reasons because trigger triggers triggered prevent preventing prevention avoid avoiding ' +
    'last yesterday ago earlier see swollen swelling checked looked hospital clot ' +
    'doctor doctors gp physician serious worried worry worrying treat treated treatment treatments normal every always often usually ' +
    'future tomorrow',
);

/** Words of another time than now: "so my kid stops waking up with cramps", "during the day". */
const LATER = words('day days night nights bed bedtime happening waking forward again');

