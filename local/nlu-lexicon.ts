/**
 * The local NLU's lexicon (local/nlu.ts uses it twice).
 *
 * 1. Folding. The many ways one thing is said become one canonical word before intents are scored, the way
 *    Alexa's statistical NLU generalises from "calf" to "shin" and from "cramping" to "seized up" without a
 *    sample for each. Samples and utterances are folded alike, so the classifier and the nearest sample see
 *    "ow ow me shin's gone rock hard" as "ow my leg is cramping". Word classes (CANONICAL):
 *    - body: the leg and its parts ("calf", "hamstring", "shin", "arch", "hammy") → "leg";
 *    - seized: a muscle cramping, however described ("spasming", "knotted", "locked", "clawed", "rock
 *      hard") → "cramping";
 *    - pain: "hurting", "agony", "aching", "killing", "paining" → "hurts";
 *    - exclamation: "owww", "argh", "crikey", "dammit", "oh god" → "ow".
 *    Before that, speech-recognition and dialect spellings are mended ("crampin", "charlie horse", "me
 *    calf", "gimme"), held letters shortened ("owwww"), someone else's cramp put in the first person as the
 *    samples are ("my husband's got cramp in his calf" → "i've got cramp in my calf"), and a few phrases
 *    folded whole ("what's behind" → "what causes", "keep them away" → "prevent"). A word said again and
 *    again ("cramp cramp cramp") counts once. Only intent scoring sees folded words: slot values ("tight
 *    sheets", "arch support") are found in the words as said, so folding never changes the cause named.
 * 2. Help first. `speaksOfDistress`, `speaksOfNow` and `pleadsInAnyClause` tell a plea for help with a cramp
 *    happening now from a question about cramps, so local/nlu.ts can send the relief routine rather than
 *    Fallback's question or a topic the words only resemble.
 */

export const CANONICAL = { body: 'leg', seized: 'cramping', pain: 'hurts', exclamation: 'ow' } as const;

const BODY = words(
  'leg legs calf calves foot feet toe toes thigh thighs hamstring hamstrings hammy hammies quad quads quadricep quadriceps muscle muscles ' +
    'shin shins arch arches instep ankle ankles sole soles knee knees',
);

const SEIZED = words(
  'spasm spasms spasming spasmed spasmodic seized seizing seize seizes locked locking knotted knotting knot knots clenched clenching ' +
    'claw clawed clawing clenches curling curled tight tighten tightening tightened tightens tense tensed twisting twisted contracting ' +
    'contracted bunched balled cramped crampy crampin cramping stiff stiffened solid stuck',
);

const PAIN = words(
  'hurt hurts hurting pain pains painful paining agony agonising agonizing ache aches aching achy sore throbbing throbs killing ' +
    'excruciating unbearable',
);

const EXCLAMATIONS = words(
  'ow ouch owie ah aah agh argh arg ugh urgh oof ooh eek yikes jeez geez gosh god christ jesus dammit damn dang darn crap shit ' +
    'fuck fucking freaking frigging bloody strewth crikey blimey heck aiyo ayyo aiyyo arey arre uff gah ack eish aiee',
);

/** A held sound: "owww", "ouchhh", "aaargh", "ughhh". */
const HELD_EXCLAMATION = /^(o+w+|ou+ch+|a+h+|a+g+h+|a+r+g+h*|u+g+h+|u+r+g+h+|o+o+f+|e+e+k+)$/;

/** Spoken and dialect spellings, mended before anything else. */
const SPELLINGS: ReadonlyMap<string, string> = new Map([
  ['charlie', 'charley'],
  ['charly', 'charley'],
  // "Cramp" as the ear may take it down.
  ['cramb', 'cramp'],
  ['crambs', 'cramps'],
  ['kramp', 'cramp'],
  ['kramps', 'cramps'],
  ['gimme', 'give me'],
  ['lemme', 'let me'],
  ['wanna', 'want to'],
  ['gonna', 'going to'],
  ['gotta', 'got to'],
  ['dunno', "don't know"],
  ['cos', 'because'],
  ['coz', 'because'],
  ['cuz', 'because'],
  ['bc', 'because'],
  ['ya', 'you'],
  ['u', 'you'],
  ['pls', 'please'],
  ['plz', 'please'],
]);

/** Someone the listener may be asking for: "my husband has a cramp", "mum's calf", "help my little boy". */
const PEOPLE = words(
  'husband wife partner son daughter dad daddy father mum mom mummy mommy mother kid kids child children boy girl baby ' +
    'grandma grandpa granny grandad grandmother grandfather nan nana gran brother sister hubby missus',
);
const CLAUSE_STARTS = words('and but so because cos when if');
const PEOPLE_PHRASES: readonly (readonly [RegExp, string])[] = [[/\blittle (?:one|boy|girl|man)\b/g, 'kid']];

/**
 * A cramp of someone nearby is helped the same way as the listener's own, and the samples speak in the first
 * person: "my husband's got cramp in his calf" is folded to "i've got cramp in my calf", "help her" to
 * "help me". A person named with "my" ("my son") or alone ("mum") becomes "i", or "me" after a verb ("help my son").
 */
function speakingForThemselves(said: readonly string[]): string[] {
  const people = PEOPLE_PHRASES.reduce((text, [pattern, word]) => text.replace(pattern, word), said.join(' ')).split(' ');
  const out: string[] = [];
  for (let i = 0; i < people.length; i++) {
    const word = people[i]!;
    const next = people[i + 1] ?? '';
    const possessive = /^(\w+)'s$/.exec(word)?.[1];
    if (possessive && PEOPLE.has(possessive)) {
      if (out.at(-1) === 'my' || out.at(-1) === 'our') out.pop();
      // "mum's calf" → "my calf"; "mum's got" → "i've got"; "mum's cramping" → "i'm cramping".
      if (BODY.has(next)) out.push('my');
      else if (next === 'got') out.push("i've");
      else out.push("i'm");
      continue;
    }
    if (PEOPLE.has(word)) {
      if (out.at(-1) === 'my' || out.at(-1) === 'our') out.pop();
      // The one doing ("my son has a cramp") or the one done to ("help my son", "take my dad to the gp").
      out.push(out.length === 0 || CLAUSE_STARTS.has(out.at(-1)!) ? 'i' : 'me');
      continue;
    }
    // "they" and "them" stay: they are as often the cramps ("why do they happen", "stop them").
    if (word === "he's" || word === "she's" || word === "we're") out.push(next === 'got' ? "i've" : "i'm");
    else if (word === 'we') out.push('i');
    else if (word === 'us' || word === 'our') out.push(word === 'us' ? 'me' : 'my');
    else if (word === 'he' || word === 'she') out.push('i');
    else if (word === 'his' || (word === 'her' && BODY.has(next))) out.push('my');
    else if (word === 'him' || word === 'her') out.push('me');
    else out.push(word);
  }
  return out;
}

/** Phrases folded whole (after spellings, before word classes), longest first. */
const PHRASES: readonly (readonly [RegExp, string])[] = [
  [/\b(?:as )?hard as (?:a )?(?:rock|stone|brick)\b/g, 'cramping'],
  [/\brock hard\b/g, 'cramping'],
  [/\blike a (?:rock|stone|brick)\b/g, 'cramping'],
  [/\blet us\b/g, "let's"],
  [/\bwhat all\b/g, 'what'],
  [/\b(?:oh )?(?:my )?god\b/g, 'ow'],
  [/\boh no\b/g, 'ow'],
  [/\bholy (?:crap|cow|moly|hell|shit)\b/g, 'ow'],
  [/\bson of a (?:gun|bitch)\b/g, 'ow'],
  [/\bbloody hell\b/g, 'ow'],
  [/\blike (?:hell|mad|crazy)\b/g, 'badly'],
  [/\bwhat(?:'s| is) behind\b/g, 'what causes'],
  [/\b(?:sets?|setting) ((?:\w+ ){0,2})off\b/g, 'causes $1'],
  [/\b(?:brings?|bringing|brought) ((?:\w+ ){0,2})on\b/g, 'causes $1'],
  [/\b(?:won't|will not|doesn't|does not|wouldn't) let go\b/g, "won't stop"],
  [/\blet go\b/g, 'stop'],
  // A cramp that goes on: "it's not going away", "isn't easing", "won't let up".
  [/\b(?:is )?(?:not|isn't) (?:going away|stopping|easing|letting up|letting go)\b|\bwon't (?:go away|ease|let up|quit)\b/g, "won't stop"],
  // Keeping cramps away: "how do i not get cramp", "keep them away", "so i don't wake up with cramp".
  [/\b(?:not get|stop getting|don't get|do not get|never get)\b/g, 'prevent'],
  [/\bkeep (?:\w+ ){0,3}(?:away|from)\b/g, 'prevent'],
  [/\bward (?:\w+ )?off\b/g, 'prevent'],
  [/\bso (?:that )?(?:i|my \w+|they|it|this|these|them) (?:don't|do not|won't|will not|doesn't|does not)\b/g, 'to prevent'],
  [/\bprecautions?\b/g, 'prevent'],
  [/\bcramp free\b/g, 'without cramps'],
  // "Leg cramp" misheard: "leg camp", "leg clamp".
  [/\bleg (?:camp|clamp|cram|crimp|cramb)(s?)\b/g, 'leg cramp$1'],
  // What brings cramps on: "what makes my legs cramp", "can sitting give you cramps".
  [/\bwhat makes\b/g, 'what causes'],
  [/\b(?:gives?|giving) (?:you|me|people) (?=(?:(?:leg|night|a|these|those|the|such|my) )*(?:cramps?|charley)\b)/g, 'causes '],
];

/** Folds an utterance (normalised, fillers dropped) into canonical words; `@slot` references stay. */
export function canonicalWords(text: string): string {
  const mended = text
    .split(' ')
    .filter(Boolean)
    .flatMap((word) => {
      const short = word.replace(/([a-z])\1{2,}/g, '$1');
      if (HELD_EXCLAMATION.test(short)) return ['ow'];
      // "calf's gone", "cramp's back" → "calf is gone", "cramp is back"; other "'s" words ("it's", "that's") stay as they are.
      const possessive = /^(\w+)'s$/.exec(short);
      if (possessive && (BODY.has(possessive[1]!) || possessive[1] === 'cramp')) return [possessive[1]!, 'is'];
      return (SPELLINGS.get(short) ?? short).split(' ');
    });
  // "me calf" is "my calf"; "why do your legs cramp" asks about anyone's, the listener's too.
  const mine = mended.map((word, i) => ((word === 'me' || word === 'your') && BODY.has(mended[i + 1] ?? '') ? 'my' : word));
  let joined = speakingForThemselves(mine).join(' ');
  for (const [pattern, replacement] of PHRASES) joined = joined.replace(pattern, replacement).replace(/\s+/g, ' ').trim();
  const folded = joined.split(' ').map((word) => {
    if (word.startsWith('@')) return word;
    if (BODY.has(word)) return CANONICAL.body;
    if (SEIZED.has(word)) return CANONICAL.seized;
    if (PAIN.has(word)) return CANONICAL.pain;
    if (EXCLAMATIONS.has(word)) return CANONICAL.exclamation;
    return word;
  });
  return folded.filter((word, i) => word !== folded[i - 1]).join(' ');
}

/**
 * Whether folded words speak of a cramp or pain in the listener's body now ("this cramp is killing me",
 * "gah thigh", "yeah me hamstring just went") and ask about no other topic (why, what causes, how to
 * prevent, a doctor, a treatment, how often). Pain comes first: local/nlu.ts answers such words with the
 * relief routine when no intent is clearly meant, rather than Fallback's question.
 */
export function speaksOfDistress(canonical: string): boolean {
  const said = canonical.split(' ');
  if (said.some((word, i) => OTHER_TOPIC_CUES.has(word) || PROGRESS.has(word) || (word === 'not' && NOT_YET.has(said[i + 1] ?? '')))) return false;
  // "what is the remedy for this cramp i'm having just now" asks, but about the cramp happening now.
  if (asksAbout(said) && !speaksOfNow(canonical)) return false;
  if (said.some((word) => DISTRESS.has(word))) return true;
  return said.some((word, i) => (word === CANONICAL.body && i > 0 && OWNERS.has(said[i - 1]!)) || (CRAMP.has(word) && said.includes(CANONICAL.body)) || (CRAMP.has(word) && said.some((w) => NOW.has(w))));
}

/**
 * Whether folded words ask what caused something ("is that why", "could that be it", "because of"), so a
 * cause named in them makes a question about that cause.
 */
export function asksWhy(canonical: string): boolean {
  return /\b(?:why|cause|causes|causing|caused|because|reason|blame|linked|connected|make|makes|making|behind)\b|\b(?:is|could|would|does|can|might) (?:that|it|this)\b/.test(canonical);
}

/** Whether folded words name cramps, as a cramp, cramps, cramping or a seized leg. */
export function speaksOfCramps(canonical: string): boolean {
  return canonical.split(' ').some((word) => CRAMP.has(word) || word === 'cramps' || word === CANONICAL.seized);
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
  if (!said.some((word) => CRAMP.has(word) || word === CANONICAL.seized)) return false;
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
/** A cramp, said as a noun or verb, or relief from one. */
const CRAMP = words('cramp charley relief');
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

/** Whether the lexicon folds or mends this word (so a run-together "crampinmy" can be split at it). */
export function lexiconKnows(word: string): boolean {
  return BODY.has(word) || SEIZED.has(word) || PAIN.has(word) || EXCLAMATIONS.has(word) || SPELLINGS.has(word);
}

/**
 * Words speech recognition ran together ("legcramp", "charliehorse", "crampinmy") split into two known
 * ones; a word that is known, short, or splits no way into known words stays as it is.
 */
export function splitRunTogether(text: string, known: (word: string) => boolean): string {
  return text
    .split(' ')
    .map((word) => {
      if (word.length < 6 || word.includes("'") || known(word) || lexiconKnows(word)) return word;
      for (let at = word.length - 2; at >= 2; at--) {
        const [first, second] = [word.slice(0, at), word.slice(at)];
        if ((known(first) || lexiconKnows(first)) && (known(second) || lexiconKnows(second))) return `${first} ${second}`;
      }
      return word;
    })
    .join(' ');
}

function words(list: string): ReadonlySet<string> {
  return new Set(list.split(/\s+/).filter(Boolean));
}
