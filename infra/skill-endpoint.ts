import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Alias, Version } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

/** The alias Alexa calls. */
export const LIVE_ALIAS_NAME = 'live';

export interface SkillEndpointProps {
  /** The function's current version (published by the deploy whenever its code or configuration changes). */
  readonly version: Version;
  /** amzn1.ask.skill.<uuid>: only this skill may invoke the endpoint. */
  readonly skillId: string;
}

/**
 * The skill's endpoint: a `live` alias on a published version, and the one permission that lets Alexa
 * (for this skill only) invoke it. The skill manifest points at the alias ARN, never at $LATEST, so a
 * deploy moves the alias in one step and a bad version can be rolled back by pointing it at the last one.
 */
export class SkillEndpoint extends Construct {
  readonly alias: Alias;

  constructor(scope: Construct, id: string, props: SkillEndpointProps) {
    super(scope, id);
    this.alias = new Alias(this, 'Live', {
      aliasName: LIVE_ALIAS_NAME,
      version: props.version,
      description: 'What the Alexa skill calls',
    });
    // Alexa passes the skill id as the event source token: no other skill can invoke the alias.
    this.alias.addPermission('AlexaSkillInvoke', {
      principal: new ServicePrincipal('alexa-appkit.amazon.com'),
      action: 'lambda:InvokeFunction',
      eventSourceToken: props.skillId,
    });
  }
}
