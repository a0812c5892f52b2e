// The workload permissions boundary: the most a workload-team identity can ever do, whatever its
// permission set or identity policy says. It is defence in depth behind the SCPs (which bind every
// identity in the account): it forbids touching what the landing zone deployed (its roles and
// policies, the audit and detection services, resources tagged by a landing-zone stack), any Identity
// Center, Organizations or account-level change, and creating a role without this same boundary, so a
// workload administrator cannot escape it by making a new role (IAM User Guide, "Permissions
// boundaries for IAM entities": the effective permissions are the intersection of identity policy and
// boundary; "Delegating responsibility to others using permissions boundaries").
import type { LandingZoneConfig } from '../config/schema';
import type { PolicyDocument } from '../iam-policy';
import { LANDING_ZONE_ROLE_PREFIX, STACKSETS_EXECUTION_ROLE_PATTERN, WORKLOAD_BOUNDARY_POLICY_NAME } from '../naming';

/** Default tag every resource of a landing-zone stack carries (stacks/landing-zone-stack.ts, provider default_tags). */
export const LANDING_ZONE_STACK_TAG = 'lz:stack';

/** ARN pattern of the boundary in any account (a customer managed policy at path /). */
export const WORKLOAD_BOUNDARY_ARN_PATTERN = `arn:aws:iam::*:policy/${WORKLOAD_BOUNDARY_POLICY_NAME}`;

/** Changing any role's permissions, trust, boundary or existence, or handing it to a service. */
const ROLE_ACTIONS = [
  'iam:AttachRolePolicy',
  'iam:CreateRole',
  'iam:DeleteRole',
  'iam:DeleteRolePermissionsBoundary',
  'iam:DeleteRolePolicy',
  'iam:DetachRolePolicy',
  'iam:PassRole',
  'iam:PutRolePermissionsBoundary',
  'iam:PutRolePolicy',
  'iam:TagRole',
  'iam:UntagRole',
  'iam:UpdateAssumeRolePolicy',
  'iam:UpdateRole',
  'iam:UpdateRoleDescription',
];

/** Changing a managed policy (the boundary itself and every landing-zone policy). */
const POLICY_ACTIONS = [
  'iam:CreatePolicy',
  'iam:CreatePolicyVersion',
  'iam:DeletePolicy',
  'iam:DeletePolicyVersion',
  'iam:SetDefaultPolicyVersion',
  'iam:TagPolicy',
  'iam:UntagPolicy',
];

/** Switching off or blinding the audit and detection services the landing zone runs in every account. */
const AUDIT_ACTIONS = [
  'cloudtrail:DeleteTrail',
  'cloudtrail:StopLogging',
  'cloudtrail:UpdateTrail',
  'cloudtrail:PutEventSelectors',
  'config:DeleteConfigurationRecorder',
  'config:DeleteDeliveryChannel',
  'config:PutConfigurationRecorder',
  'config:PutDeliveryChannel',
  'config:StopConfigurationRecorder',
  'config:DeleteConfigRule',
  'config:DeleteConformancePack',
  'guardduty:DeleteDetector',
  'guardduty:UpdateDetector',
  'guardduty:Disassociate*',
  'guardduty:CreateFilter',
  'guardduty:CreateIPSet',
  'securityhub:DisableSecurityHub',
  'securityhub:Disassociate*',
  'securityhub:BatchDisableStandards',
  'access-analyzer:DeleteAnalyzer',
  'access-analyzer:CreateArchiveRule',
  'ec2:DeleteFlowLogs',
];

/** Changing what a landing-zone stack deployed in the account (spoke VPC, routes, attachments, log groups, keys). */
const TAGGED_RESOURCE_ACTIONS = [
  'ec2:Delete*',
  'ec2:Modify*',
  'ec2:Replace*',
  'ec2:Disassociate*',
  'ec2:Detach*',
  'logs:Delete*',
  'logs:Put*',
  'kms:ScheduleKeyDeletion',
  'kms:DisableKey',
  'kms:PutKeyPolicy',
];

export function workloadBoundary(config: LandingZoneConfig): PolicyDocument {
  const landingZoneRoles = [
    `arn:aws:iam::*:role/${LANDING_ZONE_ROLE_PREFIX}*`,
    `arn:aws:iam::*:role/${config.roles.execution}`,
    `arn:aws:iam::*:role/${config.roles.breakGlass}`,
    `arn:aws:iam::*:role/${STACKSETS_EXECUTION_ROLE_PATTERN}`,
    // Identity Center's own roles: only Identity Center changes them.
    'arn:aws:iam::*:role/aws-reserved/*',
  ];
  return {
    Version: '2012-10-17',
    Statement: [
      // A boundary grants nothing by itself: this only sets the ceiling at everything not denied below.
      { Sid: 'CeilingIsEverythingNotDeniedBelow', Effect: 'Allow', Action: '*', Resource: '*' },
      { Sid: 'DenyLandingZoneRoles', Effect: 'Deny', Action: ROLE_ACTIONS, Resource: landingZoneRoles },
      {
        Sid: 'DenyLandingZonePolicies',
        Effect: 'Deny',
        Action: POLICY_ACTIONS,
        Resource: `arn:aws:iam::*:policy/${LANDING_ZONE_ROLE_PREFIX}*`,
      },
      {
        Sid: 'DenyRolesWithoutThisBoundary',
        Effect: 'Deny',
        Action: ['iam:CreateRole', 'iam:PutRolePermissionsBoundary'],
        Resource: '*',
        Condition: { StringNotLike: { 'iam:PermissionsBoundary': WORKLOAD_BOUNDARY_ARN_PATTERN } },
      },
      { Sid: 'DenyRemovingBoundaries', Effect: 'Deny', Action: 'iam:DeleteRolePermissionsBoundary', Resource: '*' },
      {
        Sid: 'DenyUsersAndIdentityCenter',
        Effect: 'Deny',
        Action: [
          'iam:CreateUser',
          'iam:CreateAccessKey',
          'iam:CreateLoginProfile',
          'sso:*',
          'identitystore:*',
          'organizations:*',
          'account:*',
        ],
        Resource: '*',
      },
      { Sid: 'DenyAuditTampering', Effect: 'Deny', Action: AUDIT_ACTIONS, Resource: '*' },
      {
        Sid: 'DenyLandingZoneResources',
        Effect: 'Deny',
        Action: TAGGED_RESOURCE_ACTIONS,
        Resource: '*',
        Condition: { Null: { [`aws:ResourceTag/${LANDING_ZONE_STACK_TAG}`]: 'false' } },
      },
      {
        Sid: 'DenyLandingZoneTagChanges',
        Effect: 'Deny',
        Action: ['ec2:CreateTags', 'ec2:DeleteTags', 'tag:TagResources', 'tag:UntagResources'],
        Resource: '*',
        Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': [LANDING_ZONE_STACK_TAG] } },
      },
    ],
  };
}
