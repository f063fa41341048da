/** A cause question naming no cause (nlu/steps/causeless-detail.ts). */
import type { Intent } from 'ask-sdk-model';
import { CAUSE_SLOT, CUSTOM_INTENTS } from '../../../lambda/intents';
import { causelessDetail } from '../../../nlu/steps/causeless-detail';

const detail = (value?: string): Intent => ({
  name: CUSTOM_INTENTS.causeDetail,
  confirmationStatus: 'NONE',
  slots: { [CAUSE_SLOT]: value === undefined ? { name: CAUSE_SLOT, confirmationStatus: 'NONE' } : { name: CAUSE_SLOT, value, confirmationStatus: 'NONE' } },
});

it('takes a cause question with no cause heard for the overview', () => {
  expect(causelessDetail(detail())).toEqual({ name: CUSTOM_INTENTS.causesOverview, confirmationStatus: 'NONE', slots: {} });
});

it('keeps a cause question with a cause heard, and any other intent', () => {
  expect(causelessDetail(detail('gout'))).toEqual(detail('gout'));
  const prevention: Intent = { name: CUSTOM_INTENTS.prevention, confirmationStatus: 'NONE', slots: {} };
  expect(causelessDetail(prevention)).toBe(prevention);
});
