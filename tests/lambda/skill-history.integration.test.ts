import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { RequestEnvelope } from 'ask-sdk-model';
import * as prompts from '../../lambda/content/prompts';
import { ROUTINE_STEPS } from '../../lambda/content/routine';
import { topic } from '../../lambda/content/topics';
import { BUILT_IN_INTENTS as B, CUSTOM_INTENTS as C } from '../../lambda/intents';
import { buildSkill } from '../../lambda/skill';
import { DynamoHistoryStore } from '../../lambda/state/dynamo-history-store';
import { userKey } from '../../lambda/state/history';
import { startDynalite, type LocalDynamo } from '../helpers/dynalite';
import { RecordingLog } from '../helpers/recording-log';
import { expectValidSpokenReply } from '../helpers/reply-checks';
import { Conversation, skillDisabledEvent, spoken, TEST_USER_ID } from '../helpers/requests';

/**
 * The skill end to end on a real DynamoDB-compatible server: what a listener hears across nights, and
 * how many requests reach the table.
 */
describe('history by voice, on dynalite', () => {
  let dynamo: LocalDynamo;
  let tableName: string;
  let requests: string[];

  beforeAll(async () => {
    dynamo = await startDynalite();
    // Count every command the document client sends (at the client, like the benchmark does).
    dynamo.client.middlewareStack.add(
      (next, context) => async (args) => {
        requests.push(String(context.commandName));
        return next(args);
      },
      { step: 'initialize', name: 'countRequests' },
    );
  });
  afterAll(() => dynamo.stop());
  beforeEach(async () => {
    tableName = await dynamo.createTable();
    requests = [];
  });

  /** A "process": its own skill and store instance over the shared table, like a fresh Lambda container. */
  function process_() {
    const log = new RecordingLog();
    const skill = buildSkill({ store: new DynamoHistoryStore({ client: dynamo.client, tableName }), log });
    const invoke = async (envelope: RequestEnvelope) => {
      const response = await skill.invoke(envelope);
      if (response.response.outputSpeech) expectValidSpokenReply(response);
      return response;
    };
    return { log, invoke, talk: () => new Conversation(invoke) };
  }

  const storedItem = async () =>
    (await dynamo.client.send(new GetCommand({ TableName: tableName, Key: { pk: userKey(TEST_USER_ID) }, ConsistentRead: true }))).Item;

  it('greets a returning listener the next night and continues with "tell me more"', async () => {
    const night1 = process_().talk();
    await night1.launch();
    await night1.say(C.causeDetail, { cause: { value: 'high heels', id: 'FOOTWEAR' } });
    await night1.say(B.stop);

    const night2 = process_().talk();
    const hello = await night2.launch();
    expect(spoken(hello)).toContain(prompts.WELCOME_BACK);
    expect(spoken(hello)).toContain(prompts.RELIEF_OFFER_QUESTION);
    expect(spoken(hello)).not.toContain(prompts.DISCLAIMER.text);
    const more = await night2.say(C.tellMeMore);
    expect(spoken(more)).toContain(topic('FOOTWEAR').deeper[0].text);
  });

  it('offers the relief routine first on the next night, and a yes starts it from step one', async () => {
    const night1 = process_().talk();
    await night1.say(C.reliefRoutine);
    await night1.say(B.next);
    await night1.say(B.next);
    const night2 = process_().talk();
    await night2.launch();
    expect(spoken(await night2.say(B.yes))).toContain(ROUTINE_STEPS[0].instruction.text);
  });

  it('lists what was asked before, then forgets it on request', async () => {
    const night1 = process_().talk();
    await night1.launch();
    await night1.say(C.prevention);
    await night1.say(C.seeADoctor);
    const night2 = process_().talk();
    await night2.launch();
    expect(spoken(await night2.say(C.recentTopics))).toContain(prompts.recentList(['SEE_A_DOCTOR', 'PREVENTION']));
    await night2.say(C.forgetHistory);
    expect(spoken(await night2.say(B.yes))).toBe(prompts.FORGET_DONE);
    expect(await storedItem()).toBeUndefined();
  });

  describe('a forget on one device wins over a session another device opened before it', () => {
    /** Device A's session (one process) hears three topics, a health topic among them; then device B (another process) forgets. */
    async function deviceAThenForgetOnB() {
      const deviceA = process_().talk();
      await deviceA.launch();
      await deviceA.say(C.prevention);
      await deviceA.say(C.causeDetail, { cause: { value: 'being pregnant', id: 'PREGNANCY' } });
      await deviceA.say(C.causeDetail, { cause: { value: 'high heels', id: 'FOOTWEAR' } });
      expect(spoken(await deviceA.say(C.recentTopics))).toContain(prompts.recentList(['FOOTWEAR', 'PREGNANCY', 'PREVENTION']));
      const deviceB = process_().talk();
      await deviceB.launch();
      await deviceB.say(C.forgetHistory);
      expect(spoken(await deviceB.say(B.yes))).toBe(prompts.FORGET_DONE);
      expect(await storedItem()).toBeUndefined();
      expect(deviceA.sessionOpen).toBe(true);
      return { deviceA, deviceB };
    }

    const FORGOTTEN_TITLES = ['FOOTWEAR', 'PREGNANCY', 'PREVENTION'].map((id) => topic(id as 'FOOTWEAR').title);

    it('A\'s recap re-reads the table: nothing from before the forget, the health topic included; and A writes nothing after', async () => {
      const { deviceA } = await deviceAThenForgetOnB();
      const recap = spoken(await deviceA.say(C.recentTopics));
      expect(recap).toContain(prompts.RECENT_NONE);
      for (const title of FORGOTTEN_TITLES) expect(recap).not.toContain(title);
      const puts = requests.filter((name) => /^Put(Item)?Command$/.test(name)).length;
      await deviceA.say(C.tellMeMore);
      await deviceA.say(C.seeADoctor);
      expect(requests.filter((name) => /^Put(Item)?Command$/.test(name)).length).toBe(puts);
      expect(await storedItem()).toBeUndefined();
      expect(spoken(await deviceA.say(B.resume))).toContain(topic('SEE_A_DOCTOR').deeper[0].text);
    });

    it('A\'s next "tell me more" (its first write since) does not re-create the item, and A\'s recap after it names nothing forgotten', async () => {
      const { deviceA } = await deviceAThenForgetOnB();
      expect(spoken(await deviceA.say(C.tellMeMore))).toContain(topic('FOOTWEAR').deeper[0].text); // the conversation goes on
      expect(await storedItem()).toBeUndefined();
      const recap = spoken(await deviceA.say(C.recentTopics));
      for (const title of FORGOTTEN_TITLES) expect(recap).not.toContain(title);
      await deviceA.say(C.causesOverview);
      expect(await storedItem()).toBeUndefined();
      // A's next session starts from the table as usual: nothing remembered, and it may store again.
      const nextSession = process_().talk();
      expect(spoken(await nextSession.launch())).not.toContain(prompts.WELCOME_BACK);
      await nextSession.say(C.causeDetail, { cause: { value: 'sleeping position', id: 'SLEEP_POSITION' } });
      expect((await storedItem())?.h).toEqual({ r: [['SLEEP_POSITION', expect.any(Number)]], l: 'SLEEP_POSITION', c: true });
    });

    it('B forgets, then B talks again: A\'s writes do not land on B\'s new item and A\'s recap names nothing from before', async () => {
      const { deviceA } = await deviceAThenForgetOnB();
      const deviceB = process_().talk();
      await deviceB.launch();
      await deviceB.say(C.causeDetail, { cause: { value: 'sleeping position', id: 'SLEEP_POSITION' } });
      const itemOfB = await storedItem();
      expect(itemOfB).toBeDefined();
      await deviceA.say(C.tellMeMore);
      await deviceA.say(C.causeDetail, { cause: { value: 'dehydration', id: 'DEHYDRATION' } });
      expect(await storedItem()).toEqual(itemOfB);
      const recap = spoken(await deviceA.say(C.recentTopics));
      for (const title of FORGOTTEN_TITLES) expect(recap).not.toContain(title);
    });

    it('a session that had stored nothing when the forget came still stores its own turns', async () => {
      const deviceA = process_().talk();
      await deviceA.launch(); // a new listener: nothing stored, nothing written
      const deviceB = process_().talk();
      await deviceB.say(C.prevention);
      expect(await storedItem()).toBeDefined();
      await deviceB.say(C.forgetHistory);
      await deviceB.say(B.yes);
      await deviceA.say(C.causeDetail, { cause: { value: 'high heels', id: 'FOOTWEAR' } });
      expect(JSON.stringify((await storedItem())?.h)).toContain('FOOTWEAR');
      expect(JSON.stringify((await storedItem())?.h)).not.toContain('PREVENTION');
      expect(spoken(await deviceA.say(C.recentTopics))).toContain(prompts.recentList(['FOOTWEAR']));
    });
  });

  it('deletes the item when the skill is disabled and Alexa kept no data', async () => {
    const { talk, invoke } = process_();
    const c = talk();
    await c.launch();
    await c.say(C.prevention);
    expect(await storedItem()).toBeDefined();
    await invoke(skillDisabledEvent());
    expect(await storedItem()).toBeUndefined();
  });

  it('keeps to one read per session (and one per recap, which re-reads), one write per changing turn, under one request per turn', async () => {
    const c = process_().talk();
    const turns: [string, Parameters<Conversation['say']>[1]?][] = [
      [C.causesOverview],
      [C.tellMeMore],
      [C.reliefRoutine],
      [B.next],
      [B.repeat],
      [C.prevention],
      [C.recentTopics],
      [B.help],
      [B.stop],
    ];
    await c.launch();
    for (const [intent, slots] of turns) await c.say(intent, slots);
    const total = turns.length + 1;
    // The launch's read, and the recap's: it re-reads the table in case another device forgot or added history.
    expect(requests.filter((name) => /^Get(Item)?Command$/.test(name))).toHaveLength(2);
    // Causes (with the first-time disclaimer), more, routine, next, prevention: five writes; launch, help, repeat, recent and stop none.
    expect(requests.filter((name) => /^Put(Item)?Command$/.test(name))).toHaveLength(5);
    expect(requests.length / total).toBeLessThanOrEqual(1);
  });

  it('stores no raw user id, no utterance text, and a small item', async () => {
    const c = process_().talk();
    await c.launch();
    await c.say(C.causeDetail, { cause: { value: 'water pills', id: 'MEDICATIONS' } });
    const item = await storedItem();
    const json = JSON.stringify(item);
    expect(json).not.toContain(TEST_USER_ID);
    expect(json).not.toContain('water pills');
    expect(Buffer.byteLength(json)).toBeLessThan(1024);
  });

  it('writes no health-condition topic to the table, yet follows it in the session (#12)', async () => {
    const c = process_().talk();
    await c.launch();
    await c.say(C.causeDetail, { cause: { value: 'high heels', id: 'FOOTWEAR' } });
    await c.say(C.causeDetail, { cause: { value: 'being pregnant', id: 'PREGNANCY' } });
    expect(spoken(await c.say(C.tellMeMore))).toContain(topic('PREGNANCY').deeper[0].text);
    const json = JSON.stringify(await storedItem());
    expect(json).toContain('FOOTWEAR');
    expect(json).not.toContain('PREGNANCY');
    const night2 = process_().talk();
    expect(spoken(await night2.launch())).not.toContain(topic('PREGNANCY').title);
  });
});
