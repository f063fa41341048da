import { Validations } from 'aws-cdk-lib';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface AlarmTopicProps {
  /** Optional address to notify (cdk.json context "alarmEmail"); AWS asks it to confirm the subscription. */
  readonly email?: string;
}

/** Where every alarm of the skill goes: one SNS topic, with an optional e-mail subscription. */
export class AlarmTopic extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: AlarmTopicProps = {}) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', {
      displayName: 'Leg Cramp Helper alarms',
      enforceSSL: true,
    });
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));

    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'The topic carries only CloudWatch alarm state changes (alarm name, metric, threshold): no listener data. ' +
        'CloudWatch cannot publish to a topic encrypted with the AWS-managed SNS key, so encryption would need a ' +
        'customer-managed KMS key and key policy for this alone; TLS in transit is enforced by the topic policy.',
    });
  }
}
