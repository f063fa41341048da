import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import launchFixture from '../fixtures/launch-request.json';
import intentFixture from '../fixtures/intent-request.json';
import sessionEndedFixture from '../fixtures/session-ended-request.json';
import skillDisabledFixture from '../fixtures/skill-disabled-event.json';
import userEventFixture from '../fixtures/apl-user-event-request.json';
import canFulfillFixture from '../fixtures/can-fulfill-intent-request.json';
import { AlexaSession } from '../../simulation/envelope';
import {
  canFulfillRequest,
  intentRequest,
  launchRequest,
  sessionEndedRequest,
  skillDisabledEvent,
  userEventRequest,
  TEST_SKILL_ID,
  TEST_USER_ID,
} from '../helpers/requests';

/**
 * What a request's handling can depend on: everything but the ids and times of this one request and what
 * only a real device adds that the skill never reads (its Viewports list, APL's own context, the example token).
 */
function comparable(envelope: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(envelope)) as {
    context: { Viewports?: unknown; 'Alexa.Presentation.APL'?: unknown; Viewport?: Record<string, unknown>; System: { apiAccessToken?: string } };
    request: Record<string, unknown>;
  };
  delete copy.context.Viewports;
  delete copy.context['Alexa.Presentation.APL'];
  delete copy.context.System.apiAccessToken;
  if (copy.context.Viewport) {
    delete copy.context.Viewport.experiences;
    delete copy.context.Viewport.video;
  }
  for (const key of ['requestId', 'timestamp', 'eventCreationTime', 'eventPublishingTime', 'token', 'components']) delete copy.request[key];
  return copy;
}

describe('request envelopes (simulation/envelope.ts, the one builder)', () => {
  it.each<[string, unknown, () => RequestEnvelope]>([
    ['LaunchRequest', launchFixture, () => launchRequest()],
    ['IntentRequest with a resolved slot', intentFixture, () => intentRequest('CauseDetailIntent', { cause: { value: 'water pills', id: 'MEDICATIONS' } })],
    ['SessionEndedRequest', sessionEndedFixture, () => sessionEndedRequest()],
    ['APL UserEvent from an Echo Show', userEventFixture, () => userEventRequest(['next'])],
    ['CanFulfillIntentRequest', canFulfillFixture, () => canFulfillRequest('ReliefRoutineIntent')],
    ['SkillDisabled event', skillDisabledFixture, () => skillDisabledEvent()],
  ])('builds a %s like the real one in tests/fixtures', (_name, fixture, build) => {
    const built = build();
    // The resolved slot's name is the heard value here; Alexa's is the canonical value (the skill reads the id).
    if (built.request.type === 'IntentRequest') {
      const resolution = built.request.intent.slots!.cause!.resolutions!.resolutionsPerAuthority![0]!;
      resolution.values[0]!.value.name = 'medications';
    }
    expect(comparable(built)).toEqual(comparable(fixture));
    expect(built.request.requestId).toMatch(/^amzn1\.echo-api\.request\./);
    expect(built.request.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });
});

describe('the session keeper (AlexaSession)', () => {
  const listener = { skillId: TEST_SKILL_ID, userId: TEST_USER_ID, locale: 'en-US' };

  /** A skill that keeps the session open until it hears `stop`, counting turns in a session attribute. */
  function recordingSkill() {
    const seen: RequestEnvelope[] = [];
    const invoke = async (envelope: RequestEnvelope): Promise<ResponseEnvelope> => {
      seen.push(envelope);
      const turns = Number(envelope.session?.attributes?.turns ?? 0) + 1;
      const ends = envelope.request.type === 'IntentRequest' && envelope.request.intent.name === 'AMAZON.StopIntent';
      return { version: '1.0', sessionAttributes: { turns }, response: { shouldEndSession: ends } };
    };
    return { seen, invoke };
  }

  it('carries attributes within a session and starts a new one after the skill ends it', async () => {
    const skill = recordingSkill();
    const session = new AlexaSession(skill.invoke, listener);
    await session.launch();
    await session.say('AMAZON.HelpIntent');
    await session.say('AMAZON.StopIntent');
    expect(session.sessionOpen).toBe(false);
    await session.say('AMAZON.HelpIntent');
    expect(skill.seen.map((e) => [e.session!.new, e.session!.attributes])).toEqual([
      [true, {}],
      [false, { turns: 1 }],
      [false, { turns: 2 }],
      [true, {}],
    ]);
    expect(new Set(skill.seen.slice(0, 3).map((e) => e.session!.sessionId)).size).toBe(1);
    expect(skill.seen[3]!.session!.sessionId).not.toBe(skill.seen[0]!.session!.sessionId);
  });

  it('ends an open session with a SessionEndedRequest when the listener launches again or walks away', async () => {
    const skill = recordingSkill();
    const session = new AlexaSession(skill.invoke, listener);
    await session.launch();
    await session.launch();
    await session.end();
    expect(skill.seen.map((e) => e.request.type)).toEqual(['LaunchRequest', 'SessionEndedRequest', 'LaunchRequest', 'SessionEndedRequest']);
    expect(session.sessionOpen).toBe(false);
  });
});
