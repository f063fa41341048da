/**
 * The tuning set: labelled phrasings the local NLU's decision rule (DECISION_RULE in nlu/decision-rule.ts)
 * is calibrated on, together with the model's own samples (`npx tsx nlu/tuning/calibrate-nlu.ts`).
 *
 * It is NOT the held-out set (tests/nlu/held-out.ts), which only measures; and its phrasings are kept
 * out of the interaction-model samples so that calibrating on it says something about new phrasings.
 * The off-topic phrasings at the end must go to AMAZON.FallbackIntent: they are what sets the floor.
 */
import type { LabelledPhrasing } from './on-topic';

function group(category: string, intents: readonly string[], utterances: readonly string[]): LabelledPhrasing[] {
  return utterances.map((utterance) => ({ utterance, category, intents }));
}

function cause(id: string, utterances: readonly string[]): LabelledPhrasing[] {
  return utterances.map((utterance) => ({ utterance, category: 'cause', intents: ['CauseDetailIntent'], cause: id }));
}

export const TUNING_SET: readonly LabelledPhrasing[] = [
  ...group('relief', ['ReliefRoutineIntent'], [
    'ouch my calf is cramping',
    'my calf has gone hard as a rock',
    'cramp in my left calf',
    'my right foot has cramped up',
    'help me my leg hurts so much',
    'what do i do my leg is cramping',
    'how do i loosen this cramp',
    'fix this cramp please',
    'quickly how do i ease a leg cramp',
    'charley horse right now',
    'my shin is cramping',
    'ahh my hamstring',
    'my thigh muscle has locked',
    'uh i have a really bad cramp',
    'i need help with a cramp now',
    'get rid of my cramp',
    'cramping leg help',
    'my foot is twisted up in a cramp',
    'the pain in my calf is unbearable',
    'help cramp',
    'what should i do about this cramp in my calf',
    'how do i make this pain go away',
    'guide me through the cramp stretches',
    'ow ow ow',
    'my calf is cramping what can i do',
    'i am getting cramp in my leg now what to do',
    'stop my leg cramp',
    'relieve my cramp',
    'my toes have cramped',
    'massive cramp in my calf',
  ]),
  ...group('causes overview', ['CausesOverviewIntent'], [
    'why do i get cramps in my calves',
    'what makes legs cramp at night',
    'why would my legs cramp while sleeping',
    'what sets off a leg cramp',
    'so what causes them',
    'why do people get night cramps',
    'what could be causing these cramps',
    'explain why legs cramp',
  ]),
  ...cause('DEHYDRATION', ['does not drinking water cause cramps', "i didn't drink much today could that cause it", 'is it about hydration']),
  ...cause('EXERCISE', ['i went running this morning is that the reason', 'can a long hike give you cramps', 'do sports cause leg cramps']),
  ...cause('BLOOD_FLOW', ['does circulation matter', 'can poor blood flow give me cramps', 'is it my blood flow']),
  ...cause('MEDICAL_CONDITIONS', ['can kidney disease cause cramps', "is it because i'm diabetic", 'could an illness cause this']),
  ...cause('MINERAL_DEFICIENCY', ['am i low on magnesium', 'should i eat more bananas for potassium', 'is it my diet']),
  ...cause('MEDICATIONS', ['could it be my pills', 'do statins cause leg cramps', 'my blood pressure pills could they do it']),
  ...cause('PREGNANCY', ['does pregnancy cause leg cramps', "i'm in my third trimester is that why", 'can carrying a baby cause cramps']),
  ...cause('INACTIVITY', ['is it from sitting all day', 'does a sedentary lifestyle cause cramps', "i don't exercise much could that be it"]),
  ...cause('FOOTWEAR', ['are my heels causing cramps', 'can the wrong shoes cause leg cramps', 'does footwear matter']),
  ...cause('SLEEP_POSITION', ['does sleeping on my stomach cause cramps', 'is it my sleeping position', 'can pointing my toes in bed cause cramps']),
  ...cause('AGE', ['does getting older cause cramps', 'is it just my age', 'do cramps come with old age']),
  ...group('prevention', ['PreventionIntent'], [
    'how can i stop these cramps happening',
    'what stops cramps from coming',
    'tips for avoiding cramps',
    'how do i not get cramps at night',
    'can i prevent them',
    'what should i do to avoid cramps in future',
  ]),
  ...group('treatment', ['TreatmentIntent'], [
    'how do you treat a leg cramp',
    'do painkillers help cramps',
    'is heat better than ice for cramps',
    'what medicine helps cramps',
  ]),
  ...group('see a doctor', ['SeeADoctorIntent'], [
    'should a doctor look at this',
    'is this serious',
    'when is a cramp a reason to see a doctor',
    'do i need medical advice for my cramps',
  ]),
  ...group('what are leg cramps', ['WhatAreLegCrampsIntent'], ['what exactly is a cramp', 'what is a night cramp', 'explain what a cramp is']),
  ...group('tell me more', ['TellMeMoreIntent'], ['tell me some more', 'more on that', 'go into more detail']),
  ...group('routine: advance', ['AMAZON.NextIntent', 'AMAZON.YesIntent', 'TellMeMoreIntent', 'AMAZON.ResumeIntent'], [
    'next please',
    'ok next',
    'on to the next',
    'got it',
    'that helped what next',
    "it's getting better",
  ]),
  ...group('routine: pause', ['AMAZON.PauseIntent', 'AMAZON.NoIntent'], ['wait', 'hold on a second', 'give me a minute', 'stop for a moment']),
  ...group('voice', ['SpeakSofterIntent'], ['speak quieter please', 'can you be softer']),
  ...group('voice', ['SpeakNormallyIntent'], ['normal voice again', 'talk at your usual volume']),
  ...group('history', ['RecentTopicsIntent'], ['what did we talk about before']),
  ...group('history', ['ForgetHistoryIntent'], ['delete everything about me']),
  ...group('stop', ['AMAZON.StopIntent', 'AMAZON.CancelIntent'], ['ok bye', "thanks that's all", 'good night alexa', "that's all i needed thanks"]),
  ...group('off topic', ['AMAZON.FallbackIntent'], [
    'what is the weather tomorrow',
    'play some music',
    'set an alarm for six',
    'who won the football',
    'tell me a story',
    'what time is it',
    'how tall is mount everest',
    'turn off the bedroom light',
    'add milk to my shopping list',
    'what is the meaning of life',
    'call my mum',
    'how do i bake bread',
    'what causes headaches',
    'how do i stop snoring',
    'sing me a song',
    'i like turtles',
    'banana',
    'recipe for pancakes',
    'why is the sky blue',
    'how do i fix a flat tyre',
  ]),
];
