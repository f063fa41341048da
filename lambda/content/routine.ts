/**
 * The quick relief routine, for a cramp happening now. Spoken in order, with a silence after each
 * instruction. Drawn from the article's Prevention and Treatment, Sleep Position and Dehydration
 * sections, in our own words. Keep the whole routine under 90 seconds (see tests/content.test.ts).
 */
import type { RoutineStep } from './types';

export const ROUTINE_STEPS: readonly RoutineStep[] = [
  {
    instruction: {
      text:
        'Gently straighten your leg and stretch the tight muscle. If it is your calf, ease your toes up toward you.',
      sections: ['Prevention and Treatment', 'Sleep Position'],
    },
    pauseSeconds: 2,
  },
  {
    instruction: {
      text: 'Hold that gentle stretch, and breathe slowly.',
      sections: ['Prevention and Treatment'],
    },
    pauseSeconds: 10,
    after: {
      text: 'Good. Let the muscle soften.',
      sections: ['Prevention and Treatment'],
    },
  },
  {
    instruction: {
      text: 'If a heat pad or a cold pack is within reach, rest it on the sore spot. If not, that is fine.',
      sections: ['Prevention and Treatment'],
    },
    pauseSeconds: 7,
  },
  {
    instruction: {
      text:
        'As the cramp eases, settle into a neutral position, with your feet raised a little and your toes not pointing down.',
      sections: ['Sleep Position'],
    },
    pauseSeconds: 3,
  },
  {
    instruction: {
      text: 'If you have water nearby, take a few slow sips.',
      sections: ['Dehydration and Electrolyte Imbalance'],
    },
    pauseSeconds: 3,
  },
  {
    instruction: {
      text:
        'If cramps keep coming back despite these steps, please talk to a healthcare provider.',
      sections: ['Prevention and Treatment'],
    },
    pauseSeconds: 0,
  },
];
