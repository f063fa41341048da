/**
 * The local NLU's lexicon: folding the words said before intents are scored.
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
 * 2. Run-together words: "legcramp", "crampinmy" split into words the lexicon or the model knows.
 *
 * Telling a plea for help now from a question about cramps is the help-first step's (nlu/steps/help-first.ts).
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

/** A cramp, said as a noun or verb, or relief from one (folded words). */
export const CRAMP_WORDS = words('cramp charley relief');

export function words(list: string): ReadonlySet<string> {
  return new Set(list.split(/\s+/).filter(Boolean));
}
