/**
 * CDK app entry (cdk.json: `npx tsx infra/app.ts`).
 *   npx cdk synth -c skillId=amzn1.ask.skill.<uuid>      (offline)
 *   npm run deploy                                       (infra/deploy.ts: creates the skill, then cdk deploy)
 * One stack per chosen Alexa endpoint region (cdk.json context "regions"), each self-contained: its own
 * function, alias, history table, alarms and dashboard. Nothing is shared or copied between regions. The
 * regions and the optional alarm e-mail come from cdk.json context (infra/deploy-config.ts).
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { alexaRegionOf, DeployConfigError, endpointRegionsFor, optionalAlarmEmail, readRegions } from './deploy-config';
import { LOCALES as SKILL_LOCALES } from '../interaction-models/source';
import { LegCrampSkillStack } from './stack';

/** The regional stacks' names: `LegCrampSkill-us-east-1`, `LegCrampSkill-eu-west-1`, `LegCrampSkill-us-west-2`. */
export const STACK_NAME_PREFIX = 'LegCrampSkill';

export function stackName(region: string): string {
  return `${STACK_NAME_PREFIX}-${region}`;
}

/** A skill id exactly as the console and SMAPI show it. */
export const SKILL_ID_PATTERN = /^amzn1\.ask\.skill\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

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
    '`npm run deploy` creates the skill and passes its id for you. By hand: in the Alexa developer console ' +
    '(https://developer.amazon.com/alexa/console/ask) → your skill → "Copy Skill ID", then run: ' +
    'npx cdk synth -c skillId=amzn1.ask.skill.xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx';
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

/** The context keys the app reads (the CDK's `-c key=value` and cdk.json's "context"). */
function appContext(app: App): Record<string, unknown> {
  return { region: app.node.tryGetContext('region'), regions: app.node.tryGetContext('regions') };
}

/**
 * Builds the app, one stack per chosen region, with cdk-nag (AWS Solutions + Serverless) registered as
 * synth-time validations. `stacks` are in ALEXA_REGIONS order (North America first).
 */
export function buildApp(app: App = new App()): { app: App; stacks: LegCrampSkillStack[] } {
  const skillId = requireSkillId(app.node.tryGetContext('skillId'));
  const regions = readRegions(appContext(app), SKILL_LOCALES);
  const alarmEmail = optionalAlarmEmail(app.node.tryGetContext('alarmEmail'));
  const locales = endpointRegionsFor(SKILL_LOCALES);
  const stacks = regions.map(
    (region) =>
      new LegCrampSkillStack(app, stackName(region), {
        skillId,
        alarmEmail,
        description:
          `Leg Cramp Helper Alexa skill, ${alexaRegionOf(region)} endpoint (${locales.get(region)!.join(', ')}): ` +
          'Lambda endpoint, history table kept in this region, alarms, dashboard',
        // Pinned: Alexa calls endpoints only in these regions. The account is the CLI's (undefined offline,
        // which keeps `cdk synth` working without credentials).
        env: { region, account: process.env.CDK_DEFAULT_ACCOUNT },
      }),
  );
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  return { app, stacks };
}

if (require.main === module) {
  try {
    buildApp().app.synth();
  } catch (error) {
    if (error instanceof SkillIdError || error instanceof DeployConfigError) {
      console.error(`\n${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
