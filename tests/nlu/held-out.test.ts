/**
 * How well the local dialog understands phrasings nobody trained it on: the held-out set
 * (tests/nlu/held-out.ts), written before the samples were read. Fails under MIN_RELIEF for relief now or
 * MIN_OVERALL overall; prints the on-topic rate per category (the README's table comes from here) when it
 * fails or when asked (NLU_REPORT=1).
 */
import { loadModel } from '../../nlu/model';
import { trainNlu } from '../../nlu/nlu';
import { everySample, formatRates, knownIntents, onTopicRates, percent, type CategoryRate } from '../../nlu/tuning/on-topic';
import { ALREADY_SAMPLES_WHEN_WRITTEN, HELD_OUT } from './held-out';

const MIN_RELIEF = 95;
/** The gates: 95% for relief now and overall (the phrasings that were never samples may sit 2 points lower). */
const MIN_OVERALL = 95;

let rates: CategoryRate[];
let freshRates: CategoryRate[];
let report = '';

beforeAll(async () => {
  const nlu = await trainNlu('en-US');
  const known = knownIntents(loadModel('en-US'));
  rates = await onTopicRates(nlu, HELD_OUT, known);
  freshRates = await onTopicRates(nlu, HELD_OUT.filter((p) => !ALREADY_SAMPLES_WHEN_WRITTEN.has(p.utterance)), known);
  const misses = rates.slice(0, -1).flatMap((r) => r.misses.map((m) => `  ${r.category}: "${m.utterance}" → ${m.got}`));
  const fresh = freshRates.at(-1)!;
  report =
    `Held-out phrasings on topic (en-US):\n${formatRates(rates)}\n` +
    `(${fresh.onTopic}/${fresh.total}, ${percent(fresh)}%, of those that were never samples)` +
    (misses.length ? `\nMisses:\n${misses.join('\n')}` : '');
  if (process.env.NLU_REPORT) console.log(report);
});

/** A gate on an on-topic rate: the report is printed when it fails (and with NLU_REPORT=1 in any case). */
function expectAtLeast(percentage: number, min: number): void {
  if (percentage < min && !process.env.NLU_REPORT) console.log(report);
  expect(percentage).toBeGreaterThanOrEqual(min);
}

const rate = (category: string) => rates.find((r) => r.category === category)!;

describe('the held-out set', () => {
  it('is big enough and covers every kind of request', () => {
    expect(HELD_OUT.length).toBeGreaterThanOrEqual(150);
    expect(new Set(HELD_OUT.map((p) => p.utterance)).size).toBe(HELD_OUT.length);
    expect(rates.length).toBeGreaterThanOrEqual(14);
  });

  it(`puts at least ${MIN_RELIEF}% of the ways of asking for relief now on the relief routine`, () => {
    expectAtLeast(percent(rate('relief')), MIN_RELIEF);
  });

  it(`puts at least ${MIN_OVERALL}% of all phrasings on topic, and of those that were never samples`, () => {
    expectAtLeast(percent(rate('overall')), MIN_OVERALL);
    expectAtLeast(percent(freshRates.at(-1)!), MIN_OVERALL - 2);
  });

  it('never copies a held-out phrasing into the samples', () => {
    const samples = everySample(loadModel('en-US'));
    const copied = HELD_OUT.filter((p) => samples.has(p.utterance) && !ALREADY_SAMPLES_WHEN_WRITTEN.has(p.utterance)).map((p) => p.utterance);
    expect(copied).toEqual([]);
  });
});
