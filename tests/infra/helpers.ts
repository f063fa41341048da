import { App } from 'aws-cdk-lib';

/** A well-formed, obviously fake skill id (synth only; nothing is deployed). */
export const TEST_SKILL_ID = 'amzn1.ask.skill.00000000-0000-4000-8000-000000000000';

/** An App that keeps its assembly in a temp dir and does not stamp the template with CDK metadata. */
export function testApp(context: Record<string, unknown> = { skillId: TEST_SKILL_ID }): App {
  return new App({ context, analyticsReporting: false });
}
