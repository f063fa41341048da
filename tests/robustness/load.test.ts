import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import * as prompts from '../../lambda/content/prompts';
import { CAUSE_IDS } from '../../lambda/content/types';
import { BUILT_IN_INTENTS as B, CUSTOM_INTENTS as C } from '../../lambda/intents';
import { startBundleOnDynalite, type BundleHost, type BundleOnDynalite, type HostSample } from '../helpers/bundle-host';
import { expectValidSpokenReply } from '../helpers/reply-checks';
import { Conversation, sessionEndedRequest, spoken, type SlotInput } from '../helpers/requests';

/**
 * Scripted conversations from USERS simulated listeners through the BUNDLED handler (one warm container,
 * a child process with --expose-gc) against dynalite, CONCURRENCY turns in flight. Zero errors, and no
 * steady growth in heap or open sockets: the last quarter's median sample must not be far above the second
 * quarter's (generous margins: this catches a leak per turn, not noise).
 *
 * `npm test`: LOAD_TURNS defaults to 1,000. `npm run soak`: 5,000.
 */
const TURNS = Number(process.env.LOAD_TURNS ?? 1000);
const USERS = 50;
const CONCURRENCY = Number(process.env.LOAD_CONCURRENCY ?? 20);
const SAMPLES = 20;

type Step = readonly [intent: string | 'launch' | 'end', slots?: Record<string, SlotInput>];

/** One night's conversation; users start at different steps and loop. */
function script(user: number): Step[] {
  const cause = CAUSE_IDS[user % CAUSE_IDS.length];
  return [
    ['launch'],
    [C.prevention],
    [B.yes],
    [B.next],
    [C.causeDetail, { cause: { value: cause.toLowerCase(), id: cause } }],
    [C.tellMeMore],
    [C.recentTopics],
    [C.reliefRoutine],
    [B.next],
    [B.next],
    [B.repeat],
    [B.previous],
    [C.speakSofter],
    [C.causeDetail, { cause: { value: 'something odd' } }],
    [C.speakNormally],
    [B.help],
    [B.startOver],
    [B.stop],
    ['end'],
    [C.seeADoctor], // a one-shot in a new session
    [B.no],
  ];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

let container: BundleOnDynalite;
let host: BundleHost;

beforeAll(async () => {
  container = await startBundleOnDynalite();
  host = container.host;
}, 60_000);

afterAll(() => container?.stop());

it(`answers ${TURNS} turns from ${USERS} listeners (${CONCURRENCY} in flight) with no errors and no steady growth`, async () => {
  const errors: string[] = [];
  const samples: HostSample[] = [];
  let started = 0;
  let turnRequests = 0;
  let done = 0;
  let inFlight = 0;
  // Samples are taken at rest: admissions pause, the turns in flight finish, then the child counts. Counted
  // mid-load, every turn in flight adds its own sockets and timers, so the count measured the machine's
  // pace (a busy CI box has more turns half done), not a leak: that made this check flaky.
  let paused = false;
  let idle: (() => void) | undefined;
  const waiters: (() => void)[] = [];
  const acquire = async () => {
    while (paused || inFlight >= CONCURRENCY) await new Promise<void>((resolve) => waiters.push(resolve));
    inFlight++;
  };
  const release = () => {
    inFlight--;
    if (inFlight === 0) idle?.();
    if (!paused) waiters.shift()?.();
  };
  let nextSampleAt = TURNS / SAMPLES;
  let sampling: Promise<void> = Promise.resolve();
  const sampleAtRest = async () => {
    paused = true;
    if (inFlight > 0) await new Promise<void>((resolve) => (idle = resolve));
    idle = undefined;
    samples.push(await host.sample());
    paused = false;
    for (const wake of waiters.splice(0, CONCURRENCY)) wake();
  };

  const invoke = async (envelope: RequestEnvelope): Promise<ResponseEnvelope> => {
    await acquire();
    try {
      const outcome = await host.call(envelope);
      if (!outcome.ok) throw new Error(`handler rejected: ${outcome.error.name}`);
      return outcome.response;
    } finally {
      release();
      done++;
      if (done >= nextSampleAt) {
        nextSampleAt += TURNS / SAMPLES;
        sampling = sampling.then(sampleAtRest);
      }
    }
  };

  const listener = async (user: number) => {
    const userId = `amzn1.ask.account.LOADTEST${String(user).padStart(4, '0')}`;
    const conversation = new Conversation(invoke, { userId });
    const steps = script(user);
    for (let i = user % steps.length; started < TURNS; i = (i + 1) % steps.length) {
      started++;
      const [intent, slots] = steps[i];
      try {
        if (intent === 'end') {
          const response = await invoke(sessionEndedRequest({ userId }));
          if (response.response.outputSpeech) errors.push('speech in reply to SessionEndedRequest');
          continue;
        }
        turnRequests++;
        const response = intent === 'launch' ? await conversation.launch() : await conversation.say(intent, slots);
        expectValidSpokenReply(response);
        if (spoken(response).includes(prompts.ERROR_APOLOGY)) errors.push(`apology for ${intent}`);
      } catch (error) {
        errors.push(`${intent}: ${(error as Error).message.slice(0, 300)}`);
      }
    }
  };

  const began = performance.now();
  await Promise.all(Array.from({ length: USERS }, (_, user) => listener(user)));
  await sampling;
  const seconds = (performance.now() - began) / 1000;

  expect(errors).toEqual([]);
  const logged = host.logLines().filter((line) => line.level !== 'INFO');
  expect(logged).toEqual([]);
  expect(host.output()).not.toContain('amzn1.ask.account.');
  // Every turn's metrics were written (EMF lines): as many Turns as turn requests, and no error answered.
  const metricLines = host.metricLines();
  const total = (name: string) =>
    metricLines.reduce<number>((sum, line) => sum + [line[name] ?? []].flat().reduce<number>((a, b) => a + Number(b), 0), 0);
  expect(total('Turns')).toBe(turnRequests);
  expect(total('ErrorAnswered')).toBe(0);

  expect(samples.length).toBeGreaterThanOrEqual(SAMPLES - 1);
  const quarter = Math.floor(samples.length / 4);
  const q2 = samples.slice(quarter, 2 * quarter);
  const q4 = samples.slice(samples.length - quarter);
  const heap = (s: HostSample[]) => median(s.map((x) => x.heapUsed));
  const sockets = (s: HostSample[]) => median(s.map((x) => x.sockets));
  const handles = (s: HostSample[]) => median(s.map((x) => x.handles));
  const timers = (s: HostSample[]) => median(s.map((x) => x.timers));
  // eslint-disable-next-line no-console
  if (process.env.ROBUSTNESS_REPORT) {
    console.log(
      `load: ${done} turns in ${seconds.toFixed(1)} s (${Math.round(done / seconds)}/s); heap q2 ${(heap(q2) / 2 ** 20).toFixed(1)} MiB -> q4 ${(heap(q4) / 2 ** 20).toFixed(1)} MiB; sockets ${sockets(q2)} -> ${sockets(q4)}; handles ${handles(q2)} -> ${handles(q4)}; timers ${timers(q2)} -> ${timers(q4)}; last ${JSON.stringify(samples[samples.length - 1].byKind)}`,
    );
  }
  // Generous: a leak of even ~1 KiB per turn over the second half of 5,000 turns would show; GC noise will not.
  expect(heap(q4)).toBeLessThan(heap(q2) * 1.25 + 4 * 2 ** 20);
  // At rest: keep-alive connections are pooled (at most one per request that was in flight, not one per
  // turn), no timer outlives its turn, and nothing else accumulates.
  expect(sockets(q4)).toBeLessThanOrEqual(Math.max(sockets(q2), CONCURRENCY));
  expect(timers(q4)).toBeLessThanOrEqual(timers(q2));
  expect(handles(q4) - sockets(q4)).toBeLessThanOrEqual(handles(q2) - sockets(q2));
  expect(samples[samples.length - 1].unhandled).toBe(0);
}, 600_000);
