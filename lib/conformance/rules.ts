// The NCSC rule sets the organization conformance packs are built from, as plain data: which
// managed rules, which framework asks for each, whether the rule runs in the home Region only, and
// the parameters this estate sets. Pure functions of configuration; no AWS look-ups.
import { PASSWORD_POLICY } from '../account-baseline';
import homeRegionOnlyData from './data/home-region-only.json';
import ncscData from './data/ncsc-rules.json';

export type Framework = 'ncsc_csp' | 'ncsc_caf';
export const FRAMEWORKS: readonly Framework[] = ['ncsc_csp', 'ncsc_caf'];

/** Managed-rule identifier of the manual "process check" rules (answered by a person, not evaluated). */
export const PROCESS_CHECK = 'AWS_CONFIG_PROCESS_CHECK';

export interface ConformanceRule {
  /** Config rule name, as in AWS's sample packs (kebab case). */
  readonly name: string;
  /** Managed rule SourceIdentifier (owner AWS). */
  readonly sourceIdentifier: string;
  /** The NCSC rule sets that include the rule. */
  readonly frameworks: readonly Framework[];
  /** Evaluates global resources or account-wide settings: deployed in the home Region only. */
  readonly homeRegionOnly: boolean;
}

/** Rule name -> SourceIdentifier for one framework, exactly as copied into lib/conformance/data. */
export function frameworkRules(framework: Framework): Readonly<Record<string, string>> {
  return ncscData[framework];
}

export const HOME_REGION_ONLY_RULES: ReadonlySet<string> = new Set(Object.keys(homeRegionOnlyData.rules));

/** The union of both NCSC rule sets, each rule once, sorted by name. */
export function ncscRules(): ConformanceRule[] {
  const byName = new Map<string, { sourceIdentifier: string; frameworks: Framework[] }>();
  for (const framework of FRAMEWORKS) {
    for (const [name, sourceIdentifier] of Object.entries(frameworkRules(framework))) {
      const existing = byName.get(name);
      if (existing && existing.sourceIdentifier !== sourceIdentifier) {
        throw new Error(`conformance data: rule ${name} maps to ${existing.sourceIdentifier} and ${sourceIdentifier}`);
      }
      if (existing) existing.frameworks.push(framework);
      else byName.set(name, { sourceIdentifier, frameworks: [framework] });
    }
  }
  for (const name of HOME_REGION_ONLY_RULES) {
    if (!byName.has(name)) throw new Error(`conformance data: home-region-only rule ${name} is in neither NCSC rule set`);
  }
  return [...byName.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, rule]) => ({
      name,
      sourceIdentifier: rule.sourceIdentifier,
      frameworks: rule.frameworks,
      homeRegionOnly: HOME_REGION_ONLY_RULES.has(name),
    }));
}

/** Minimum CloudWatch Logs retention the estate requires (docs/architecture.md, Design requirements). */
export const MIN_LOG_RETENTION_DAYS = 365;

/**
 * InputParameters this estate sets, by rule. Values are strings because Config passes them as
 * strings. The password rule is derived from the baseline's own policy so the two never disagree;
 * MaxPasswordAge is deliberately absent because the baseline follows NCSC guidance (no forced
 * expiry), see docs/decisions/0203-conformance-packs.md.
 */
export function ruleParameters(): Readonly<Record<string, Readonly<Record<string, string>>>> {
  const yes = 'true';
  return {
    'access-keys-rotated': { maxAccessKeyAge: '90' },
    'acm-certificate-expiration-check': { daysToExpiration: '30' },
    'backup-recovery-point-minimum-retention-check': { requiredRetentionDays: '35' },
    'cloudwatch-alarm-action-check': { alarmActionRequired: yes, insufficientDataActionRequired: yes, okActionRequired: 'false' },
    // The estate's floor, not the trail's own (possibly longer) retention: every log group must keep a year.
    'cw-loggroup-retention-period-check': { MinRetentionTime: String(MIN_LOG_RETENTION_DAYS) },
    'dynamodb-throughput-limit-check': { accountRCUThresholdPercentage: '80', accountWCUThresholdPercentage: '80' },
    'ec2-volume-inuse-check': { deleteOnTermination: yes },
    'guardduty-non-archived-findings': { daysHighSev: '1', daysMediumSev: '7', daysLowSev: '30' },
    'iam-customer-policy-blocked-kms-actions': { blockedActionsPatterns: 'kms:Decrypt,kms:ReEncryptFrom' },
    'iam-inline-policy-blocked-kms-actions': { blockedActionsPatterns: 'kms:Decrypt,kms:ReEncryptFrom' },
    'iam-password-policy': {
      MinimumPasswordLength: String(PASSWORD_POLICY.minimumPasswordLength),
      PasswordReusePrevention: String(PASSWORD_POLICY.passwordReusePrevention),
      RequireLowercaseCharacters: String(PASSWORD_POLICY.requireLowercaseCharacters),
      RequireUppercaseCharacters: String(PASSWORD_POLICY.requireUppercaseCharacters),
      RequireNumbers: String(PASSWORD_POLICY.requireNumbers),
      RequireSymbols: String(PASSWORD_POLICY.requireSymbols),
    },
    'iam-user-unused-credentials-check': { maxCredentialUsageAge: '90' },
    'lambda-concurrency-check': { ConcurrencyLimitLow: '500', ConcurrencyLimitHigh: '1000' },
    'redshift-cluster-configuration-check': { clusterDbEncrypted: yes, loggingEnabled: yes },
    'redshift-cluster-maintenancesettings-check': { allowVersionUpgrade: yes },
    // Ports nobody may open to the world: FTP, RDP and common database ports (AWS's sample values).
    'restricted-common-ports': { blockedPort1: '20', blockedPort2: '21', blockedPort3: '3389', blockedPort4: '3306', blockedPort5: '4333' },
    's3-account-level-public-access-blocks-periodic': {
      BlockPublicAcls: yes,
      BlockPublicPolicy: yes,
      IgnorePublicAcls: yes,
      RestrictPublicBuckets: yes,
    },
    'vpc-sg-open-only-to-authorized-ports': { authorizedTcpPorts: '443' },
  };
}

/** The one rule whose parameter is only known after the network stack exists (the gateway VPC ID). */
export const AUTHORIZED_IGW_RULE = 'internet-gateway-authorized-vpc-only';
export const AUTHORIZED_IGW_TEMPLATE_PARAMETER = 'AuthorizedVpcIds';
