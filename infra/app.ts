/**
 * CDK app entry (cdk.json: `npx tsx infra/app.ts`).
 *   npx cdk synth  -c skillId=amzn1.ask.skill.<uuid>
 *   npm run deploy -- -c skillId=amzn1.ask.skill.<uuid>
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { LegCrampSkillStack } from './stack';

export const STACK_NAME = 'LegCrampSkill';

const SKILL_ID_PATTERN = /^amzn1\.ask\.skill\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class SkillIdError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SkillIdError';
  }
}

/**
 * The skill id scopes the Lambda permission to one skill; without it anyone's skill could invoke the
 * function, so there is no default and no fallback.
 */
export function requireSkillId(value: unknown): string {
  const hint =
    'Get it from the Alexa developer console (https://developer.amazon.com/alexa/console/ask) → your skill → ' +
    '"Copy Skill ID", then run: npx cdk deploy -c skillId=amzn1.ask.skill.xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx ' +
    '(or npm run deploy -- -c skillId=...).';
  if (value === undefined || value === null || value === '') {
    throw new SkillIdError(`Missing context "skillId": the skill's Lambda permission must be scoped to one skill. ${hint}`);
  }
  // Exactly as the console shows it (lower-case, no spaces): the function's own config check is as strict.
  if (typeof value !== 'string' || !SKILL_ID_PATTERN.test(value)) {
    throw new SkillIdError(
      `Context "skillId" is ${JSON.stringify(value)}, which is not of the form amzn1.ask.skill.<uuid>. ${hint}`,
    );
  }
  return value;
}

/** Builds the app with cdk-nag (AWS Solutions + Serverless) registered as synth-time validations. */
export function buildApp(app: App = new App()): { app: App; stack: LegCrampSkillStack } {
  const skillId = requireSkillId(app.node.tryGetContext('skillId'));
  const stack = new LegCrampSkillStack(app, STACK_NAME, {
    skillId,
    description: 'Leg Cramp Helper Alexa skill: Lambda endpoint, history table, alarms',
    // Region/account come from the CLI's profile at deploy time; synth stays environment-agnostic.
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  return { app, stack };
}

if (require.main === module) {
  try {
    buildApp().app.synth();
  } catch (error) {
    if (error instanceof SkillIdError) {
      console.error(`\n${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
