/**
 * The held-out set: phrasings a real listener would say (half-asleep, in pain, in US, British,
 * Australian, Canadian or Indian English), written BEFORE anyone tuning the NLU read the interaction-model
 * samples. It measures how well the local dialog generalises, so it must stay unseen:
 * NEVER copy a phrasing from here into interaction-models/source.ts, nlu/ or a tuning set.
 * When one misses, write a new, different sample for the idea behind it instead.
 *
 * Each phrasing names the intents that count as "on topic" for it. During the relief routine Yes, Next,
 * Tell me more and Resume all advance and No and Pause wait, so navigation accepts each of those. Intents
 * that another issue adds (TreatmentIntent, AMAZON.PauseIntent, AMAZON.ResumeIntent) are named here as
 * they will be; the test maps them to what stands in for them while they are not in the model yet.
 */
import type { CauseId } from '../../lambda/content/types';

export type HeldOutCategory =
  | 'relief'
  | 'causes overview'
  | 'cause'
  | 'prevention'
  | 'treatment'
  | 'see a doctor'
  | 'what are leg cramps'
  | 'tell me more'
  | 'routine: advance'
  | 'routine: pause'
  | 'routine: resume'
  | 'voice'
  | 'history'
  | 'stop';

export interface HeldOutPhrasing {
  readonly utterance: string;
  readonly category: HeldOutCategory;
  /** Any of these intents is on topic. */
  readonly intents: readonly string[];
  /** For a cause question: the CrampCause slot id the answer must resolve to. */
  readonly cause?: CauseId;
}

function group(category: HeldOutCategory, intents: readonly string[], utterances: readonly string[]): HeldOutPhrasing[] {
  return utterances.map((utterance) => ({ utterance, category, intents }));
}

function cause(id: CauseId, utterances: readonly string[]): HeldOutPhrasing[] {
  return utterances.map((utterance) => ({ utterance, category: 'cause', intents: ['CauseDetailIntent'], cause: id }));
}

const ADVANCE = ['AMAZON.NextIntent', 'AMAZON.YesIntent', 'TellMeMoreIntent', 'AMAZON.ResumeIntent'];
const WAIT = ['AMAZON.PauseIntent', 'AMAZON.NoIntent'];

export const HELD_OUT: readonly HeldOutPhrasing[] = [
  ...group('relief', ['ReliefRoutineIntent'], [
    'ow my calf',
    'ow ow ow my calf',
    'charlie horse',
    "i've got a charley horse in my left leg",
    'charlie horse help me',
    'my hamstring just seized up',
    'my quad is cramping really bad',
    'cramp',
    'cramp cramp help',
    'make it stop',
    'please make it stop it really hurts',
    'my leg is killing me',
    "i've got cramp in my leg",
    "i've got a cramp in my foot right now",
    'my toes are curling up and it hurts',
    "help my leg's cramping",
    'how do i get rid of this cramp',
    'how do i stop this cramp right now',
    'what do i do my calf is locked up',
    'the back of my leg is all knotted up',
    'my calf muscle is rock hard and it hurts',
    'how do i relieve a leg cramp',
    'give me something to ease this cramp',
    'quick how do i stop a calf cramp',
    'stretch me through this cramp',
    'talk me through getting rid of a cramp',
    'i woke up with a cramp what do i do',
    "my leg's gone into a spasm",
    'muscle spasm in my calf help',
    'agh my foot',
    'bloody cramp again in me calf',
    "got a shocker of a cramp in my leg how do i fix it",
    'cramp in my thigh',
    "sharp pain in my calf that won't let go",
    'ease the pain in my leg now',
    'soothe my cramping calf',
    "what's the fastest way to stop a cramp",
    'stop the cramp now',
    'i need relief from this cramp',
    'cramp relief please',
    'alexa make it stop',
    'um my leg cramp is agony',
    "the cramp won't go away",
    'my foot arch is cramping',
    'i am having leg cramp what to do',
    'leg is paining badly due to cramp',
    'my calf is paining do something',
    'kindly tell me how to stop cramp immediately',
    'how to get relief from leg cramp now',
    "my leg's seized up eh what do i do",
    'hamstring cramp help',
    "my calf's cramping up like crazy",
    "i've just woken up with terrible cramp",
    'walk me through the stretches for a cramp',
    'oh god my leg',
    'cramp in both legs help me',
  ]),
  ...group('causes overview', ['CausesOverviewIntent'], [
    'what causes leg cramps',
    'why do i keep getting leg cramps at night',
    "why do my legs cramp up when i'm asleep",
    "what's behind these night cramps",
    'what brings on cramps in the night',
    'why do i get cramp in bed',
    'reasons for leg cramps at night',
    'how come my legs cramp every night',
    'what triggers nocturnal leg cramps',
    'um why does this keep happening to my calves',
    'what are the causes of night time cramps',
    'why am i getting these cramps',
  ]),
  ...cause('DEHYDRATION', [
    "could it be because i'm not drinking enough water",
    'does dehydration cause cramps',
    "i've barely had any water today is that why",
    'do electrolytes have anything to do with it',
    'can being thirsty give you cramps',
  ]),
  ...cause('EXERCISE', [
    'i ran a marathon yesterday could that be why',
    'do cramps come from working out too hard',
    'can exercise cause night cramps',
    'i played footy all arvo is that why my legs are cramping',
    'does going to the gym cause leg cramps',
  ]),
  ...cause('BLOOD_FLOW', [
    'is poor circulation to blame',
    'can bad blood flow cause cramps',
    'could it be my circulation',
    'do narrowed arteries cause leg cramps',
  ]),
  ...cause('MEDICAL_CONDITIONS', [
    'can diabetes cause leg cramps',
    'could a medical condition be causing my cramps',
    'is it linked to a health problem',
    'could an underlying illness be giving me these cramps',
  ]),
  ...cause('MINERAL_DEFICIENCY', [
    'do i need more magnesium',
    'can low potassium cause cramps',
    'could i be lacking minerals',
    'is it a calcium deficiency',
  ]),
  ...cause('MEDICATIONS', [
    'could my tablets be causing it',
    'can my medication give me cramps',
    'are my water pills to blame',
    'i started new pills last week is that why',
    'can the medicine i take cause cramping',
  ]),
  ...cause('PREGNANCY', [
    "i'm pregnant is that why i'm cramping",
    'do pregnant women get more leg cramps',
    "is it because i'm expecting",
    'can being pregnant cause cramps',
  ]),
  ...cause('INACTIVITY', [
    'i sit at a desk all day could that be why',
    'does not moving enough cause cramps',
    'can sitting too long cause leg cramps',
    "is it because i'm a couch potato",
  ]),
  ...cause('FOOTWEAR', [
    'could my shoes be causing it',
    'do high heels cause leg cramps',
    'can bad shoes give you cramps',
    'i wear flip flops all day is that why',
  ]),
  ...cause('SLEEP_POSITION', [
    'does the way i sleep matter',
    'can sleeping position cause cramps',
    'i sleep with my toes pointed is that why',
    'could it be how i lie in bed',
  ]),
  ...cause('AGE', [
    "is it because i'm getting on a bit",
    'do older people get more cramps',
    'does age make cramps worse',
    "i'm seventy could my age be the reason",
    'do cramps get worse as you age',
  ]),
  ...group('prevention', ['PreventionIntent'], [
    'how do i stop getting leg cramps',
    'how can i prevent cramps at night',
    "what can i do so this doesn't happen again",
    'how to avoid leg cramps',
    'any tips to keep cramps away',
    'how do i stop them coming back',
    'should i stretch before bed to stop cramps',
    'what can i do before bed to avoid cramping',
    'ways to prevent nocturnal cramps',
    "okay so how do i make sure i don't get cramps tonight",
  ]),
  ...group('treatment', ['TreatmentIntent'], [
    'how are leg cramps treated',
    'does ibuprofen help with cramps',
    'should i use heat or ice',
    'what can i take for leg cramps',
    'is there a medicine for night cramps',
    'would a hot water bottle help',
    "what's the treatment for leg cramps",
    'should i put ice on my calf afterwards',
    'is a warm bath good for cramps',
  ]),
  ...group('see a doctor', ['SeeADoctorIntent'], [
    'when should i see a doctor about cramps',
    'should i go to the gp about this',
    'do i need to see a doctor',
    'are my cramps serious',
    'when are leg cramps something to worry about',
    'should i get this checked out',
    "is it worth booking a doctor's appointment",
    'when do i need medical help for cramps',
  ]),
  ...group('what are leg cramps', ['WhatAreLegCrampsIntent'], [
    'what are leg cramps',
    'what is a leg cramp exactly',
    "what's actually happening when my leg cramps",
    'explain night cramps to me',
    'what is a charley horse',
    'tell me about leg cramps',
    'what does a cramp do to the muscle',
  ]),
  ...group('tell me more', ['TellMeMoreIntent'], [
    'tell me more',
    'more please',
    'go deeper',
    'can you tell me more about that',
    'what else',
    'i want to know more',
    'explain a bit more',
    'more detail',
  ]),
  ...group('routine: advance', ADVANCE, [
    'go on',
    "okay what's next",
    'done',
    "it's easing",
    'next step',
    "ok i'm done",
    "that's better next",
    'righto next one',
    "it's easing off a bit",
    'carry on',
    'keep going',
    'i did that',
    'finished',
    'what now',
  ]),
  ...group('routine: pause', WAIT, [
    'hang on',
    'not yet',
    'give me a sec',
    'wait a moment',
    'just a minute',
    'hold up',
    'one sec',
    "i'm not ready",
  ]),
  ...group('routine: resume', ['AMAZON.ResumeIntent', 'AMAZON.NextIntent'], [
    'back to the steps',
    "let's go back to the routine",
    'where were we',
    'continue the stretches',
    'return to the exercises',
  ]),
  ...group('voice', ['SpeakSofterIntent'], [
    'speak softer',
    'can you talk more quietly',
    'whisper please',
    'keep your voice down',
    "lower your voice i don't want to wake my wife",
  ]),
  ...group('voice', ['SpeakNormallyIntent'], [
    'talk normally',
    'you can speak normally again',
    'normal voice please',
    'go back to your usual voice',
    'speak up a bit',
  ]),
  ...group('history', ['RecentTopicsIntent'], [
    'what did i ask before',
    'what have we talked about',
    'what did i ask you last time',
  ]),
  ...group('history', ['ForgetHistoryIntent'], [
    'forget me',
    'delete my history',
    "erase what i've asked",
    'clear my history',
  ]),
  ...group('stop', ['AMAZON.StopIntent', 'AMAZON.CancelIntent'], [
    "that's enough thanks",
    'goodbye',
    'stop',
    "i'm fine now thanks bye",
    "cheers that's all",
    "that's it goodnight",
    'never mind',
    "thanks i'm going back to sleep",
  ]),
];

/**
 * Held-out phrasings that were already model samples (or built-in samples, now AMAZON_BUILT_IN_SAMPLES in interaction-models/source.ts) when the set
 * was written, as of main at 0e71948: everyday wordings both sides thought of; and those that issues 10
 * (routine navigation) and 12 (treatment) made samples independently, from the same examples in their
 * briefs. They may stay samples; every other held-out phrasing must never become one.
 */
export const ALREADY_SAMPLES_WHEN_WRITTEN: ReadonlySet<string> = new Set([
  'how do i get rid of this cramp',
  'how do i relieve a leg cramp',
  'what causes leg cramps',
  'how do i stop getting leg cramps',
  'how are leg cramps treated',
  "what's the treatment for leg cramps",
  'do i need to see a doctor',
  'what are leg cramps',
  'what is a leg cramp exactly',
  'what is a charley horse',
  'tell me about leg cramps',
  'tell me more',
  'more please',
  'go deeper',
  'what else',
  'i want to know more',
  'go on',
  'done',
  'next step',
  'carry on',
  'keep going',
  'where were we',
  'speak softer',
  'whisper please',
  'keep your voice down',
  'talk normally',
  'what did i ask before',
  'what have we talked about',
  'forget me',
  'delete my history',
  'clear my history',
  'goodbye',
  'stop',
  'never mind',
  "okay what's next",
  "it's easing",
  'hang on',
  'not yet',
  'wait a moment',
  'just a minute',
  "i'm not ready",
  'back to the steps',
  'should i use heat or ice',
  'what can i take for leg cramps',
]);
