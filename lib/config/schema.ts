// The shape of the landing-zone configuration. This one zod schema is the source of truth for
// TypeScript types, for runtime validation and for the JSON Schema editors use (config/schema/).
// Cross-field rules (overlaps, references, uniqueness) live in validate.ts, not here.
import { z } from 'zod';

export const ALLOWED_REGIONS = ['eu-west-2', 'eu-west-1'] as const;

const region = z.enum(ALLOWED_REGIONS).describe('An AWS Region inside the allowed pair (eu-west-2 London, eu-west-1 Ireland).');
const accountId = z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account ID in quotes, for example "111111111111"');
const email = z.email('must be an email address such as aws-security@example.nhs.uk');
// Account names end up in stack names (workload-<name>), construct IDs and resource names,
// so they follow DNS label rules.
export const ACCOUNT_NAME_PATTERN = /^[a-z][a-z0-9-]{1,38}[a-z0-9]$/;
const accountName = z
  .string()
  .regex(ACCOUNT_NAME_PATTERN, 'must be 3-40 characters of lower-case letters, digits and hyphens, starting with a letter and not ending with a hyphen');
const cidr = z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, 'must be an IPv4 CIDR such as 100.64.0.0/22');
const ipv4 = z.string().regex(/^\d{1,3}(\.\d{1,3}){3}$/, 'must be an IPv4 address such as 155.231.231.1');
const asn = z
  .number()
  .int()
  .refine((n) => (n >= 64512 && n <= 65534) || (n >= 4200000000 && n <= 4294967294), 'must be a private BGP ASN (64512-65534 or 4200000000-4294967294)');
const zoneId = z
  .string()
  .regex(/^[a-z]{3,4}\d-az\d+$/, 'must be an availability-zone ID such as euw2-az1 (zone names like eu-west-2a differ between accounts)');
const ouPath = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9-]*(\/[A-Za-z][A-Za-z0-9-]*)*$/, 'must be an OU path such as Workloads/Production');
const tagValue = z.string().min(1).max(256);
/** Becomes the cost-centre tag of an account, so it keeps to the characters AWS tags accept. */
export const COST_CENTRE_PATTERN = /^[\p{L}\p{N}\p{Zs}_.:/=+\-@]{1,64}$/u;
const costCentre = z.string().regex(COST_CENTRE_PATTERN, 'must be 1-64 letters, digits, spaces or _ . : / = + - @ (it becomes the cost-centre tag)');

export interface OrganizationalUnitConfig {
  name: string;
  children?: OrganizationalUnitConfig[];
}
const organizationalUnit: z.ZodType<OrganizationalUnitConfig> = z.lazy(() =>
  z.strictObject({
    name: z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,63}$/, 'must be a letter followed by letters, digits or hyphens'),
    children: z.array(organizationalUnit).optional(),
  }),
);

/**
 * What an adopted account already has that the baseline would otherwise create: AWS Config allows one
 * recorder and one delivery channel per Region, and IAM one AWSServiceRoleForConfig. Each is imported
 * under the name given here (docs/vending.md, "Adopting an existing account").
 */
const adoption = z
  .strictObject({
    configServiceLinkedRole: z
      .boolean()
      .describe('true when AWSServiceRoleForConfig already exists (aws iam get-role --role-name AWSServiceRoleForConfig): it is imported, not created.'),
    configRecorders: z
      .partialRecord(
        region,
        z.strictObject({
          recorder: z.string().regex(/^[\w.-]{1,256}$/).describe('Name of the existing configuration recorder (aws configservice describe-configuration-recorders).'),
          deliveryChannel: z
            .string()
            .regex(/^[\w.-]{1,256}$/)
            .optional()
            .describe('Name of the existing delivery channel (aws configservice describe-delivery-channels); omit when there is none.'),
        }),
      )
      .default({})
      .describe('Existing AWS Config recorder (and delivery channel) per allowed Region; a Region not listed has none.'),
  })
  .describe('Required with accountId: what the existing account already has, so the baseline imports it instead of colliding with it.');
export type AccountAdoption = z.infer<typeof adoption>;

const coreAccount = z.strictObject({
  name: accountName,
  email,
  accountId: accountId.optional().describe('Set only to adopt an account that already exists; it is imported, not created.'),
  adoption: adoption.optional(),
  ou: ouPath,
  owner: email.describe('Accountable owner: a person or team mailbox.'),
  costCentre,
  classification: z.string().min(1),
});

const portRule = z.strictObject({
  protocol: z.enum(['TCP', 'UDP']),
  port: z.number().int().min(1).max(65535),
});

export const landingZoneSchema = z
  .strictObject({
    organization: z.strictObject({
      name: z.string().min(3).max(100).describe('Human name of the organisation, for tags and documents.'),
      namePrefix: z
        .string()
        .regex(/^[a-z][a-z0-9-]{1,19}$/, 'must be 2-20 lower-case letters, digits or hyphens')
        .describe('Prefix of globally unique resource names such as S3 buckets.'),
    }),
    homeRegion: region,
    allowedRegions: z.array(region).min(1).max(2),
    managementAccount: z.strictObject({ accountId, email }),
    coreAccounts: z.strictObject({ security: coreAccount, logArchive: coreAccount, network: coreAccount }),
    organizationalUnits: z.array(organizationalUnit).min(1),
    roles: z.strictObject({
      execution: z
        .string()
        .regex(/^[\w+=,.@-]{1,64}$/)
        .default('lz-execution')
        .describe('Role every member-account stack assumes; created in every member account by the organization stack\'s StackSet.'),
      breakGlass: z.string().regex(/^[\w+=,.@-]{1,64}$/),
    }),
    dataClassifications: z.array(z.string().regex(/^[A-Z][A-Z0-9-]*$/, 'must be upper case, such as OFFICIAL-SENSITIVE')).min(1),
    tags: z.record(z.string().regex(/^[\w.:/=+@ -]{1,128}$/), tagValue).default({}),
    logging: z.strictObject({
      objectLock: z
        .strictObject({
          mode: z.enum(['GOVERNANCE', 'COMPLIANCE']).default('GOVERNANCE'),
          retentionDays: z.number().int().min(1).max(36500).default(2922),
          acknowledgeComplianceModeCannotBeUndone: z
            .boolean()
            .optional()
            .describe('Must be true to use COMPLIANCE mode: nobody, not even root, can delete logs before retention ends.'),
        })
        .default({ mode: 'GOVERNANCE', retentionDays: 2922 }),
      cloudWatchRetentionDays: z
        .union([z.literal(365), z.literal(400), z.literal(545), z.literal(731), z.literal(1096), z.literal(1827), z.literal(2192), z.literal(2557), z.literal(2922), z.literal(3288), z.literal(3653)])
        .default(365)
        .describe('CloudWatch Logs retention for the trail log group; a value CloudWatch accepts and at least 365.'),
      validationWindowDays: z.number().int().min(30).max(36500).default(365).describe('Days CloudTrail logs stay in instantly readable storage.'),
      patientDataBucketPrefix: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,30}$/).describe('Buckets whose names start with this get CloudTrail S3 data events.'),
      alertEmails: z.array(email).default([]),
    }),
    network: z.strictObject({
      transitGatewayAsn: asn,
      directConnectGatewayAsn: asn,
      workloadPool: cidr.describe('Supernet from which every workload VPC CIDR is allocated.'),
      reservedRanges: z.array(cidr).default([]).describe('Ranges inside the pool that vending must never allocate.'),
      gatewayVpcCidr: cidr.describe('Primary CIDR of the gateway VPC in the network account, outside the workload pool.'),
      availabilityZones: z.array(zoneId).min(2).max(4),
      internetEgress: z
        .strictObject({
          allowedDomains: z.array(z.string().regex(/^\.?[a-z0-9.-]+$/)).default([]).describe('When non-empty, spokes reach only these domains (TLS SNI / HTTP Host).'),
        })
        .default({ allowedDomains: [] }),
      hscn: z
        .strictObject({
          allocation: cidr.describe('The organisation\'s HSCN-assigned public range (NAT pool), at least /27.'),
          prefixes: z.array(cidr).min(1).describe('Summarised HSCN destinations, at most 100.'),
          allowedPorts: z.array(portRule).min(1),
          dnsServers: z.array(ipv4).min(1).default(['155.231.231.1', '155.231.231.2']),
          forwardedDomains: z.array(z.string().regex(/^[a-z0-9.-]+$/)).min(1).default(['nhs.uk']),
          directConnect: z
            .strictObject({
              transitVifId: z
                .string()
                .regex(/^dxvif-[a-z0-9]+$/)
                .optional()
                .describe('Phase two: the hosted transit VIF the HSCN provider allocated to the network account; accepted by the network stack.'),
              networkAccountDeployed: z
                .boolean()
                .optional()
                .describe('Set to true once the network stack has been deployed and the provider given the network account ID; required with transitVifId unless the network account is adopted.'),
              location: z.string().optional(),
              bandwidth: z.string().optional(),
            })
            .default({}),
          vpn: z
            .strictObject({
              customerGatewayIp: ipv4,
              customerGatewayAsn: z.number().int().min(1).max(4294967294),
            })
            .optional(),
        })
        .optional(),
    }),
    state: z
      .strictObject({
        bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{2,62}$/).optional().describe('Defaults to <namePrefix>-lz-tfstate-<management account ID>.'),
        bootstrapStateInS3: z
          .boolean()
          .default(false)
          .describe('Set to true once the bootstrap stack has created the state bucket, then run terraform init -migrate-state for it.'),
      })
      .default({ bootstrapStateInS3: false }),
    pipeline: z
      .strictObject({
        githubRepository: z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'must be owner/repository'),
        deployEnvironment: z.string().min(1).default('production'),
      })
      .optional(),
  })
  .describe('Landing-zone configuration (config/landing-zone.yaml).');

export const workloadAccountSchema = z
  .strictObject({
    name: accountName,
    email,
    ou: ouPath,
    owner: email.describe('Accountable owner: a person or team mailbox.'),
    costCentre,
    classification: z.string().min(1),
    hscn: z.boolean().default(false),
    cidr,
    accountId: accountId.optional(),
    adoption: adoption.optional(),
    status: z.enum(['active', 'suspended']).default('active'),
  })
  .describe('One workload account (config/accounts/<name>.yaml).');

export type LandingZoneConfig = z.infer<typeof landingZoneSchema>;
export type WorkloadAccountConfig = z.infer<typeof workloadAccountSchema>;
export type HscnConfig = NonNullable<LandingZoneConfig['network']['hscn']>;
