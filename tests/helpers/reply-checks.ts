import type { ResponseEnvelope } from 'ask-sdk-model';
import { XMLValidator } from 'fast-xml-parser';
import { reprompt, spoken } from './requests';

/** Alexa's limits: 8,000 characters of speech per output, 24 KB for the whole response. */
export const MAX_SPEECH_CHARS = 8000;
export const MAX_RESPONSE_BYTES = 24 * 1024;

/**
 * The rules every spoken reply follows: well-formed SSML inside <speak>, within Alexa's limits, a card
 * with the same words, and the session open only when the reply ends with a question and a reprompt.
 */
export function expectValidSpokenReply(envelope: ResponseEnvelope): void {
  const { response } = envelope;
  expect(response.outputSpeech?.type).toBe('SSML');
  const ssml = (response.outputSpeech as { ssml: string }).ssml;
  expect(ssml.startsWith('<speak>') && ssml.endsWith('</speak>')).toBe(true);
  expect(XMLValidator.validate(ssml)).toBe(true);
  expect(ssml.length).toBeLessThanOrEqual(MAX_SPEECH_CHARS);
  expect(Buffer.byteLength(JSON.stringify(envelope))).toBeLessThanOrEqual(MAX_RESPONSE_BYTES);
  expect(typeof response.shouldEndSession).toBe('boolean');

  const card = response.card as { type: string; title: string; content: string } | undefined;
  expect(card?.type).toBe('Simple');
  expect(card?.content).toBe(spoken(envelope));

  if (response.shouldEndSession === false) {
    expect(spoken(envelope).endsWith('?')).toBe(true);
    const repromptSsml = (response.reprompt?.outputSpeech as { ssml?: string } | undefined)?.ssml ?? '';
    expect(XMLValidator.validate(repromptSsml)).toBe(true);
    // A reprompt that adds information: not just the question again.
    expect(reprompt(envelope).length).toBeGreaterThan(0);
    expect(spoken(envelope).endsWith(reprompt(envelope))).toBe(false);
  } else {
    expect(response.reprompt).toBeUndefined();
  }
}
