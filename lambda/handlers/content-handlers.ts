import type { IntentRequest } from 'ask-sdk-model';
import type { TopicId } from '../content/types';
import { CUSTOM_INTENTS } from '../intents';
import * as replies from '../replies';
import { respond } from '../respond';
import { resolveCause, resolveMuscle } from '../slots';
import { turnOf } from '../turn';
import { isIntent, type SkillHandler } from './handler';

/** Questions that each map to one topic: the answer is that topic's summary. */
const TOPIC_BY_INTENT: Readonly<Record<string, TopicId>> = {
  [CUSTOM_INTENTS.whatAreLegCramps]: 'WHAT_ARE_THEY',
  [CUSTOM_INTENTS.causesOverview]: 'CAUSES',
  [CUSTOM_INTENTS.prevention]: 'PREVENTION',
  [CUSTOM_INTENTS.treatment]: 'TREATMENT',
  [CUSTOM_INTENTS.seeADoctor]: 'SEE_A_DOCTOR',
};

export const TopicQuestionHandler: SkillHandler = {
  intents: Object.keys(TOPIC_BY_INTENT),
  canHandle: (input) => isIntent(input, TopicQuestionHandler.intents),
  handle: (input) => {
    const intent = (input.requestEnvelope.request as IntentRequest).intent.name;
    return respond(input, replies.topicSummary(TOPIC_BY_INTENT[intent]));
  },
};

export const CauseDetailHandler: SkillHandler = {
  intents: [CUSTOM_INTENTS.causeDetail],
  canHandle: (input) => isIntent(input, CauseDetailHandler.intents),
  handle: (input) => respond(input, replies.causeDetail(resolveCause((input.requestEnvelope.request as IntentRequest).intent))),
};

/** Relief now: the routine, its stretch fitted to the muscle when the listener said where the cramp is. */
export const ReliefRoutineHandler: SkillHandler = {
  intents: [CUSTOM_INTENTS.reliefRoutine],
  canHandle: (input) => isIntent(input, ReliefRoutineHandler.intents),
  handle: (input) => respond(input, replies.startRoutine(resolveMuscle((input.requestEnvelope.request as IntentRequest).intent))),
};

/** "It's not going away" outside a routine under way: answered when the routine was just done, else the routine. */
export const CrampPersistsHandler: SkillHandler = {
  intents: [CUSTOM_INTENTS.crampPersists],
  canHandle: (input) => isIntent(input, CrampPersistsHandler.intents),
  handle: (input) => {
    const turn = turnOf(input);
    return respond(input, replies.crampPersists(turn.state.history, turn.now));
  },
};

export const TellMeMoreHandler: SkillHandler = {
  intents: [CUSTOM_INTENTS.tellMeMore],
  canHandle: (input) => isIntent(input, TellMeMoreHandler.intents),
  handle: (input) => respond(input, replies.tellMeMore(turnOf(input).state.history)),
};
