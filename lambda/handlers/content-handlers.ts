import type { TopicId } from '../content/types';
import { CUSTOM_INTENTS } from '../intents';
import * as replies from '../replies';
import { resolveCause, resolveMuscle } from '../slots';
import { answering } from './handler';

/** Questions that each map to one topic: the answer is that topic's summary. */
const TOPIC_BY_INTENT: Readonly<Record<string, TopicId>> = {
  [CUSTOM_INTENTS.whatAreLegCramps]: 'WHAT_ARE_THEY',
  [CUSTOM_INTENTS.causesOverview]: 'CAUSES',
  [CUSTOM_INTENTS.prevention]: 'PREVENTION',
  [CUSTOM_INTENTS.treatment]: 'TREATMENT',
  [CUSTOM_INTENTS.seeADoctor]: 'SEE_A_DOCTOR',
};

export const TopicQuestionHandler = answering(Object.keys(TOPIC_BY_INTENT), ({ intent }) => replies.topicSummary(TOPIC_BY_INTENT[intent.name]));

export const CauseDetailHandler = answering([CUSTOM_INTENTS.causeDetail], ({ intent }) => replies.causeDetail(resolveCause(intent)));

/** Relief now: the routine, its stretch fitted to the muscle when the listener said where the cramp is. */
export const ReliefRoutineHandler = answering([CUSTOM_INTENTS.reliefRoutine], ({ intent }) => replies.startRoutine(resolveMuscle(intent)));

/** "It's not going away" outside a routine under way: answered when the routine was just done, else the routine. */
export const CrampPersistsHandler = answering([CUSTOM_INTENTS.crampPersists], ({ turn }) => replies.crampPersists(turn.state.history, turn.now));

export const TellMeMoreHandler = answering([CUSTOM_INTENTS.tellMeMore], ({ turn }) => replies.tellMeMore(turn.state.history));
