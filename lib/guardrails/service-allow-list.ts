// The per-OU service allow-list (issue 12, path 5): which AWS services principals in an OU may use
// at all. Configuration names OUs and service prefixes (`guardrails.serviceAllowList`); this module
// turns that into the effective list per OU and finds mistakes in it. policies/service-allow-list.ts
// writes the SCP, policies/catalogue.ts attaches one per listed OU.
//
// An SCP can only take away, so lists down an OU path intersect: a service is usable in
// Workloads/Production only if the Workloads list and the Workloads/Production list both allow it.
import type { FieldPath } from '../config/diagnostics';
import { SUSPENDED_OU, WORKLOADS_OU, flattenOus } from '../config/model';
import type { LandingZoneConfig } from '../config/schema';
import { IAM_SERVICE_PREFIXES } from './iam-service-prefixes';

/** In a list, stands for DEFAULT_WORKLOAD_SERVICES, so `[default, athena]` reads as "the default plus Athena". */
export const DEFAULT_SERVICES_ENTRY = 'default';

/**
 * Services the landing zone itself needs in every account an allow-list applies to, always allowed
 * whatever the list says: identities (IAM, STS, Identity Center sign-in and its identity store,
 * read-only Organizations calls), the audit and detection services that the baseline and the
 * security account run (CloudTrail, Config, GuardDuty, Security Hub, Inspector, Macie, IAM Access
 * Analyzer, Health), AWS Backup as the account's lz-backup service role uses it (Backup, Backup
 * storage, resource tagging), and what the baseline stacks deploy and the detective controls read
 * (CloudFormation for the StackSet, KMS, CloudWatch Logs and metrics, EventBridge, SNS, S3, EC2 for
 * the spoke and flow logs, Route 53 Resolver query logging, Support), and the billing services of
 * the Billing permission set. A list can therefore never break the baseline, sign-in or the
 * standard permission sets (test/policies/permission-set-simulation.test.ts); the execution, break-glass and read-only plan roles are exempt
 * from the policy besides.
 */
export const LANDING_ZONE_SERVICES: readonly string[] = [
  'iam',
  'sts',
  'sso',
  'identitystore',
  'cloudtrail',
  'config',
  'guardduty',
  'securityhub',
  'inspector2',
  'macie2',
  'access-analyzer',
  'health',
  'backup',
  'backup-storage',
  'tag',
  'cloudformation',
  'kms',
  'logs',
  'cloudwatch',
  'events',
  'sns',
  's3',
  'ec2',
  'route53resolver',
  'support',
  // The Billing permission set (AWS managed job function Billing), assigned on the Workloads OU.
  'aws-portal',
  'billing',
  'budgets',
  'ce',
  'consolidatedbilling',
  'cur',
  'freetier',
  'invoicing',
  'payments',
  'pricing',
  'purchase-orders',
  'sustainability',
  'tax',
];

/**
 * Services allowed for reading only where an allow-list applies: a member account can describe its
 * organization (everything else in Organizations is the management account's), and read its own
 * account settings (changing contacts or Regions is the execution role's).
 */
export const READ_ONLY_ACTIONS: readonly string[] = ['organizations:Describe*', 'organizations:List*', 'account:Get*', 'account:List*'];

/**
 * The default list for workloads (`default` in configuration): what the must-allow cases of the
 * adversarial suite need, each kept inside the VPC by its own guardrail where it could leave it.
 * Compute in the spoke: Lambda (VPC only), ECS, EKS, ECR, EC2 Auto Scaling and Application Auto
 * Scaling, Elastic Load Balancing (internal only). Operations: Systems Manager and Session Manager
 * (ssmmessages, ec2messages), X-Ray. Data: DynamoDB, RDS (and IAM database auth, Data API),
 * ElastiCache, EFS, Secrets Manager, SQS, Kinesis Data Streams, Step Functions. Analytics and
 * builds inside the VPC: Glue, Athena, SageMaker, CodeBuild. Private APIs and names: API Gateway
 * (private REST APIs) and execute-api, Route 53 (private zones), RAM (in-organization shares),
 * ACM (certificates for internal load balancers), WAF (in front of internal load balancers and
 * private APIs). Trusted Advisor's checks.
 */
export const DEFAULT_WORKLOAD_SERVICES: readonly string[] = [
  'lambda',
  'ecs',
  'eks',
  'ecr',
  'autoscaling',
  'application-autoscaling',
  'elasticloadbalancing',
  'ssm',
  'ssmmessages',
  'ec2messages',
  'xray',
  'dynamodb',
  'rds',
  'rds-db',
  'rds-data',
  'elasticache',
  'elasticfilesystem',
  'secretsmanager',
  'sqs',
  'kinesis',
  'states',
  'glue',
  'athena',
  'sagemaker',
  'codebuild',
  'apigateway',
  'execute-api',
  'route53',
  'ram',
  'acm',
  'wafv2',
  'trustedadvisor',
];

/** One OU's allow-list, resolved: the services (prefixes) its SCP leaves usable. */
export interface ServiceAllowList {
  /** OU path, such as Workloads or Workloads/Production. */
  readonly ouPath: string;
  /** Service prefixes, sorted and unique: the landing zone's own services plus the configured ones. */
  readonly services: readonly string[];
}

/**
 * The configured lists, or the default for the Workloads OU when configuration says nothing:
 * every estate gets an allow-list on Workloads unless it writes `serviceAllowList: {}`.
 */
export function configuredServiceAllowList(config: LandingZoneConfig): Readonly<Record<string, readonly string[]>> {
  return config.guardrails?.serviceAllowList ?? { [WORKLOADS_OU]: [DEFAULT_SERVICES_ENTRY] };
}

function expand(entries: readonly string[]): string[] {
  return entries.flatMap((entry) => (entry === DEFAULT_SERVICES_ENTRY ? DEFAULT_WORKLOAD_SERVICES : [entry]));
}

/** Every OU with an allow-list and its resolved services, parents before children. */
export function serviceAllowLists(config: LandingZoneConfig): ServiceAllowList[] {
  const configured = configuredServiceAllowList(config);
  return flattenOus(config.organizationalUnits)
    .filter((ou) => configured[ou.path] !== undefined)
    .map((ou) => ({ ouPath: ou.path, services: [...new Set([...LANDING_ZONE_SERVICES, ...expand(configured[ou.path])])].sort() }));
}

/** Services usable in an OU once every list on its path is applied (undefined: no list applies). */
export function effectiveServices(config: LandingZoneConfig, ouPath: string): readonly string[] | undefined {
  const lists = serviceAllowLists(config).filter((list) => ouPath === list.ouPath || ouPath.startsWith(`${list.ouPath}/`));
  if (lists.length === 0) return undefined;
  return lists.reduce<readonly string[]>((usable, list) => usable.filter((service) => list.services.includes(service)), lists[0].services);
}

/** A mistake in `guardrails.serviceAllowList`, at the field it concerns. */
export interface AllowListProblem {
  readonly path: FieldPath;
  readonly message: string;
}

const BASE: FieldPath = ['guardrails', 'serviceAllowList'];

/** Unknown OUs, unknown service prefixes, repeats, and entries an ancestor's list makes pointless. */
export function serviceAllowListProblems(config: LandingZoneConfig): AllowListProblem[] {
  const lists = config.guardrails?.serviceAllowList;
  if (!lists) return [];
  const problems: AllowListProblem[] = [];
  const ouPaths = flattenOus(config.organizationalUnits).map((ou) => ou.path);
  const known = new Set(IAM_SERVICE_PREFIXES);
  for (const [ouPath, entries] of Object.entries(lists)) {
    const at = [...BASE, ouPath];
    if (!ouPaths.includes(ouPath)) {
      problems.push({ path: at, message: `names OU "${ouPath}", which is not in organizationalUnits (known: ${ouPaths.join(', ')})` });
      continue;
    }
    if (ouPath === SUSPENDED_OU || ouPath.startsWith(`${SUSPENDED_OU}/`)) {
      problems.push({
        path: at,
        message: `is the ${SUSPENDED_OU} OU, where the suspended SCP already denies everything; remove this entry`,
      });
      continue;
    }
    const ancestorServices = ancestorAllowed(config, ouPath);
    entries.forEach((entry, index) => {
      const where = [...at, index];
      if (entries.indexOf(entry) !== index) {
        problems.push({ path: where, message: `lists "${entry}" twice; list each service once` });
      } else if (entry !== DEFAULT_SERVICES_ENTRY && !known.has(entry)) {
        problems.push({
          path: where,
          message: `"${entry}" is not an AWS service prefix in the IAM Service Authorization Reference (the part before the colon in an action, such as lambda or elasticloadbalancing)`,
        });
      } else if (entry !== DEFAULT_SERVICES_ENTRY && LANDING_ZONE_SERVICES.includes(entry)) {
        problems.push({ path: where, message: `"${entry}" is always allowed (the landing zone itself needs it); remove it from the list` });
      } else if (ancestorServices) {
        const blocked = (entry === DEFAULT_SERVICES_ENTRY ? DEFAULT_WORKLOAD_SERVICES : [entry]).filter(
          (service) => !ancestorServices.includes(service),
        );
        if (blocked.length > 0) {
          problems.push({
            path: where,
            message: `allows ${blocked.join(', ')}, which the list of an enclosing OU does not; lists only narrow down an OU path, so add ${blocked.length === 1 ? 'it' : 'them'} to the enclosing OU's list first`,
          });
        }
      }
    });
  }
  return problems;
}

function ancestorAllowed(config: LandingZoneConfig, ouPath: string): readonly string[] | undefined {
  const parent = ouPath.includes('/') ? ouPath.slice(0, ouPath.lastIndexOf('/')) : undefined;
  return parent === undefined ? undefined : effectiveServices(config, parent);
}
