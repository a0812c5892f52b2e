// What each Identity Center permission set of the example can and cannot do, evaluated through the
// real OU chain with the permission set's own policies as the identity policies (AWS managed policy
// documents from test/fixtures/aws-managed-policies, the inline policy from configuration) and the
// workload boundary where the set carries it. The caller is an Identity Center session
// (AWSReservedSSO_<set>_<suffix>), which no guardrail exempts. Expectations are stated from the design
// (docs/access.md), never read back from the policies.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { workloadBoundary, WORKLOAD_BOUNDARY_ARN_PATTERN } from '../../lib/access/boundary';
import { TIER_TAGGED_REQUEST_CONTEXT, tierTagContextFor } from '../../lib/backup-tier-tag';
import { loadConfig } from '../../lib/config/load';
import type { PolicyDocument } from '../../lib/iam-policy';
import { logBucketName, WORKLOAD_BOUNDARY_POLICY_NAME } from '../../lib/naming';
import { buildGuardrailModel, findAccount, simulateRequest, type SimulationRequest } from '../../tools/simulation/simulate';
import { EXAMPLE_CONFIG_DIR } from '../helpers/synth';

const loaded = loadConfig(EXAMPLE_CONFIG_DIR);
const config = loaded.landingZone;
const access = config.access!;
const model = buildGuardrailModel(
  config,
  loaded.accounts.map((account) => account.config),
);
const id = (account: string) => findAccount(model, account).accountId;

const MANAGED_POLICY_FILES: Record<string, string> = {
  'arn:aws:iam::aws:policy/AdministratorAccess': 'AdministratorAccess.json',
  'arn:aws:iam::aws:policy/PowerUserAccess': 'PowerUserAccess.json',
  'arn:aws:iam::aws:policy/SecurityAudit': 'SecurityAudit.json',
  'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess': 'ViewOnlyAccess.json',
  'arn:aws:iam::aws:policy/job-function/Billing': 'Billing.json',
};
function managedPolicy(arn: string): PolicyDocument {
  const file = MANAGED_POLICY_FILES[arn];
  if (!file) throw new Error(`no document for ${arn} in test/fixtures/aws-managed-policies; add it`);
  return (
    JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'aws-managed-policies', file), 'utf8')) as {
      document: PolicyDocument;
    }
  ).document;
}

const WORKLOADS = ['clinical-portal-prod', 'analytics-dev'];
const CORE = [config.coreAccounts.security.name, config.coreAccounts.logArchive.name, config.coreAccounts.network.name];
const PROD = 'clinical-portal-prod';
const HOME = config.homeRegion;

type Layer = 'SCP' | 'boundary' | 'implicit';
interface Case {
  readonly permissionSet: string;
  readonly account: string;
  readonly action: string;
  readonly region?: string;
  readonly resource?: string;
  readonly context?: SimulationRequest['context'];
  readonly expect: 'Allowed' | 'Denied';
  /** For a denial: the layer that must decide it (an explicit deny in an SCP or the boundary, or no allow at all). */
  readonly by?: Layer;
  /** For an explicit denial: the statement Sid that must decide it. */
  readonly sid?: string;
}

function requestFor(entry: Case): SimulationRequest {
  const set = access.permissionSets.find((candidate) => candidate.name === entry.permissionSet);
  if (!set) throw new Error(`no permission set ${entry.permissionSet} in the example`);
  return {
    account: entry.account,
    action: entry.action,
    region: entry.region ?? HOME,
    resource: entry.resource,
    context: entry.context,
    // Identity Center's role in the account; its session ARN drops the /aws-reserved/... path.
    principal: `arn:aws:sts::${id(entry.account)}:assumed-role/AWSReservedSSO_${set.name}_0123456789abcdef/alice@example.nhs.uk`,
    identityPolicies: [
      ...set.managedPolicies.map((arn) => ({ name: arn.split('/').pop()!, policy: managedPolicy(arn) })),
      ...(set.inlinePolicy ? [{ name: 'inline', policy: set.inlinePolicy as PolicyDocument }] : []),
    ],
    // No resource policy: only the permission set's own policies may grant.
    withoutResourcePolicy: true,
    permissionsBoundary: set.workloadBoundary ? { name: WORKLOAD_BOUNDARY_POLICY_NAME, policy: workloadBoundary(config) } : undefined,
  };
}

const cases: Case[] = [];
const allow = (permissionSet: string, accounts: readonly string[], action: string, extra: Partial<Case> = {}) => {
  for (const account of accounts) cases.push({ permissionSet, account, action, expect: 'Allowed', ...extra });
};
const deny = (permissionSet: string, accounts: readonly string[], action: string, by: Layer, extra: Partial<Case> = {}) => {
  for (const account of accounts) cases.push({ permissionSet, account, action, expect: 'Denied', by, ...extra });
};
// Ordinary creations carry the backup tier tag (ADR 0907).
const tierTagged = { context: { ...TIER_TAGGED_REQUEST_CONTEXT } };
const lzTagged = { context: { 'aws:ResourceTag/lz:stack': `workload-${PROD}` } };
const withBoundary = (arn: string) => ({ context: { 'iam:PermissionsBoundary': arn } });
const logBucket = `arn:aws:s3:::${logBucketName(config, 'cloudtrail', HOME, id(config.coreAccounts.logArchive.name))}/AWSLogs/example.json.gz`;

// Platform administrator: everything, and still every guardrail (no AWSReservedSSO role is exempt).
allow('PlatformAdministrator', [...CORE, ...WORKLOADS], 'ec2:RunInstances', tierTagged);
deny('PlatformAdministrator', [PROD, config.coreAccounts.network.name], 'ec2:RunInstances', 'SCP', { region: 'us-east-1', ...tierTagged });
deny('PlatformAdministrator', [PROD, config.coreAccounts.security.name], 'config:StopConfigurationRecorder', 'SCP', {
  sid: 'DenyAuditTampering',
});
deny('PlatformAdministrator', [config.coreAccounts.security.name], 'cloudtrail:StopLogging', 'SCP', { sid: 'DenyAuditTampering' });
deny('PlatformAdministrator', [PROD], 'iam:CreateUser', 'SCP', { sid: 'DenyAccountSecurityChanges' });
deny('PlatformAdministrator', [config.coreAccounts.logArchive.name], 's3:DeleteObject', 'SCP', { resource: logBucket });
deny('PlatformAdministrator', [PROD], 'iam:UpdateAssumeRolePolicy', 'SCP', {
  resource: `arn:aws:iam::${id(PROD)}:role/${config.roles.execution}`,
  sid: 'DenyLandingZoneRoleChanges',
});
deny('PlatformAdministrator', [PROD], 'organizations:LeaveOrganization', 'SCP', { sid: 'DenyLeavingOrganization' });

// Workload administrator: builds the team's workload, inside the SCPs and the boundary.
for (const action of ['ec2:RunInstances', 's3:CreateBucket', 'rds:CreateDBInstance', 'dynamodb:CreateTable'])
  allow('WorkloadAdministrator', WORKLOADS, action, { context: { ...tierTagContextFor(action) } });
// A function inside the spoke VPC is normal work; one outside any VPC is an internet path the isolation SCP closes.
allow('WorkloadAdministrator', WORKLOADS, 'lambda:CreateFunction', { context: { 'lambda:VpcIds': ['vpc-0123456789abcdef0'] } });
deny('WorkloadAdministrator', [PROD], 'lambda:CreateFunction', 'SCP', { sid: 'DenyLambdaOutsideVpc' });
allow('WorkloadAdministrator', [PROD], 'iam:CreateRole', withBoundary(`arn:aws:iam::${id(PROD)}:policy/${WORKLOAD_BOUNDARY_POLICY_NAME}`));
allow('WorkloadAdministrator', [PROD], 'ec2:DeleteVpc');
deny('WorkloadAdministrator', WORKLOADS, 'config:StopConfigurationRecorder', 'SCP');
deny('WorkloadAdministrator', [PROD], 'config:DeleteConfigurationRecorder', 'SCP');
deny('WorkloadAdministrator', [PROD], 'cloudtrail:StopLogging', 'SCP');
deny('WorkloadAdministrator', [PROD], 'guardduty:DeleteDetector', 'SCP');
deny('WorkloadAdministrator', [PROD], 'securityhub:DisableSecurityHub', 'SCP');
deny('WorkloadAdministrator', [PROD], 'ec2:DeleteFlowLogs', 'SCP');
deny('WorkloadAdministrator', [PROD], 'iam:CreateUser', 'SCP');
deny('WorkloadAdministrator', [PROD], 'iam:CreateAccessKey', 'SCP');
deny('WorkloadAdministrator', [PROD], 'ec2:RunInstances', 'SCP', { region: 'us-east-1' });
deny('WorkloadAdministrator', WORKLOADS, 'iam:CreateRole', 'boundary', { sid: 'DenyRolesWithoutThisBoundary' });
deny('WorkloadAdministrator', [PROD], 'iam:CreateRole', 'boundary', {
  sid: 'DenyRolesWithoutThisBoundary',
  ...withBoundary('arn:aws:iam::aws:policy/AdministratorAccess'),
});
deny('WorkloadAdministrator', [PROD], 'iam:PutRolePermissionsBoundary', 'boundary', {
  resource: `arn:aws:iam::${id(PROD)}:role/team-service`,
  ...withBoundary('arn:aws:iam::aws:policy/AdministratorAccess'),
});
deny('WorkloadAdministrator', [PROD], 'iam:DeleteRolePermissionsBoundary', 'boundary', {
  resource: `arn:aws:iam::${id(PROD)}:role/team-service`,
  sid: 'DenyRemovingBoundaries',
});
deny('WorkloadAdministrator', [PROD], 'iam:CreatePolicyVersion', 'boundary', {
  resource: `arn:aws:iam::${id(PROD)}:policy/${WORKLOAD_BOUNDARY_POLICY_NAME}`,
  sid: 'DenyLandingZonePolicies',
});
deny('WorkloadAdministrator', [PROD], 'iam:PassRole', 'boundary', {
  resource: `arn:aws:iam::${id(PROD)}:role/lz-config-recorder`,
  sid: 'DenyLandingZoneRoles',
});
deny('WorkloadAdministrator', [PROD], 'sso:CreateAccountAssignment', 'boundary', { sid: 'DenyUsersAndIdentityCenter' });
deny('WorkloadAdministrator', [PROD], 'identitystore:CreateGroupMembership', 'boundary', { sid: 'DenyUsersAndIdentityCenter' });
// The hub attachment: the workload-network SCP already denies it; the boundary denies it too.
deny('WorkloadAdministrator', [PROD], 'ec2:DeleteTransitGatewayVpcAttachment', 'SCP', lzTagged);
deny('WorkloadAdministrator', [PROD], 'ec2:DeleteSubnet', 'boundary', { sid: 'DenyLandingZoneResources', ...lzTagged });
deny('WorkloadAdministrator', [PROD], 'ec2:DeleteVpc', 'boundary', { sid: 'DenyLandingZoneResources', ...lzTagged });
deny('WorkloadAdministrator', [PROD], 'logs:DeleteLogGroup', 'boundary', { sid: 'DenyLandingZoneResources', ...lzTagged });
deny('WorkloadAdministrator', [PROD], 'ec2:DeleteTags', 'boundary', {
  sid: 'DenyLandingZoneTagChanges',
  context: { 'aws:TagKeys': ['lz:stack'] },
});
// PowerUserAccess grants no IAM; the isolation SCP denies identity providers to everyone in workload accounts as well.
deny('WorkloadAdministrator', [PROD], 'iam:CreateSAMLProvider', 'SCP', { sid: 'DenySharingWithoutOrgCondition' });

// Workload developer: deploys code and reads logs; no data, no infrastructure changes.
for (const action of [
  'lambda:UpdateFunctionCode',
  'ecs:UpdateService',
  'logs:FilterLogEvents',
  'ssm:StartSession',
  'ec2:DescribeInstances',
])
  allow('WorkloadDeveloper', WORKLOADS, action);
deny('WorkloadDeveloper', WORKLOADS, 's3:GetObject', 'implicit');
deny('WorkloadDeveloper', [PROD], 'dynamodb:GetItem', 'implicit');
deny('WorkloadDeveloper', [PROD], 'iam:CreateRole', 'boundary', { sid: 'DenyRolesWithoutThisBoundary' });
deny('WorkloadDeveloper', [PROD], 'ec2:RunInstances', 'implicit', tierTagged);
deny('WorkloadDeveloper', [PROD], 'config:StopConfigurationRecorder', 'SCP');
deny('WorkloadDeveloper', [PROD], 'lambda:UpdateFunctionCode', 'SCP', { region: 'us-east-1' });

// Read-only: configuration, never data.
for (const action of ['ec2:DescribeInstances', 's3:ListAllMyBuckets', 'rds:DescribeDBInstances', 'dynamodb:DescribeTable'])
  allow('ReadOnly', WORKLOADS, action);
for (const action of ['s3:GetObject', 'dynamodb:Scan', 'secretsmanager:GetSecretValue', 'kms:Decrypt', 'ec2:TerminateInstances'])
  deny('ReadOnly', [PROD], action, 'implicit');

// Security auditor: reads findings and security configuration in every account it is assigned.
for (const action of ['securityhub:GetFindings', 'guardduty:GetFindings', 'guardduty:ListFindings'])
  allow('SecurityAuditor', [...CORE, ...WORKLOADS], action);
for (const action of [
  'config:DescribeConfigurationRecorders',
  'cloudtrail:DescribeTrails',
  'iam:GetAccountAuthorizationDetails',
  'access-analyzer:ListFindings',
])
  allow('SecurityAuditor', [PROD, config.coreAccounts.security.name], action);
deny('SecurityAuditor', [PROD], 'config:StopConfigurationRecorder', 'SCP');
deny('SecurityAuditor', [config.coreAccounts.logArchive.name], 's3:GetObject', 'implicit', { resource: logBucket });
// The auditor has no such permission, and the isolation SCP stops anyone in a workload account suppressing findings.
deny('SecurityAuditor', [PROD], 'securityhub:BatchUpdateFindings', 'SCP', { sid: 'DenyFindingSuppression' });

// Incident responder: isolates and snapshots an instance, destroys nothing.
for (const action of [
  'ec2:ModifyInstanceAttribute',
  'ec2:ModifyNetworkInterfaceAttribute',
  'ec2:CreateSecurityGroup',
  'ec2:RevokeSecurityGroupEgress',
  'ec2:CreateSnapshot',
  'ec2:StopInstances',
])
  allow('IncidentResponder', WORKLOADS, action);
allow('IncidentResponder', [config.coreAccounts.security.name], 'securityhub:GetFindings');
deny('IncidentResponder', [PROD], 'ec2:TerminateInstances', 'implicit');
deny('IncidentResponder', [PROD], 's3:GetObject', 'implicit');
deny('IncidentResponder', [PROD], 'ec2:ModifyInstanceAttribute', 'SCP', { region: 'us-east-1' });
deny('IncidentResponder', [PROD], 'ec2:DeleteFlowLogs', 'SCP');

// Billing: cost and budgets of the account, nothing else.
allow('Billing', WORKLOADS, 'ce:GetCostAndUsage');
allow('Billing', [PROD], 'budgets:ViewBudget');
deny('Billing', [PROD], 'ec2:RunInstances', 'implicit', tierTagged);
deny('Billing', [PROD], 's3:GetObject', 'implicit');

describe('permission-set simulation (example configuration)', () => {
  it('evaluates every request to its stated outcome and by the stated layer', async () => {
    const mismatches: string[] = [];
    for (const entry of cases) {
      const outcome = await simulateRequest(model, requestFor(entry));
      const label = `${entry.permissionSet}: ${entry.action} in ${entry.account}/${entry.region ?? HOME}${entry.context ? ` ${JSON.stringify(entry.context)}` : ''}`;
      const deciding = outcome.deciding;
      const layer: Layer | undefined =
        deciding === undefined
          ? undefined
          : deciding.policy === 'no policy allowed the request'
            ? 'implicit'
            : deciding.policyType === 'SCP'
              ? 'SCP'
              : deciding.policyType === 'boundary'
                ? 'boundary'
                : undefined;
      if (outcome.decision !== entry.expect) {
        mismatches.push(
          `${label}: expected ${entry.expect}, got ${outcome.decision}${deciding ? ` by ${deciding.policyType} ${deciding.policy}/${deciding.statement}` : ''}`,
        );
      } else if (entry.by && layer !== entry.by) {
        mismatches.push(
          `${label}: denied as expected, but by ${deciding?.policyType} ${deciding?.policy}/${deciding?.statement} instead of ${entry.by}`,
        );
      } else if (entry.sid && deciding?.statement !== entry.sid) {
        mismatches.push(`${label}: denied as expected, but by statement ${deciding?.statement} instead of ${entry.sid}`);
      }
      // An Identity Center session is bound by the SCPs like any other role: nothing exempts it.
      if (!outcome.scpsApply) mismatches.push(`${label}: the SCPs did not apply to the Identity Center session`);
    }
    const perSet = access.permissionSets
      .map((set) => `${set.name} ${cases.filter((entry) => entry.permissionSet === set.name).length}`)
      .join(', ');
    console.log(
      `permission-set simulation: ${cases.length} requests (${cases.filter((entry) => entry.expect === 'Denied').length} denied), ${mismatches.length} mismatches\n  ${perSet}`,
    );
    expect(mismatches).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(60);
    // Every permission set of the catalogue is exercised, allowed and denied.
    for (const set of access.permissionSets) {
      expect(cases.filter((entry) => entry.permissionSet === set.name && entry.expect === 'Allowed').length).toBeGreaterThan(0);
      expect(cases.filter((entry) => entry.permissionSet === set.name && entry.expect === 'Denied').length).toBeGreaterThan(0);
    }
  });

  it('denies by the boundary what the SCPs leave to it (boundary-only denials are not masked by an SCP)', async () => {
    const outcome = await simulateRequest(
      model,
      requestFor({ permissionSet: 'WorkloadAdministrator', account: PROD, action: 'sso:CreateAccountAssignment', expect: 'Denied' }),
    );
    expect(outcome.deciding).toMatchObject({
      policyType: 'boundary',
      policy: WORKLOAD_BOUNDARY_POLICY_NAME,
      statement: 'DenyUsersAndIdentityCenter',
    });
    // Without the boundary, the same session would be allowed: the boundary is what stops it.
    const unbounded = await simulateRequest(model, {
      ...requestFor({ permissionSet: 'WorkloadAdministrator', account: PROD, action: 'sso:CreateAccountAssignment', expect: 'Denied' }),
      permissionsBoundary: undefined,
    });
    expect(unbounded.decision).toBe('Allowed');
    expect(WORKLOAD_BOUNDARY_ARN_PATTERN).toBe(`arn:aws:iam::*:policy/${WORKLOAD_BOUNDARY_POLICY_NAME}`);
  });
});
