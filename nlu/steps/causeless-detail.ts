/**
 * A cause question that names no cause ("my dad keeps getting cramps at night why would that be") asks about
 * the causes in general. The last step: it looks at the slots filled.
 */
import type { Intent } from 'ask-sdk-model';
import { CAUSE_SLOT, CUSTOM_INTENTS } from '../../lambda/intents';

export function causelessDetail(intent: Intent): Intent {
  const noCause = intent.name === CUSTOM_INTENTS.causeDetail && !intent.slots?.[CAUSE_SLOT]?.value;
  return noCause ? { name: CUSTOM_INTENTS.causesOverview, confirmationStatus: 'NONE', slots: {} } : intent;
}
