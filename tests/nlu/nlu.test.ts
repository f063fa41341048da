/**
 * The local NLU (nlp.js, trained from interaction-models/en-US.json): samples, slot synonyms with entity
 * resolution, paraphrases, and what matches nothing.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { IntentRequest, Slot } from 'ask-sdk-model';
import { BUILT_IN_INTENTS, CUSTOM_INTENTS } from '../../lambda/intents';
import { AMAZON_BUILT_IN_SAMPLES as BUILT_IN_SAMPLES } from '../../interaction-models/source';
import { normaliseUtterance } from '../../interaction-models/utterance';
import { loadModel } from '../../nlu/model';
import { trainNlu, type LocalNlu } from '../../nlu/nlu';
import { trainingDocuments } from '../../nlu/training-documents';

let nlu: LocalNlu;
const model = loadModel('en-US');
const ROOT = path.join(__dirname, '..', '..');
let rootBefore: string[];

beforeAll(async () => {
  rootBefore = fs.readdirSync(ROOT);
  nlu = await trainNlu('en-US');
});

function resolution(slot: Slot | undefined): { code?: string; id?: string } {
  const authority = slot?.resolutions?.resolutionsPerAuthority?.[0];
  return { code: authority?.status.code, id: authority?.values?.[0]?.value.id };
}

async function cause(utterance: string): Promise<{ intent: string; code?: string; id?: string; value?: string }> {
  const { intent } = await nlu.understand(utterance);
  return { intent: intent.name, ...resolution(intent.slots?.cause), value: intent.slots?.cause?.value };
}

describe('local NLU (en-US)', () => {
  it('trains quickly and silently, writing no model file', () => {
    expect(nlu.trainingMs).toBeLessThan(5000);
    expect(fs.readdirSync(ROOT).sort()).toEqual(rootBefore.sort());
  });

  it('resolves every sample utterance to its own intent (slot samples with each value in turn)', async () => {
    const { intents, types } = model.interactionModel.languageModel;
    const formsOf = (type: string) =>
      types.find((t) => t.name === type)!.values.flatMap((v) => [v.name.value, ...v.name.synonyms].map((text) => ({ text, id: v.id })));
    const forms = formsOf('CrampCause');
    const muscles = formsOf('CrampMuscle');
    const wrong: string[] = [];
    let n = 0;
    for (const intent of intents) {
      for (const [i, sample] of intent.samples.entries()) {
        // A rotating value that was not used to train this sample literally (the bare sample had them all).
        const form = forms[(i * 7 + 3) % forms.length]!;
        const utterance = sample.replace('{cause}', form.text).replace('{muscle}', muscles[(i * 5 + 1) % muscles.length]!.text);
        const { intent: got } = await nlu.understand(utterance);
        n++;
        if (got.name !== intent.name) wrong.push(`"${utterance}": ${intent.name} → ${got.name}`);
        else if (sample.includes('{cause}') && resolution(got.slots?.cause).id !== form.id) wrong.push(`"${utterance}": slot → ${JSON.stringify(got.slots?.cause)}`);
      }
    }
    expect(n).toBeGreaterThan(300);
    expect(wrong).toEqual([]);
  });

  it('understands the built-in intents from its own sample list, never taking a custom sample', async () => {
    const customSamples = new Set(trainingDocuments(model).filter((d) => !d.intent.startsWith('AMAZON.')).map((d) => d.utterance));
    for (const [intent, samples] of Object.entries(BUILT_IN_SAMPLES)) {
      for (const sample of samples ?? []) {
        if (customSamples.has(normaliseUtterance(sample))) continue;
        expect(`${sample} → ${(await nlu.understand(sample)).intent.name}`).toBe(`${sample} → ${intent}`);
      }
    }
    // "go on" and "continue" are the skill's own TellMeMoreIntent samples.
    expect((await nlu.understand('go on')).intent.name).toBe(CUSTOM_INTENTS.tellMeMore);
    expect((await nlu.understand('continue')).intent.name).toBe(CUSTOM_INTENTS.tellMeMore);
    const docs = trainingDocuments(model);
    expect(new Set(docs.map((d) => d.utterance)).size).toBe(docs.length);
  });

  it.each([
    ['water pills', 'MEDICATIONS'],
    ['high heels', 'FOOTWEAR'],
    ['p. a. d.', 'BLOOD_FLOW'],
    ['peripheral arterial disease', 'BLOOD_FLOW'],
    ['getting older', 'AGE'],
    ['could my water pills be causing my cramps', 'MEDICATIONS'],
    ['is it the statins', 'MEDICATIONS'],
    ['could my shoes be the problem', 'FOOTWEAR'],
    ['does my diet matter for cramps', 'MINERAL_DEFICIENCY'],
  ])('fills the cause slot: "%s" → %s', async (utterance, id) => {
    expect(await cause(utterance)).toMatchObject({ intent: CUSTOM_INTENTS.causeDetail, code: 'ER_SUCCESS_MATCH', id });
  });

  it('sends words that match no value as ER_SUCCESS_NO_MATCH', async () => {
    expect(await cause('tell me about gout')).toEqual({ intent: CUSTOM_INTENTS.causeDetail, code: 'ER_SUCCESS_NO_MATCH', value: 'gout' });
  });

  it('builds slots the way Alexa sends them', async () => {
    const { intent } = await nlu.understand('what about high heels');
    const request = { type: 'IntentRequest', intent } as unknown as IntentRequest;
    expect(request.intent).toEqual({
      name: CUSTOM_INTENTS.causeDetail,
      confirmationStatus: 'NONE',
      slots: {
        cause: {
          name: 'cause',
          value: 'high heels',
          confirmationStatus: 'NONE',
          source: 'USER',
          resolutions: {
            resolutionsPerAuthority: [
              {
                authority: expect.stringMatching(/^amzn1\.er-authority\.echo-sdk\.amzn1\.ask\.skill\..+\.CrampCause$/),
                status: { code: 'ER_SUCCESS_MATCH' },
                values: [{ value: { name: 'improper footwear', id: 'FOOTWEAR' } }],
              },
            ],
          },
        },
      },
    });
  });

  it.each([
    ['why do my calves hurt at night', CUSTOM_INTENTS.causesOverview],
    ['explain the causes', CUSTOM_INTENTS.causesOverview],
    ['my legs hurt', CUSTOM_INTENTS.reliefRoutine],
    ['i have a cramp in my foot', CUSTOM_INTENTS.reliefRoutine],
    ['should i be worried', CUSTOM_INTENTS.seeADoctor],
    ['how can i stop cramps at night', CUSTOM_INTENTS.prevention],
    ['what did i ask yesterday', CUSTOM_INTENTS.recentTopics],
    ['erase everything', CUSTOM_INTENTS.forgetHistory],
    ['please be quieter', CUSTOM_INTENTS.speakSofter],
    ['say it again', BUILT_IN_INTENTS.repeat],
    ['no thanks', BUILT_IN_INTENTS.no],
  ])('understands the paraphrase "%s"', async (utterance, intent) => {
    expect((await nlu.understand(utterance)).intent.name).toBe(intent);
  });

  // Help first (nlu/steps/help-first.ts): pain now is the routine, however it is said; questions stay questions.
  it.each([
    ['gah thigh', CUSTOM_INTENTS.reliefRoutine],
    ["my husband's got a cramp in his calf", CUSTOM_INTENTS.reliefRoutine],
    ['cramp in my foot right now and why does this keep happening', CUSTOM_INTENTS.reliefRoutine],
    ['how do i get this cramp to let go', CUSTOM_INTENTS.reliefRoutine],
    ['legcramp right now', CUSTOM_INTENTS.reliefRoutine],
    ['her quad has gone rock hard what do i get her to do', CUSTOM_INTENTS.reliefRoutine],
    ['would a warm bath help my legs', CUSTOM_INTENTS.treatment],
    ['what is a leg cramp anyway', CUSTOM_INTENTS.whatAreLegCramps],
    ['why do my calves cramp at night', CUSTOM_INTENTS.causesOverview],
    ['i get cramp in my calf and i want to know why', CUSTOM_INTENTS.causesOverview],
    // Mid-routine "still tight" is the cramp persisting: answered, the step kept (never a restart).
    ['not yet still tight', CUSTOM_INTENTS.crampPersists],
  ])('helps first: "%s" → %s', async (utterance, intent) => {
    expect((await nlu.understand(utterance)).intent.name).toBe(intent);
  });

  // As Alexa does: words in a cause's place fill the slot, unresolved, when they name no cause the article covers.
  it.each([
    ['can gout cause leg cramps', 'gout'],
    ['could stress be causing my cramps', 'stress'],
    ['is coeliac disease linked to leg cramps', 'coeliac disease'],
    ['does caffeine give you cramps at night', 'caffeine'],
  ])('hears an uncovered cause in "%s": "%s", resolving to none', async (utterance, heard) => {
    const { intent } = await nlu.understand(utterance);
    expect(intent.name).toBe(CUSTOM_INTENTS.causeDetail);
    expect(intent.slots?.cause).toMatchObject({ value: heard, resolutions: { resolutionsPerAuthority: [{ status: { code: 'ER_SUCCESS_NO_MATCH' } }] } });
  });

  it.each([
    ['can dehydration cause leg cramps', 'DEHYDRATION'],
    ['could my water pills be causing my cramps', 'MEDICATIONS'],
    ['what causes leg cramps', undefined],
    ['my husband wants to know what causes these charley horses', undefined],
  ])('keeps "%s" on the cause the article covers (%s), or the overview', async (utterance, id) => {
    expect(await cause(utterance)).toMatchObject(id ? { intent: CUSTOM_INTENTS.causeDetail, id } : { intent: CUSTOM_INTENTS.causesOverview });
  });

  it.each([
    ['my calf is cramping', 'CALF'],
    ['cramp in my foot help', 'FOOT'],
    ['my thigh just seized up', 'THIGH'],
    ['my hamstring is cramping', 'BACK_OF_THIGH'],
    ['my toes are curling with cramp', 'FOOT'],
  ])('fills the muscle slot in "%s" (%s)', async (utterance, id) => {
    const { intent } = await nlu.understand(utterance);
    expect(intent.name).toBe(CUSTOM_INTENTS.reliefRoutine);
    expect(intent.slots?.muscle?.resolutions?.resolutionsPerAuthority?.[0]?.values?.[0]?.value.id).toBe(id);
  });

  it('names the cause in a why-question even when the overview or nothing else fits', async () => {
    expect(await cause('my son sleeps with his toes pointed down is that why he gets cramps')).toMatchObject({ intent: CUSTOM_INTENTS.causeDetail, id: 'SLEEP_POSITION' });
    expect(await cause('i sit at a desk all day could that be why')).toMatchObject({ intent: CUSTOM_INTENTS.causeDetail, id: 'INACTIVITY' });
  });

  it('never throws on words that name object properties', async () => {
    for (const utterance of ['constructor', 'tostring', '__proto__ hasownproperty', 'valueof my calf']) {
      await expect(nlu.understand(utterance)).resolves.toHaveProperty('intent.name');
    }
  });

  // Known gap: "turn on the lights" reaches SpeakNormallyIntent ("turn your voice back to normal"): with
  // half its words known, the calibrated rule (nlu.ts) takes the clear lead rather than sending Fallback.
  it.each(['the purple giraffe plays tuba', 'what is the capital of france', 'tell me a joke', 'order a pizza', 'play some music please', ''])(
    'sends "%s" to AMAZON.FallbackIntent',
    async (utterance) => {
      expect((await nlu.understand(utterance)).intent).toEqual({ name: BUILT_IN_INTENTS.fallback, confirmationStatus: 'NONE', slots: {} });
    },
  );
});
