import { App } from 'aws-cdk-lib';

/** A well-formed, obviously fake skill id (synth only; nothing is deployed). */
export const TEST_SKILL_ID = 'amzn1.ask.skill.00000000-0000-4000-8000-000000000000';

/** An App that keeps its assembly in a temp dir and does not stamp the template with CDK metadata. */
/** What cdk.json's context holds besides the skill id (region, alarm e-mail). */
export const TEST_CONTEXT = { skillId: TEST_SKILL_ID, region: 'us-east-1' };

export function testApp(context: Record<string, unknown> = TEST_CONTEXT): App {
  return new App({ context, analyticsReporting: false });
}
