import type { HandlerInput } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { DISCLAIMER, SKILL_NAME } from './content/prompts';
import { toPlainText, toSsml, type Segment } from './content/ssml';
import { inContext, type Reply } from './replies';
import { markDisclaimerHeard } from './state/changes';
import { writeSessionState, turnOf, type SessionState } from './turn';

/**
 * Turns a Reply into Alexa's response, in context (a question answered mid-routine closes with the way back
 * to the steps): SSML in the night voice, a reprompt, a simple card with the same
 * words, and an explicit shouldEndSession (ask-sdk leaves it undefined after speak() alone). Applies the
 * reply's history change to the session at once and queues it for the one write after the turn.
 */
export function respond(input: HandlerInput, chosen: Reply): Response {
  const turn = turnOf(input);
  const reply = inContext(chosen, turn.state);
  const changes = reply.change ? [reply.change] : [];
  let speech: readonly Segment[] = reply.speech;
  // Help first: the one-time disclaimer follows the answer (or the routine's step), before the question.
  if (reply.disclaimer && !turn.state.history.disclaimerHeard) {
    speech = [...speech, DISCLAIMER.text];
    changes.push(markDisclaimerHeard);
  }
  const history = changes.reduce((h, change) => change(h, turn.now), turn.state.history);
  turn.pending.push(...changes);
  const routine = reply.routine === 'end' ? undefined : reply.routine !== undefined ? { step: reply.routine } : turn.state.routine;
  const state: SessionState = {
    history,
    version: turn.state.version,
    ...(reply.offer ? { offer: reply.offer } : {}),
    ...(routine && reply.ask ? { routine } : {}),
  };
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
