import fc from 'fast-check';
import type { RequestEnvelope } from 'ask-sdk-model';
import { CAUSE_IDS, TOPIC_IDS } from '../../lambda/content/types';
import { BUILT_IN_INTENTS, CUSTOM_INTENTS } from '../../lambda/intents';
import { TEST_SKILL_ID } from './requests';

/**
 * fast-check arbitraries for hostile Alexa request envelopes. Every string that stands for something a
 * listener said or a device sent back (slot values, user ids, attribute strings, unknown names) carries
 * MARKER, so a test can assert that none of it is ever spoken, carded or logged.
 */
export const MARKER = 'zqx';

export const OTHER_SKILL_ID = 'amzn1.ask.skill.11111111-2222-4333-8444-555555555555';

/**
 * Names Alexa's interaction model defines (intent and request type names) carry their own marker: they
 * must never be spoken either, but the error handler logs them on purpose (cut to 64 characters) to say
 * which request failed, and they say nothing about the listener.
 */
export const NAME_MARKER = 'vkw';
export const markedName: fc.Arbitrary<string> = fc.stringMatching(/^[A-Za-z.]{3,12}$/).map((word) => `${NAME_MARKER}${word}`);

/** A random word prefixed with the marker, e.g. "zqxbfoe". */
export const marked: fc.Arbitrary<string> = fc.stringMatching(/^[a-z]{3,8}$/).map((word) => `${MARKER}${word}`);

/** Marked text with odd characters: SSML/XML metacharacters, quotes, emoji, lone surrogates. */
const markedOdd: fc.Arbitrary<string> = fc
  .tuple(marked, fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom('', '<speak>', '</speak>', '&', '"\'', ']]>', '<break time="99s"/>'))
  .map(([m, s, meta]) => `${m}${meta}${s}`);

/** 1k-60k characters, all marker words. */
const markedHuge: fc.Arbitrary<string> = fc
  .tuple(marked, fc.integer({ min: 1000, max: 60_000 }))
  .map(([m, n]) => `${m} `.repeat(Math.ceil(n / (m.length + 1))));

export const markedText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: marked, weight: 5 },
  { arbitrary: markedOdd, weight: 3 },
  { arbitrary: markedHuge, weight: 1 },
);

/** Any JSON-ish value whose strings are all marked (keys too, mostly). */
export const markedAnything: fc.Arbitrary<unknown> = fc.anything({
  key: fc.oneof(marked, fc.constantFrom('history', 'version', 'offer', 'recent', 'topic', 'at', 'kind', 'state', 'prefs', 'softer')),
  values: [markedText, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom(...TOPIC_IDS)],
  maxDepth: 3,
  maxKeys: 6,
});

/** A name of the wrong type (a number, an object, null...). */
const notAString = markedAnything.filter((value) => typeof value !== 'string');

const topicish = fc.oneof(fc.constantFrom(...TOPIC_IDS), marked, markedAnything);
const numberish = fc.oneof(
  fc.integer({ min: -5, max: 200 }),
  fc.double(),
  fc.constantFrom(2 ** 53, Number.MAX_SAFE_INTEGER, -0, 1e300, -1e300, 0.5),
  marked,
  markedAnything,
);
const timeish = fc.oneof(fc.integer({ min: 0, max: Date.now() }), numberish);

const recentEntry = fc.oneof(
  { arbitrary: fc.record({ topic: topicish, at: timeish }, { requiredKeys: [] }), weight: 4 },
  { arbitrary: markedAnything, weight: 1 },
);

/** Stale `history` from an older (or newer) skill version: right names with wrong types, and junk. */
const staleHistory = fc.oneof(
  fc.record(
    {
      recent: fc.oneof(fc.array(recentEntry, { maxLength: 30 }), markedAnything),
      lastTopic: topicish,
      depth: numberish,
      routineStep: numberish,
      prefs: fc.oneof(fc.record({ softer: fc.oneof(fc.boolean(), markedAnything) }), markedAnything),
      disclaimerHeard: fc.oneof(fc.boolean(), markedAnything),
      [MARKER]: markedAnything,
    },
    { requiredKeys: [] },
  ),
  markedAnything,
);

const staleOffer = fc.oneof(
  fc.record({ kind: fc.oneof(fc.constantFrom('more', 'topic', 'resume', 'relief', 'routineNext', 'routineResume', 'forget'), marked), topic: topicish }, { requiredKeys: [] }),
  markedAnything,
);

/** The `state` session attribute as an older skill version, or a corrupted device, might send it back. */
export const staleState: fc.Arbitrary<unknown> = fc.oneof(
  {
    arbitrary: fc.record(
      { history: staleHistory, version: numberish, offer: staleOffer, routine: fc.oneof(fc.record({ step: numberish }), markedAnything) },
      { requiredKeys: [] },
    ),
    weight: 4,
  },
  { arbitrary: markedAnything, weight: 1 },
);

const sessionAttributes = fc.oneof(
  { arbitrary: fc.constant({}), weight: 2 },
  { arbitrary: fc.record({ state: staleState }), weight: 6 },
  { arbitrary: fc.record({ state: staleState, [MARKER]: markedAnything, lastSpeech: markedText }, { requiredKeys: ['state'] }), weight: 2 },
  { arbitrary: fc.constantFrom(undefined, null), weight: 1 },
  { arbitrary: markedAnything, weight: 1 },
);

const INTENT_NAMES = [...Object.values(CUSTOM_INTENTS), ...Object.values(BUILT_IN_INTENTS)];

const authority = fc.record(
  {
    authority: marked,
    status: fc.oneof(fc.record({ code: fc.constantFrom('ER_SUCCESS_MATCH', 'ER_SUCCESS_NO_MATCH', 'ER_ERROR_TIMEOUT') }), markedAnything),
    values: fc.oneof(
      fc.array(fc.oneof(fc.record({ value: fc.record({ name: markedText, id: fc.oneof(fc.constantFrom(...CAUSE_IDS), marked, markedAnything) }) }), markedAnything), {
        maxLength: 3,
      }),
      markedAnything,
    ),
  },
  { requiredKeys: [] },
);

const slot = fc.oneof(
  {
    arbitrary: fc.record(
      {
        name: fc.constant('cause'),
        value: fc.oneof(markedText, fc.constantFrom('', '   ', '\n'), markedAnything),
        confirmationStatus: fc.constant('NONE'),
        resolutions: fc.oneof(fc.record({ resolutionsPerAuthority: fc.oneof(fc.array(authority, { maxLength: 3 }), markedAnything) }), markedAnything),
      },
      { requiredKeys: [] },
    ),
    weight: 5,
  },
  { arbitrary: markedAnything, weight: 1 },
);

const slots = fc.oneof(
  fc.record({ cause: slot }),
  fc.dictionary(marked, slot, { maxKeys: 3 }),
  fc.constantFrom(undefined, null, {}),
  markedAnything,
);

const intent = fc.oneof(
  {
    arbitrary: fc.record(
      {
        name: fc.oneof({ arbitrary: fc.constantFrom(...INTENT_NAMES), weight: 6 }, { arbitrary: markedName, weight: 1 }, { arbitrary: notAString, weight: 1 }),
        confirmationStatus: fc.constant('NONE'),
        slots,
      },
      { requiredKeys: ['name'] },
    ),
    weight: 8,
  },
  { arbitrary: fc.constantFrom(undefined, null), weight: 1 },
  { arbitrary: markedAnything, weight: 1 },
);

export const KNOWN_REQUEST_TYPES = [
  'LaunchRequest',
  'IntentRequest',
  'SessionEndedRequest',
  'AlexaSkillEvent.SkillDisabled',
  'AlexaSkillEvent.SkillEnabled',
  'AlexaSkillEvent.SkillPermissionAccepted',
  'AlexaSkillEvent.ProactiveSubscriptionChanged',
  'AlexaHouseholdListEvent.ItemsCreated',
  'Connections.Response',
  'CanFulfillIntentRequest',
  'Display.ElementSelected',
  'AudioPlayer.PlaybackStarted',
  'System.ExceptionEncountered',
] as const;

const requestType = fc.oneof(
  { arbitrary: fc.constantFrom('LaunchRequest', 'IntentRequest'), weight: 10 },
  { arbitrary: fc.constantFrom(...KNOWN_REQUEST_TYPES), weight: 6 },
  { arbitrary: markedName, weight: 1 },
  { arbitrary: notAString, weight: 1 },
);

const locale = fc.oneof(
  fc.constantFrom('en-US', 'en-GB', 'en-AU', 'en-CA', 'en-IN', 'de-DE', 'ja-JP', 'fr-CA', 'xx-YY', ''),
  marked,
  markedAnything,
);

const request = fc.record(
  {
    type: requestType,
    requestId: fc.oneof(fc.constant('amzn1.echo-api.request.fuzz'), marked),
    timestamp: fc.oneof(fc.constant('2026-11-26T03:13:02Z'), marked),
    locale,
    intent,
    dialogState: fc.constantFrom('STARTED', 'COMPLETED', undefined),
    // SessionEndedRequest fields. Alexa sends one of a few enum values; the skill logs the reason.
    reason: fc.constantFrom('USER_INITIATED', 'ERROR', 'EXCEEDED_MAX_REPROMPTS', undefined),
    error: fc.oneof(fc.record({ type: fc.constantFrom('INVALID_RESPONSE', 'INTERNAL_SERVICE_ERROR'), message: markedText }), fc.constant(undefined)),
    body: fc.oneof(fc.record({ userInformationPersistenceStatus: fc.constantFrom('NOT_PERSISTED', 'PERSISTED', undefined) }), markedAnything),
    [MARKER]: markedAnything,
  },
  { requiredKeys: ['type'] },
);

const userId = fc.oneof(
  { arbitrary: marked.map((m) => `amzn1.ask.account.${m.toUpperCase()}${m}`), weight: 8 },
  { arbitrary: markedText, weight: 1 },
  { arbitrary: markedAnything, weight: 1 },
);

const applicationId = fc.oneof(
  { arbitrary: fc.constant(TEST_SKILL_ID), weight: 8 },
  { arbitrary: fc.constant(OTHER_SKILL_ID), weight: 1 },
  { arbitrary: fc.oneof(marked, markedAnything), weight: 1 },
);

export interface FuzzEnvelopeParts {
  readonly userId: unknown;
  readonly applicationId: unknown;
}

/**
 * A request envelope with anything missing, mistyped or unknown. The Alexa user id and skill id are
 * consistent between session and context (as Alexa sends them) most of the time.
 */
export const hostileEnvelope: fc.Arbitrary<RequestEnvelope> = fc
  .record({
    userId,
    applicationId,
    request: fc.oneof({ arbitrary: request, weight: 20 }, { arbitrary: fc.constantFrom(undefined, null), weight: 1 }, { arbitrary: markedAnything, weight: 1 }),
    sessionNew: fc.oneof({ arbitrary: fc.boolean(), weight: 8 }, { arbitrary: markedAnything, weight: 1 }),
    attributes: sessionAttributes,
    withSession: fc.constantFrom(true, true, true, false),
    withContext: fc.constantFrom(true, true, true, true, true, true, true, true, true, false),
    extraTopLevel: fc.option(markedAnything, { nil: undefined }),
  })
  .map(({ userId: user, applicationId: app, request: req, sessionNew, attributes, withSession, withContext, extraTopLevel }) => {
    const envelope: Record<string, unknown> = { version: '1.0' };
    if (withSession) {
      envelope.session = {
        new: sessionNew,
        sessionId: 'amzn1.echo-api.session.fuzz',
        application: { applicationId: app },
        ...(attributes === undefined ? {} : { attributes }),
        user: { userId: user },
      };
    }
    if (withContext) {
      envelope.context = { System: { application: { applicationId: app }, user: { userId: user }, device: { deviceId: 'amzn1.ask.device.FUZZ' } } };
    }
    if (req !== undefined) envelope.request = req;
    if (extraTopLevel !== undefined) envelope[MARKER] = extraTopLevel;
    return envelope as unknown as RequestEnvelope;
  });

/** The request type, when there is one. */
export function requestTypeOf(envelope: RequestEnvelope): unknown {
  const req = (envelope as unknown as { request?: unknown }).request;
  return req && typeof req === 'object' ? (req as { type?: unknown }).type : undefined;
}

export function applicationIdOf(envelope: RequestEnvelope): unknown {
  return (envelope as unknown as { context?: { System?: { application?: { applicationId?: unknown } } } }).context?.System?.application?.applicationId;
}
