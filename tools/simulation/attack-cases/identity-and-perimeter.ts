// Paths 7 and 8: outsiders become organization principals; the resource perimeter for insiders.
import type { AttackCase } from './types';
import { deny, noOrgResource, OUT, outsideResource } from './kit';

export const IDENTITY_AND_PERIMETER_ATTACKS: readonly AttackCase[] = [
  // --- Path 7: outsiders become organization principals -------------------------------------------
  ...[
    ['iam:CreateOpenIDConnectProvider', 'trust an outside OIDC issuer'],
    ['iam:AddClientIDToOpenIDConnectProvider', 'add an audience to an OIDC provider'],
    ['iam:UpdateOpenIDConnectProviderThumbprint', 'repoint an OIDC provider'],
    ['iam:CreateSAMLProvider', 'trust an outside SAML identity provider'],
    ['iam:UpdateSAMLProvider', 'swap the metadata of a SAML provider'],
  ].map(([action, attempt]) =>
    deny('inside-organization', '7', 'workload-data-sharing', 'DenySharingWithoutOrgCondition')(attempt, { action, region: 'us-east-1' }),
  ),
  ...[
    ['rolesanywhere:CreateTrustAnchor', 'trust an outside certificate authority (Roles Anywhere)'],
    ['rolesanywhere:UpdateTrustAnchor', 'swap a Roles Anywhere trust anchor'],
    ['rolesanywhere:CreateProfile', 'a Roles Anywhere profile for an outside CA'],
    ['cognito-identity:CreateIdentityPool', 'an identity pool with unauthenticated access'],
    ['cognito-identity:UpdateIdentityPool', 'turn on unauthenticated identities'],
    ['cognito-identity:SetIdentityPoolRoles', 'give guest identities a role'],
  ].map(([action, attempt]) =>
    deny('inside-organization', '7', 'workload-data-sharing', 'DenySharingWithoutOrgCondition')(attempt, { action }),
  ),

  // --- Path 8: the resource perimeter for insiders -----------------------------------------------
  ...[
    ['s3:PutObject', 'arn:aws:s3:::attacker-bucket/export.csv'],
    ['s3:PutObjectAcl', 'arn:aws:s3:::attacker-bucket/export.csv'],
    ['s3:ReplicateObject', 'arn:aws:s3:::attacker-bucket/export.csv'],
    ['s3:ReplicateTags', 'arn:aws:s3:::attacker-bucket/export.csv'],
    ['s3:ReplicateDelete', 'arn:aws:s3:::attacker-bucket/export.csv'],
    ['sqs:SendMessage', `arn:aws:sqs:eu-west-2:${OUT}:drop`],
    ['sns:Publish', `arn:aws:sns:eu-west-2:${OUT}:drop`],
    ['kinesis:PutRecord', `arn:aws:kinesis:eu-west-2:${OUT}:stream/drop`],
    ['kinesis:PutRecords', `arn:aws:kinesis:eu-west-2:${OUT}:stream/drop`],
    ['firehose:PutRecord', `arn:aws:firehose:eu-west-2:${OUT}:deliverystream/drop`],
    ['firehose:PutRecordBatch', `arn:aws:firehose:eu-west-2:${OUT}:deliverystream/drop`],
    ['dynamodb:PutItem', `arn:aws:dynamodb:eu-west-2:${OUT}:table/drop`],
    ['dynamodb:BatchWriteItem', `arn:aws:dynamodb:eu-west-2:${OUT}:table/drop`],
    ['logs:PutLogEvents', `arn:aws:logs:eu-west-2:${OUT}:log-group:drop:log-stream:x`],
    ['events:PutEvents', `arn:aws:events:eu-west-2:${OUT}:event-bus/drop`],
  ].flatMap(([action, resource]) => [
    deny(
      'inside-organization',
      '8',
      'workload-data-sharing',
      'DenyWritesOutsideOrg',
    )(`${action} into another organization's resource`, { action, resource, context: outsideResource }),
    deny(
      'inside-organization',
      '8',
      'workload-data-sharing',
      'DenyWritesOutsideOrg',
    )(`${action} into a standalone account's resource`, { action, resource, context: noOrgResource }),
  ]),
  deny(
    'data-residency',
    '8',
    'workload-data-sharing',
    'DenyWritesOutsideOrg',
  )('replicate patient data to an outside bucket in eu-west-1', {
    action: 's3:ReplicateObject',
    region: 'eu-west-1',
    resource: 'arn:aws:s3:::attacker-bucket-ireland/export.csv',
    context: outsideResource,
  }),
];
