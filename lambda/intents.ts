/**
 * Intent, slot and slot-type names, shared by the handlers and the interaction-model source
 * (interaction-models/source.ts) so the two cannot drift.
 */
export const CUSTOM_INTENTS = {
  whatAreLegCramps: 'WhatAreLegCrampsIntent',
  causesOverview: 'CausesOverviewIntent',
  causeDetail: 'CauseDetailIntent',
  reliefRoutine: 'ReliefRoutineIntent',
  /** "It's not going away", "it still hurts": mid-routine or just after it, answered, not restarted. */
  crampPersists: 'CrampPersistsIntent',
  prevention: 'PreventionIntent',
  treatment: 'TreatmentIntent',
  seeADoctor: 'SeeADoctorIntent',
  tellMeMore: 'TellMeMoreIntent',
  recentTopics: 'RecentTopicsIntent',
  forgetHistory: 'ForgetHistoryIntent',
  speakSofter: 'SpeakSofterIntent',
  speakNormally: 'SpeakNormallyIntent',
  /** "Remind me to stretch before bed at ten pm": a daily reminder through the Alexa Reminders API. */
  setStretchReminder: 'SetStretchReminderIntent',
  cancelStretchReminder: 'CancelStretchReminderIntent',
  /** "Do I have a reminder?" */
  checkStretchReminder: 'CheckStretchReminderIntent',
} as const;

export const BUILT_IN_INTENTS = {
  help: 'AMAZON.HelpIntent',
  stop: 'AMAZON.StopIntent',
  cancel: 'AMAZON.CancelIntent',
  fallback: 'AMAZON.FallbackIntent',
  navigateHome: 'AMAZON.NavigateHomeIntent',
  next: 'AMAZON.NextIntent',
  previous: 'AMAZON.PreviousIntent',
  repeat: 'AMAZON.RepeatIntent',
  startOver: 'AMAZON.StartOverIntent',
  yes: 'AMAZON.YesIntent',
  no: 'AMAZON.NoIntent',
  /** "Wait", "hold on", "not yet": mid-routine, keep the step and wait patiently. */
  pause: 'AMAZON.PauseIntent',
  /** "Back to the steps", "continue where we left off". */
  resume: 'AMAZON.ResumeIntent',
} as const;

/** The CauseDetailIntent slot; its values' ids are the CauseId values in content/types.ts. */
export const CAUSE_SLOT = 'cause';
export const CAUSE_SLOT_TYPE = 'CrampCause';

/** The ReliefRoutineIntent slot: where the cramp is ("my calf"); its values' ids are the MuscleId values in content/types.ts. */
export const MUSCLE_SLOT = 'muscle';
export const MUSCLE_SLOT_TYPE = 'CrampMuscle';

/** The SetStretchReminderIntent slot: when to remind, as Alexa's AMAZON.TIME value ("22:00", or "EV" for "evening"). */
export const REMINDER_TIME_SLOT = 'time';
export const REMINDER_TIME_SLOT_TYPE = 'AMAZON.TIME';

export type CustomIntentName = (typeof CUSTOM_INTENTS)[keyof typeof CUSTOM_INTENTS];
export type BuiltInIntentName = (typeof BUILT_IN_INTENTS)[keyof typeof BUILT_IN_INTENTS];
