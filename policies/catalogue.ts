// Which guardrail attaches where. This is the one place that decides it: the organization stack
// attaches exactly this, the simulator evaluates exactly this, and the limit checks count exactly this.
import { SUSPENDED_OU, WORKLOADS_OU, flattenOus } from '../lib/config/model';
import type { LandingZoneConfig } from '../lib/config/schema';
import type { PolicyDocument } from '../lib/iam-policy';
import { backupProtection } from './backup-protection';
import { baselineProtection } from './baseline-protection';
import { MAX_POLICIES_PER_TARGET, MAX_POLICY_CHARACTERS, policyContent } from './common';
import { dataPerimeterRcp } from './data-perimeter-rcp';
import { regionGuardrail } from './region-guardrail';
import { suspended } from './suspended';
import { workloadNetwork } from './workload-network';

export type PolicyType = 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';

/** The root of the organization, or an OU by its path (such as Workloads/Production). */
export type PolicyTarget = { readonly kind: 'root' } | { readonly kind: 'ou'; readonly path: string };

export const ROOT: PolicyTarget = { kind: 'root' };

export interface GuardrailPolicy {
  /** Stable key: construct IDs derive from it, so never rename one (that replaces the policy). */
  readonly key: string;
  /** Name in AWS Organizations. */
  readonly name: string;
  readonly type: PolicyType;
  readonly description: string;
  readonly document: PolicyDocument;
  readonly targets: readonly PolicyTarget[];
}

/** AWS attaches these to the root, every OU and every account; the landing zone never detaches them. */
export const AWS_DEFAULT_POLICY: Readonly<Record<PolicyType, string>> = {
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
            description: 'Protect recovery points, landing-zone vaults, their keys and policy-created backup plans; no ad hoc copies',
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
  ];
}

export function targetLabel(target: PolicyTarget): string {
  return target.kind === 'root' ? 'root' : `OU ${target.path}`;
}

function sameTarget(a: PolicyTarget, b: PolicyTarget): boolean {
  return a.kind === b.kind && (a.kind === 'root' || (b.kind === 'ou' && a.path === b.path));
}

/** Policies of one type attached directly to a target, in catalogue order. */
export function policiesAttachedTo(catalogue: readonly GuardrailPolicy[], target: PolicyTarget, type: PolicyType): GuardrailPolicy[] {
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
      problems.push(`policy ${policy.key} is ${size} characters; AWS Organizations accepts at most ${MAX_POLICY_CHARACTERS} (split it or shorten its lists)`);
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
  const problems = checkPolicyLimits(
    catalogue,
    flattenOus(config.organizationalUnits).map((ou) => ou.path),
  );
  if (problems.length > 0) throw new Error(`guardrail catalogue breaks AWS Organizations limits:\n  ${problems.join('\n  ')}`);
  return catalogue;
}
