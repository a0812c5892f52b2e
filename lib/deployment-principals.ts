// Every principal that acts in the organization's member accounts while the landing zone is deployed
// and operated, with the requests each must be able to make and the AWS documentation that says it
// makes them. The deployment-principals suite simulates every row through the SCPs and RCPs of every
// OU chain, so a guardrail that would stop a deploy or a day-2 operation fails a test, not a release.
import type { LandingZoneConfig } from './config/schema';
import { PIPELINE_APPLY_ROLE, PIPELINE_PLAN_ROLE, PLAN_READONLY_ROLE } from './delivery/pipeline-policies';
import { breakGlassPrincipalArn, logBucketName, STACKSETS_EXECUTION_ROLE_PATTERN } from './naming';

/** Where the principal lives, relative to the account it acts in. */
export type PrincipalHome =
  /** A role in the account it acts in (SCPs of that account's OU chain apply to it). */
  | 'target-account-role'
  /** A role or user in the management account reaching into the target account (only RCPs apply). */
  | 'management-account'
  /** An AWS service principal such as cloudtrail.amazonaws.com (RCPs apply, SCPs never do). */
  | 'aws-service'
  /** A service-linked role in the target account: AWS exempts these from SCPs and RCPs. */
  | 'service-linked-role';

export interface PrincipalRequest {
  readonly action: string;
  /** Resource ARN in the target account (account ID and Region filled in); undefined: the simulator's example ARN. */
  readonly resource?: (accountId: string, region: string) => string;
  /** IAM and other global services are called in us-east-1; everything else in the home Region. */
  readonly global?: boolean;
  readonly context?: Readonly<Record<string, string>>;
}

export interface DeploymentPrincipal {
  readonly id: string;
  readonly description: string;
  readonly home: PrincipalHome;
  /** The caller as the simulator takes it, for a target account ID (and the management account ID). */
  readonly principal: (accountId: string, managementAccountId: string) => string;
  readonly requests: readonly PrincipalRequest[];
  /** AWS documentation (guide + section, or URL) stating that this principal makes these requests. */
  readonly reference: string;
  /** Only some accounts: the log-archive account for log delivery, for example. */
  readonly onlyIn?: 'log-archive';
}

const role = (name: string) => (accountId: string) => `arn:aws:iam::${accountId}:role/${name}`;
const roleResource = (name: string) => (accountId: string) => `arn:aws:iam::${accountId}:role/${name}`;

export function deploymentPrincipals(config: LandingZoneConfig): DeploymentPrincipal[] {
  const execution = config.roles.execution;
  const breakGlass = config.roles.breakGlass;
  // A real StackSets execution role name: stacksets-exec- followed by a hash of the StackSet.
  const stacksetsExecRole = STACKSETS_EXECUTION_ROLE_PATTERN.replace('*', '2d9e6f0c8b7a4e1d');
  const assumeFromManagement: PrincipalRequest[] = ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'].map((action) => ({
    action,
    global: true,
  }));
  return [
    {
      id: 'stacksets-exec',
      description: 'Service-managed StackSet execution role: creates and updates the execution role in every member account',
      home: 'target-account-role',
      principal: (accountId) => `arn:aws:sts::${accountId}:assumed-role/${stacksetsExecRole}/stacksets-session`,
      requests: [
        ...['cloudformation:CreateStack', 'cloudformation:UpdateStack', 'cloudformation:DescribeStacks'].map((action) => ({ action })),
        ...[
          'iam:CreateRole',
          'iam:GetRole',
          'iam:TagRole',
          'iam:UntagRole',
          'iam:AttachRolePolicy',
          'iam:DetachRolePolicy',
          'iam:UpdateAssumeRolePolicy',
          'iam:UpdateRole',
          'iam:UpdateRoleDescription',
        ].map((action) => ({ action, global: true, resource: roleResource(execution) })),
      ],
      reference:
        'CloudFormation User Guide, "Activate trusted access for StackSets with AWS Organizations" (service-managed StackSets create stacksets-exec-* roles in target accounts); Control Tower Controls Reference, preventive controls exempting arn:aws:iam::*:role/stacksets-exec-*',
    },
    {
      id: 'stackset-org-member-slr',
      description: 'AWSServiceRoleForCloudFormationStackSetsOrgMember: creates the stacksets-exec-* role itself',
      home: 'service-linked-role',
      principal: (accountId) =>
        `arn:aws:iam::${accountId}:role/aws-service-role/member.org.stacksets.cloudformation.amazonaws.com/AWSServiceRoleForCloudFormationStackSetsOrgMember`,
      requests: [{ action: 'iam:CreateRole', global: true, resource: roleResource(stacksetsExecRole) }],
      reference:
        'Organizations User Guide, "SCP effects on permissions": SCPs do not affect service-linked roles; CloudFormation User Guide, "Activate trusted access for StackSets"',
    },
    {
      id: 'stackset-org-admin-slr',
      description: 'AWSServiceRoleForCloudFormationStackSetsOrgAdmin (management account) assumes stacksets-exec-* in each target account',
      home: 'service-linked-role',
      principal: (_, managementAccountId) =>
        `arn:aws:iam::${managementAccountId}:role/aws-service-role/stacksets.cloudformation.amazonaws.com/AWSServiceRoleForCloudFormationStackSetsOrgAdmin`,
      requests: [{ action: 'sts:AssumeRole', global: true, resource: roleResource(stacksetsExecRole) }],
      reference:
        'CloudFormation User Guide, "Activate trusted access for StackSets with AWS Organizations" (service-linked roles of service-managed StackSets); Organizations User Guide, "Resource control policies" (not applied to service-linked roles)',
    },
    {
      id: 'execution-role',
      description: 'The execution role (roles.execution): deploys every member-account stack',
      home: 'target-account-role',
      principal: (accountId) => role(execution)(accountId),
      requests: [
        { action: 'iam:CreateRole', global: true, resource: roleResource(PLAN_READONLY_ROLE) },
        { action: 'iam:CreateRole', global: true, resource: roleResource(breakGlass) },
        { action: 'iam:UpdateAssumeRolePolicy', global: true, resource: roleResource(breakGlass) },
        { action: 'config:PutConfigurationRecorder' },
        { action: 'config:PutDeliveryChannel' },
        { action: 'ec2:CreateFlowLogs' },
        { action: 'ec2:CreateTransitGatewayVpcAttachment' },
        { action: 's3:PutAccountPublicAccessBlock', global: true },
        { action: 'ec2:EnableEbsEncryptionByDefault' },
      ],
      reference:
        'Organizations User Guide, "Service control policies": SCPs restrict every IAM role of a member account; the execution role is the named exemption (ADR 0100)',
    },
    {
      id: 'apply-role-assumes-execution',
      description: 'The pipeline apply role (management account) assumes the execution role with a source identity',
      home: 'management-account',
      principal: (_, managementAccountId) => `arn:aws:sts::${managementAccountId}:assumed-role/${PIPELINE_APPLY_ROLE}/github-actions`,
      requests: assumeFromManagement.map((request) => ({ ...request, resource: roleResource(execution) })),
      reference:
        'Organizations User Guide, "Resource control policies": RCPs apply to sts:AssumeRole on member-account roles whoever the caller; IAM User Guide, "sts:SourceIdentity"',
    },
    {
      id: 'plan-role-assumes-readonly',
      description: 'The pipeline plan role (management account) assumes the read-only plan role',
      home: 'management-account',
      principal: (_, managementAccountId) => `arn:aws:sts::${managementAccountId}:assumed-role/${PIPELINE_PLAN_ROLE}/github-actions`,
      requests: assumeFromManagement.map((request) => ({ ...request, resource: roleResource(PLAN_READONLY_ROLE) })),
      reference: 'Organizations User Guide, "Resource control policies" (sts:AssumeRole is in RCP scope)',
    },
    {
      id: 'plan-readonly',
      description: 'The read-only plan role: terraform plan refreshes every resource of the account stack',
      home: 'target-account-role',
      principal: (accountId) => `arn:aws:sts::${accountId}:assumed-role/${PLAN_READONLY_ROLE}/plan`,
      requests: [
        { action: 'sts:GetCallerIdentity', global: true },
        { action: 'iam:GetRole', global: true, resource: roleResource(PLAN_READONLY_ROLE) },
        { action: 'iam:ListAttachedRolePolicies', global: true, resource: roleResource(PLAN_READONLY_ROLE) },
        { action: 'ec2:DescribeVpcs' },
        { action: 'ec2:DescribeTransitGatewayVpcAttachments' },
        { action: 'ec2:GetEbsEncryptionByDefault' },
        { action: 'config:DescribeConfigurationRecorders' },
        { action: 'config:DescribeDeliveryChannels' },
        { action: 's3:GetAccountPublicAccessBlock', global: true },
        { action: 'route53resolver:ListResolverQueryLogConfigAssociations' },
        { action: 'logs:DescribeLogGroups' },
      ],
      reference:
        'Terraform AWS provider: plan refreshes each managed resource with its Describe/Get/List call; Organizations User Guide, "Service control policies" (SCPs bind the role)',
    },
    {
      id: 'cloudtrail-service',
      description: 'CloudTrail delivers the organization trail into the log-archive bucket',
      home: 'aws-service',
      onlyIn: 'log-archive',
      principal: () => 'cloudtrail.amazonaws.com',
      requests: [
        {
          action: 's3:GetBucketAcl',
          resource: (logArchiveId, region) => `arn:aws:s3:::${logBucketName(config, 'cloudtrail', region, logArchiveId)}`,
        },
        {
          action: 's3:PutObject',
          resource: (logArchiveId, region) =>
            `arn:aws:s3:::${logBucketName(config, 'cloudtrail', region, logArchiveId)}/AWSLogs/${config.managementAccount.accountId}/CloudTrail/${region}/2026/11/29/log.json.gz`,
          context: { 'aws:SourceAccount': config.managementAccount.accountId },
        },
      ],
      reference: 'CloudTrail User Guide, "Amazon S3 bucket policy for CloudTrail" (organization trails)',
    },
    {
      id: 'config-service',
      description: 'AWS Config delivers configuration snapshots and history into the log-archive bucket',
      home: 'aws-service',
      onlyIn: 'log-archive',
      principal: () => 'config.amazonaws.com',
      requests: [
        {
          action: 's3:GetBucketAcl',
          resource: (logArchiveId, region) => `arn:aws:s3:::${logBucketName(config, 'config', region, logArchiveId)}`,
        },
        {
          action: 's3:PutObject',
          resource: (logArchiveId, region) =>
            `arn:aws:s3:::${logBucketName(config, 'config', region, logArchiveId)}/AWSLogs/${logArchiveId}/Config/${region}/2026/11/29/snapshot.json.gz`,
        },
      ],
      reference: 'AWS Config Developer Guide, "Permissions for the Amazon S3 Bucket for the AWS Config Delivery Channel"',
    },
    {
      id: 'config-slr',
      description: 'AWSServiceRoleForConfig: the recorder reads every resource it records',
      home: 'service-linked-role',
      principal: (accountId) => `arn:aws:iam::${accountId}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
      requests: [{ action: 'ec2:DescribeVpcs' }, { action: 'iam:GetRole', global: true, resource: roleResource(execution) }],
      reference:
        'Organizations User Guide, "SCP effects on permissions": SCPs do not affect service-linked roles (recorded, not relied on for deny)',
    },
    {
      id: 'break-glass',
      description: 'The break-glass role (roles.breakGlass): incident response in any account, including suspended ones',
      home: 'target-account-role',
      principal: (accountId) => `arn:aws:sts::${accountId}:assumed-role/${breakGlass}/incident`,
      requests: [
        { action: 'iam:UpdateAssumeRolePolicy', global: true, resource: roleResource(execution) },
        { action: 'iam:AttachRolePolicy', global: true, resource: roleResource(execution) },
        { action: 'config:StartConfigurationRecorder' },
        { action: 'ec2:RevokeSecurityGroupIngress' },
        // Not Transit Gateway changes: workload-network exempts only the execution role (ADR 0100).
        { action: 'ec2:StopInstances' },
      ],
      reference:
        'docs/delivery.md "Break-glass"; Organizations User Guide, "Service control policies" (the break-glass role is a named exemption, ADR 0100)',
    },
    {
      id: 'break-glass-assumption',
      description: 'The named management-account principal assumes the break-glass role with MFA',
      home: 'management-account',
      principal: (_, managementAccountId) =>
        breakGlassPrincipalArn(config).replace(config.managementAccount.accountId, managementAccountId),
      requests: [
        { action: 'sts:AssumeRole', global: true, resource: roleResource(breakGlass), context: { 'aws:MultiFactorAuthPresent': 'true' } },
      ],
      reference:
        'IAM User Guide, "Configuring MFA-protected API access" (aws:MultiFactorAuthPresent in the trust policy); Organizations User Guide, "Resource control policies"',
    },
  ];
}
