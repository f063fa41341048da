import { createHandlers } from '../../lambda/skill';
import { BUILT_IN_INTENTS, CUSTOM_INTENTS } from '../../lambda/intents';
import { MemoryHistoryStore } from '../../lambda/state/memory-history-store';
import { buildModel } from '../../interaction-models/generate';
import { LOCALES } from '../../interaction-models/source';
import { RecordingLog } from '../helpers/recording-log';

/** The models and the code must agree: nothing declared goes unanswered, nothing handled is undeclared. */
const handled = new Set(createHandlers({ store: new MemoryHistoryStore(), log: new RecordingLog() }).flatMap((h) => h.intents));

describe.each(LOCALES)('%s model and handlers', (locale) => {
  const declared = buildModel(locale).interactionModel.languageModel.intents.map((intent: { name: string }) => intent.name);

  it('every declared intent has a handler', () => {
    expect(declared.filter((name: string) => !handled.has(name))).toEqual([]);
  });

  it('every handled intent is declared', () => {
    expect([...handled].filter((name) => !declared.includes(name))).toEqual([]);
  });

  it('declares every intent the code names', () => {
    expect(declared).toEqual(expect.arrayContaining([...Object.values(CUSTOM_INTENTS), ...Object.values(BUILT_IN_INTENTS)]));
  });
});
