// The shape of the landing-zone configuration. This one zod schema is the source of truth for
// TypeScript types, for runtime validation and for the JSON Schema editors use (config/schema/).
// Cross-field rules (overlaps, references, uniqueness) live in validate.ts, not here. Each larger section
// has its own file in this folder; this file composes them.
import { z } from 'zod';
import { permissionSetName, groupDisplayName, access } from './access';
import { backupSchema } from './backup';
import { guardrailsSchema } from './guardrails';
import { loggingSchema } from './logging';
import { networkSchema } from './network';
import {
  region,
  accountId,
  email,
  accountName,
  cidr,
  ouPath,
  tagValue,
  costCentre,
  organizationalUnit,
  adoption,
  coreAccount,
} from './primitives';
import { securityPosture } from './security-posture';

export {
  ACCOUNT_NAME_PATTERN,
  ALLOWED_REGIONS,
  COST_CENTRE_PATTERN,
  type AccountAdoption,
  type OrganizationalUnitConfig,
} from './primitives';
export { PERMISSION_SET_NAME_PATTERN, type AssignmentConfig, type PermissionSetConfig } from './access';

export const landingZoneSchema = z
  .strictObject({
    organization: z
      .strictObject({
        name: z
          .string()
          .min(3)
          .max(100)
          .describe('Human name of the organisation, 3-100 characters, for tags and documents, e.g. Example Valley NHS Foundation Trust.'),
        namePrefix: z
          .string()
          .regex(/^[a-z][a-z0-9-]{1,19}$/, 'must be 2-20 lower-case letters, digits or hyphens')
          .describe(
            'Prefix of globally unique resource names such as S3 buckets and KMS aliases: 2-20 lower-case letters, digits or hyphens, starting with a letter, e.g. exvalley. Changing it renames (replaces) those resources.',
          ),
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
      })
      .describe('The organisation the landing zone belongs to.'),
    homeRegion: region.describe(
      "The primary Region, eu-west-2 (London) or eu-west-1 (Ireland), and one of allowedRegions: every stack's default provider, so the state bucket, the gateway VPC and the spokes live here; global-resource Config rules run here; and availabilityZones are zone IDs of this Region.",
    ),
    allowedRegions: z
      .array(region)
      .min(1)
      .max(2)
      .describe(
        'Regions the Region guardrail allows, 1 or 2 of eu-west-2 and eu-west-1, each once, including homeRegion. With two, logs replicate to the other Region.',
      ),
    managementAccount: z
      .strictObject({
        accountId: accountId.describe(
          'ID of the existing management (payer) account that runs the organization: 12 digits in quotes, e.g. "111111111111".',
        ),
        email: email.describe('Root-user email of the management account, e.g. aws-management@example.nhs.uk.'),
      })
      .describe(
        'The management account, which exists before the landing zone; the bootstrap, organization, management and pipeline stacks deploy into it.',
      ),
    coreAccounts: z
      .strictObject({
        security: coreAccount.describe(
          'Security tooling account: delegated administrator of GuardDuty, Security Hub, Config and IAM Access Analyzer.',
        ),
        logArchive: coreAccount.describe('Log-archive account: Object Lock buckets for CloudTrail, Config and network logs.'),
        network: coreAccount.describe('Network account: Transit Gateway hub, gateway VPC, HSCN edge and DNS.'),
      })
      .describe('The three core accounts every estate has.'),
    organizationalUnits: z
      .array(organizationalUnit)
      .min(1)
      .describe(
        'The OU tree under the organization root. Must include top-level Workloads and Suspended OUs; OU names are unique among siblings.',
      ),
    roles: z
      .strictObject({
        execution: z
          .string()
          .regex(/^[\w+=,.@-]{1,64}$/)
          .default('lz-execution')
          .describe(
            "IAM role name (1-64 characters) every member-account stack assumes; created in every member account by the organization stack's StackSet and exempt from the guardrails. Not OrganizationAccountAccessRole. Default: lz-execution.",
          ),
        breakGlass: z
          .string()
          .regex(/^[\w+=,.@-]{1,64}$/)
          .describe(
            'IAM role name (1-64 characters) of the emergency break-glass identity, exempt from the guardrails like the execution role; must differ from execution. E.g. LandingZoneBreakGlass.',
          ),
        breakGlassPrincipal: z
          .string()
          .regex(
            /^arn:aws:iam::\d{12}:user\/[\w+=,.@-]{1,64}$/,
            'must be the ARN of an IAM user in the management account, such as arn:aws:iam::111111111111:user/break-glass-1',
          )
          .optional()
          .describe(
            "The only principal the break-glass role trusts: an IAM user in the management account that signs in with MFA (the role's trust requires aws:MultiFactorAuthPresent, which a role session never carries). Defaults to arn:aws:iam::<management account>:user/lz-break-glass.",
          ),
      })
      .describe('Names of the two IAM roles the guardrails exempt.'),
    dataClassifications: z
      .array(z.string().regex(/^[A-Z][A-Z0-9-]*$/, 'must be upper case, such as OFFICIAL-SENSITIVE'))
      .min(1)
      .describe(
        "Data classifications accounts may declare, upper case, e.g. [OFFICIAL, OFFICIAL-SENSITIVE]; every account's classification must be one of them.",
      ),
    tags: z
      .record(z.string().regex(/^[\w.:/=+@ -]{1,128}$/), tagValue)
      .default({})
      .describe(
        'Tags added to every resource of every stack (provider default tags): key 1-128 characters, value 1-256, e.g. managed-by: landing-zone. Default: none.',
      ),
    logging: loggingSchema,
    network: networkSchema,
    backup: backupSchema,
    state: z
      .strictObject({
        bucket: z
          .string()
          .regex(/^[a-z0-9][a-z0-9.-]{2,62}$/)
          .optional()
          .describe(
            "Name of the S3 bucket holding every stack's Terraform state, 3-63 lower-case characters. Default: <namePrefix>-lz-tfstate-<management account ID>.",
          ),
        bootstrapStateInS3: z
          .boolean()
          .default(false)
          .describe(
            'Set to true once the bootstrap stack has created the state bucket, then move its local state into it (README, Deploying). Default: false.',
          ),
      })
      .default({ bootstrapStateInS3: false })
      .describe('Terraform state: one S3 backend per stack in the management account. Default: derived bucket, bootstrap on local state.'),
    pipeline: z
      .strictObject({
        githubRepository: z
          .string()
          .regex(/^[\w.-]+\/[\w.-]+$/, 'must be owner/repository')
          .describe(
            'GitHub repository (owner/name) whose workflows may assume the plan and apply roles through OIDC, e.g. example-valley-nhs/landing-zone.',
          ),
        deployEnvironment: z
          .string()
          .min(1)
          .default('production')
          .describe(
            'GitHub environment whose jobs alone may assume the apply role (protect it with required reviewers). Default: production.',
          ),
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
    name: accountName.describe(
      'Account name, 3-40 lower-case letters, digits and hyphens, e.g. patient-records-prod; the file must be accounts/<name>.yaml. Never rename or delete it: the stack is workload-<name>.',
    ),
    email: email.describe('Root-user email of the account, unique across AWS, e.g. aws-patient-records-prod@example.nhs.uk.'),
    ou: ouPath.describe(
      'Working OU path under Workloads, from organizationalUnits, e.g. Workloads/Production. To quarantine the account set status: suspended, not this.',
    ),
    owner: email.describe('Accountable owner: a person or team mailbox, e.g. records-team@example.nhs.uk (becomes the owner tag).'),
    costCentre: costCentre.describe(
      'Cost centre for billing, 1-64 characters (letters, digits, spaces, _ . : / = + - @), e.g. CC-3100; becomes the cost-centre tag.',
    ),
    classification: z
      .string()
      .min(1)
      .describe('Highest data classification the account holds; one of dataClassifications in landing-zone.yaml, e.g. OFFICIAL-SENSITIVE.'),
    hscn: z
      .boolean()
      .default(false)
      .describe('True to entitle the account to reach HSCN through the gateway (needs network.hscn in landing-zone.yaml). Default: false.'),
    cidr: cidr.describe(
      "IPv4 CIDR of the account's VPC, inside network.workloadPool and overlapping no other account, reserved range or the gateway VPC; lz vend allocates one (/24 small, /22 medium, /20 large), e.g. 100.64.4.0/22.",
    ),
    accountId: accountId
      .optional()
      .describe(
        'Set only to adopt an account that already exists: 12 digits in quotes, e.g. "333333333333"; it is imported, not created. Default: a new account is created.',
      ),
    adoption: adoption
      .optional()
      .describe(
        'With accountId: what the adopted account already has (AWS Config role, recorders, delivery channels), so the baseline imports it instead of colliding with it.',
      ),
    status: z
      .enum(['active', 'suspended'])
      .default('active')
      .describe(
        'active, or suspended: disconnected from the hub and moved to the Suspended OU (deny-all); the account is never closed. Default: active.',
      ),
    securityServicesEnabledBy: z
      .enum(['account', 'organization'])
      .optional()
      .describe(
        "Who enables Amazon Inspector and Amazon Macie in this account (ADR 0704): account, its own baseline (accounts that were in the organization before the security-organization stack first switched on auto-enable); organization, the delegated administrator's auto-enable when the account joined (every account vended or invited later; lz vend writes it). Default: account.",
      ),
    access: z
      .array(
        z.strictObject({
          group: groupDisplayName.describe('A group from access.groups in landing-zone.yaml, by display name.'),
          permissionSets: z
            .array(permissionSetName)
            .min(1)
            .describe('Permission sets from access.permissionSets the group gets in this account.'),
        }),
      )
      .optional()
      .describe(
        "The owning team's access to this account through IAM Identity Center (lz vend --group writes it). Default: none beyond access.assignments in landing-zone.yaml.",
      ),
  })
  .describe('One workload account (config/accounts/<name>.yaml).');

export type LandingZoneConfig = z.infer<typeof landingZoneSchema>;
export type WorkloadAccountConfig = z.infer<typeof workloadAccountSchema>;
export type HscnConfig = NonNullable<LandingZoneConfig['network']['hscn']>;
