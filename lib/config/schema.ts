// The shape of the landing-zone configuration. This one zod schema is the source of truth for
// TypeScript types, for runtime validation and for the JSON Schema editors use (config/schema/).
// Cross-field rules (overlaps, references, uniqueness) live in validate.ts, not here.
import { z } from 'zod';
import { guardrailsSchema } from './guardrails-schema';
import { AWS_ENDPOINT_SERVICE_NAMES, DEFAULT_AWS_ENDPOINT_SERVICES, MAX_AWS_ENDPOINT_SERVICES } from '../network/aws-endpoints';
import { MANAGED_THREAT_LIST_NAMES } from '../network/dns-firewall';

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
    name: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9-]{0,63}$/, 'must be a letter followed by letters, digits or hyphens')
      .describe('OU name, 1-64 characters: a letter, then letters, digits or hyphens; unique among its siblings. Accounts refer to it by path, e.g. Workloads/Production.'),
    children: z
      .array(organizationalUnit)
      .optional()
      .describe('Child OUs nested under this one (AWS allows five levels below the root). Default: none.'),
  }).describe('One organizational unit and, optionally, its children.'),
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
  name: accountName.describe('Account name, 3-40 lower-case letters, digits and hyphens (e.g. security); unique across the organization and used in resource names.'),
  email: email.describe('Root-user email of the account, unique across AWS (e.g. aws-security@example.nhs.uk); use a monitored team mailbox.'),
  accountId: accountId.optional().describe('Set only to adopt an account that already exists: 12 digits in quotes, e.g. "222222222222"; it is imported, not created. Default: a new account is created.'),
  adoption: adoption.optional().describe('With accountId: what the adopted account already has (AWS Config role, recorders, delivery channels), so the baseline imports it instead of colliding with it.'),
  ou: ouPath.describe('Path of the OU the account sits in, from organizationalUnits, e.g. Security or Infrastructure.'),
  owner: email.describe('Accountable owner: a person or team mailbox, e.g. cloud-platform-team@example.nhs.uk (becomes the owner tag).'),
  costCentre: costCentre.describe('Cost centre for billing, 1-64 characters (letters, digits, spaces, _ . : / = + - @), e.g. CC-0100; becomes the cost-centre tag.'),
  classification: z.string().min(1).describe('Highest data classification the account holds; one of dataClassifications, e.g. OFFICIAL-SENSITIVE. Becomes the data-classification tag.'),
}).describe('A core account the landing zone creates (or adopts) and runs itself.');

const portRule = z.strictObject({
  protocol: z.enum(['TCP', 'UDP']).describe('Transport protocol: TCP or UDP.'),
  port: z.number().int().min(1).max(65535).describe('Destination port, 1-65535, e.g. 443.'),
}).describe('One destination port that HSCN-entitled spokes may use towards HSCN, e.g. { protocol: TCP, port: 443 }.');

const alternateContact = z
  .strictObject({
    name: z.string().min(1).max(64).describe('Name of the contact, 1-64 characters: a team rather than a person, e.g. Cyber Security Operations.'),
    title: z.string().min(1).max(50).describe('Title or role, 1-50 characters, e.g. Security Operations Centre.'),
    email: email.describe('A monitored team mailbox, e.g. aws-security-contact@example.nhs.uk.'),
    phone: z
      .string()
      .regex(/^[\s0-9()+-]{1,25}$/, 'must be 1-25 digits, spaces, + ( ) or -, such as +44 20 7946 0000')
      .describe('Telephone number, 1-25 digits, spaces, + ( ) or -, e.g. +44 20 7946 0000.'),
  })
  .describe('One alternate contact of every account (AWS Account Management PutAlternateContact).');

const securityPosture = z
  .strictObject({
    alternateContacts: z
      .strictObject({
        security: alternateContact.describe('Who AWS contacts about security issues in any account (Security Hub Account.1 needs it).'),
        operations: alternateContact.optional().describe('Who AWS contacts about operational issues. Default: none set.'),
        billing: alternateContact.optional().describe('Who AWS contacts about billing. Default: none set.'),
      })
      .optional()
      .describe('Alternate contacts set in every account of the estate. Default: none, and lz posture predicts Account.1 failing.'),
    minimumScores: z
      .strictObject({
        fsbp: z.number().min(0).max(100).default(90).describe('Lowest predicted AWS Foundational Security Best Practices score (percent) lz posture accepts. Default: 90.'),
        cis: z.number().min(0).max(100).default(95).describe('Lowest predicted CIS AWS Foundations Benchmark v3.0 score (percent) lz posture accepts. Default: 95.'),
      })
      .default({ fsbp: 90, cis: 95 })
      .describe('Thresholds below which lz posture exits non-zero. Default: FSBP 90, CIS 95.'),
    sensitiveDataDiscovery: z
      .strictObject({
        classifications: z
          .array(z.string().min(1))
          .min(1)
          .describe('Data classifications that mean patient data, from dataClassifications, e.g. [OFFICIAL-SENSITIVE]: the Macie job analyses every bucket in the organization tagged data-classification with one of them.'),
        frequency: z
          .enum(['DAILY', 'WEEKLY', 'MONTHLY'])
          .default('WEEKLY')
          .describe('How often the job runs; each run after the first analyses only objects created or changed since the previous run. Default: WEEKLY.'),
      })
      .optional()
      .describe('A scheduled Amazon Macie sensitive data discovery job run by the security account (the Macie delegated administrator) for buckets of every account tagged with a patient-data classification, results kept in a KMS-encrypted bucket (ADR 0704). Default: no job.'),
  })
  .default({ minimumScores: { fsbp: 90, cis: 95 } })
  .describe('Day-one Security Hub posture: account contacts and the score thresholds lz posture enforces (docs/security-posture.md). Default: no contacts, thresholds FSBP 90 and CIS 95.');
/** Permission-set names become IAM role names (AWSReservedSSO_<name>_<hash>): AWS allows 1-32 of these characters. */
export const PERMISSION_SET_NAME_PATTERN = /^[\w+=,.@-]{1,32}$/;
const permissionSetName = z
  .string()
  .regex(PERMISSION_SET_NAME_PATTERN, 'must be 1-32 letters, digits or + = , . @ _ - (IAM Identity Center permission-set names)');
const groupDisplayName = z.string().min(1).max(1024).describe('Display name of a group in the Identity Center identity store, exactly as SCIM provisioned it, e.g. lz-platform-admins.');
const policyValue = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
const policyStatement = z.strictObject({
  Sid: z.string().regex(/^[A-Za-z0-9]*$/, 'must be letters and digits only (IAM statement IDs)').optional().describe('Statement ID, letters and digits, e.g. ReadFindings. Default: none.'),
  Effect: z.enum(['Allow', 'Deny']).describe('Allow or Deny the actions.'),
  Action: policyValue.optional().describe('Actions, service:Action, wildcards allowed, e.g. [securityhub:GetFindings].'),
  NotAction: policyValue.optional().describe('Every action except these.'),
  Resource: policyValue.optional().describe('Resource ARNs, or "*".'),
  NotResource: policyValue.optional().describe('Every resource except these.'),
  Condition: z.record(z.string(), z.record(z.string(), policyValue)).optional().describe('IAM condition block: operator -> key -> value(s). Default: none.'),
}).describe('One IAM policy statement.');
const inlinePolicyDocument = z
  .strictObject({
    Version: z.literal('2012-10-17').describe('Policy language version: "2012-10-17".'),
    Statement: z.array(policyStatement).min(1).describe('The statements, at least one.'),
  })
  .describe('An IAM policy document written as YAML (Version 2012-10-17, Statement list); every action must exist in AWS\'s IAM reference.');

const permissionSet = z.strictObject({
  name: permissionSetName.describe('Permission-set name, 1-32 characters, e.g. WorkloadAdministrator; the role in each account is AWSReservedSSO_<name>_<suffix>.'),
  description: z.string().min(1).max(700).describe('What the permission set is for, 1-700 characters; people see it in the access portal.'),
  sessionHours: z.number().int().min(1).max(12).describe('Longest session, 1-12 hours (Identity Center accepts PT1H to PT12H), e.g. 1 for administrators.'),
  managedPolicies: z
    .array(z.string().regex(/^arn:aws:iam::aws:policy\/[\w+=,.@/-]+$/, 'must be an AWS managed policy ARN such as arn:aws:iam::aws:policy/job-function/ViewOnlyAccess'))
    .default([])
    .describe('AWS managed policy ARNs attached to the permission set, e.g. [arn:aws:iam::aws:policy/job-function/ViewOnlyAccess]. Default: none.'),
  inlinePolicy: inlinePolicyDocument.optional().describe('The one inline policy of the permission set. Default: none.'),
  workloadBoundary: z
    .boolean()
    .default(false)
    .describe('true to cap the permission set with the landing zone\'s workload permissions boundary (lz-workload-boundary, created in every workload account): it can then be assigned to workload accounts only. Default: false.'),
});
export type PermissionSetConfig = z.infer<typeof permissionSet>;

const assignment = z.strictObject({
  group: groupDisplayName.describe('A group from access.groups, by display name.'),
  permissionSet: permissionSetName.describe('A permission set from access.permissionSets, by name.'),
  accounts: z.array(accountName).default([]).describe('Account names (core or workload; not the management account) the group gets the permission set in. Default: none.'),
  ous: z
    .array(ouPath)
    .default([])
    .describe('OU paths whose accounts (including nested OUs, excluding suspended accounts) get the assignment; expanded at synth, so a vended account is included without an edit. Default: none.'),
});
export type AssignmentConfig = z.infer<typeof assignment>;

const access = z
  .strictObject({
    identityCenter: z
      .strictObject({
        instanceArn: z
          .string()
          .regex(/^arn:aws:sso:::instance\/(sso)?ins-[a-zA-Z0-9-.]{16}$/, 'must be an IAM Identity Center instance ARN such as arn:aws:sso:::instance/ssoins-1111111111111111')
          .describe('ARN of the organization instance of IAM Identity Center (aws sso-admin list-instances), e.g. arn:aws:sso:::instance/ssoins-1111111111111111.'),
        identityStoreId: z
          .string()
          .regex(/^(d-[0-9a-f]{10}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/, 'must be an identity store ID such as d-1111111111')
          .describe('ID of the instance\'s identity store (aws sso-admin list-instances), e.g. d-1111111111.'),
      })
      .describe('The organization instance of IAM Identity Center, enabled by hand in the management account in homeRegion (docs/access.md). Given here, so no stack looks it up at plan time.'),
    groups: z
      .array(
        z.strictObject({
          name: groupDisplayName,
          id: z
            .string()
            .regex(/^([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$/, 'must be an identity-store group ID such as 11111111-1111-1111-1111-111111111111')
            .describe('Group ID in the identity store (aws identitystore list-groups), e.g. 11111111-1111-1111-1111-111111111111.'),
        }),
      )
      .min(1)
      .describe('Groups that the trust\'s IdP provisions by SCIM, by display name and ID; assignments name them by display name.'),
    permissionSets: z.array(permissionSet).min(1).describe('The permission-set catalogue (docs/access.md lists the standard one).'),
    assignments: z.array(assignment).default([]).describe('Which group gets which permission set in which accounts or OUs. Default: none.'),
    owningTeamPermissionSets: z
      .array(permissionSetName)
      .default([])
      .describe('Permission sets lz vend --group gives the owning team\'s groups on a new workload account, e.g. [WorkloadAdministrator, WorkloadDeveloper]. Default: none.'),
  })
  .optional()
  .describe('Human access through IAM Identity Center: permission sets and group assignments, deployed by the identity stack in the security account (delegated administrator). Omit for no Identity Center management.');

export const landingZoneSchema = z
  .strictObject({
    organization: z.strictObject({
      name: z.string().min(3).max(100).describe('Human name of the organisation, 3-100 characters, for tags and documents, e.g. Example Valley NHS Foundation Trust.'),
      namePrefix: z
        .string()
        .regex(/^[a-z][a-z0-9-]{1,19}$/, 'must be 2-20 lower-case letters, digits or hyphens')
        .describe('Prefix of globally unique resource names such as S3 buckets and KMS aliases: 2-20 lower-case letters, digits or hyphens, starting with a letter, e.g. exvalley. Changing it renames (replaces) those resources.'),
      existingId: z
        .string()
        .regex(/^o-[a-z0-9]{10,32}$/, 'must be an AWS Organizations ID such as o-a1b2c3d4e5')
        .optional()
        .describe(
          'Set only when the management account already has an organization: the organization stack adopts it (a Terraform import) instead of creating one. Leave unset to create a new organization.',
        ),
      otherTrustedServices: z
        .array(z.string().regex(/^[a-z0-9][a-z0-9.-]*\.amazonaws\.com$/, 'must be a service principal such as health.amazonaws.com'))
        .optional()
        .describe(
          'Service principals with trusted access that an adopted organization already has and that the landing zone does not use itself (aws organizations list-aws-service-access-for-organization). Listed here, they stay enabled; unlisted, the next apply would disable them.',
        ),
    }).describe('The organisation the landing zone belongs to.'),
    homeRegion: region.describe('The primary Region, eu-west-2 (London) or eu-west-1 (Ireland), and one of allowedRegions: every stack\'s default provider, so the state bucket, the gateway VPC and the spokes live here; global-resource Config rules run here; and availabilityZones are zone IDs of this Region.'),
    allowedRegions: z
      .array(region)
      .min(1)
      .max(2)
      .describe('Regions the Region guardrail allows, 1 or 2 of eu-west-2 and eu-west-1, each once, including homeRegion. With two, logs replicate to the other Region.'),
    managementAccount: z
      .strictObject({
        accountId: accountId.describe('ID of the existing management (payer) account that runs the organization: 12 digits in quotes, e.g. "111111111111".'),
        email: email.describe('Root-user email of the management account, e.g. aws-management@example.nhs.uk.'),
      })
      .describe('The management account, which exists before the landing zone; the bootstrap, organization, management and pipeline stacks deploy into it.'),
    coreAccounts: z
      .strictObject({
        security: coreAccount.describe('Security tooling account: delegated administrator of GuardDuty, Security Hub, Config and IAM Access Analyzer.'),
        logArchive: coreAccount.describe('Log-archive account: Object Lock buckets for CloudTrail, Config and network logs.'),
        network: coreAccount.describe('Network account: Transit Gateway hub, gateway VPC, HSCN edge and DNS.'),
      })
      .describe('The three core accounts every estate has.'),
    organizationalUnits: z
      .array(organizationalUnit)
      .min(1)
      .describe('The OU tree under the organization root. Must include top-level Workloads and Suspended OUs; OU names are unique among siblings.'),
    roles: z
      .strictObject({
        execution: z
          .string()
          .regex(/^[\w+=,.@-]{1,64}$/)
          .default('lz-execution')
          .describe('IAM role name (1-64 characters) every member-account stack assumes; created in every member account by the organization stack\'s StackSet and exempt from the guardrails. Not OrganizationAccountAccessRole. Default: lz-execution.'),
        breakGlass: z
          .string()
          .regex(/^[\w+=,.@-]{1,64}$/)
          .describe('IAM role name (1-64 characters) of the emergency break-glass identity, exempt from the guardrails like the execution role; must differ from execution. E.g. LandingZoneBreakGlass.'),
        breakGlassPrincipal: z
          .string()
          .regex(/^arn:aws:iam::\d{12}:user\/[\w+=,.@-]{1,64}$/, 'must be the ARN of an IAM user in the management account, such as arn:aws:iam::111111111111:user/break-glass-1')
          .optional()
          .describe(
            'The only principal the break-glass role trusts: an IAM user in the management account that signs in with MFA (the role\'s trust requires aws:MultiFactorAuthPresent, which a role session never carries). Defaults to arn:aws:iam::<management account>:user/lz-break-glass.',
          ),
      })
      .describe('Names of the two IAM roles the guardrails exempt.'),
    dataClassifications: z
      .array(z.string().regex(/^[A-Z][A-Z0-9-]*$/, 'must be upper case, such as OFFICIAL-SENSITIVE'))
      .min(1)
      .describe('Data classifications accounts may declare, upper case, e.g. [OFFICIAL, OFFICIAL-SENSITIVE]; every account\'s classification must be one of them.'),
    tags: z
      .record(z.string().regex(/^[\w.:/=+@ -]{1,128}$/), tagValue)
      .default({})
      .describe('Tags added to every resource of every stack (provider default tags): key 1-128 characters, value 1-256, e.g. managed-by: landing-zone. Default: none.'),
    logging: z.strictObject({
      objectLock: z
        .strictObject({
          mode: z
            .enum(['GOVERNANCE', 'COMPLIANCE'])
            .default('GOVERNANCE')
            .describe('S3 Object Lock mode of the log buckets. GOVERNANCE: a principal with s3:BypassGovernanceRetention can shorten it; COMPLIANCE: nobody can, not even root (needs acknowledgeComplianceModeCannotBeUndone). Default: GOVERNANCE.'),
          retentionDays: z
            .number()
            .int()
            // Audit logs are locked at least a year, as long as the trail's CloudWatch copy is kept:
            // a 1-day lock on the audit archive validated silently before (issue 16).
            .min(365, 'must be at least 365 days: the audit archive keeps logs locked at least a year')
            .max(36500)
            .default(2922)
            .describe('Days each log object stays locked, 365-36500; logs expire the day after. Default: 2922 (8 years).'),
          acknowledgeComplianceModeCannotBeUndone: z
            .boolean()
            .optional()
            .describe('Must be true to use COMPLIANCE mode: nobody, not even root, can delete logs before retention ends. Default: unset.'),
        })
        .default({ mode: 'GOVERNANCE', retentionDays: 2922 })
        .describe('Object Lock on the log-archive buckets. Default: GOVERNANCE mode, 2922 days.'),
      cloudWatchRetentionDays: z
        .union([z.literal(365), z.literal(400), z.literal(545), z.literal(731), z.literal(1096), z.literal(1827), z.literal(2192), z.literal(2557), z.literal(2922), z.literal(3288), z.literal(3653)])
        .default(365)
        .describe('Days the organization trail\'s CloudWatch Logs log group keeps events: one of 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (values CloudWatch accepts, at least a year). Default: 365.'),
      validationWindowDays: z
        .number()
        .int()
        .min(30)
        .max(36500)
        .default(365)
        .describe('Days log objects stay in instantly readable storage (Standard, then Glacier Instant Retrieval after 90 days) before Deep Archive, 30-36500. Default: 365.'),
      patientDataBucketPrefix: z
        .string()
        .regex(/^[a-z0-9][a-z0-9.-]{1,30}$/)
        .describe('Bucket-name prefix, 2-31 lower-case letters, digits, dots or hyphens (e.g. pd-): buckets whose names start with it get CloudTrail S3 data events.'),
      alertEmails: z
        .array(email)
        .default([])
        .describe('Mailboxes subscribed to security alerts (detective alarms and findings), e.g. [security-alerts@example.nhs.uk]; each must confirm the SNS subscription. Default: none.'),
    }).describe('Audit logging: the log-archive buckets, the organization trail and alerting.'),
    network: z.strictObject({
      transitGatewayAsn: asn.describe('Amazon-side BGP ASN of the Transit Gateway: private, 64512-65534 or 4200000000-4294967294, e.g. 64512; differs from directConnectGatewayAsn and the VPN peer.'),
      directConnectGatewayAsn: asn.describe('Amazon-side BGP ASN of the Direct Connect gateway: private, 64512-65534 or 4200000000-4294967294, different from transitGatewayAsn, e.g. 64513.'),
      workloadPool: cidr.describe('Supernet from which every workload VPC CIDR is allocated, outside NHS private space (10.0.0.0/8 and the other ranges HSCN routes), e.g. 100.64.0.0/12.'),
      reservedRanges: z.array(cidr).default([]).describe('Ranges inside the pool that vending must never allocate and no account may use, e.g. [100.79.0.0/16]. Default: none.'),
      gatewayVpcCidr: cidr.describe('Primary CIDR of the gateway VPC in the network account (/16 to /28), outside the workload pool, large enough for three /28 subnets per zone and, with awsEndpoints, a /27 per zone after them (a /24 for two zones), e.g. 100.127.0.0/24.'),
      availabilityZones: z
        .array(zoneId)
        .min(2)
        .max(4)
        .describe('2-4 availability-zone IDs of homeRegion (IDs, not names: eu-west-2a differs between accounts), each once, e.g. [euw2-az1, euw2-az2]. Every VPC gets subnets in each.'),
      internetEgress: z
        .strictObject({
          allowedDomains: z
            .array(z.string().regex(/^\.?[a-z0-9.-]+$/))
            .default([])
            .describe('When non-empty, spokes reach only these domains on the internet (TLS SNI / HTTP Host, checked by Network Firewall); a leading dot includes subdomains, e.g. [.amazonaws.com, .nhs.uk]. Default: empty, any domain.'),
        })
        .default({ allowedDomains: [] })
        .describe('Internet egress from the spokes through the central NAT and firewall. Default: no domain list.'),
      awsEndpoints: z
        .strictObject({
          services: z
            .array(z.enum(AWS_ENDPOINT_SERVICE_NAMES))
            .max(MAX_AWS_ENDPOINT_SERVICES)
            .default([...DEFAULT_AWS_ENDPOINT_SERVICES])
            .describe(`AWS APIs the spokes reach through central interface endpoints in the gateway VPC (each an hourly charge per zone), at most ${MAX_AWS_ENDPOINT_SERVICES}. Default: [${DEFAULT_AWS_ENDPOINT_SERVICES.join(', ')}].`),
        })
        .default({ services: [...DEFAULT_AWS_ENDPOINT_SERVICES] })
        .describe('Central interface endpoints for AWS APIs, resolved in every spoke through the estate\'s Route 53 Profile. Default: the default service list.'),
      dnsFirewall: z
        .strictObject({
          managedThreatLists: z
            .array(
              z.strictObject({
                name: z.enum(MANAGED_THREAT_LIST_NAMES).describe('AWS managed domain list name, e.g. AWSManagedDomainsMalwareDomainList.'),
                id: z.string().regex(/^rslvr-fdl-[a-z0-9]+$/).describe('Its ID in homeRegion (aws route53resolver list-firewall-domain-lists in the network account), e.g. rslvr-fdl-0example1.'),
              }),
            )
            .default([])
            .describe('AWS managed threat lists the DNS Firewall blocks, by name and Regional ID (IDs differ per Region and cannot be looked up offline). Default: none.'),
          blockedDomains: z
            .array(z.string().regex(/^\.?[a-z0-9.-]+$/))
            .default([])
            .describe('Domains the DNS Firewall blocks for every spoke; a leading dot includes subdomains, e.g. [.example-exfil.net]. Default: none.'),
          allowedDomains: z
            .array(z.string().regex(/^\.?[a-z0-9.-]+$/))
            .default([])
            .describe('Domains the DNS Firewall always answers, ahead of the block lists (for a false positive in a managed list); a leading dot includes subdomains. Default: none.'),
        })
        .default({ managedThreatLists: [], blockedDomains: [], allowedDomains: [] })
        .describe('Route 53 Resolver DNS Firewall for the gateway VPC and every spoke (through the Route 53 Profile), fail-closed. Default: no lists.'),
      hscn: z
        .strictObject({
          allocation: cidr.describe('The organisation\'s HSCN-assigned address range (NAT pool and resolver endpoints), at least a /27, outside the pool and the gateway VPC, e.g. 203.0.113.0/27; added to the gateway VPC as a secondary CIDR.'),
          prefixes: z
            .array(cidr)
            .min(1)
            .describe('Summarised HSCN destinations routed to HSCN, at most 100 (a Direct Connect BGP session accepts no more), none broader than /8, e.g. [155.231.231.0/29].'),
          allowedPorts: z
            .array(portRule)
            .min(1)
            .describe('Destination ports HSCN-entitled spokes may use towards HSCN prefixes (Network Firewall allows only these), e.g. [{ protocol: TCP, port: 443 }].'),
          dnsServers: z
            .array(ipv4)
            .min(1)
            .default(['155.231.231.1', '155.231.231.2'])
            .describe('HSCN DNS servers that Route 53 Resolver forwards forwardedDomains to (port 53). Default: [155.231.231.1, 155.231.231.2].'),
          forwardedDomains: z
            .array(z.string().regex(/^[a-z0-9.-]+$/))
            .min(1)
            .default(['nhs.uk'])
            .describe('Domains resolved by the HSCN DNS servers, for HSCN-entitled spokes only. Default: [nhs.uk].'),
          directConnect: z
            .strictObject({
              transitVifId: z
                .string()
                .regex(/^dxvif-[a-z0-9]+$/)
                .optional()
                .describe('ID of the hosted transit virtual interface the HSCN provider allocated, e.g. dxvif-fexample1; it is accepted onto the Direct Connect gateway. Default: unset, no Direct Connect path yet.'),
              networkAccountDeployed: z
                .boolean()
                .optional()
                .describe('Set to true once the network stack has been deployed and the provider given the network account ID; required with transitVifId unless the network account is adopted.'),
              location: z.string().optional().describe('Direct Connect location, for the connection summary only, e.g. Example Data Centre, London. Default: unset.'),
              bandwidth: z.string().optional().describe('Ordered bandwidth, for the connection summary only, e.g. 1Gbps. Default: unset.'),
            })
            .default({})
            .describe('The Direct Connect path to HSCN. The Direct Connect gateway is always created; omit transitVifId until the provider allocates one. Default: {}.'),
          vpn: z
            .strictObject({
              customerGatewayIp: ipv4.describe('Public IPv4 address of the provider\'s VPN gateway, e.g. 192.0.2.10.'),
              customerGatewayAsn: z
                .number()
                .int()
                .min(1)
                .max(4294967294)
                .describe('BGP ASN of the provider\'s VPN gateway, 1-4294967294, different from transitGatewayAsn, e.g. 65010.'),
            })
            .optional()
            .describe('Site-to-site VPN (BGP) to the HSCN provider, attached to the Transit Gateway as backup or as the only path. Default: no VPN.'),
        })
        .optional()
        .describe('Connection to the Health and Social Care Network. Omit for an estate without HSCN; then no account may set hscn: true.'),
    }).describe('Transit Gateway hub, gateway VPC, address planning and the HSCN edge in the network account.'),
    backup: z
      .strictObject({
        account: coreAccount.describe('The backup account: holds the central, Vault-Locked vaults that every member account copies into. Usually in the Security OU.'),
        vaultLock: z
          .strictObject({
            mode: z
              .enum(['GOVERNANCE', 'COMPLIANCE'])
              .default('COMPLIANCE')
              .describe('Vault Lock mode of the central vaults. COMPLIANCE: after changeableForDays nobody, not even root or AWS, can remove the lock or delete a recovery point early (needs acknowledgeComplianceModeCannotBeUndone); GOVERNANCE: a principal with backup:DeleteBackupVaultLockConfiguration can lift it. Default: COMPLIANCE.'),
            minRetentionDays: z
              .number()
              .int()
              .min(1)
              .max(36500)
              .default(7)
              .describe('Shortest retention a recovery point copied into a central vault may have, 1-36500 days; a copy with less is refused. Default: 7.'),
            maxRetentionDays: z
              .number()
              .int()
              .min(1)
              .max(36500)
              .default(3653)
              .describe('Longest retention a recovery point in a central vault may have, 1-36500 days, at least minRetentionDays. Default: 3653 (10 years).'),
            changeableForDays: z
              .number()
              .int()
              .min(3)
              .max(36500)
              .default(3)
              .describe('COMPLIANCE only: days after the first apply during which the lock can still be removed (AWS minimum 3); after that it is immutable. Default: 3.'),
            acknowledgeComplianceModeCannotBeUndone: z
              .boolean()
              .optional()
              .describe('Must be true to use COMPLIANCE mode: once changeableForDays pass, nobody can shorten retention or remove the lock. Default: unset.'),
          })
          .default({ mode: 'COMPLIANCE', minRetentionDays: 7, maxRetentionDays: 3653, changeableForDays: 3 })
          .describe('Vault Lock on the central vaults. Default: COMPLIANCE, 7-3653 days, changeable for 3 days (needs the acknowledgement).'),
        classificationTiers: z
          .record(z.string(), z.enum(['critical', 'standard', 'none']))
          .default({})
          .describe('Default backup tier (critical, standard or none) per data classification, e.g. { OFFICIAL-SENSITIVE: critical }; lz backup-report uses it for resources without an lz:backup tag. A classification not listed defaults to standard.'),
      })
      .optional()
      .describe('AWS Backup: the backup account, its central vaults, and the organization backup and tag policies (docs/backup-and-recovery.md). Omit for an estate without organization backups.'),
    state: z
      .strictObject({
        bucket: z
          .string()
          .regex(/^[a-z0-9][a-z0-9.-]{2,62}$/)
          .optional()
          .describe('Name of the S3 bucket holding every stack\'s Terraform state, 3-63 lower-case characters. Default: <namePrefix>-lz-tfstate-<management account ID>.'),
        bootstrapStateInS3: z
          .boolean()
          .default(false)
          .describe('Set to true once the bootstrap stack has created the state bucket, then move its local state into it (README, Deploying). Default: false.'),
      })
      .default({ bootstrapStateInS3: false })
      .describe('Terraform state: one S3 backend per stack in the management account. Default: derived bucket, bootstrap on local state.'),
    pipeline: z
      .strictObject({
        githubRepository: z
          .string()
          .regex(/^[\w.-]+\/[\w.-]+$/, 'must be owner/repository')
          .describe('GitHub repository (owner/name) whose workflows may assume the plan and apply roles through OIDC, e.g. example-valley-nhs/landing-zone.'),
        deployEnvironment: z
          .string()
          .min(1)
          .default('production')
          .describe('GitHub environment whose jobs alone may assume the apply role (protect it with required reviewers). Default: production.'),
        maxParallelJobs: z
          .number()
          .int()
          .min(1)
          .max(256)
          .default(8)
          .describe('Plan and apply jobs running at once (the workflow matrix max-parallel), so AWS API rate limits hold. Default: 8.'),
        stacksPerJob: z
          .number()
          .int()
          .min(1)
          .max(100)
          .default(10)
          .describe('Stacks one plan or apply job handles one after another (amortises runner start-up and provider init). Default: 10.'),
      })
      .optional()
      .describe('Delivery pipeline (GitHub Actions OIDC provider, plan and apply roles). Omit to deploy only from a workstation.'),
    securityPosture,
    access,
    guardrails: guardrailsSchema.optional(),
  })
  .describe('Landing-zone configuration (config/landing-zone.yaml).');

export const workloadAccountSchema = z
  .strictObject({
    name: accountName.describe('Account name, 3-40 lower-case letters, digits and hyphens, e.g. patient-records-prod; the file must be accounts/<name>.yaml. Never rename or delete it: the stack is workload-<name>.'),
    email: email.describe('Root-user email of the account, unique across AWS, e.g. aws-patient-records-prod@example.nhs.uk.'),
    ou: ouPath.describe('Working OU path under Workloads, from organizationalUnits, e.g. Workloads/Production. To quarantine the account set status: suspended, not this.'),
    owner: email.describe('Accountable owner: a person or team mailbox, e.g. records-team@example.nhs.uk (becomes the owner tag).'),
    costCentre: costCentre.describe('Cost centre for billing, 1-64 characters (letters, digits, spaces, _ . : / = + - @), e.g. CC-3100; becomes the cost-centre tag.'),
    classification: z.string().min(1).describe('Highest data classification the account holds; one of dataClassifications in landing-zone.yaml, e.g. OFFICIAL-SENSITIVE.'),
    hscn: z.boolean().default(false).describe('True to entitle the account to reach HSCN through the gateway (needs network.hscn in landing-zone.yaml). Default: false.'),
    cidr: cidr.describe('IPv4 CIDR of the account\'s VPC, inside network.workloadPool and overlapping no other account, reserved range or the gateway VPC; lz vend allocates one (/24 small, /22 medium, /20 large), e.g. 100.64.4.0/22.'),
    accountId: accountId.optional().describe('Set only to adopt an account that already exists: 12 digits in quotes, e.g. "333333333333"; it is imported, not created. Default: a new account is created.'),
    adoption: adoption.optional().describe('With accountId: what the adopted account already has (AWS Config role, recorders, delivery channels), so the baseline imports it instead of colliding with it.'),
    status: z
      .enum(['active', 'suspended'])
      .default('active')
      .describe('active, or suspended: disconnected from the hub and moved to the Suspended OU (deny-all); the account is never closed. Default: active.'),
    securityServicesEnabledBy: z
      .enum(['account', 'organization'])
      .optional()
      .describe(
        'Who enables Amazon Inspector and Amazon Macie in this account (ADR 0704): account, its own baseline (accounts that were in the organization before the security-organization stack first switched on auto-enable); organization, the delegated administrator\'s auto-enable when the account joined (every account vended or invited later; lz vend writes it). Default: account.',
      ),
    access: z
      .array(
        z.strictObject({
          group: groupDisplayName.describe('A group from access.groups in landing-zone.yaml, by display name.'),
          permissionSets: z.array(permissionSetName).min(1).describe('Permission sets from access.permissionSets the group gets in this account.'),
        }),
      )
      .optional()
      .describe('The owning team\'s access to this account through IAM Identity Center (lz vend --group writes it). Default: none beyond access.assignments in landing-zone.yaml.'),
  })
  .describe('One workload account (config/accounts/<name>.yaml).');

export type LandingZoneConfig = z.infer<typeof landingZoneSchema>;
export type WorkloadAccountConfig = z.infer<typeof workloadAccountSchema>;
export type HscnConfig = NonNullable<LandingZoneConfig['network']['hscn']>;
