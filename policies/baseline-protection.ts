// Baseline protection (SCP, root): nobody but the execution and break-glass roles can switch off or
// reconfigure the audit and detection services, touch the landing zone's log buckets, keys and
// roles, or weaken account-wide security settings. Root users are denied outright, except
// centrally managed root sessions (sts:AssumeRoot from the management account, aws:AssumedRoot).
import type { LandingZoneConfig } from '../lib/config/schema';
import type { PolicyDocument } from '../lib/iam-policy';
import { LANDING_ZONE_ROLE_PREFIX, landingZoneBucketPrefix, logKeyAliasName } from '../lib/naming';
import { exemptRoleArns, roleArnPattern, stackSetsExecutionRoleArn, unlessPrincipal } from './common';

/** Stopping, deleting or reconfiguring audit and detection (CloudTrail, Config, GuardDuty, ...). */
export const AUDIT_TAMPER_ACTIONS: readonly string[] = [
  'cloudtrail:DeleteTrail',
  'cloudtrail:StopLogging',
  'cloudtrail:UpdateTrail',
  'cloudtrail:PutEventSelectors',
  'cloudtrail:DeleteEventDataStore',
  'cloudtrail:UpdateEventDataStore',
  'config:DeleteConfigurationRecorder',
  'config:DeleteDeliveryChannel',
  'config:DeleteRetentionConfiguration',
  'config:PutConfigurationRecorder',
  'config:PutDeliveryChannel',
  'config:PutRetentionConfiguration',
  'config:StopConfigurationRecorder',
  'config:DeleteConfigRule',
  'config:DeleteConformancePack',
  'config:DeleteAggregationAuthorization',
  'guardduty:DeleteDetector',
  'guardduty:UpdateDetector',
  'guardduty:DisassociateFromAdministratorAccount',
  'guardduty:DisassociateFromMasterAccount',
  'guardduty:DeleteMembers',
  'guardduty:DisassociateMembers',
  'guardduty:StopMonitoringMembers',
  'guardduty:CreateFilter',
  'guardduty:UpdateFilter',
  'guardduty:CreateIPSet',
  'guardduty:UpdateIPSet',
  'guardduty:DeletePublishingDestination',
  'guardduty:UpdatePublishingDestination',
  'securityhub:DisableSecurityHub',
  'securityhub:DisassociateFromAdministratorAccount',
  'securityhub:DisassociateFromMasterAccount',
  'securityhub:DeleteMembers',
  'securityhub:DisassociateMembers',
  'securityhub:BatchDisableStandards',
  'securityhub:UpdateStandardsControl',
  'access-analyzer:DeleteAnalyzer',
  'access-analyzer:CreateArchiveRule',
  'access-analyzer:UpdateArchiveRule',
  'ec2:DeleteFlowLogs',
];

/** Weakening account-wide settings, creating long-lived credentials, or changing Regions. */
export const ACCOUNT_SETTINGS_ACTIONS: readonly string[] = [
  'ec2:DisableEbsEncryptionByDefault',
  's3:PutAccountPublicAccessBlock',
  'iam:CreateUser',
  'iam:CreateAccessKey',
  'account:EnableRegion',
  'account:DisableRegion',
  // The baseline adopts each Region's default VPC only to close its default security group;
  // recreating one would bring back an internet-routed VPC outside the hub.
  'ec2:CreateDefaultVpc',
  'ec2:CreateDefaultSubnet',
];

/** Changing the log buckets: their policy, lock, lifecycle, encryption, replication, contents. */
export const LOG_BUCKET_ACTIONS: readonly string[] = [
  's3:DeleteBucket',
  's3:DeleteBucketPolicy',
  's3:PutBucketPolicy',
  's3:PutBucketAcl',
  's3:PutBucketObjectLockConfiguration',
  's3:PutBucketPublicAccessBlock',
  's3:PutBucketVersioning',
  's3:PutBucketLogging',
  's3:PutBucketOwnershipControls',
  's3:PutEncryptionConfiguration',
  's3:PutLifecycleConfiguration',
  's3:PutReplicationConfiguration',
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  's3:PutObjectAcl',
  's3:PutObjectRetention',
  's3:PutObjectLegalHold',
  's3:BypassGovernanceRetention',
];

/** Disabling, deleting or re-policying the log keys (matched by alias: key IDs are unknown at synth). */
export const LOG_KEY_ACTIONS: readonly string[] = [
  'kms:ScheduleKeyDeletion',
  'kms:DisableKey',
  'kms:DisableKeyRotation',
  'kms:PutKeyPolicy',
  'kms:CreateGrant',
  'kms:RevokeGrant',
];

/** Moving an alias would silently point "the log key" somewhere else. */
export const LOG_KEY_ALIAS_ACTIONS: readonly string[] = ['kms:CreateAlias', 'kms:DeleteAlias', 'kms:UpdateAlias'];

/** Every way to change a role's permissions, trust or existence. */
export const ROLE_CHANGE_ACTIONS: readonly string[] = [
  'iam:AttachRolePolicy',
  'iam:CreateRole',
  'iam:DeleteRole',
  'iam:DeleteRolePermissionsBoundary',
  'iam:DeleteRolePolicy',
  'iam:DetachRolePolicy',
  'iam:PutRolePermissionsBoundary',
  'iam:PutRolePolicy',
  'iam:UpdateAssumeRolePolicy',
  'iam:UpdateRole',
  'iam:UpdateRoleDescription',
  'iam:TagRole',
  'iam:UntagRole',
];

/** Alias pattern of every landing-zone key (the log keys are `alias/<prefix>-lz-logs`). */
export function landingZoneKeyAliasPattern(config: LandingZoneConfig): string {
  const logAlias = logKeyAliasName(config);
  return `${logAlias.slice(0, logAlias.lastIndexOf('-lz-') + '-lz-'.length)}*`;
}

export function baselineProtection(config: LandingZoneConfig): PolicyDocument {
  const exempt = unlessPrincipal(exemptRoleArns(config));
  const aliasPattern = landingZoneKeyAliasPattern(config);
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'DenyAuditTampering', Effect: 'Deny', Action: [...AUDIT_TAMPER_ACTIONS], Resource: '*', Condition: exempt },
      { Sid: 'DenyAccountSecurityChanges', Effect: 'Deny', Action: [...ACCOUNT_SETTINGS_ACTIONS], Resource: '*', Condition: exempt },
      {
        Sid: 'DenyLogBucketChanges',
        Effect: 'Deny',
        Action: [...LOG_BUCKET_ACTIONS],
        // One pattern covers each bucket and (because * spans "/") every object in it.
        Resource: [`arn:aws:s3:::${landingZoneBucketPrefix(config)}*`],
        Condition: exempt,
      },
      {
        Sid: 'DenyLogKeyChanges',
        Effect: 'Deny',
        Action: [...LOG_KEY_ACTIONS],
        Resource: '*',
        Condition: { 'ForAnyValue:StringLike': { 'kms:ResourceAliases': [aliasPattern] }, ...exempt },
      },
      {
        Sid: 'DenyLogKeyAliasChanges',
        Effect: 'Deny',
        Action: [...LOG_KEY_ALIAS_ACTIONS],
        Resource: [`arn:aws:kms:*:*:${aliasPattern}`],
        Condition: exempt,
      },
      {
        Sid: 'DenyLandingZoneRoleChanges',
        Effect: 'Deny',
        Action: [...ROLE_CHANGE_ACTIONS],
        // stacksets-exec-* is protected too: whoever could create or re-trust a role of that name
        // would inherit the exemption below.
        Resource: [roleArnPattern(`${LANDING_ZONE_ROLE_PREFIX}*`), stackSetsExecutionRoleArn(), ...exemptRoleArns(config)],
        // The StackSet that creates the execution role in every account runs as stacksets-exec-*:
        // without it here, no new account could ever get the execution role.
        Condition: unlessPrincipal([...exemptRoleArns(config), stackSetsExecutionRoleArn()]),
      },
      // Nobody, not even the execution role: only the management account may remove an account.
      { Sid: 'DenyLeavingOrganization', Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' },
      {
        Sid: 'DenyRootUser',
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        // A centrally managed root session carries aws:AssumedRoot=true; a root login does not.
        Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' }, BoolIfExists: { 'aws:AssumedRoot': 'false' } },
      },
    ],
  };
}
