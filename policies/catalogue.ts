// Which guardrail attaches where. This is the one place that decides it: the organization stack
// attaches exactly this, the simulator evaluates exactly this, and the limit checks count exactly this.
import { SUSPENDED_OU, WORKLOADS_OU, flattenOus } from '../lib/config/model';
import type { LandingZoneConfig } from '../lib/config/schema';
import type { PolicyDocument } from '../lib/iam-policy';
import { backupProtection } from './backup-protection';
import { baselineProtection } from './baseline-protection';
import { MAX_POLICIES_PER_TARGET, MAX_POLICY_CHARACTERS, policyContent } from './common';
import { SERVICE_PERIMETER_SERVICES } from './data/perimeter-services';
import { dataPerimeterRcp } from './data-perimeter-rcp';
import { type Ec2DeclarativePolicy, ec2Baseline, vpcBlockPublicAccess } from './ec2-declarative';
import { estateIntegrity } from './estate-integrity';
import { regionGuardrail } from './region-guardrail';
import { serviceAllowListKey, serviceAllowListPolicy } from './service-allow-list';
import { serviceAllowLists } from '../lib/guardrails/service-allow-list';
import { suspended } from './suspended';
import { workloadDataSharing } from './workload-data-sharing';
import { workloadInternetServices } from './workload-internet-services';
import { workloadNetwork } from './workload-network';

/** Policy types that authorize (IAM policy language, evaluated per request). */
export type AuthorizationPolicyType = 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';
/** Every AWS Organizations policy type the landing zone uses. */
export type PolicyType = AuthorizationPolicyType | 'DECLARATIVE_POLICY_EC2';

/** The root of the organization, or an OU by its path (such as Workloads/Production). */
export type PolicyTarget = { readonly kind: 'root' } | { readonly kind: 'ou'; readonly path: string };

export const ROOT: PolicyTarget = { kind: 'root' };

export interface GuardrailPolicy {
  /** Stable key: construct IDs derive from it, so never rename one (that replaces the policy). */
  readonly key: string;
  /** Name in AWS Organizations. */
  readonly name: string;
  readonly type: AuthorizationPolicyType;
  readonly description: string;
  readonly document: PolicyDocument;
  readonly targets: readonly PolicyTarget[];
}

/** An EC2 declarative policy: sets account attributes rather than authorizing requests. */
export interface DeclarativeGuardrail {
  /** Stable key: construct IDs derive from it, so never rename one (that replaces the policy). */
  readonly key: string;
  /** Name in AWS Organizations. */
  readonly name: string;
  readonly type: 'DECLARATIVE_POLICY_EC2';
  readonly description: string;
  readonly content: Ec2DeclarativePolicy;
  readonly targets: readonly PolicyTarget[];
}

/**
 * AWS Organizations quotas for declarative policies ("Quotas and service limits for AWS
 * Organizations"): 10,000 characters per document, at most 10 attached directly to a target.
 */
export const MAX_DECLARATIVE_POLICY_CHARACTERS = 10000;
export const MAX_DECLARATIVE_POLICIES_PER_TARGET = 10;

/** AWS attaches these to the root, every OU and every account; the landing zone never detaches them. */
export const AWS_DEFAULT_POLICY: Readonly<Record<AuthorizationPolicyType, string>> = {
  SERVICE_CONTROL_POLICY: 'FullAWSAccess',
  RESOURCE_CONTROL_POLICY: 'RCPFullAWSAccess',
};

export function guardrailCatalogue(config: LandingZoneConfig): GuardrailPolicy[] {
  const name = (key: string) => `${config.organization.namePrefix}-lz-${key}`;
  return [
    {
      key: 'region-guardrail',
      name: name('region-guardrail'),
      type: 'SERVICE_CONTROL_POLICY',
      description: `Deny actions outside ${config.allowedRegions.join(' and ')}, except global services`,
      document: regionGuardrail(config),
      targets: [ROOT],
    },
    {
      key: 'baseline-protection',
      name: name('baseline-protection'),
      type: 'SERVICE_CONTROL_POLICY',
      description: 'Protect audit, detection, log buckets, log keys and landing-zone roles; deny root and long-lived credentials',
      document: baselineProtection(config),
      targets: [ROOT],
    },
    // Only with the backup section: without it there are no landing-zone vaults or plans to protect.
    ...(config.backup
      ? [
          {
            key: 'backup-protection',
            name: name('backup-protection'),
            type: 'SERVICE_CONTROL_POLICY' as const,
            description:
              'Protect recovery points, landing-zone vaults, their keys and policy-created backup plans; no ad hoc copies; new data stores must carry the lz:backup tag',
            document: backupProtection(config),
            targets: [ROOT],
          },
        ]
      : []),
    {
      key: 'workload-network',
      name: name('workload-network'),
      type: 'SERVICE_CONTROL_POLICY',
      description: 'Workload accounts reach other networks only through the hub; only the execution role attaches a spoke',
      document: workloadNetwork(config),
      targets: [{ kind: 'ou', path: WORKLOADS_OU }],
    },
    {
      key: 'suspended',
      name: name('suspended'),
      type: 'SERVICE_CONTROL_POLICY',
      description: 'Deny everything in suspended accounts except the execution, break-glass, StackSets execution and read-only plan roles',
      document: suspended(config),
      targets: [{ kind: 'ou', path: SUSPENDED_OU }],
    },
    {
      key: 'data-perimeter',
      name: name('data-perimeter'),
      type: 'RESOURCE_CONTROL_POLICY',
      description: 'S3, KMS, STS, SQS and Secrets Manager only for this organization and AWS services acting for it, TLS only',
      document: dataPerimeterRcp(config),
      targets: [ROOT],
    },
    // Issue 12 (isolation): docs/threat-model.md maps each path to the statement that closes it.
    {
      key: 'estate-integrity',
      name: name('estate-integrity'),
      type: 'SERVICE_CONTROL_POLICY',
      description: 'Deny Region-exempt data stores, public hosted zones, DNS logging and DNS Firewall changes, and default EBS key changes',
      document: estateIntegrity(config),
      targets: [ROOT],
    },
    {
      key: 'workload-data-sharing',
      name: name('workload-data-sharing'),
      type: 'SERVICE_CONTROL_POLICY',
      description:
        'Workload data and identities stay in the organization: no outside shares, public snapshots, identity providers or writes to outside resources',
      document: workloadDataSharing(config),
      targets: [{ kind: 'ou', path: WORKLOADS_OU }],
    },
    {
      key: 'workload-internet-services',
      name: name('workload-internet-services'),
      type: 'SERVICE_CONTROL_POLICY',
      description:
        'Workload services reach the internet only through the gateway: no services with their own internet path; findings cannot be suppressed',
      document: workloadInternetServices(config),
      targets: [{ kind: 'ou', path: WORKLOADS_OU }],
    },
    {
      key: 'service-perimeter',
      name: name('service-perimeter'),
      type: 'RESOURCE_CONTROL_POLICY',
      description: 'DynamoDB, ECR, CloudWatch Logs and EventBridge only for this organization and AWS services acting for it, TLS only',
      document: dataPerimeterRcp(config, SERVICE_PERIMETER_SERVICES),
      targets: [ROOT],
    },
    // One per OU with a service allow-list (guardrails.serviceAllowList; the Workloads OU by default).
    // Last, so that for a service a named statement above also denies, that statement is reported.
    ...serviceAllowLists(config).map((list): GuardrailPolicy => ({
      key: serviceAllowListKey(list.ouPath),
      name: name(serviceAllowListKey(list.ouPath)),
      type: 'SERVICE_CONTROL_POLICY',
      description: `Only the ${list.services.length} allowed AWS services in OU ${list.ouPath} (guardrails.serviceAllowList); execution, break-glass and plan roles exempt`,
      document: serviceAllowListPolicy(config, list),
      targets: [{ kind: 'ou', path: list.ouPath }],
    })),
  ];
}

/**
 * OUs that get VPC Block Public Access: the highest OUs whose subtree does not hold the network
 * account (the estate's internet edge), so every other OU inherits it and the network account never
 * does. An account sitting directly in an ancestor of the network account's OU is left out too.
 */
export function vpcBlockPublicAccessTargets(config: LandingZoneConfig): PolicyTarget[] {
  const networkOu = config.coreAccounts.network.ou;
  const targets: PolicyTarget[] = [];
  const visit = (units: LandingZoneConfig['organizationalUnits'], parentPath?: string) => {
    for (const unit of units) {
      const path = parentPath === undefined ? unit.name : `${parentPath}/${unit.name}`;
      if (path === networkOu) continue;
      if (networkOu.startsWith(`${path}/`)) visit(unit.children ?? [], path);
      else targets.push({ kind: 'ou', path });
    }
  };
  visit(config.organizationalUnits);
  return targets;
}

/** The EC2 declarative policies and where they attach (policies/ec2-declarative.ts says why). */
export function declarativeCatalogue(config: LandingZoneConfig): DeclarativeGuardrail[] {
  const name = (key: string) => `${config.organization.namePrefix}-lz-${key}`;
  return [
    {
      key: 'ec2-baseline',
      name: name('ec2-baseline'),
      type: 'DECLARATIVE_POLICY_EC2',
      description: 'EBS snapshot and AMI block public access, serial console off, IMDSv2 by default, in every member account',
      content: ec2Baseline(),
      targets: [ROOT],
    },
    {
      key: 'vpc-block-public-access',
      name: name('vpc-block-public-access'),
      type: 'DECLARATIVE_POLICY_EC2',
      description: 'VPC Block Public Access, bidirectional, no exclusions: internet gateways carry no traffic outside the network account',
      content: vpcBlockPublicAccess(),
      targets: vpcBlockPublicAccessTargets(config),
    },
  ];
}

/** Declarative policies attached directly to a target, in catalogue order. */
export function declarativePoliciesAttachedTo(catalogue: readonly DeclarativeGuardrail[], target: PolicyTarget): DeclarativeGuardrail[] {
  return catalogue.filter((policy) => policy.targets.some((candidate) => sameTarget(candidate, target)));
}

/** Size and per-target limits of the declarative policies, as plain sentences (empty when fine). */
export function checkDeclarativeLimits(catalogue: readonly DeclarativeGuardrail[], ouPaths: readonly string[]): string[] {
  const problems: string[] = [];
  for (const policy of catalogue) {
    const size = JSON.stringify(policy.content).length;
    if (size > MAX_DECLARATIVE_POLICY_CHARACTERS)
      problems.push(
        `declarative policy ${policy.key} is ${size} characters; AWS Organizations accepts at most ${MAX_DECLARATIVE_POLICY_CHARACTERS}`,
      );
    for (const target of policy.targets) {
      if (target.kind === 'ou' && !ouPaths.includes(target.path))
        problems.push(`declarative policy ${policy.key} attaches to OU ${target.path}, which the configuration does not define`);
    }
  }
  for (const target of [ROOT, ...ouPaths.map((path): PolicyTarget => ({ kind: 'ou', path }))]) {
    const attached = declarativePoliciesAttachedTo(catalogue, target).length;
    if (attached > MAX_DECLARATIVE_POLICIES_PER_TARGET)
      problems.push(
        `${targetLabel(target)} would have ${attached} declarative policies; AWS allows at most ${MAX_DECLARATIVE_POLICIES_PER_TARGET}`,
      );
  }
  return problems;
}

export function targetLabel(target: PolicyTarget): string {
  return target.kind === 'root' ? 'root' : `OU ${target.path}`;
}

function sameTarget(a: PolicyTarget, b: PolicyTarget): boolean {
  return a.kind === b.kind && (a.kind === 'root' || (b.kind === 'ou' && a.path === b.path));
}

/** Policies of one type attached directly to a target, in catalogue order. */
export function policiesAttachedTo(
  catalogue: readonly GuardrailPolicy[],
  target: PolicyTarget,
  type: AuthorizationPolicyType,
): GuardrailPolicy[] {
  return catalogue.filter((policy) => policy.type === type && policy.targets.some((candidate) => sameTarget(candidate, target)));
}

/**
 * Every AWS Organizations limit the catalogue could break, as plain sentences (empty when fine):
 * 5,120 characters per policy counted on the submitted content, at most 5 policies of each type
 * attached directly to a target including AWS's default FullAWSAccess / RCPFullAWSAccess, and
 * every target OU present in the configuration.
 */
export function checkPolicyLimits(catalogue: readonly GuardrailPolicy[], ouPaths: readonly string[]): string[] {
  const problems: string[] = [];
  for (const policy of catalogue) {
    const size = policyContent(policy.document).length;
    if (size > MAX_POLICY_CHARACTERS) {
      problems.push(
        `policy ${policy.key} is ${size} characters; AWS Organizations accepts at most ${MAX_POLICY_CHARACTERS} (split it or shorten its lists)`,
      );
    }
    for (const target of policy.targets) {
      if (target.kind === 'ou' && !ouPaths.includes(target.path)) {
        problems.push(`policy ${policy.key} attaches to OU ${target.path}, which the configuration does not define`);
      }
    }
  }
  const targets: PolicyTarget[] = [ROOT, ...ouPaths.map((path): PolicyTarget => ({ kind: 'ou', path }))];
  for (const target of targets) {
    for (const type of ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY'] as const) {
      const attached = policiesAttachedTo(catalogue, target, type).length + 1;
      if (attached > MAX_POLICIES_PER_TARGET) {
        problems.push(
          `${targetLabel(target)} would have ${attached} ${type === 'SERVICE_CONTROL_POLICY' ? 'SCPs' : 'RCPs'} including ${AWS_DEFAULT_POLICY[type]}; AWS allows at most ${MAX_POLICIES_PER_TARGET} per target`,
        );
      }
    }
  }
  return problems;
}

/** The catalogue for a configuration, refusing to go on if it would break an AWS limit. */
export function checkedGuardrailCatalogue(config: LandingZoneConfig): GuardrailPolicy[] {
  const catalogue = guardrailCatalogue(config);
  const ouPaths = flattenOus(config.organizationalUnits).map((ou) => ou.path);
  const problems = [...checkPolicyLimits(catalogue, ouPaths), ...checkDeclarativeLimits(declarativeCatalogue(config), ouPaths)];
  if (problems.length > 0) throw new Error(`guardrail catalogue breaks AWS Organizations limits:\n  ${problems.join('\n  ')}`);
  return catalogue;
}

/** The declarative policies for a configuration, refusing to go on if they would break an AWS limit. */
export function checkedDeclarativeCatalogue(config: LandingZoneConfig): DeclarativeGuardrail[] {
  const catalogue = declarativeCatalogue(config);
  const problems = checkDeclarativeLimits(
    catalogue,
    flattenOus(config.organizationalUnits).map((ou) => ou.path),
  );
  if (problems.length > 0) throw new Error(`declarative policies break AWS Organizations limits:\n  ${problems.join('\n  ')}`);
  return catalogue;
}
