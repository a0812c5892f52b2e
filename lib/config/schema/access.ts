// access: IAM Identity Center permission sets, groups and assignments.
import { z } from 'zod';
import { accountName, ouPath } from './primitives';

export const PERMISSION_SET_NAME_PATTERN = /^[\w+=,.@-]{1,32}$/;
export const permissionSetName = z
  .string()
  .regex(PERMISSION_SET_NAME_PATTERN, 'must be 1-32 letters, digits or + = , . @ _ - (IAM Identity Center permission-set names)');
export const groupDisplayName = z
  .string()
  .min(1)
  .max(1024)
  .describe('Display name of a group in the Identity Center identity store, exactly as SCIM provisioned it, e.g. lz-platform-admins.');
const policyValue = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
const policyStatement = z
  .strictObject({
    Sid: z
      .string()
      .regex(/^[A-Za-z0-9]*$/, 'must be letters and digits only (IAM statement IDs)')
      .optional()
      .describe('Statement ID, letters and digits, e.g. ReadFindings. Default: none.'),
    Effect: z.enum(['Allow', 'Deny']).describe('Allow or Deny the actions.'),
    Action: policyValue.optional().describe('Actions, service:Action, wildcards allowed, e.g. [securityhub:GetFindings].'),
    NotAction: policyValue.optional().describe('Every action except these.'),
    Resource: policyValue.optional().describe('Resource ARNs, or "*".'),
    NotResource: policyValue.optional().describe('Every resource except these.'),
    Condition: z
      .record(z.string(), z.record(z.string(), policyValue))
      .optional()
      .describe('IAM condition block: operator -> key -> value(s). Default: none.'),
  })
  .describe('One IAM policy statement.');
const inlinePolicyDocument = z
  .strictObject({
    Version: z.literal('2012-10-17').describe('Policy language version: "2012-10-17".'),
    Statement: z.array(policyStatement).min(1).describe('The statements, at least one.'),
  })
  .describe("An IAM policy document written as YAML (Version 2012-10-17, Statement list); every action must exist in AWS's IAM reference.");

const permissionSet = z.strictObject({
  name: permissionSetName.describe(
    'Permission-set name, 1-32 characters, e.g. WorkloadAdministrator; the role in each account is AWSReservedSSO_<name>_<suffix>.',
  ),
  description: z.string().min(1).max(700).describe('What the permission set is for, 1-700 characters; people see it in the access portal.'),
  sessionHours: z
    .number()
    .int()
    .min(1)
    .max(12)
    .describe('Longest session, 1-12 hours (Identity Center accepts PT1H to PT12H), e.g. 1 for administrators.'),
  managedPolicies: z
    .array(
      z
        .string()
        .regex(
          /^arn:aws:iam::aws:policy\/[\w+=,.@/-]+$/,
          'must be an AWS managed policy ARN such as arn:aws:iam::aws:policy/job-function/ViewOnlyAccess',
        ),
    )
    .default([])
    .describe(
      'AWS managed policy ARNs attached to the permission set, e.g. [arn:aws:iam::aws:policy/job-function/ViewOnlyAccess]. Default: none.',
    ),
  inlinePolicy: inlinePolicyDocument.optional().describe('The one inline policy of the permission set. Default: none.'),
  workloadBoundary: z
    .boolean()
    .default(false)
    .describe(
      "true to cap the permission set with the landing zone's workload permissions boundary (lz-workload-boundary, created in every workload account): it can then be assigned to workload accounts only. Default: false.",
    ),
});
export type PermissionSetConfig = z.infer<typeof permissionSet>;

const assignment = z.strictObject({
  group: groupDisplayName.describe('A group from access.groups, by display name.'),
  permissionSet: permissionSetName.describe('A permission set from access.permissionSets, by name.'),
  accounts: z
    .array(accountName)
    .default([])
    .describe('Account names (core or workload; not the management account) the group gets the permission set in. Default: none.'),
  ous: z
    .array(ouPath)
    .default([])
    .describe(
      'OU paths whose accounts (including nested OUs, excluding suspended accounts) get the assignment; expanded at synth, so a vended account is included without an edit. Default: none.',
    ),
});
export type AssignmentConfig = z.infer<typeof assignment>;

export const access = z
  .strictObject({
    identityCenter: z
      .strictObject({
        instanceArn: z
          .string()
          .regex(
            /^arn:aws:sso:::instance\/(sso)?ins-[a-zA-Z0-9-.]{16}$/,
            'must be an IAM Identity Center instance ARN such as arn:aws:sso:::instance/ssoins-1111111111111111',
          )
          .describe(
            'ARN of the organization instance of IAM Identity Center (aws sso-admin list-instances), e.g. arn:aws:sso:::instance/ssoins-1111111111111111.',
          ),
        identityStoreId: z
          .string()
          .regex(
            /^(d-[0-9a-f]{10}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/,
            'must be an identity store ID such as d-1111111111',
          )
          .describe("ID of the instance's identity store (aws sso-admin list-instances), e.g. d-1111111111."),
      })
      .describe(
        'The organization instance of IAM Identity Center, enabled by hand in the management account in homeRegion (docs/access.md). Given here, so no stack looks it up at plan time.',
      ),
    groups: z
      .array(
        z.strictObject({
          name: groupDisplayName,
          id: z
            .string()
            .regex(
              /^([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$/,
              'must be an identity-store group ID such as 11111111-1111-1111-1111-111111111111',
            )
            .describe('Group ID in the identity store (aws identitystore list-groups), e.g. 11111111-1111-1111-1111-111111111111.'),
        }),
      )
      .min(1)
      .describe("Groups that the trust's IdP provisions by SCIM, by display name and ID; assignments name them by display name."),
    permissionSets: z.array(permissionSet).min(1).describe('The permission-set catalogue (docs/access.md lists the standard one).'),
    assignments: z.array(assignment).default([]).describe('Which group gets which permission set in which accounts or OUs. Default: none.'),
    assignmentShards: z
      .number()
      .int()
      .min(1)
      .max(64)
      .default(16)
      .describe(
        'Number of identity-assignments-<nn> stacks the account assignments are spread over by a hash of the account name, so that a vend plans one small shard instead of every assignment (docs/decisions/0510-identity-assignment-shards.md). Changing it moves assignments between stacks (destroy and create unless migrated); lz config-diff flags it. Default: 16.',
      ),
    owningTeamPermissionSets: z
      .array(permissionSetName)
      .default([])
      .describe(
        "Permission sets lz vend --group gives the owning team's groups on a new workload account, e.g. [WorkloadAdministrator, WorkloadDeveloper]. Default: none.",
      ),
  })
  .optional()
  .describe(
    'Human access through IAM Identity Center: permission sets and group assignments, deployed by the identity stack in the security account (delegated administrator). Omit for no Identity Center management.',
  );
