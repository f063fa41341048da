import { App } from 'aws-cdk-lib';

/** A well-formed, obviously fake skill id (synth only; nothing is deployed). */
export const TEST_SKILL_ID = 'amzn1.ask.skill.00000000-0000-4000-8000-000000000000';

/** The Alexa endpoint regions, as cdk.json lists them by default. */
export const ALL_REGIONS = ['us-east-1', 'eu-west-1', 'us-west-2'] as const;

/** What cdk.json's context holds besides the skill id (regions, alarm e-mail). */
export const TEST_CONTEXT = { skillId: TEST_SKILL_ID, regions: [...ALL_REGIONS] };

/** Context that skips asset bundling (esbuild), for tests of the app's shape rather than of the function. */
export const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] } as const;

/** An App that does not stamp the template with CDK metadata. */
export function testApp(context: Record<string, unknown> = TEST_CONTEXT): App {
  return new App({ context, analyticsReporting: false });
}
