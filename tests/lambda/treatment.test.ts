import type { Intent, RequestEnvelope } from 'ask-sdk-model';
import { ROUTINE_STEPS, stretchFor } from '../../lambda/content/routine';
import { MEDICINE_CHECK, topic } from '../../lambda/content/topics';
import { TOPIC_IDS } from '../../lambda/content/types';
import { CUSTOM_INTENTS as C } from '../../lambda/intents';
import { buildSkill } from '../../lambda/skill';
import { MemoryHistoryStore } from '../../lambda/state/memory-history-store';
import { trainNlu, type LocalNlu } from '../../nlu/nlu';
import { RecordingLog } from '../helpers/recording-log';
import { intentRequest, spoken } from '../helpers/requests';

/**
 * Treatment questions ("does ibuprofen help", "heat or ice", "what can I take") reach the treatment
 * topic, not the prevention summary; a cramp happening now still starts the routine. Phrasings go through the
 * local NLU trained from the interaction model, as a listener's words would.
 */
let nlu: LocalNlu;
beforeAll(async () => {
  nlu = await trainNlu('en-US');
});

async function ask(phrase: string) {
  const skill = buildSkill({ store: new MemoryHistoryStore(), log: new RecordingLog() });
  const intent: Intent = (await nlu.understand(phrase)).intent;
  const envelope: RequestEnvelope = intentRequest(intent.name, {}, { newSession: true, attributes: {} });
  (envelope.request as { intent: Intent }).intent = intent;
  return { intent: intent.name, said: spoken(await skill.invoke(envelope)) };
}

describe('treatment questions', () => {
  it.each([
    'how are leg cramps treated',
    'does ibuprofen help',
    'can ibuprofen help leg cramps',
    'heat or ice',
    'do heat pads help',
    'what can i take for leg cramps',
    'pain relief medicine for cramps',
    'is ibuprofen good for leg cramps',
    'should i put heat or ice on my calf',
    'what medicine can i take for the pain',
  ])('"%s" gets the treatment topic, with the pharmacist check', async (phrase) => {
    const { intent, said } = await ask(phrase);
    expect(intent).toBe(C.treatment);
    expect(said).toContain(topic('TREATMENT').summary.text);
    expect(said).toContain(MEDICINE_CHECK);
  });

  it.each(['i have a cramp right now', 'how do i stop a cramp now'])('"%s" still starts the routine', async (phrase) => {
    const { intent, said } = await ask(phrase);
    expect(intent).toBe(C.reliefRoutine);
    expect(said).toContain(ROUTINE_STEPS[0].instruction.text);
  });

  it('"my calf is cramping" starts the routine with the calf\'s own stretch', async () => {
    const { intent, said } = await ask('my calf is cramping');
    expect(intent).toBe(C.reliefRoutine);
    expect(said).toContain(stretchFor('CALF').text);
  });

  it('"how do i prevent leg cramps" still gets prevention', async () => {
    const { intent, said } = await ask('how do i prevent leg cramps');
    expect(intent).toBe(C.prevention);
    expect(said).toContain(topic('PREVENTION').summary.text);
  });
});

describe('every topic', () => {
  it.each(TOPIC_IDS)('%s follows any pain reliever it names with the pharmacist check', (id) => {
    const { summary, deeper } = topic(id);
    for (const passage of [summary, ...deeper]) {
      if (/ibuprofen|pain reliever/i.test(passage.text)) expect(passage.text).toContain(MEDICINE_CHECK);
    }
  });
});
