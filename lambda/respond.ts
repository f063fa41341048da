import type { HandlerInput } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { REMINDERS_PERMISSION } from './alexa-apis';
import { DISCLAIMER, SKILL_NAME } from './content/prompts';
import { toPlainText, toSsml, type Segment, type VoiceOptions } from './content/ssml';
import { inContext, type Reply } from './replies';
import { nightScreenDirectives, type ScreenView } from './screen';
import { markDisclaimerHeard } from './state/changes';
import { writeSessionState, turnOf, type SessionState } from './turn';

const REPLY_ATTRIBUTE = 'reply';

/** The reply this request was answered with, as said in context (for the turn's metrics); undefined before respond(). */
export function repliedWith(input: HandlerInput): Reply | undefined {
  return input.attributesManager.getRequestAttributes()[REPLY_ATTRIBUTE] as Reply | undefined;
}

/**
 * Turns a Reply into Alexa's response, in context (a question answered mid-routine closes with the way back
 * to the steps): SSML in the night voice, a reprompt, a simple card with the same
 * words, and an explicit shouldEndSession (ask-sdk leaves it undefined after speak() alone); devices with a
 * screen also get the night screen (lambda/screen.ts). Applies the
 * reply's history change to the session at once and queues it for the one write after the turn.
 */
export function respond(input: HandlerInput, chosen: Reply): Response {
  const turn = turnOf(input);
  const reply = inContext(chosen, turn.state);
  input.attributesManager.setRequestAttributes({ ...input.attributesManager.getRequestAttributes(), [REPLY_ATTRIBUTE]: reply });
  const changes = reply.change ? [reply.change] : [];
  let speech: readonly Segment[] = reply.speech;
  // Help first: the one-time disclaimer follows the answer (or the routine's step), before the question.
  if (reply.disclaimer && !turn.state.history.disclaimerHeard) {
    speech = [...speech, DISCLAIMER.text];
    changes.push(markDisclaimerHeard);
  }
  const history = changes.reduce((h, change) => change(h, turn.now), turn.state.history);
  turn.pending.push(...changes);
  const routine = reply.routine === 'end' ? undefined : (reply.routine ?? turn.state.routine);
  const state: SessionState = {
    history,
    version: turn.state.version,
    ...(reply.offer ? { offer: reply.offer } : {}),
    ...(routine && reply.ask ? { routine } : {}),
    ...(turn.state.timeZoneAsked ? { timeZoneAsked: true as const } : {}),
    ...(turn.state.forgotten ? { forgotten: true as const } : {}),
  };
  turn.state = state;
  writeSessionState(input, state);
  const voice = { softer: history.prefs.softer, night: turn.night !== false };
  if (reply.permission) return askPermission(input, speech, reply.permission, voice);
  if (reply.elicit && input.requestEnvelope.request.type === 'IntentRequest') {
    const { intent, slot } = reply.elicit;
    input.responseBuilder.addElicitSlotDirective(slot, { name: intent, confirmationStatus: 'NONE', slots: { [slot]: { name: slot, confirmationStatus: 'NONE' } } });
  }
  return render(input, speech, reply.ask, voice, { about: reply.about, next: !!state.routine });
}

/**
 * The reminders permission request. By voice: Alexa asks its own consent question after our words, then
 * sends a Connections.Response (the session ends here; no reprompt). By card: a consent card in the Alexa app.
 */
function askPermission(input: HandlerInput, speech: readonly Segment[], permission: NonNullable<Reply['permission']>, voice: VoiceOptions): Response {
  const builder = input.responseBuilder.speak(toSsml(speech, voice));
  if (permission.ask === 'card') return builder.withAskForPermissionsConsentCard([REMINDERS_PERMISSION]).withShouldEndSession(true).getResponse();
  return builder
    .addDirective({
      type: 'Connections.SendRequest',
      name: 'AskFor',
      payload: {
        '@type': 'AskForPermissionsConsentRequest',
        '@version': '2',
        permissionScopes: [{ permissionScope: REMINDERS_PERMISSION, consentLevel: 'ACCOUNT' }],
      },
      token: permission.token,
    })
    .withShouldEndSession(true)
    .getResponse();
}

/** Renders without touching state: used by the error handler, which may run before any state exists. */
export function render(
  input: HandlerInput,
  speech: readonly Segment[],
  ask: Reply['ask'],
  voice: VoiceOptions,
  screen: ScreenView = {},
): Response {
  const spoken = ask ? [...speech, ask.question] : speech;
  const builder = input.responseBuilder.speak(toSsml(spoken, voice)).withSimpleCard(SKILL_NAME, toPlainText(spoken));
  if (ask) builder.reprompt(toSsml([ask.reprompt], voice));
  // Devices with a screen also get the night screen, built from the same words.
  for (const directive of nightScreenDirectives(input.requestEnvelope, speech, ask, screen)) builder.addDirective(directive);
  return builder.withShouldEndSession(!ask).getResponse();
}
