// Value shapes every section of the configuration shares: Regions, account IDs, names, CIDRs, ASNs,
// OU paths, cost centres, the OU tree and a core account.
import { z } from 'zod';

export const ALLOWED_REGIONS = ['eu-west-2', 'eu-west-1'] as const;

export const region = z.enum(ALLOWED_REGIONS).describe('An AWS Region inside the allowed pair (eu-west-2 London, eu-west-1 Ireland).');
export const accountId = z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account ID in quotes, for example "111111111111"');
export const email = z.email('must be an email address such as aws-security@example.nhs.uk');
// Account names end up in stack names (workload-<name>), construct IDs and resource names,
// so they follow DNS label rules.
export const ACCOUNT_NAME_PATTERN = /^[a-z][a-z0-9-]{1,38}[a-z0-9]$/;
export const accountName = z
  .string()
  .regex(
    ACCOUNT_NAME_PATTERN,
    'must be 3-40 characters of lower-case letters, digits and hyphens, starting with a letter and not ending with a hyphen',
  );
export const cidr = z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, 'must be an IPv4 CIDR such as 100.64.0.0/22');
export const ipv4 = z.string().regex(/^\d{1,3}(\.\d{1,3}){3}$/, 'must be an IPv4 address such as 155.231.231.1');
export const asn = z
  .number()
  .int()
  .refine(
    (n) => (n >= 64512 && n <= 65534) || (n >= 4200000000 && n <= 4294967294),
    'must be a private BGP ASN (64512-65534 or 4200000000-4294967294)',
  );
export const zoneId = z
  .string()
  .regex(/^[a-z]{3,4}\d-az\d+$/, 'must be an availability-zone ID such as euw2-az1 (zone names like eu-west-2a differ between accounts)');
export const ouPath = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9-]*(\/[A-Za-z][A-Za-z0-9-]*)*$/, 'must be an OU path such as Workloads/Production');
export const tagValue = z.string().min(1).max(256);
/** Becomes the cost-centre tag of an account, so it keeps to the characters AWS tags accept. */
export const COST_CENTRE_PATTERN = /^[\p{L}\p{N}\p{Zs}_.:/=+\-@]{1,64}$/u;
export const costCentre = z
  .string()
  .regex(COST_CENTRE_PATTERN, 'must be 1-64 letters, digits, spaces or _ . : / = + - @ (it becomes the cost-centre tag)');

export interface OrganizationalUnitConfig {
  name: string;
  children?: OrganizationalUnitConfig[];
}
export const organizationalUnit: z.ZodType<OrganizationalUnitConfig> = z.lazy(() =>
  z
    .strictObject({
      name: z
        .string()
        .regex(/^[A-Za-z][A-Za-z0-9-]{0,63}$/, 'must be a letter followed by letters, digits or hyphens')
        .describe(
          'OU name, 1-64 characters: a letter, then letters, digits or hyphens; unique among its siblings. Accounts refer to it by path, e.g. Workloads/Production.',
        ),
      children: z
        .array(organizationalUnit)
        .optional()
        .describe('Child OUs nested under this one (AWS allows five levels below the root). Default: none.'),
    })
    .describe('One organizational unit and, optionally, its children.'),
);

/**
 * What an adopted account already has that the baseline would otherwise create: AWS Config allows one
 * recorder and one delivery channel per Region, and IAM one AWSServiceRoleForConfig. Each is imported
 * under the name given here (docs/vending.md, "Adopting an existing account").
 */
export const adoption = z
  .strictObject({
    configServiceLinkedRole: z
      .boolean()
      .describe(
        'true when AWSServiceRoleForConfig already exists (aws iam get-role --role-name AWSServiceRoleForConfig): it is imported, not created.',
      ),
    configRecorders: z
      .partialRecord(
        region,
        z.strictObject({
          recorder: z
            .string()
            .regex(/^[\w.-]{1,256}$/)
            .describe('Name of the existing configuration recorder (aws configservice describe-configuration-recorders).'),
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

export const coreAccount = z
  .strictObject({
    name: accountName.describe(
      'Account name, 3-40 lower-case letters, digits and hyphens (e.g. security); unique across the organization and used in resource names.',
    ),
    email: email.describe(
      'Root-user email of the account, unique across AWS (e.g. aws-security@example.nhs.uk); use a monitored team mailbox.',
    ),
    accountId: accountId
      .optional()
      .describe(
        'Set only to adopt an account that already exists: 12 digits in quotes, e.g. "222222222222"; it is imported, not created. Default: a new account is created.',
      ),
    adoption: adoption
      .optional()
      .describe(
        'With accountId: what the adopted account already has (AWS Config role, recorders, delivery channels), so the baseline imports it instead of colliding with it.',
      ),
    ou: ouPath.describe('Path of the OU the account sits in, from organizationalUnits, e.g. Security or Infrastructure.'),
    owner: email.describe('Accountable owner: a person or team mailbox, e.g. cloud-platform-team@example.nhs.uk (becomes the owner tag).'),
    costCentre: costCentre.describe(
      'Cost centre for billing, 1-64 characters (letters, digits, spaces, _ . : / = + - @), e.g. CC-0100; becomes the cost-centre tag.',
    ),
    classification: z
      .string()
      .min(1)
      .describe(
        'Highest data classification the account holds; one of dataClassifications, e.g. OFFICIAL-SENSITIVE. Becomes the data-classification tag.',
      ),
  })
  .describe('A core account the landing zone creates (or adopts) and runs itself.');
