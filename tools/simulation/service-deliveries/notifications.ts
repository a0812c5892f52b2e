// Notifications: CloudWatch alarms and EventBridge rules publishing to SNS topics, by a service on
// behalf of its source or, for cross-account EventBridge targets, as the target's role.
import type { EstateResource } from '../synthesized-estate';
import type { DeliveryCheck, DeliveryKind } from './checks';
import type { DeliveryRequests, RoleIdentity } from './requests';

/** sns:Publish on a topic the estate creates, and the KMS calls SNS makes for an encrypted topic. */
function publish(
  requests: DeliveryRequests,
  kind: DeliveryKind,
  delivery: string,
  principal: string,
  topicArn: string,
  sourceArn: string,
  sourceAccount: string,
  asRole?: RoleIdentity,
): DeliveryCheck[] {
  const topic = requests.destinations.topic(topicArn);
  if (!topic) throw new Error(`${delivery}: topic ${topicArn} is not created by the estate`);
  const identityPolicies = asRole?.identityPolicies;
  // A role publishes in its own name (aws:PrincipalArn); a service on behalf of its source (aws:Source*).
  const context: Record<string, string> = asRole
    ? { 'aws:PrincipalArn': principal }
    : { 'aws:SourceArn': sourceArn, 'aws:SourceAccount': sourceAccount };
  return [
    {
      kind,
      delivery,
      policy: topic.name,
      request: {
        principal,
        action: 'sns:Publish',
        resource: topicArn,
        resourceAccount: topic.account,
        region: topic.region,
        context,
        resourcePolicy: topic.document,
        identityPolicies,
      },
    },
    // SNS asks KMS for the data key with the publisher's authority; AWS documents only the
    // service principal and SNS's encryption context for that call, so no aws:Source* key is sent.
    // A role's call comes through SNS (kms:ViaService).
    ...requests
      .encrypt(kind, delivery, principal, topic.kmsKeyArn, ['kms:GenerateDataKey', 'kms:Decrypt'], {
        'kms:EncryptionContext:aws:sns:topicArn': topicArn,
        ...(asRole ? { 'aws:PrincipalArn': principal, 'kms:ViaService': `sns.${topic.region}.amazonaws.com` } : {}),
      })
      .map((check) => ({ ...check, request: { ...check.request, identityPolicies } })),
  ];
}

/** Each SNS topic among an alarm's alarm, OK and insufficient-data actions. */
export function alarmToTopicDeliveries(requests: DeliveryRequests, alarm: EstateResource): DeliveryCheck[] {
  const { estate } = requests;
  const { stack, body } = alarm;
  const alarmArn = estate.resolve(stack, `\${aws_cloudwatch_metric_alarm.${alarm.name}.arn}`);
  const actions = new Set<string>(
    [...(body.alarm_actions ?? []), ...(body.ok_actions ?? []), ...(body.insufficient_data_actions ?? [])].map((action: string) =>
      estate.resolve(stack, action),
    ),
  );
  return [...actions]
    .filter((action) => action.startsWith('arn:aws:sns:'))
    .flatMap((topicArn) =>
      publish(
        requests,
        'cloudwatch-alarm-to-sns',
        `alarm ${alarmArn} -> ${topicArn}`,
        'cloudwatch.amazonaws.com',
        topicArn,
        alarmArn,
        estate.accountOf(stack),
      ),
    );
}

/** An EventBridge target that is an SNS topic, published by EventBridge or, with a role, as that role. */
export function ruleToTopicDeliveries(requests: DeliveryRequests, target: EstateResource): DeliveryCheck[] {
  const { estate } = requests;
  const { stack, body } = target;
  const topicArn = estate.resolve(stack, body.arn);
  if (!topicArn.startsWith('arn:aws:sns:')) return [];
  const ruleName = estate.resolve(stack, body.rule);
  const rule = estate
    .resources('aws_cloudwatch_event_rule')
    .find(
      (candidate) =>
        candidate.stack === stack &&
        estate.resolve(stack, candidate.body.name) === ruleName &&
        estate.regionOf(stack, candidate.body) === estate.regionOf(stack, body),
    );
  if (!rule) throw new Error(`${stack}/${target.name}: rule ${ruleName} is not in the stack`);
  const ruleArn = estate.resolve(stack, `\${aws_cloudwatch_event_rule.${rule.name}.arn}`);
  if (body.role_arn) {
    // Cross-account targets: EventBridge assumes the target's execution role and publishes as it.
    const roleArn = estate.resolve(stack, body.role_arn);
    return publish(
      requests,
      'eventbridge-to-sns',
      `rule ${ruleArn} -> ${topicArn} as ${roleArn}`,
      roleArn,
      topicArn,
      ruleArn,
      estate.accountOf(stack),
      requests.roleIdentity(stack, roleArn),
    );
  }
  return publish(
    requests,
    'eventbridge-to-sns',
    `rule ${ruleArn} -> ${topicArn}`,
    'events.amazonaws.com',
    topicArn,
    ruleArn,
    estate.accountOf(stack),
  );
}
