/**
 * The reference for "what does loading cost": a Lambda entry with ask-sdk-core alone (one handler, no
 * storage, no logger), bundled with the same settings as ours. Its load time over a bare `node` start is
 * about the least any ask-sdk-core skill can cost.
 */
import { SkillBuilders } from 'ask-sdk-core';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';

const skill = SkillBuilders.custom()
  .addRequestHandlers({ canHandle: () => true, handle: (input) => input.responseBuilder.speak('Hello.').getResponse() })
  .create();

export async function handler(event: RequestEnvelope, context?: unknown): Promise<ResponseEnvelope> {
  return skill.invoke(event, context);
}
