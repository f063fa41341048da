import type { ResponseEnvelope } from 'ask-sdk-model';
import { SCRIPT } from '../../bench/conversation';
import { assertIdentical, firstDifference } from '../../bench/equivalence';

function said(text: string, sessionAttributes: Record<string, unknown> = {}): ResponseEnvelope {
  return { version: '1.0', sessionAttributes, response: { outputSpeech: { type: 'SSML', ssml: `<speak>${text}</speak>` } } };
}

describe('firstDifference', () => {
  it('is empty for equal values', () => {
    expect(firstDifference({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe('');
  });

  it('names the path of the first difference and both values', () => {
    expect(firstDifference({ a: { b: 1, c: 2 } }, { a: { b: 1, c: 3 } })).toBe('$.a.c: ours 2 vs baseline 3');
    expect(firstDifference({ a: [1, 2] }, { a: [1, 4] })).toBe('$.a.1: ours 2 vs baseline 4');
  });

  it('names a key only one side has', () => {
    expect(firstDifference({ a: 1 }, { a: 1, extra: 'x' })).toBe('$.extra: ours undefined vs baseline "x"');
  });
});

describe('assertIdentical', () => {
  it('counts the responses, whatever the session attributes hold', () => {
    expect(assertIdentical('run', [said('Hello', { version: 3 }), said('Bye')], [said('Hello', { history: {} }), said('Bye')])).toBe(2);
  });

  it('names the turn, its scripted request and where the answers differ', () => {
    expect(() => assertIdentical('warm run 1', [said('Hello'), said('Cramps come from')], [said('Hello'), said('Cramps are')])).toThrow(
      `warm run 1, turn 2 (${SCRIPT[1]}): the two sides answer differently at $.response.outputSpeech.ssml: ours "<speak>Cramps come from</speak>" vs baseline "<speak>Cramps are</speak>"`,
    );
  });

  it('refuses a different number of responses', () => {
    expect(() => assertIdentical('bundles', [said('Hello')], [])).toThrow('bundles: 1 vs 0 responses');
  });
});
