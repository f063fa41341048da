/** The scripted 10-turn conversation both sides answer (one session: launch ... stop). */
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { BUILT_IN_INTENTS as B, CUSTOM_INTENTS as C } from '../lambda/intents';
import { AlexaSession, type Invoke } from '../simulation/envelope';

/** The skill id of the bench's requests (the test fixtures' example id). */
export const SKILL_ID = 'amzn1.ask.skill.00000000-0000-0000-0000-000000000000';

/** Launch, then these intents in order (the last one, stop, ends the session). */
export const SCRIPT: readonly string[] = [
  'LaunchRequest',
  C.causesOverview,
  C.tellMeMore,
  C.reliefRoutine,
  B.next,
  B.repeat,
  C.prevention,
  C.recentTopics,
  B.help,
  B.stop,
];

export function benchUserId(name: string): string {
  return `amzn1.ask.account.BENCH${name.replace(/[^A-Za-z0-9]/g, '').toUpperCase()}`;
}

/** A response as compared between the two sides: everything but the session attributes (storage details). */
export function comparable(envelope: ResponseEnvelope): unknown {
  const { sessionAttributes: _ignored, ...rest } = envelope;
  return rest;
}

/**
 * Runs the script once as a new session. `onTurn` receives each handler call's wall time and the
 * process's CPU time during it, in ms (envelope building stays outside the measurement).
 */
export async function runScript(
  invoke: Invoke,
  userId: string,
  onTurn?: (ms: number, cpuMs: number, index: number, response: ResponseEnvelope) => void,
): Promise<ResponseEnvelope[]> {
  const timedInvoke: Invoke = async (envelope: RequestEnvelope) => {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const response = await invoke(envelope);
    const ms = performance.now() - start;
    const used = process.cpuUsage(cpu);
    onTurn?.(ms, (used.user + used.system) / 1000, responses.length, response);
    return response;
  };
  const responses: ResponseEnvelope[] = [];
  const conversation = new AlexaSession(timedInvoke, { skillId: SKILL_ID, userId, locale: 'en-US' });
  for (const step of SCRIPT) {
    const response = step === 'LaunchRequest' ? await conversation.launch() : await conversation.say(step);
    responses.push(response);
  }
  if (conversation.sessionOpen) throw new Error('The scripted conversation did not end its session');
  return responses;
}
