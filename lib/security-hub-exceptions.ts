// Accepted Security Hub exceptions: each a control that fails by design for named resources, the
// reason, and the decision record. The security stack turns each into an automation rule that
// suppresses exactly those findings (never a control disabled for the organization), and
// `lz posture` reads the synthesized rules back, so the prediction shows what the estate suppresses.
import { backupAccessLogBucketName } from './backup';
import { discoveryJobPlan } from './macie';
import { accessLogBucketName, securityAccessLogBucketName, stateAccessLogBucketName } from './naming';
import type { LandingZoneConfig } from './config/schema';

export interface AcceptedException {
  /** Stable identifier (the automation rule's name suffix). */
  readonly id: string;
  readonly controlId: string;
  /** Why the finding is accepted, written into the finding's note by the rule. */
  readonly reason: string;
  /** The decision record, relative to the repository root. */
  readonly decision: string;
  /** Findings of these accounts only (account ID expressions). @default every account */
  readonly accountIds?: readonly string[];
  /** Findings of this Security Hub resource type only. @default any */
  readonly resourceType?: string;
  /** Findings of exactly these resources (ARNs). @default any resource of the type */
  readonly resourceIds?: readonly string[];
}

export interface ExceptionAccounts {
  readonly networkAccountId: string;
  readonly logArchiveAccountId: string;
  /** The security account: its access-log buckets (beside the Macie results buckets) are log targets too. */
  readonly securityAccountId: string;
  /** The backup account, when the estate has one: its access-log bucket beside the Backup Audit Manager reports. */
  readonly backupAccountId?: string;
}

export function acceptedExceptions(config: LandingZoneConfig, accounts: ExceptionAccounts): AcceptedException[] {
  return [
    {
      id: 'hub-transit-gateway-auto-accept',
      controlId: 'EC2.23',
      reason:
        'The hub Transit Gateway accepts shared attachments automatically so that vending needs no step in the network account; attachments start in an isolated route table and every new one raises an alert.',
      decision: 'docs/decisions/0701-transit-gateway-auto-accept.md',
      accountIds: [accounts.networkAccountId],
      resourceType: 'AwsEc2TransitGateway',
    },
    {
      id: 'access-log-buckets-not-logged',
      controlId: 'S3.9',
      reason:
        'Server access log target buckets are not logged again: AWS advises against logging a log bucket into itself or another log bucket (endless log loop).',
      decision: 'docs/decisions/0702-security-hub-suppressions.md',
      resourceType: 'AwsS3Bucket',
      resourceIds: [
        ...config.allowedRegions.map((region) => `arn:aws:s3:::${accessLogBucketName(config, region, accounts.logArchiveAccountId)}`),
        `arn:aws:s3:::${stateAccessLogBucketName(config)}`,
        ...(discoveryJobPlan(config)
          ? config.allowedRegions.map((region) => `arn:aws:s3:::${securityAccessLogBucketName(config, region, accounts.securityAccountId)}`)
          : []),
        ...(config.backup && accounts.backupAccountId
          ? [`arn:aws:s3:::${backupAccessLogBucketName(config, config.homeRegion, accounts.backupAccountId)}`]
          : []),
      ],
    },
    {
      id: 's3-read-data-events-patient-data-only',
      controlId: 'S3.23',
      reason:
        'Object-level read events are logged for patient-data buckets only; reads of every bucket would cost in proportion to workload traffic without adding evidence about patient data.',
      decision: 'docs/decisions/0700-s3-data-events.md',
    },
    ...centralEndpointExceptions(config),
  ];
}

/**
 * The per-VPC endpoint controls whose service the estate serves from the central endpoints in the
 * gateway VPC (network.awsEndpoints): Security Hub looks for an endpoint in each VPC, so every spoke
 * fails by design. Only for services actually configured; the gateway VPC passes on its own.
 */
const PER_VPC_ENDPOINT_CONTROLS: readonly (readonly [controlId: string, service: string])[] = [
  ['EC2.10', 'ec2'],
  ['EC2.55', 'ecr.api'],
  ['EC2.56', 'ecr.dkr'],
  ['EC2.57', 'ssm'],
];

function centralEndpointExceptions(config: LandingZoneConfig): AcceptedException[] {
  return PER_VPC_ENDPOINT_CONTROLS.filter(([, service]) => config.network.awsEndpoints.services.includes(service)).map(
    ([controlId, service]) => ({
      id: `central-${service.replace(/\./g, '-')}-endpoint`,
      controlId,
      reason: `Spokes reach ${service} through the central interface endpoint in the gateway VPC (Route 53 Profile), not one in each VPC; the firewall drops the public name, so no spoke reaches ${service} any other way.`,
      decision: 'docs/decisions/0624-central-endpoints-and-per-vpc-controls.md',
      resourceType: 'AwsEc2Vpc',
    }),
  );
}
