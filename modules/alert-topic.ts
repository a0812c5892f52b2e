// A KMS-encrypted SNS topic for security alerts in one account and Region, with the configured email
// subscriptions, a topic policy that lets only EventBridge and CloudWatch alarms of this account
// publish, and a helper to route an EventBridge pattern to it.
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Construct } from 'constructs';
import { ProtectedKmsKey } from './protected-kms-key';

export interface AlertTopicProps {
  readonly provider: AwsProvider;
  readonly region: string;
  readonly accountId: string;
  readonly topicName: string;
  /** Alias of the topic's own key, such as alias/exvalley-lz-alerts. */
  readonly keyAliasName: string;
  readonly emails: readonly string[];
  /**
   * Roles in other accounts that EventBridge rules there assume to publish here (cross-account
   * targets need an execution role; Amazon EventBridge User Guide, "Sending events to an AWS service
   * in another account"). Matched by aws:PrincipalArn, so the role need not exist yet.
   * @default none
   */
  readonly crossAccountPublishers?: readonly CrossAccountPublisher[];
}

export interface CrossAccountPublisher {
  readonly accountId: string;
  readonly roleArn: string;
}

/** Services that publish alerts: EventBridge rules and CloudWatch alarms. */
export const ALERT_PUBLISHERS = ['events.amazonaws.com', 'cloudwatch.amazonaws.com'] as const;

export class AlertTopic extends Construct {
  readonly topic: SnsTopic;
  readonly key: ProtectedKmsKey;
  private readonly provider: AwsProvider;

  constructor(scope: Construct, id: string, props: AlertTopicProps) {
    super(scope, id);
    this.provider = props.provider;
    // Built from configuration, not taken from the topic: the key policy must exist before the topic.
    const topicArn = `arn:aws:sns:${props.region}:${props.accountId}:${props.topicName}`;
    const crossAccountPublishers = props.crossAccountPublishers ?? [];
    this.key = new ProtectedKmsKey(this, 'key', {
      provider: props.provider,
      description: `Encrypts the ${props.topicName} alert topic in ${props.region}`,
      aliasName: props.keyAliasName,
      accountId: props.accountId,
      statements: [
        {
          // SNS asks KMS for the data key with the publisher's authority. AWS documents only the
          // service principals for that call (SNS Developer Guide, "Enable compatibility between
          // event sources from AWS services and encrypted topics"), not aws:SourceAccount; what SNS
          // always sends is its encryption context, the topic ARN (aws:sns:topicArn), so the grant
          // is limited to this topic.
          Sid: 'AlertPublishersUseKeyForThisTopic',
          Effect: 'Allow',
          Principal: { Service: [...ALERT_PUBLISHERS] },
          Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
          Resource: '*',
          Condition: { StringEquals: { 'kms:EncryptionContext:aws:sns:topicArn': topicArn } },
        },
        // A role publishing to an encrypted topic needs kms:GenerateDataKey* and kms:Decrypt on the
        // topic's key itself (Amazon SNS Developer Guide, key management for server-side encryption):
        // only through SNS, only for this topic.
        ...crossAccountPublishers.map((publisher, index) => ({
          Sid: `CrossAccountPublisherUsesKey${index}`,
          Effect: 'Allow' as const,
          Principal: { AWS: `arn:aws:iam::${publisher.accountId}:root` },
          Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
          Resource: '*',
          Condition: {
            ArnEquals: { 'aws:PrincipalArn': publisher.roleArn },
            StringEquals: { 'kms:ViaService': `sns.${props.region}.amazonaws.com`, 'kms:EncryptionContext:aws:sns:topicArn': topicArn },
          },
        })),
      ],
    });
    this.topic = new SnsTopic(this, 'topic', { provider: props.provider, name: props.topicName, kmsMasterKeyId: this.key.key.arn });
    new SnsTopicPolicy(this, 'policy', {
      provider: props.provider,
      arn: this.topic.arn,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          // Only this account's rules and alarms in this Region publish: aws:SourceArn is the rule
          // or alarm that fires and aws:SourceAccount its account (EventBridge User Guide, "Using
          // IAM policy conditions in Amazon EventBridge"; CloudWatch User Guide, confused deputy
          // prevention for alarm actions).
          {
            Sid: 'EventBridgeRulesPublish',
            Effect: 'Allow',
            Principal: { Service: 'events.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: this.topic.arn,
            Condition: {
              StringEquals: { 'aws:SourceAccount': props.accountId },
              ArnLike: { 'aws:SourceArn': `arn:aws:events:${props.region}:${props.accountId}:rule/*` },
            },
          },
          {
            Sid: 'CloudWatchAlarmsPublish',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: this.topic.arn,
            Condition: {
              StringEquals: { 'aws:SourceAccount': props.accountId },
              ArnLike: { 'aws:SourceArn': `arn:aws:cloudwatch:${props.region}:${props.accountId}:alarm:*` },
            },
          },
          ...crossAccountPublishers.map((publisher, index) => ({
            Sid: `CrossAccountPublisher${index}`,
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${publisher.accountId}:root` },
            Action: 'sns:Publish',
            Resource: this.topic.arn,
            Condition: { ArnEquals: { 'aws:PrincipalArn': publisher.roleArn } },
          })),
          {
            Sid: 'DenyInsecureTransport',
            Effect: 'Deny',
            Principal: '*',
            Action: 'sns:Publish',
            Resource: this.topic.arn,
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      }),
    });
    for (const email of props.emails) {
      // Keyed by address, not position, so removing one subscriber never replaces the others.
      new SnsTopicSubscription(this, `email-${email.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`, {
        provider: props.provider,
        topicArn: this.topic.arn,
        protocol: 'email',
        endpoint: email,
      });
    }
  }

  /** Routes events matching `pattern` to the topic. */
  route(id: string, description: string, pattern: Record<string, unknown>): CloudwatchEventRule {
    const rule = new CloudwatchEventRule(this, `rule-${id}`, {
      provider: this.provider,
      name: `lz-${id}`,
      description,
      eventPattern: JSON.stringify(pattern),
    });
    new CloudwatchEventTarget(this, `target-${id}`, {
      provider: this.provider,
      rule: rule.name,
      arn: this.topic.arn,
      targetId: 'alert-topic',
    });
    return rule;
  }
}
