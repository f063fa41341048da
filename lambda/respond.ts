import type { HandlerInput } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { DISCLAIMER, SKILL_NAME } from './content/prompts';
import { toPlainText, toSsml, type Segment } from './content/ssml';
import type { Reply } from './replies';
import { markDisclaimerHeard } from './state/changes';
import { writeSessionState, turnOf, type SessionState } from './turn';

/**
 * Turns a Reply into Alexa's response: SSML in the night voice, a reprompt, a simple card with the same
 * words, and an explicit shouldEndSession (ask-sdk leaves it undefined after speak() alone). Applies the
 * reply's history change to the session at once and queues it for the one write after the turn.
 */
export function respond(input: HandlerInput, reply: Reply): Response {
  const turn = turnOf(input);
  const changes = reply.change ? [reply.change] : [];
  let speech: readonly Segment[] = reply.speech;
  if (reply.disclaimer && !turn.state.history.disclaimerHeard) {
    speech = [DISCLAIMER.text, ...speech];
    changes.push(markDisclaimerHeard);
  }
  const history = changes.reduce((h, change) => change(h, turn.now), turn.state.history);
  turn.pending.push(...changes);
  const state: SessionState = { history, version: turn.state.version, ...(reply.offer ? { offer: reply.offer } : {}) };
  turn.state = state;
  writeSessionState(input, state);
  return render(input, speech, reply.ask, { softer: history.prefs.softer });
}

/** Renders without touching state: used by the error handler, which may run before any state exists. */
export function render(
  input: HandlerInput,
  speech: readonly Segment[],
  ask: Reply['ask'],
  voice: { softer: boolean },
): Response {
  const spoken = ask ? [...speech, ask.question] : speech;
  const builder = input.responseBuilder.speak(toSsml(spoken, voice)).withSimpleCard(SKILL_NAME, toPlainText(spoken));
  if (ask) builder.reprompt(toSsml([ask.reprompt], voice));
  return builder.withShouldEndSession(!ask).getResponse();
}
