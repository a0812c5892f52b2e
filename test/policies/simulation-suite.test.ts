// The guardrail simulation suite: hundreds of requests (actions x Regions x principals) with the
// outcome each must have, evaluated through the real OU chain by the same engine as `lz simulate`.
// Expectations are stated here from the design (docs/guardrails.md), never read back from the
// policies: a policy change that alters any outcome fails this suite.
import { tierTagContextFor } from '../../lib/backup-tier-tag';
import { loadConfig } from '../../lib/config/load';
import type { WorkloadAccountConfig } from '../../lib/config/schema';
import { logBucketName, logKeyAliasName } from '../../lib/naming';
import {
  buildGuardrailModel,
  findAccount,
  type GuardrailModel,
  simulateRequest,
  type SimulationRequest,
} from '../../tools/simulation/simulate';
import { EXAMPLE_CONFIG_DIR } from '../helpers/synth';

type Expected = 'Allowed' | 'Denied';

interface Case {
  readonly group: string;
  readonly request: SimulationRequest;
  readonly expect: Expected;
  /** For a denial: the catalogue policy and statement Sid that must decide it. */
  readonly by?: readonly [policy: string, statement: string];
}

const loaded = loadConfig(EXAMPLE_CONFIG_DIR);
const config = loaded.landingZone;
// A quarantined account, so that the Suspended OU is exercised through the real chain.
const quarantined: WorkloadAccountConfig = {
  name: 'quarantined-app',
  email: 'aws-quarantined-app@example.nhs.uk',
  ou: 'Workloads/Production',
  owner: 'clinical-portal-team@example.nhs.uk',
  costCentre: 'CC-1042',
  classification: 'OFFICIAL',
  hscn: false,
  cidr: '100.64.16.0/24',
  status: 'suspended',
};
const model: GuardrailModel = buildGuardrailModel(config, [...loaded.accounts.map((account) => account.config), quarantined]);
const id = (account: string) => findAccount(model, account).accountId;

const WORKLOAD = 'clinical-portal-prod';
const WORKLOAD_NONPROD = 'analytics-dev';
const CORE_SECURITY = config.coreAccounts.security.name;
const CORE_LOGS = config.coreAccounts.logArchive.name;
const CORE_NETWORK = config.coreAccounts.network.name;
const SUSPENDED = quarantined.name;

const ALLOWED_REGIONS = ['eu-west-2', 'eu-west-1'];
const OTHER_REGIONS = ['us-east-1', 'us-west-2', 'eu-central-1', 'ap-southeast-2'];

type Who = 'admin' | 'session' | 'execution' | 'break-glass';
function principal(who: Who, account: string): string | undefined {
  switch (who) {
    case 'admin':
      return undefined; // the simulator's default: an administrator role in the account
    case 'session':
      return `arn:aws:sts::${id(account)}:assumed-role/PlatformAdmin/alice@example.nhs.uk`;
    case 'execution':
      return `arn:aws:iam::${id(account)}:role/${config.roles.execution}`;
    case 'break-glass':
      return `arn:aws:iam::${id(account)}:role/${config.roles.breakGlass}`;
  }
}
const exempt = (who: Who) => who === 'execution' || who === 'break-glass';

const cases: Case[] = [];

// 1. Regional services: allowed in the pair, denied elsewhere, unless the principal is exempt.
const REGIONAL_ACTIONS = [
  'ec2:RunInstances',
  's3:CreateBucket',
  'rds:CreateDBInstance',
  'lambda:CreateFunction',
  'dynamodb:CreateTable',
  'sqs:CreateQueue',
  'sns:CreateTopic',
  'ecs:CreateCluster',
  'logs:CreateLogGroup',
  'secretsmanager:CreateSecret',
  'kms:CreateKey',
  'bedrock:InvokeModel',
];
// Services outside the Workloads OU's service allow-list are attacks there (test/attacks); their
// Region rules are shown on the core accounts, which have no allow-list.
const OUTSIDE_WORKLOAD_ALLOW_LIST = ['bedrock:InvokeModel', 'shield:DescribeSubscription'];
for (const account of [WORKLOAD, CORE_SECURITY]) {
  for (const who of ['admin', 'session', 'execution', 'break-glass'] as const) {
    for (const action of REGIONAL_ACTIONS.filter((candidate) => account !== WORKLOAD || !OUTSIDE_WORKLOAD_ALLOW_LIST.includes(candidate))) {
      for (const region of [...ALLOWED_REGIONS, ...OTHER_REGIONS]) {
        const allowed = ALLOWED_REGIONS.includes(region) || exempt(who);
        // A workload's functions live in its spoke VPC (outside a VPC is an attack: test/attacks).
        // A data store carries its backup tier tag (ADR 0907).
        const context = action === 'lambda:CreateFunction' ? { 'lambda:VpcIds': 'vpc-0spoke0000000000a' } : tierTagContextFor(action);
        cases.push({
          group: 'regional services',
          request: { account, action, region, principal: principal(who, account), context },
          expect: allowed ? 'Allowed' : 'Denied',
          by: allowed ? undefined : ['region-guardrail', 'DenyOutsideAllowedRegions'],
        });
      }
    }
  }
}

// 2. Global services called in us-east-1 (where their endpoints are) stay usable.
const GLOBAL_ACTIONS = [
  'iam:CreateRole',
  'iam:ListRoles',
  'organizations:DescribeOrganization',
  'route53:CreateHostedZone',
  'cloudfront:CreateDistribution',
  'support:DescribeCases',
  'budgets:ViewBudget',
  'health:DescribeEvents',
  'trustedadvisor:DescribeChecks',
  'sts:GetCallerIdentity',
  'globalaccelerator:CreateAccelerator',
  'wafv2:CreateWebACL',
  'account:GetContactInformation',
  's3:ListAllMyBuckets',
  'ec2:DescribeRegions',
  'shield:DescribeSubscription',
  'acm:RequestCertificate',
];
// Public entry points from a workload account are attacks (test/attacks); hosted zones here are private.
const WORKLOAD_ONLY_IN_ATTACKS = ['cloudfront:CreateDistribution', 'globalaccelerator:CreateAccelerator'];
for (const account of [WORKLOAD, CORE_NETWORK]) {
  for (const action of GLOBAL_ACTIONS.filter(
    (candidate) => account !== WORKLOAD || ![...WORKLOAD_ONLY_IN_ATTACKS, ...OUTSIDE_WORKLOAD_ALLOW_LIST].includes(candidate),
  )) {
    for (const region of ['us-east-1', 'eu-west-2']) {
      const context = action === 'route53:CreateHostedZone' ? { 'route53:VPCs': 'vpc-0spoke0000000000a' } : undefined;
      cases.push({ group: 'global services', request: { account, action, region, context }, expect: 'Allowed' });
    }
  }
}

// 3. ACM only in the pair plus us-east-1 (CloudFront certificates); KMS only in the pair.
for (const region of [...ALLOWED_REGIONS, ...OTHER_REGIONS]) {
  for (const who of ['admin', 'execution'] as const) {
    const acmAllowed = exempt(who) || [...ALLOWED_REGIONS, 'us-east-1'].includes(region);
    cases.push({
      group: 'ACM and KMS scoping',
      request: { account: WORKLOAD, action: 'acm:RequestCertificate', region, principal: principal(who, WORKLOAD) },
      expect: acmAllowed ? 'Allowed' : 'Denied',
      by: acmAllowed ? undefined : ['region-guardrail', 'DenyGlobalHelpersOutsideUsEast1AndAllowed'],
    });
    const kmsAllowed = exempt(who) || ALLOWED_REGIONS.includes(region);
    cases.push({
      group: 'ACM and KMS scoping',
      request: {
        account: WORKLOAD,
        action: 'kms:Decrypt',
        region,
        principal: principal(who, WORKLOAD),
        resource: `arn:aws:kms:${region}:${id(WORKLOAD)}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
      },
      expect: kmsAllowed ? 'Allowed' : 'Denied',
      by: kmsAllowed ? undefined : ['region-guardrail', 'DenyOutsideAllowedRegions'],
    });
  }
}

// 4. Baseline protection: administrators are denied every protected action; exempt roles are not.
interface Protected {
  readonly action: string;
  readonly statement: string;
  readonly resource?: (account: string) => string;
  readonly context?: Record<string, string | string[]>;
  readonly region?: string;
}
const logBucket = logBucketName(config, 'cloudtrail', 'eu-west-2', id('log-archive'));
const logKey = (account: string) => `arn:aws:kms:eu-west-2:${id(account)}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const logKeyContext = { 'kms:ResourceAliases': [logKeyAliasName(config)] };
const PROTECTED: Protected[] = [
  ...['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'cloudtrail:UpdateTrail', 'cloudtrail:PutEventSelectors'].map((action) => ({
    action,
    statement: 'DenyAuditTampering',
  })),
  ...[
    'config:StopConfigurationRecorder',
    'config:DeleteConfigurationRecorder',
    'config:DeleteDeliveryChannel',
    'config:PutConfigurationRecorder',
    'config:DeleteConfigRule',
  ].map((action) => ({
    action,
    statement: 'DenyAuditTampering',
  })),
  ...[
    'guardduty:DeleteDetector',
    'guardduty:UpdateDetector',
    'guardduty:DisassociateFromAdministratorAccount',
    'guardduty:CreateFilter',
    'guardduty:CreateIPSet',
  ].map((action) => ({
    action,
    statement: 'DenyAuditTampering',
  })),
  ...['securityhub:DisableSecurityHub', 'securityhub:BatchDisableStandards', 'securityhub:DisassociateFromAdministratorAccount'].map(
    (action) => ({ action, statement: 'DenyAuditTampering' }),
  ),
  ...['access-analyzer:DeleteAnalyzer', 'access-analyzer:CreateArchiveRule', 'ec2:DeleteFlowLogs'].map((action) => ({
    action,
    statement: 'DenyAuditTampering',
  })),
  ...[
    'ec2:DisableEbsEncryptionByDefault',
    'iam:CreateUser',
    'iam:CreateAccessKey',
    'account:EnableRegion',
    'account:DisableRegion',
    'ec2:CreateDefaultVpc',
    'ec2:CreateDefaultSubnet',
  ].map((action) => ({ action, statement: 'DenyAccountSecurityChanges' })),
  { action: 's3:PutAccountPublicAccessBlock', statement: 'DenyAccountSecurityChanges', region: 'us-east-1' },
  ...[
    's3:DeleteBucket',
    's3:PutBucketPolicy',
    's3:DeleteBucketPolicy',
    's3:PutLifecycleConfiguration',
    's3:PutBucketVersioning',
    's3:PutEncryptionConfiguration',
    's3:PutBucketObjectLockConfiguration',
    's3:PutReplicationConfiguration',
  ].map((action) => ({ action, statement: 'DenyLogBucketChanges', resource: () => `arn:aws:s3:::${logBucket}` })),
  ...['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:PutObjectRetention', 's3:BypassGovernanceRetention'].map((action) => ({
    action,
    statement: 'DenyLogBucketChanges',
    resource: () => `arn:aws:s3:::${logBucket}/AWSLogs/o-exampleorg01/111111111111/CloudTrail/eu-west-2/2026/11/23/log.json.gz`,
  })),
  ...['kms:ScheduleKeyDeletion', 'kms:DisableKey', 'kms:PutKeyPolicy', 'kms:DisableKeyRotation'].map((action) => ({
    action,
    statement: 'DenyLogKeyChanges',
    resource: logKey,
    context: logKeyContext,
  })),
  ...['kms:DeleteAlias', 'kms:UpdateAlias'].map((action) => ({
    action,
    statement: 'DenyLogKeyAliasChanges',
    resource: (account: string) => `arn:aws:kms:eu-west-2:${id(account)}:${logKeyAliasName(config)}`,
  })),
  ...['iam:DeleteRole', 'iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:UpdateAssumeRolePolicy'].map((action) => ({
    action,
    statement: 'DenyLandingZoneRoleChanges',
    resource: (account: string) => `arn:aws:iam::${id(account)}:role/lz-config-recorder`,
  })),
  {
    action: 'iam:UpdateAssumeRolePolicy',
    statement: 'DenyLandingZoneRoleChanges',
    resource: (account) => `arn:aws:iam::${id(account)}:role/${config.roles.execution}`,
  },
  {
    action: 'iam:AttachRolePolicy',
    statement: 'DenyLandingZoneRoleChanges',
    resource: (account) => `arn:aws:iam::${id(account)}:role/${config.roles.breakGlass}`,
  },
  { action: 'iam:CreateRole', statement: 'DenyLandingZoneRoleChanges', resource: (account) => `arn:aws:iam::${id(account)}:role/lz-plan` },
];
for (const account of [WORKLOAD, WORKLOAD_NONPROD, CORE_LOGS]) {
  for (const who of ['admin', 'session', 'execution', 'break-glass'] as const) {
    for (const item of PROTECTED) {
      const region = item.region ?? 'eu-west-2';
      const allowed = exempt(who);
      cases.push({
        group: 'baseline protection',
        request: {
          account,
          action: item.action,
          region,
          principal: principal(who, account),
          resource: item.resource?.(account),
          context: item.context,
        },
        expect: allowed ? 'Allowed' : 'Denied',
        by: allowed ? undefined : ['baseline-protection', item.statement],
      });
    }
    // Nobody leaves the organization, not even the exempt roles.
    cases.push({
      group: 'baseline protection',
      request: { account, action: 'organizations:LeaveOrganization', region: 'us-east-1', principal: principal(who, account) },
      expect: 'Denied',
      by: ['baseline-protection', 'DenyLeavingOrganization'],
    });
  }
  // The protection is narrow: the same actions on the workload's own resources stay allowed.
  const ordinary: SimulationRequest[] = [
    { account, action: 's3:DeleteBucket', region: 'eu-west-2', resource: 'arn:aws:s3:::pd-clinical-portal-uploads' },
    { account, action: 's3:GetObject', region: 'eu-west-2', resource: `arn:aws:s3:::${logBucket}/AWSLogs/digest.json.gz` },
    {
      account,
      action: 'kms:ScheduleKeyDeletion',
      region: 'eu-west-2',
      resource: logKey(account),
      context: { 'kms:ResourceAliases': ['alias/clinical-portal-app'] },
    },
    { account, action: 'iam:DeleteRole', region: 'us-east-1', resource: `arn:aws:iam::${id(account)}:role/clinical-portal-app` },
    { account, action: 'iam:CreateRole', region: 'us-east-1', resource: `arn:aws:iam::${id(account)}:role/clinical-portal-app` },
    { account, action: 'cloudtrail:LookupEvents', region: 'eu-west-2' },
    { account, action: 'guardduty:GetFindings', region: 'eu-west-2' },
  ];
  for (const request of ordinary) cases.push({ group: 'baseline protection (ordinary work)', request, expect: 'Allowed' });
}

// 5. Root: a root login is denied everything; a centrally managed root session does its tasks.
const ROOT_TASKS: { action: string; resource: (account: string) => string }[] = [
  { action: 's3:DeleteBucketPolicy', resource: () => 'arn:aws:s3:::pd-locked-out-bucket' },
  { action: 's3:GetBucketPolicy', resource: () => 'arn:aws:s3:::pd-locked-out-bucket' },
  { action: 'sqs:SetQueueAttributes', resource: (account) => `arn:aws:sqs:eu-west-2:${id(account)}:locked-out-queue` },
  { action: 'iam:DeleteLoginProfile', resource: (account) => `arn:aws:iam::${id(account)}:user/legacy` },
  { action: 'iam:ListAccessKeys', resource: (account) => `arn:aws:iam::${id(account)}:user/legacy` },
  { action: 'iam:DeleteAccessKey', resource: (account) => `arn:aws:iam::${id(account)}:user/legacy` },
  { action: 'iam:DeactivateMFADevice', resource: (account) => `arn:aws:iam::${id(account)}:user/legacy` },
  { action: 'iam:CreateLoginProfile', resource: (account) => `arn:aws:iam::${id(account)}:user/legacy` },
];
for (const account of [WORKLOAD, CORE_SECURITY]) {
  for (const task of ROOT_TASKS) {
    const request = {
      account,
      action: task.action,
      region: 'eu-west-2',
      principal: `arn:aws:iam::${id(account)}:root`,
      resource: task.resource(account),
    };
    cases.push({ group: 'root', request: { ...request, context: { 'aws:AssumedRoot': 'true' } }, expect: 'Allowed' });
    cases.push({ group: 'root', request, expect: 'Denied', by: ['baseline-protection', 'DenyRootUser'] });
  }
}

// 6. Workload network: no path out of a workload account except the hub, and only the execution
// role attaches a spoke. The network account (Infrastructure OU) builds the hub, so it is not bound.
const NETWORK_ACTIONS = [
  'ec2:CreateInternetGateway',
  'ec2:AttachInternetGateway',
  'ec2:CreateEgressOnlyInternetGateway',
  'ec2:CreateVpcPeeringConnection',
  'ec2:AcceptVpcPeeringConnection',
  'ec2:CreateVpnConnection',
  'ec2:CreateVpnGateway',
  'ec2:AttachVpnGateway',
  'ec2:CreateCustomerGateway',
  'ec2:EnableVgwRoutePropagation',
  'ec2:CreateClientVpnEndpoint',
  'directconnect:CreateConnection',
  'directconnect:CreatePrivateVirtualInterface',
  'ec2:CreateTransitGatewayVpcAttachment',
  'ec2:AcceptTransitGatewayVpcAttachment',
  'ec2:ModifyTransitGatewayVpcAttachment',
  'ec2:DeleteTransitGatewayVpcAttachment',
  'ec2:CreateTransitGatewayRoute',
  'ec2:CreateTransitGatewayRouteTable',
  'ec2:AssociateTransitGatewayRouteTable',
  'ec2:EnableTransitGatewayRouteTablePropagation',
];
for (const action of NETWORK_ACTIONS) {
  for (const account of [WORKLOAD, WORKLOAD_NONPROD]) {
    for (const who of ['admin', 'session', 'break-glass', 'execution'] as const) {
      const allowed = who === 'execution';
      cases.push({
        group: 'workload network',
        request: { account, action, region: 'eu-west-2', principal: principal(who, account) },
        expect: allowed ? 'Allowed' : 'Denied',
        by: allowed ? undefined : ['workload-network', 'DenyNetworkPathsOutsideHub'],
      });
    }
  }
  cases.push({
    group: 'workload network (hub account)',
    request: { account: CORE_NETWORK, action, region: 'eu-west-2' },
    expect: 'Allowed',
  });
}
// (A new VPC is an attack now: test/attacks. Subnets stay possible, inside the spoke's own CIDR.)
for (const action of ['ec2:CreateSubnet', 'ec2:CreateRoute', 'ec2:CreateSecurityGroup', 'ec2:DescribeTransitGatewayAttachments']) {
  cases.push({ group: 'workload network (ordinary work)', request: { account: WORKLOAD, action, region: 'eu-west-2' }, expect: 'Allowed' });
}

// 7. Suspended OU: nothing but the execution and break-glass roles. (sts:GetCallerIdentity is not
// listed: AWS answers it whatever any policy says, and the simulator models that.)
for (const action of [
  's3:ListAllMyBuckets',
  'ec2:DescribeInstances',
  'iam:ListRoles',
  'ec2:RunInstances',
  'sts:GetSessionToken',
  'logs:DescribeLogGroups',
]) {
  for (const who of ['admin', 'session', 'execution', 'break-glass'] as const) {
    const allowed = exempt(who);
    cases.push({
      group: 'suspended',
      request: {
        account: SUSPENDED,
        action,
        region: 'eu-west-2',
        principal: principal(who, SUSPENDED),
        context: tierTagContextFor(action),
      },
      expect: allowed ? 'Allowed' : 'Denied',
      by: allowed ? undefined : ['suspended', 'DenyAllWhileSuspended'],
    });
  }
}

// 7b. Deployment principals the guardrails must let through (ADR 0005), and only as far as needed.
const STACKSETS_EXEC = (account: string) => `arn:aws:sts::${id(account)}:assumed-role/stacksets-exec-2d9e6f0c8b7a4e1d/stacksets-session`;
const PLAN_READONLY = (account: string) => `arn:aws:sts::${id(account)}:assumed-role/lz-plan-readonly/plan`;
for (const account of [WORKLOAD, CORE_SECURITY, SUSPENDED]) {
  const executionRole = `arn:aws:iam::${id(account)}:role/${config.roles.execution}`;
  for (const action of ['iam:CreateRole', 'iam:AttachRolePolicy', 'iam:TagRole', 'iam:UpdateAssumeRolePolicy']) {
    // The StackSet creates and updates the execution role in every account, suspended ones included.
    cases.push({
      group: 'deployment principals',
      request: { account, action, region: 'us-east-1', principal: STACKSETS_EXEC(account), resource: executionRole },
      expect: 'Allowed',
    });
  }
  // Nobody else may create or re-trust a role with the StackSets name, which would inherit its exemption.
  const impostor = `arn:aws:iam::${id(account)}:role/stacksets-exec-impostor`;
  for (const action of ['iam:CreateRole', 'iam:UpdateAssumeRolePolicy']) {
    cases.push({
      group: 'deployment principals',
      request: { account, action, region: 'us-east-1', principal: principal('session', account), resource: impostor },
      expect: 'Denied',
      by: ['baseline-protection', 'DenyLandingZoneRoleChanges'],
    });
  }
  // The StackSets role is exempt from role protection only: audit tampering stays denied to it.
  cases.push({
    group: 'deployment principals',
    request: { account, action: 'cloudtrail:StopLogging', region: 'eu-west-2', principal: STACKSETS_EXEC(account) },
    expect: 'Denied',
    by: ['baseline-protection', 'DenyAuditTampering'],
  });
}
// In a suspended account the StackSets role does its stack and its roles, nothing else.
for (const action of ['ec2:RunInstances', 'sts:AssumeRole', 'lambda:CreateFunction']) {
  cases.push({
    group: 'deployment principals',
    request: { account: SUSPENDED, action, region: 'eu-west-2', principal: STACKSETS_EXEC(SUSPENDED), context: tierTagContextFor(action) },
    expect: 'Denied',
    by: ['suspended', 'StackSetsOnlyTheirStackWhileSuspended'],
  });
}
// Pull-request plans read a suspended account's stack; the read-only plan role still cannot change
// its own permissions or any protected role (baseline protection), in any account.
for (const action of ['ec2:DescribeVpcs', 'iam:GetRole', 'config:DescribeConfigurationRecorders', 'logs:DescribeLogGroups']) {
  cases.push({
    group: 'deployment principals',
    request: {
      account: SUSPENDED,
      action,
      region: action.startsWith('iam:') ? 'us-east-1' : 'eu-west-2',
      principal: PLAN_READONLY(SUSPENDED),
    },
    expect: 'Allowed',
  });
}
for (const account of [SUSPENDED, WORKLOAD]) {
  for (const action of ['iam:AttachRolePolicy', 'iam:PutRolePolicy', 'iam:UpdateAssumeRolePolicy']) {
    cases.push({
      group: 'deployment principals',
      request: {
        account,
        action,
        region: 'us-east-1',
        principal: PLAN_READONLY(account),
        resource: `arn:aws:iam::${id(account)}:role/lz-plan-readonly`,
      },
      expect: 'Denied',
      by: ['baseline-protection', 'DenyLandingZoneRoleChanges'],
    });
  }
}

// 8. Data perimeter (RCP) on a workload account's resources.
const target = WORKLOAD;
const PERIMETER_RESOURCES: { action: string; resource: string }[] = [
  { action: 's3:GetObject', resource: 'arn:aws:s3:::pd-clinical-portal/records/123.json' },
  { action: 's3:PutObject', resource: 'arn:aws:s3:::pd-clinical-portal/records/123.json' },
  { action: 'kms:Decrypt', resource: `arn:aws:kms:eu-west-2:${id(target)}:key/1234abcd-12ab-34cd-56ef-1234567890ab` },
  { action: 'sqs:SendMessage', resource: `arn:aws:sqs:eu-west-2:${id(target)}:referrals` },
  { action: 'secretsmanager:GetSecretValue', resource: `arn:aws:secretsmanager:eu-west-2:${id(target)}:secret:portal-db-AbCdEf` },
  { action: 'sts:AssumeRole', resource: `arn:aws:iam::${id(target)}:role/portal-reader` },
];
const OUTSIDER = 'arn:aws:iam::444455556666:role/vendor-integration';
for (const { action, resource } of PERIMETER_RESOURCES) {
  const base = { account: target, action, region: 'eu-west-2', resource };
  cases.push({
    group: 'data perimeter',
    request: { ...base, principal: OUTSIDER },
    expect: 'Denied',
    by: ['data-perimeter', 'EnforceOrgIdentities'],
  });
  cases.push({
    group: 'data perimeter',
    request: { ...base, principal: OUTSIDER, context: { 'aws:PrincipalOrgID': 'o-otherorg9999' } },
    expect: 'Denied',
    by: ['data-perimeter', 'EnforceOrgIdentities'],
  });
  cases.push({
    group: 'data perimeter',
    request: { ...base, principal: `arn:aws:iam::${id(WORKLOAD_NONPROD)}:role/Administrator` },
    expect: 'Allowed',
  });
  cases.push({
    group: 'data perimeter',
    request: { ...base, principal: `arn:aws:sts::${id(CORE_SECURITY)}:assumed-role/SecurityAudit/bob` },
    expect: 'Allowed',
  });
  cases.push({ group: 'data perimeter', request: base, expect: 'Allowed' });
  cases.push({
    group: 'data perimeter',
    request: { ...base, context: { 'aws:SecureTransport': 'false' } },
    expect: 'Denied',
    by: ['data-perimeter', 'EnforceSecureTransport'],
  });
  cases.push({
    group: 'data perimeter',
    request: { ...base, principal: `arn:aws:iam::${id(WORKLOAD_NONPROD)}:role/Administrator`, context: { 'aws:SecureTransport': 'false' } },
    expect: 'Denied',
    by: ['data-perimeter', 'EnforceSecureTransport'],
  });
  // AWS services: acting for this organization (aws:SourceOrgID) is fine; for anyone else it is not.
  const servicePrincipal = action.startsWith('sqs:')
    ? 'sns.amazonaws.com'
    : action.startsWith('sts:')
      ? 'ec2.amazonaws.com'
      : 'cloudtrail.amazonaws.com';
  cases.push({ group: 'data perimeter', request: { ...base, principal: servicePrincipal }, expect: 'Allowed' });
  cases.push({
    group: 'data perimeter',
    request: { ...base, principal: servicePrincipal, context: { 'aws:SourceAccount': '444455556666', 'aws:SourceOrgID': '' } },
    expect: 'Denied',
    by: ['data-perimeter', 'EnforceConfusedDeputyProtection'],
  });
  cases.push({
    group: 'data perimeter',
    request: {
      ...base,
      principal: servicePrincipal,
      context: { 'aws:SourceAccount': '444455556666', 'aws:SourceOrgID': 'o-otherorg9999' },
    },
    expect: 'Denied',
    by: ['data-perimeter', 'EnforceConfusedDeputyProtection'],
  });
  // A service call on its own behalf carries no source account and is not a confused deputy.
  cases.push({
    group: 'data perimeter',
    request: { ...base, principal: servicePrincipal, context: { 'aws:SourceAccount': '', 'aws:SourceOrgID': '' } },
    expect: 'Allowed',
  });
}
// Federation keeps working: IAM Identity Center (SAML) and OIDC (the delivery pipeline).
for (const account of [WORKLOAD, WORKLOAD_NONPROD, CORE_SECURITY]) {
  const role = `arn:aws:iam::${id(account)}:role/AWSReservedSSO_ClinicalReadOnly_0123456789abcdef`;
  const saml = `arn:aws:iam::${id(account)}:saml-provider/AWSSSO_0123456789abcdef_DO_NOT_DELETE`;
  const oidc = `arn:aws:iam::${id(account)}:oidc-provider/token.actions.githubusercontent.com`;
  for (const region of ['eu-west-2', 'us-east-1']) {
    cases.push({
      group: 'federation',
      request: { account, action: 'sts:AssumeRoleWithSAML', region, principal: saml, resource: role },
      expect: 'Allowed',
    });
    cases.push({
      group: 'federation',
      request: { account, action: 'sts:TagSession', region, principal: saml, resource: role },
      expect: 'Allowed',
    });
    cases.push({
      group: 'federation',
      request: {
        account,
        action: 'sts:AssumeRoleWithWebIdentity',
        region,
        principal: oidc,
        resource: `arn:aws:iam::${id(account)}:role/lz-plan`,
      },
      expect: 'Allowed',
    });
    cases.push({
      group: 'federation',
      request: {
        account,
        action: 'sts:AssumeRoleWithWebIdentity',
        region,
        principal: oidc,
        resource: `arn:aws:iam::${id(account)}:role/lz-plan`,
        context: { 'aws:SecureTransport': 'false' },
      },
      expect: 'Denied',
      by: ['data-perimeter', 'EnforceSecureTransport'],
    });
  }
}
// Elastic Load Balancing delivers access logs as its Region's AWS-owned account: London and
// Ireland's are let through; another Region's ELB account is an outsider like any other.
for (const [elbAccount, expected] of [
  ['652711504416', 'Allowed'],
  ['156460612806', 'Allowed'],
  ['054676820928', 'Denied'],
] as const) {
  cases.push({
    group: 'data perimeter',
    request: {
      account: target,
      action: 's3:PutObject',
      region: 'eu-west-2',
      principal: `arn:aws:iam::${elbAccount}:root`,
      resource: 'arn:aws:s3:::pd-clinical-portal-alb-logs/AWSLogs/x.log.gz',
    },
    expect: expected,
    by: expected === 'Denied' ? ['data-perimeter', 'EnforceOrgIdentities'] : undefined,
  });
}
// DynamoDB (and ECR, CloudWatch Logs, EventBridge) are fenced by the second perimeter RCP.
cases.push({
  group: 'data perimeter',
  request: {
    account: target,
    action: 'dynamodb:GetItem',
    region: 'eu-west-2',
    principal: OUTSIDER,
    resource: `arn:aws:dynamodb:eu-west-2:${id(target)}:table/referrals`,
  },
  expect: 'Denied',
  by: ['service-perimeter', 'EnforceOrgIdentities'],
});
// Services outside both perimeter lists are not fenced by an RCP (the SCPs still apply).
cases.push({
  group: 'data perimeter',
  request: {
    account: target,
    action: 'kinesis:GetRecords',
    region: 'eu-west-2',
    principal: OUTSIDER,
    resource: `arn:aws:kinesis:eu-west-2:${id(target)}:stream/referrals`,
  },
  expect: 'Allowed',
});

// 9. The management account: no SCP or RCP applies, whatever the request.
for (const action of ['ec2:RunInstances', 'cloudtrail:StopLogging', 'organizations:LeaveOrganization', 'iam:CreateUser']) {
  cases.push({ group: 'management account', request: { account: 'management', action, region: 'ap-southeast-2' }, expect: 'Allowed' });
}

describe('guardrail simulation suite', () => {
  it('evaluates every request to its stated outcome, naming the deciding policy and statement', async () => {
    const mismatches: string[] = [];
    const byGroup = new Map<string, number>();
    for (const entry of cases) {
      byGroup.set(entry.group, (byGroup.get(entry.group) ?? 0) + 1);
      const outcome = await simulateRequest(model, entry.request);
      const describe = `${entry.group}: ${entry.request.action} in ${entry.request.account}/${entry.request.region} by ${entry.request.principal ?? 'Administrator'}${entry.request.context ? ` ${JSON.stringify(entry.request.context)}` : ''}`;
      if (outcome.decision !== entry.expect) {
        mismatches.push(
          `${describe}: expected ${entry.expect}, got ${outcome.decision}${outcome.deciding ? ` by ${outcome.deciding.policy}/${outcome.deciding.statement}` : ''}`,
        );
      } else if (entry.by && (outcome.deciding?.policy !== entry.by[0] || outcome.deciding?.statement !== entry.by[1])) {
        mismatches.push(
          `${describe}: denied as expected, but by ${outcome.deciding?.policy}/${outcome.deciding?.statement} instead of ${entry.by.join('/')}`,
        );
      }
    }
    const groups = [...byGroup].map(([group, count]) => `${group} ${count}`).join(', ');
    const denied = cases.filter((entry) => entry.expect === 'Denied').length;
    console.log(
      `guardrail simulation suite: ${cases.length} requests (${denied} denied, ${cases.length - denied} allowed), ${mismatches.length} mismatches\n  ${groups}`,
    );
    expect(mismatches).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(400);
  });
});
