import type { canfulfill, Intent } from 'ask-sdk-model';
import { CAUSE_SLOT, MUSCLE_SLOT } from './intents';
import { resolveCause, resolveMuscle } from './slots';

type Answer = canfulfill.CanFulfillIntentValues;

const NOT_UNDERSTOOD: canfulfill.CanFulfillSlot = { canUnderstand: 'NO', canFulfill: 'NO' };

/**
 * The answer to a CanFulfillIntentRequest (a name-free request: "Alexa, how do I stop a leg cramp?"):
 * YES for an intent in `nameFree` whose cause slot resolves to a cause the article covers or is absent,
 * MAYBE when the cause is heard but does not resolve, NO for any other intent. A muscle heard but not
 * resolved still gets the routine (step one's general stretch): understood MAYBE, fulfilled YES. Every slot heard gets its
 * own canUnderstand/canFulfill. Pure: it reads nothing and changes nothing.
 */
export function canFulfillIntent(intent: Intent | undefined, nameFree: readonly string[]): canfulfill.CanFulfillIntent {
  const ours = typeof intent?.name === 'string' && nameFree.includes(intent.name);
  const heard = intent?.slots && typeof intent.slots === 'object' ? Object.entries(intent.slots) : [];
  const slots: Record<string, canfulfill.CanFulfillSlot> = {};
  for (const [name, slot] of heard) {
    if (typeof slot?.value !== 'string' || !slot.value.trim()) continue;
    slots[name] = !ours ? NOT_UNDERSTOOD : name === CAUSE_SLOT ? causeSlot(intent) : name === MUSCLE_SLOT ? muscleSlot(intent) : NOT_UNDERSTOOD;
  }
  const answers = Object.values(slots);
  const canFulfill: Answer = !ours ? 'NO' : answers.every((slot) => slot.canFulfill === 'YES') ? 'YES' : 'MAYBE';
  return answers.length ? { canFulfill, slots } : { canFulfill };
}

function muscleSlot(intent: Intent | undefined): canfulfill.CanFulfillSlot {
  return { canUnderstand: resolveMuscle(intent) ? 'YES' : 'MAYBE', canFulfill: 'YES' };
}

function causeSlot(intent: Intent | undefined): canfulfill.CanFulfillSlot {
  // Heard but not one of the article's causes: the skill could only say the article does not cover it.
  return resolveCause(intent).status === 'match' ? { canUnderstand: 'YES', canFulfill: 'YES' } : { canUnderstand: 'MAYBE', canFulfill: 'NO' };
}
