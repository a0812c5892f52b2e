// Workload data sharing (SCP, Workloads OU): data and identities stay inside the organization.
// A workload administrator cannot share snapshots, images, backups or resources with outsiders,
// create an unencrypted or public database, make outsiders into principals (identity providers,
// unauthenticated identity pools, Roles Anywhere), open Lambda or SNS to anyone, or write into a
// resource another organization owns (the resource perimeter for insiders, issue 12 paths 4, 7, 8).
import type { LandingZoneConfig } from '../lib/config/schema';
import type { PolicyDocument } from '../lib/iam-policy';
import { exemptRoleArns, unlessPrincipal } from './common';

/** Sharing that has no condition key to tell an in-organization share from an outside one. */
export const UNCONDITIONAL_SHARING_ACTIONS: readonly string[] = [
  // AMIs: the IAM reference gives ModifyImageAttribute no key naming whom it shares with.
  'ec2:ModifyImageAttribute',
  'rds:ModifyDBSnapshotAttribute',
  'rds:ModifyDBClusterSnapshotAttribute',
  'redshift:AuthorizeSnapshotAccess',
  'redshift:AuthorizeDataShare',
  'backup:PutBackupVaultAccessPolicy',
  'lambda:AddLayerVersionPermission',
  'sns:AddPermission',
  'glue:PutResourcePolicy',
];

/** Ways to make someone outside the organization a principal of it (path 7). */
export const IDENTITY_PROVIDER_ACTIONS: readonly string[] = [
  'iam:CreateOpenIDConnectProvider',
  'iam:AddClientIDToOpenIDConnectProvider',
  'iam:UpdateOpenIDConnectProviderThumbprint',
  'iam:CreateSAMLProvider',
  'iam:UpdateSAMLProvider',
  'rolesanywhere:CreateTrustAnchor',
  'rolesanywhere:UpdateTrustAnchor',
  'rolesanywhere:CreateProfile',
  'cognito-identity:CreateIdentityPool',
  'cognito-identity:UpdateIdentityPool',
  'cognito-identity:SetIdentityPoolRoles',
];

/** Writes that move data into a resource: denied when the resource belongs to another organization. */
export const OUTBOUND_WRITE_ACTIONS: readonly string[] = [
  's3:PutObject',
  's3:PutObjectAcl',
  's3:ReplicateObject',
  's3:ReplicateTags',
  's3:ReplicateDelete',
  'sqs:SendMessage',
  'sns:Publish',
  'kinesis:PutRecord',
  'kinesis:PutRecords',
  'firehose:PutRecord',
  'firehose:PutRecordBatch',
  'dynamodb:PutItem',
  'dynamodb:BatchWriteItem',
  'logs:PutLogEvents',
  'events:PutEvents',
];

export function workloadDataSharing(config: LandingZoneConfig): PolicyDocument {
  const exempt = unlessPrincipal(exemptRoleArns(config));
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenySharingWithoutOrgCondition',
        Effect: 'Deny',
        Action: [...UNCONDITIONAL_SHARING_ACTIONS, ...IDENTITY_PROVIDER_ACTIONS],
        Resource: '*',
        Condition: exempt,
      },
      {
        // By account ID: an account ID cannot be told in or out of the organization at request
        // time, so in-organization copies go through AWS Backup.
        Sid: 'DenySnapshotSharing',
        Effect: 'Deny',
        Action: 'ec2:ModifySnapshotAttribute',
        Resource: '*',
        Condition: { Null: { 'ec2:Add/userId': 'false' }, ...exempt },
      },
      {
        // Belt and braces with the ec2-baseline declarative policy (snapshot block public access).
        Sid: 'DenyPublicSnapshotSharing',
        Effect: 'Deny',
        Action: 'ec2:ModifySnapshotAttribute',
        Resource: '*',
        Condition: { StringEquals: { 'ec2:Add/group': 'all' }, ...exempt },
      },
      {
        // A share that does not allow external principals cannot be associated with one later.
        Sid: 'DenyResourceSharesOutsideOrg',
        Effect: 'Deny',
        Action: ['ram:CreateResourceShare', 'ram:UpdateResourceShare'],
        Resource: '*',
        Condition: { Bool: { 'ram:RequestedAllowsExternalPrincipals': 'true' }, ...exempt },
      },
      {
        // The IAM reference gives rds:StorageEncrypted to cluster creation only; an unencrypted
        // single DB instance is caught by the rds-storage-encrypted Config rule instead.
        Sid: 'DenyUnencryptedDatabases',
        Effect: 'Deny',
        Action: ['rds:CreateDBCluster', 'rds:RestoreDBClusterFromS3', 'rds:CreateBlueGreenDeployment'],
        Resource: '*',
        Condition: { Bool: { 'rds:StorageEncrypted': 'false' }, ...exempt },
      },
      {
        Sid: 'DenyUnencryptedFileSystems',
        Effect: 'Deny',
        Action: 'elasticfilesystem:CreateFileSystem',
        Resource: '*',
        Condition: { Bool: { 'elasticfilesystem:Encrypted': 'false' }, ...exempt },
      },
      {
        Sid: 'DenyLambdaOpenToEveryone',
        Effect: 'Deny',
        Action: 'lambda:AddPermission',
        Resource: '*',
        Condition: { StringEquals: { 'lambda:Principal': '*' }, ...exempt },
      },
      {
        Sid: 'DenyUnauthenticatedFunctionUrls',
        Effect: 'Deny',
        Action: ['lambda:CreateFunctionUrlConfig', 'lambda:UpdateFunctionUrlConfig'],
        Resource: '*',
        Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' }, ...exempt },
      },
      {
        // Resource perimeter for insiders: a write into a resource of another organization (or of
        // no organization) is exfiltration, and a residency breach if that resource is elsewhere.
        Sid: 'DenyWritesOutsideOrg',
        Effect: 'Deny',
        Action: [...OUTBOUND_WRITE_ACTIONS],
        Resource: '*',
        Condition: { StringNotEqualsIfExists: { 'aws:ResourceOrgID': '${aws:PrincipalOrgID}' }, ...exempt },
      },
    ],
  };
}
