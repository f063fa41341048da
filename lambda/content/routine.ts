/**
 * The quick relief routine, for a cramp happening now: stretch and hold, heat or cold, feet raised, a
 * drink, and when to see a healthcare provider. In our own words from the article's Prevention and
 * Treatment, Sleep Position and Dehydration sections.
 *
 * Timing (checked from the rendered SSML in tests/routine.test.ts): the stretch is held at least 20 s
 * (the usual first-aid hold; Alexa's longest single break is 10 s, so two breaks with a calm cue between),
 * at least 5 s to raise the feet and 5 s for a drink; each reply under 90 s, the whole routine under 3 min.
 * Every step works for a calf, thigh or foot cramp and says plainly what to do.
 */
import type { RoutineStep } from './types';

export const ROUTINE_STEPS: readonly RoutineStep[] = [
  {
    instruction: {
      text:
        'Gently stretch the muscle that is cramping, and hold the stretch. ' +
        'For a calf or a foot, pull your toes up toward your knee. For a thigh, move the leg slowly until you feel the stretch.',
      sections: ['Introduction', 'Prevention and Treatment', 'Sleep Position'],
    },
    guide: [
      { pause: 10 },
      { text: 'Keep holding, and breathe slowly.', sections: ['Prevention and Treatment'] },
      { pause: 10 },
      { text: 'Now ease off the stretch, slowly.', sections: ['Prevention and Treatment'] },
    ],
  },
  {
    instruction: {
      text: 'If a heat pad or a cold pack is within reach, hold it on the sore spot. If not, that is fine; just keep breathing slowly.',
      sections: ['Prevention and Treatment'],
    },
    guide: [{ pause: 10 }],
  },
  {
    instruction: {
      text: 'Now lie back with your feet raised a little, and your toes pointing up, not down.',
      sections: ['Sleep Position'],
    },
    guide: [{ pause: 6 }],
  },
  {
    instruction: {
      text: 'If there is water by your bed, drink a little. Being short of fluids can make cramps more likely.',
      sections: ['Dehydration and Electrolyte Imbalance'],
    },
    guide: [{ pause: 6 }],
  },
  {
    instruction: {
      text: 'If cramps keep coming back even with these steps, it is important to see a healthcare provider.',
      sections: ['Prevention and Treatment'],
    },
    guide: [],
  },
];
