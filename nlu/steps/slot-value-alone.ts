/**
 * A cause named on its own ("pregnancy", answering "which one?") is that cause. The model has no slot-only
 * sample, which would let any short reply ("ready") fill the slot; this is its guard: the whole utterance
 * must be a value or synonym.
 */
import type { Step } from './step';

export const slotValueAlone: Step = (reading, { text, exact }, { slotIntent }) =>
  exact?.text === text ? { ...reading, intent: slotIntent.get(exact.slot) ?? reading.intent } : reading;
