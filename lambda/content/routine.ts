/**
 * The quick relief routine, for a cramp happening now: stretch and hold, heat or cold, feet raised, a
 * drink, and when to see a healthcare provider. Each passage records where it comes from: the article's
 * Prevention and Treatment and Dehydration sections (heat or cold, fluids, a provider), or general first aid
 * the article does not give (stretching the cramping muscle now, lying back with the toes up, a drink in the
 * night, breathing slowly).
 *
 * Timing (checked from the rendered SSML in tests/lambda/routine.test.ts): the stretch is held at least 20 s
 * (the usual first-aid hold; Alexa's longest single break is 10 s, so two breaks with a calm cue between),
 * at least 5 s to raise the feet and 5 s for a drink; each reply under 90 s, the whole routine under 3 min.
 * Step one works for a calf, thigh or foot cramp, or gives only the named muscle's stretch (STRETCHES).
 */
import type { MuscleId, Passage, RoutineStep } from './types';

/** General first-aid guidance: the article does not say it, so it cites no section (see Passage.firstAid). */
function firstAid(text: string): Passage {
  return { text, sections: [], firstAid: true };
}

export const ROUTINE_STEPS: readonly RoutineStep[] = [
  {
    instruction: firstAid(
      'Gently stretch the muscle that is cramping, and hold the stretch. ' +
        'For a calf or a foot, pull your toes up toward your knee. For a thigh, move the leg slowly until you feel the stretch.',
    ),
    guide: [{ pause: 10 }, firstAid('Keep holding, and breathe slowly.'), { pause: 10 }, firstAid('Now ease off the stretch, slowly.')],
  },
  {
    instruction: { text: 'If you have a heat pad or a cold pack, put it on the cramping area.', sections: ['Prevention and Treatment'] },
    guide: [firstAid('If not, that is fine; just keep breathing slowly.'), { pause: 10 }],
  },
  {
    instruction: firstAid('Now lie back with your feet raised a little, and your toes pointing up, not down.'),
    guide: [{ pause: 6 }],
  },
  {
    instruction: firstAid('If you can, drink some water.'),
    guide: [{ text: 'Being short of fluids can make cramps more likely.', sections: ['Dehydration and Electrolyte Imbalance'] }, { pause: 6 }],
  },
  {
    instruction: {
      text: 'If you get frequent cramps despite these steps, it is essential to see a healthcare provider.',
      sections: ['Prevention and Treatment'],
    },
    guide: [],
  },
];

/**
 * Step one when the listener has said where the cramp is: only that muscle's stretch, shorter than the
 * general wording, naming the muscle so the listener hears they were understood. The guide (the holds and
 * "keep holding") stays step one's.
 */
export const STRETCHES: Readonly<Record<MuscleId, Passage>> = {
  CALF: firstAid('For your calf: straighten your leg, and gently pull your toes up toward your knee. Hold the stretch.'),
  FOOT: firstAid('For your foot: gently pull your toes up and back toward your shin, and hold the stretch.'),
  THIGH: firstAid('For your thigh: move the leg slowly until you feel the muscle stretch, and hold it there.'),
  FRONT_OF_THIGH: firstAid('For the front of your thigh: bend your knee, and gently draw your foot back toward your bottom. Hold the stretch.'),
  BACK_OF_THIGH: firstAid('For the back of your thigh: straighten your leg, and lean gently forward from your hips until you feel the stretch. Hold it there.'),
};

/** Step one's instruction, fitted to the muscle when the listener named it. */
export function stretchFor(muscle: MuscleId | undefined): Passage {
  return muscle ? STRETCHES[muscle] : ROUTINE_STEPS[0]!.instruction;
}

/**
 * "It's not going away", "it still hurts", mid-routine or just after it: keep at the stretch, heat or cold
 * if there is some, and what the article says about cramps that persist.
 */
export const PERSISTING_ADVICE: readonly Passage[] = [
  firstAid('Keep up the gentle stretch, and breathe slowly.'),
  { text: 'If you have a heat pad or a cold pack, putting it on the cramping area can bring immediate relief.', sections: ['Prevention and Treatment'] },
  {
    text: 'If your cramps persist, it is crucial to see a healthcare provider, who can look into any underlying health issues.',
    sections: ['Finishing Thoughts'],
  },
];
