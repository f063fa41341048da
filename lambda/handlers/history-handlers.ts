import { BUILT_IN_INTENTS, CUSTOM_INTENTS } from '../intents';
import type { Log } from '../log';
import { describeError } from '../log';
import * as replies from '../replies';
import { refreshSessionHistory } from '../history-interceptors';
import { respond } from '../respond';
import { setSofter } from '../state/changes';
import { EMPTY_HISTORY, type HistoryStore } from '../state/history';
import { turnOf } from '../turn';
import { answering, isIntent, type SkillHandler } from './handler';

/** "What did I ask last time?", from the table as it is now (a forget on another device wins). */
export function createRecentTopicsHandler(deps: { readonly store: HistoryStore; readonly log: Log }): SkillHandler {
  const handler: SkillHandler = {
    intents: [CUSTOM_INTENTS.recentTopics],
    canHandle: (input) => isIntent(input, handler.intents),
    handle: async (input) => {
      await refreshSessionHistory(input, deps);
      return respond(input, replies.recentTopics(turnOf(input).state.history));
    },
  };
  return handler;
}

/** "Forget my history": asks first; the yes is handled below. */
export const ForgetHistoryHandler = answering([CUSTOM_INTENTS.forgetHistory], () => replies.confirmForget());

/** Yes to the forget question: deletes the stored item, then says whether it worked. */
export function createForgetConfirmedHandler(store: HistoryStore, log: Log): SkillHandler {
  const handler: SkillHandler = {
    intents: [BUILT_IN_INTENTS.yes],
    canHandle: (input) => isIntent(input, handler.intents) && turnOf(input).state.offer?.kind === 'forget',
    handle: async (input) => {
      const turn = turnOf(input);
      let succeeded = !turn.userKey;
      if (turn.userKey) {
        try {
          await store.forget(turn.userKey);
          succeeded = true;
        } catch (error) {
          log.error('history_forget_failed', describeError(error));
        }
      }
      // The session forgets too; the reply carries no change, so nothing is written back after the delete.
      if (succeeded) {
        turn.state = { history: EMPTY_HISTORY, version: 0 };
        // Nothing this turn read (the device's time zone) may recreate the item just deleted.
        turn.pending.length = 0;
      }
      return respond(input, replies.forgotten(succeeded));
    },
  };
  return handler;
}

export const SpeakSofterHandler = answering([CUSTOM_INTENTS.speakSofter], () => replies.voicePreference(true, setSofter(true)));

export const SpeakNormallyHandler = answering([CUSTOM_INTENTS.speakNormally], () => replies.voicePreference(false, setSofter(false)));
