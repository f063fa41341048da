/**
 * "Can gout cause leg cramps?": a question whether something causes cramps, whatever that something is.
 * Alexa fills a slot with words said in a slot sample's place even when they match no value, and the skill
 * then says the article does not cover them. The local NLU's classifier, trained on the article's causes,
 * takes such a question for the causes overview or for nothing; this finds the "something" instead.
 *
 * Pure: words in, the words said in the cause's place out (or undefined). Whether those words name a cause
 * the article covers is the caller's to decide.
 */

const CRAMP = String.raw`(?:(?:leg|legs|night|nighttime|calf|foot|feet|thigh|muscle|bad|these|the|my|her|his|those) )*(?:cramps?|cramping|charley horses?|spasms?)`;
const ASKING = String.raw`(?:can|could|does|do|did|might|may|will|would|is|are|was|were)`;
const CAUSING = String.raw`(?:cause|causes|causing|caused|give|gives|giving|bring on|brings on|bringing on|trigger|triggers|triggering|lead to|leads to|make|makes|be behind|be to blame for)`;
const WHO = String.raw`(?: (?:you|me|my|her|him|his|them|their|people|someone|one))?`;

/** Frames that say outright that a cause is asked about: a causing verb, "from", "linked to". */
const CAUSAL_FRAMES: readonly RegExp[] = [
  new RegExp(String.raw`\bif (?:her|his|my|their|the) (.+?) (?:is|are) (?:causing|giving|behind)\b`),
  new RegExp(String.raw`^(?:${ASKING} )?(.+?) (?:be )?${CAUSING}${WHO} ${CRAMP}\b`),
  new RegExp(String.raw`^(?:${ASKING} )?${CRAMP} (?:come |coming )?(?:from|because of|due to|caused by|linked to|related to|down to|brought on by|triggered by) (.+)$`),
  new RegExp(String.raw`^(?:${ASKING} )?(.+?) (?:linked|related|connected|tied) (?:to|with) ${CRAMP}\b`),
];

/** A bare pairing ("lupus leg cramps", "sleep apnea and cramps"): a cause question only for words the NLU does not know. */
const PAIRING_FRAME = new RegExp(String.raw`^(.+?) (?:and |with )?${CRAMP}(?: at night| in (?:the|my|her|his) legs?)?$`);

/** A question or a remedy, not a thing paired with cramps: "would paracetamol help with leg cramps". */
const NOT_A_PAIRING = new RegExp(String.raw`\b(?:${ASKING.slice(3, -1)}|should|help|helps|stop|stops|prevent|treat|ease|relieve|cure|fix|work|works|good|best|remedy|remedies)\b`);

/** Words that open the captured words but are not the cause ("too much coffee" is about coffee). */
const LEADING = /^(?:(?:all|any|some|too|so|much|many|a|lot|lots|of|the|that|this|my|her|his|their|your|having|getting) )+/;
/** Words that close the captured words but are not the cause ("the chai i drink"). */
const TRAILING = / (?:i|she|he|we|they|you) (?:drink|drinks|eat|eats|have|has|take|takes|had|do|did|get|gets)$/;
/** Captures that are part of a question, not a cause ("what causes leg cramps", "why do i get leg cramps"). */
const NOT_A_CAUSE = /^(?:it|this|that|something|anything|they|i|you)\b|\b(?:what|whats|what's|whatever|why|how|when|which|who|where|reason|reasons|asking|ask|tell|know|wondering|wonder|explain)\b/;
/** Words that leave a phrase open: "pain relief for leg cramps" is no pairing of a cause with cramps. */
const ENDS_OPEN = /\b(?:for|to|of|about|on|in|at|with|against|from|by|and|or|the|a|my)$/;
/** A cause is named in a few words ("drinking too much beer"); more is a sentence, not a name. */
const MAX_WORDS = 4;

export interface CauseQuestion {
  /** The words said in the cause's place, as said ("coffee", "sleep apnea"). */
  readonly words: string;
  /** Whether a causing verb or "from"/"linked to" frames them, not only their place beside "cramps". */
  readonly causal: boolean;
}

/** The words in a cause's place in a question whether they cause cramps, or undefined when it is no such question. */
export function causeQuestion(text: string): CauseQuestion | undefined {
  for (const frame of CAUSAL_FRAMES) {
    const words = trimmed(frame.exec(text)?.[1]);
    if (words) return { words, causal: true };
  }
  const words = trimmed(PAIRING_FRAME.exec(text)?.[1]);
  return words && !NOT_A_PAIRING.test(words) ? { words, causal: false } : undefined;
}

function trimmed(captured: string | undefined): string | undefined {
  if (!captured) return undefined;
  const words = captured.replace(LEADING, '').replace(TRAILING, '').trim();
  return words && !NOT_A_CAUSE.test(words) && !ENDS_OPEN.test(words) && words.split(' ').length <= MAX_WORDS ? words : undefined;
}
