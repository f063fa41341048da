/**
 * The skill's metrics through buildSkill (a recording fake, real request envelopes), and the Powertools
 * adapter's EMF lines. What each turn means is tests/lambda/turn-metrics.test.ts's.
 */
import type { RequestEnvelope } from 'ask-sdk-model';
import { ROUTINE_STEPS } from '../../lambda/content/routine';
import { TOPIC_IDS } from '../../lambda/content/types';
import { BUILT_IN_INTENTS as B, CUSTOM_INTENTS as C } from '../../lambda/intents';
import { METRIC, METRICS_NAMESPACE } from '../../lambda/metric-names';
import { createMetrics } from '../../lambda/metrics';
import { buildSkill } from '../../lambda/skill';
import type { HistoryStore } from '../../lambda/state/history';
import { MemoryHistoryStore } from '../../lambda/state/memory-history-store';
import { RecordingLog } from '../helpers/recording-log';
import { names, RecordingMetrics } from '../helpers/recording-metrics';
import {
  canFulfillRequest,
  Conversation,
  intentRequest,
  launchRequest,
  sessionEndedRequest,
  skillDisabledEvent,
  TEST_USER_ID,
  userEventRequest,
} from '../helpers/requests';

function setup(store: HistoryStore = new MemoryHistoryStore(), extra: { now?: () => number } = {}) {
  const metrics = new RecordingMetrics();
  const log = new RecordingLog();
  const skill = buildSkill({ store, log, metrics, ...extra });
  const invoke = (envelope: RequestEnvelope) => skill.invoke(envelope);
  return { metrics, log, invoke, talk: () => new Conversation(invoke) };
}

describe('through the skill', () => {
  test('each invocation flushes once, with that invocation’s points', async () => {
    const { metrics, talk } = setup();
    const c = talk();
    await c.launch();
    await c.say(C.prevention);
    expect(metrics.flushes).toHaveLength(2);
    expect(names(metrics.flushes[0])).toEqual([METRIC.turns]);
    expect(names(metrics.flushes[1])).toEqual([METRIC.turns, 'TopicAsked{topic=PREVENTION}']);
  });

  test('the routine from its start to its completion, one step per turn', async () => {
    const { metrics, talk } = setup();
    const c = talk();
    await c.launch();
    await c.say(B.yes);
    for (let step = 1; step < ROUTINE_STEPS.length; step++) await c.say(B.next);
    expect(metrics.flushes.map(names)).toEqual([
      [METRIC.turns],
      [METRIC.turns, METRIC.routineStarted, METRIC.reliefOfferAccepted, 'TopicAsked{topic=RELIEF_ROUTINE}'],
      [METRIC.turns, 'RoutineStep2'],
      [METRIC.turns, 'RoutineStep3'],
      [METRIC.turns, 'RoutineStep4'],
      [METRIC.turns, METRIC.routineCompleted],
    ]);
    expect(c.sessionOpen).toBe(false);
  });

  test('the screen’s Next button moves the routine on like "next"', async () => {
    const { metrics, talk, invoke } = setup();
    const started = await talk().say(C.reliefRoutine);
    await invoke(userEventRequest(['next'], { attributes: started.sessionAttributes, newSession: false, screen: 'RECTANGLE' }));
    expect(metrics.lastNames()).toEqual([METRIC.turns, 'RoutineStep2']);
  });

  test('a fallback is not understood', async () => {
    const { metrics, talk } = setup();
    await talk().say(B.fallback);
    expect(metrics.lastNames()).toEqual([METRIC.turns, METRIC.notUnderstood]);
  });

  test('a session ended by Alexa mid-routine is abandoned', async () => {
    const { metrics, talk, invoke } = setup();
    const started = await talk().say(C.reliefRoutine);
    await invoke(sessionEndedRequest({ attributes: started.sessionAttributes, newSession: false }));
    expect(metrics.lastNames()).toEqual([METRIC.routineAbandoned]);
  });

  test('history reads and writes add their latency', async () => {
    const { metrics, talk } = setup();
    await talk().say(C.prevention);
    const latencies = metrics.flushes[0].filter((p) => p.unit === 'Milliseconds');
    expect(latencies.map((p) => p.name)).toEqual([METRIC.historyLoadLatency, METRIC.historySaveLatency]);
    for (const point of latencies) expect(point.value).toBeGreaterThanOrEqual(0);
  });

  test('a table that never answers is a deadline hit, and the listener is still answered', async () => {
    const hanging: HistoryStore = { load: () => new Promise(() => undefined), save: () => new Promise(() => undefined), forget: () => new Promise(() => undefined) };
    const { metrics, invoke } = setup(hanging);
    const response = await invoke(launchRequest({ newSession: true }));
    expect(response.response.outputSpeech).toBeDefined();
    expect(names(metrics.flushes[0])).toEqual([METRIC.historyDeadlineHits, METRIC.turns]);
  }, 10_000);

  test('an error answered is counted, with the turn, and flushed', async () => {
    const { metrics, invoke } = setup(new MemoryHistoryStore(), {
      now: () => {
        throw new Error('clock broke');
      },
    });
    const response = await invoke(intentRequest(C.prevention, {}, { newSession: true }));
    expect(response.response.outputSpeech).toBeDefined();
    expect(metrics.lastNames()).toEqual([METRIC.turns, METRIC.errorAnswered]);
  });

  test('an event whose delete fails still flushes what it recorded before the error reaches Lambda', async () => {
    const failing = new MemoryHistoryStore();
    failing.forget = () => Promise.reject(new Error('table down'));
    const { metrics, invoke } = setup(failing);
    await expect(invoke(skillDisabledEvent())).rejects.toThrow('table down');
    expect(metrics.flushes).toHaveLength(1);
    expect(metrics.flushes[0].map((p) => p.name)).toEqual([METRIC.historyForgetLatency]);
  });

  test('a name-free question (CanFulfillIntentRequest) records nothing', async () => {
    const { metrics, invoke } = setup();
    await invoke(canFulfillRequest(C.reliefRoutine));
    expect(metrics.flushes).toEqual([[]]);
  });
});

describe('no user, device or session id, and nothing said, in any metric', () => {
  const SAID = 'my neighbour gary says it is the full moon';
  const envelopes = (): RequestEnvelope[] => {
    const forged = { state: { history: { r: [{ t: TEST_USER_ID, at: 1 }] }, version: 2, offer: { kind: 'topic', topic: TEST_USER_ID }, routine: { step: 1 } } };
    return [
      launchRequest({ newSession: true }),
      intentRequest(C.reliefRoutine, {}, { newSession: true }),
      intentRequest(C.causeDetail, { cause: { value: SAID } }, { newSession: true }),
      intentRequest(C.causeDetail, { cause: { value: 'dehydration', id: 'DEHYDRATION' } }, { newSession: true }),
      intentRequest(B.fallback, {}, { newSession: false, attributes: forged }),
      intentRequest(B.next, {}, { newSession: false, attributes: forged }),
      intentRequest('SomeOtherSkillIntent', { anything: { value: SAID } }, { newSession: true }),
      sessionEndedRequest({ newSession: false, attributes: forged }),
      canFulfillRequest(C.causeDetail, { cause: { value: SAID } }),
      skillDisabledEvent(),
    ];
  };

  test('dimensions are topic ids only; values are numbers', async () => {
    const { metrics, invoke } = setup();
    for (const envelope of envelopes()) await invoke(envelope);
    const points = metrics.all();
    expect(points.length).toBeGreaterThan(10);
    for (const point of points) {
      expect(Object.keys(point).sort()).toEqual(point.topic ? ['name', 'topic', 'unit', 'value'] : ['name', 'unit', 'value']);
      expect(typeof point.value).toBe('number');
      if (point.topic) expect(TOPIC_IDS).toContain(point.topic);
    }
  });

  test('no id or words from the envelopes appear anywhere in what was recorded', async () => {
    const { metrics, invoke } = setup();
    const sent = envelopes();
    for (const envelope of sent) await invoke(envelope);
    const recorded = JSON.stringify(metrics.all());
    const ids = sent.flatMap((e) => [e.context.System.user.userId, e.context.System.device?.deviceId, e.session?.sessionId, e.request.requestId]);
    for (const id of ids.filter((id): id is string => !!id)) expect(recorded).not.toContain(id);
    for (const word of ['gary', 'moon', 'neighbour', 'amzn1']) expect(recorded).not.toContain(word);
  });
});

describe('the Powertools adapter (EMF lines on stdout)', () => {
  function captureStdout(run: () => void): string[] {
    const lines: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((chunk: string | Uint8Array) => {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      return true;
    }) as typeof process.stdout.write;
    try {
      run();
    } finally {
      process.stdout.write = write;
    }
    return lines;
  }

  const previous = process.env.POWERTOOLS_METRICS_DISABLED;
  beforeAll(() => delete process.env.POWERTOOLS_METRICS_DISABLED);
  afterAll(() => (previous === undefined ? delete process.env.POWERTOOLS_METRICS_DISABLED : (process.env.POWERTOOLS_METRICS_DISABLED = previous)));

  test('one line for the turn, one per topic, in the skill’s namespace with the service dimension', () => {
    const metrics = createMetrics();
    const lines = captureStdout(() => {
      metrics.record({ name: METRIC.turns, unit: 'Count', value: 1 }, { name: METRIC.routineStarted, unit: 'Count', value: 1 });
      metrics.record({ name: METRIC.historyLoadLatency, unit: 'Milliseconds', value: 4.2 });
      metrics.record({ name: METRIC.topicAsked, unit: 'Count', value: 1, topic: 'RELIEF_ROUTINE' });
      metrics.flush();
    });
    expect(lines).toHaveLength(2);
    const [turn, topic] = lines.map((line) => JSON.parse(line));
    expect(turn._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: METRICS_NAMESPACE,
        Dimensions: [['service']],
        Metrics: [
          { Name: 'Turns', Unit: 'Count' },
          { Name: 'RoutineStarted', Unit: 'Count' },
          { Name: 'HistoryLoadLatency', Unit: 'Milliseconds' },
        ],
      },
    ]);
    expect(turn).toMatchObject({ service: 'leg-cramp-helper', Turns: 1, RoutineStarted: 1, HistoryLoadLatency: 4.2 });
    expect(topic._aws.CloudWatchMetrics[0].Dimensions).toEqual([['service', 'topic']]);
    expect(topic).toMatchObject({ topic: 'RELIEF_ROUTINE', TopicAsked: 1 });
  });

  test('nothing recorded, nothing written (not even Powertools’ empty-metrics warning)', () => {
    const metrics = createMetrics();
    expect(captureStdout(() => metrics.flush())).toEqual([]);
  });

  test('a flush starts afresh: the next invocation’s line holds only its own points', () => {
    const metrics = createMetrics();
    const lines = captureStdout(() => {
      metrics.record({ name: METRIC.topicAsked, unit: 'Count', value: 1, topic: 'AGE' }, { name: METRIC.turns, unit: 'Count', value: 1 });
      metrics.flush();
      metrics.record({ name: METRIC.turns, unit: 'Count', value: 1 });
      metrics.flush();
    });
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[2])).not.toHaveProperty('topic');
  });
});
