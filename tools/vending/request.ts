// A vend request as typed on the command line, checked against loaded configuration: every problem
// with every flag at once, worded for the person vending (which flag, what is wrong, what to do).
import type { LoadedConfig } from '../../lib/config/load';
import { SUSPENDED_OU, platformAccounts, WORKLOADS_OU, flattenOus, workloadStackName } from '../../lib/config/model';
import { ACCOUNT_NAME_PATTERN, COST_CENTRE_PATTERN, workloadAccountSchema } from '../../lib/config/schema';
import { VPC_SIZES } from './allocation';

/** What `lz vend` was asked for: flags exactly as typed, so nothing is assumed valid yet. */
export interface VendRequest {
  readonly name?: string;
  readonly email?: string;
  readonly ou?: string;
  readonly owner?: string;
  readonly costCentre?: string;
  readonly classification?: string;
  readonly hscn?: boolean;
  readonly size?: string;
  readonly accountId?: string;
  /** With accountId: AWSServiceRoleForConfig already exists in the account. */
  readonly configRoleExists?: boolean;
  /** With accountId: existing AWS Config recorders, each `<region>=<recorder>[,<delivery channel>]`. */
  readonly configRecorders?: readonly string[];
  /** With accountId: the account has no AWS Config at all (no role, no recorder). */
  readonly configAbsent?: boolean;
  /** The owning team's Identity Center groups (display names): each gets access.owningTeamPermissionSets on the account. */
  readonly groups?: readonly string[];
}

/** One problem with one flag of the request. */
export interface VendProblem {
  /** The flag, such as --email. */
  readonly option: string;
  readonly message: string;
}

export function formatVendProblem(problem: VendProblem): string {
  return `${problem.option}: ${problem.message}`;
}

/** The request cannot be vended; carries every problem found. */
export class VendRequestError extends Error {
  constructor(readonly problems: readonly VendProblem[]) {
    super(problems.map(formatVendProblem).join('\n'));
    this.name = 'VendRequestError';
  }
}

const OPTION_OF: Record<string, string> = {
  name: '--name',
  email: '--email',
  ou: '--ou',
  owner: '--owner',
  costCentre: '--cost-centre',
  classification: '--classification',
  hscn: '--hscn',
  size: '--size',
  accountId: '--account-id',
  configRoleExists: '--config-role-exists',
  configRecorders: '--config-recorder',
  configAbsent: '--config-absent',
  groups: '--group',
};
const REQUIRED = ['name', 'email', 'ou', 'owner', 'costCentre', 'classification'] as const;

interface ExistingAccount {
  readonly name: string;
  readonly email: string;
  readonly accountId?: string;
  readonly where: string;
}

function existingAccounts(loaded: LoadedConfig): ExistingAccount[] {
  const lz = loaded.landingZone;
  const lzFile = loaded.landingZoneSource.displayPath;
  return [
    {
      name: 'management',
      email: lz.managementAccount.email,
      accountId: lz.managementAccount.accountId,
      where: `${lzFile} (managementAccount)`,
    },
    ...platformAccounts(lz).map(({ account, path }) => ({ ...account, where: `${lzFile} (${path.join('.')})` })),
    ...loaded.accounts.map(({ config, source }) => ({
      name: config.name,
      email: config.email,
      accountId: config.accountId,
      where: source.displayPath,
    })),
  ];
}

/** The first message zod gives for one field of an account file. */
function fieldFormatProblem(field: keyof typeof workloadAccountSchema.shape, value: unknown): string | undefined {
  const result = workloadAccountSchema.shape[field].safeParse(value);
  return result.success ? undefined : result.error.issues[0]?.message;
}

/** Every problem with a vend request, in flag order; an empty list means it can be vended. */
export function validateVendRequest(loaded: LoadedConfig, request: VendRequest): VendProblem[] {
  const problems: VendProblem[] = [];
  const lz = loaded.landingZone;
  const add = (field: keyof typeof OPTION_OF, message: string): void => {
    problems.push({ option: OPTION_OF[field], message });
  };
  const present = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';

  for (const field of REQUIRED) {
    if (!present(request[field])) add(field, `is required (${describeRequired(field)})`);
  }
  const existing = existingAccounts(loaded);

  if (present(request.name)) {
    const name = request.name;
    if (!ACCOUNT_NAME_PATTERN.test(name)) {
      add(
        'name',
        `"${name}" must be 3-40 characters of lower-case letters, digits and hyphens, starting with a letter and not ending with a hyphen (it becomes the stack name ${workloadStackName('<name>')} and part of resource names)`,
      );
    }
    const clash = existing.find((account) => account.name === name);
    if (clash) add('name', `"${name}" is already used by the account in ${clash.where}; every account name must be unique`);
  }

  if (present(request.email)) {
    const email = request.email;
    const format = fieldFormatProblem('email', email);
    if (format) add('email', `"${email}" ${format}`);
    const clash = existing.find((account) => account.email.toLowerCase() === email.toLowerCase());
    if (clash) {
      add(
        'email',
        `"${email}" is already the email of account ${clash.name} (${clash.where}); AWS requires a unique email per account, so ask for a new mailbox`,
      );
    }
  }

  if (present(request.owner)) {
    const format = fieldFormatProblem('owner', request.owner);
    if (format) add('owner', `"${request.owner}" ${format} (a person or team mailbox)`);
  }

  if (present(request.costCentre) && !COST_CENTRE_PATTERN.test(request.costCentre)) {
    add(
      'costCentre',
      `"${request.costCentre}" must be 1-64 letters, digits, spaces or _ . : / = + - @ (it becomes the cost-centre tag of the account)`,
    );
  }

  if (present(request.ou)) {
    const ou = request.ou;
    const ouPaths = flattenOus(lz.organizationalUnits).map((node) => node.path);
    const workloadOus = ouPaths.filter((candidate) => candidate === WORKLOADS_OU || candidate.startsWith(`${WORKLOADS_OU}/`));
    if (!ouPaths.includes(ou)) {
      const suggestion = workloadOus.find(
        (candidate) => candidate.toLowerCase().endsWith(`/${ou.toLowerCase()}`) || candidate.toLowerCase() === ou.toLowerCase(),
      );
      add(
        'ou',
        `"${ou}" is not an OU of landing-zone.yaml${suggestion ? `; did you mean ${suggestion}?` : ''} (workload OUs: ${workloadOus.join(', ')})`,
      );
    } else if (ou === SUSPENDED_OU || !workloadOus.includes(ou)) {
      add(
        'ou',
        `"${ou}" is not under ${WORKLOADS_OU}/; workload accounts go to one of ${workloadOus.join(', ')} (the Transit Gateway is shared with that OU only; suspension is lz suspend, not an OU)`,
      );
    }
  }

  if (present(request.classification) && !lz.dataClassifications.includes(request.classification)) {
    const upper = request.classification.toUpperCase();
    const hint = lz.dataClassifications.includes(upper) ? `; did you mean ${upper}?` : '';
    add(
      'classification',
      `"${request.classification}" is not one of dataClassifications in landing-zone.yaml (${lz.dataClassifications.join(', ')})${hint}`,
    );
  }

  if (request.hscn && !lz.network.hscn) {
    add(
      'hscn',
      'asks for HSCN, but landing-zone.yaml has no network.hscn settings (allocation, prefixes, allowedPorts); connect the estate to HSCN first, or vend without --hscn',
    );
  }

  if (request.size !== undefined && !Object.hasOwn(VPC_SIZES, request.size)) {
    add(
      'size',
      `"${request.size}" is not a size; use ${Object.entries(VPC_SIZES)
        .map(([size, prefix]) => `${size} (/${prefix})`)
        .join(', ')}`,
    );
  }

  if (request.accountId !== undefined) {
    const id = request.accountId;
    if (!/^\d{12}$/.test(id)) {
      add('accountId', `"${id}" must be the 12-digit ID of the existing account to adopt, such as 111111111111`);
    } else {
      const clash = existing.find((account) => account.accountId === id);
      if (clash)
        add('accountId', `${id} is already the account ID of ${clash.name} (${clash.where}); one account can be adopted only once`);
    }
  }

  // An adopted account may already have AWS Config (one recorder per Region, one AWSServiceRoleForConfig),
  // which the baseline would collide with; only the platform team can look, so the request must say.
  const saysConfig = request.configRoleExists === true || (request.configRecorders?.length ?? 0) > 0;
  if (request.accountId === undefined) {
    if (saysConfig || request.configAbsent)
      add(
        saysConfig ? (request.configRoleExists ? 'configRoleExists' : 'configRecorders') : 'configAbsent',
        'describes an existing account; use it only with --account-id',
      );
  } else if (request.configAbsent && saysConfig) {
    add('configAbsent', 'contradicts --config-role-exists / --config-recorder; give one or the other');
  } else if (!request.configAbsent && !saysConfig) {
    add(
      'accountId',
      'an adopted account may already have AWS Config, which the baseline would collide with. In the account, run `aws iam get-role --role-name AWSServiceRoleForConfig` and, in each allowed Region, `aws configservice describe-configuration-recorders` and `describe-delivery-channels`; then pass --config-role-exists and --config-recorder <region>=<recorder>[,<delivery channel>] for what exists, or --config-absent when nothing does',
    );
  }
  for (const entry of request.configRecorders ?? []) {
    const parsed = parseConfigRecorderFlag(entry);
    if (typeof parsed === 'string') add('configRecorders', `"${entry}" ${parsed}`);
    else if (!lz.allowedRegions.includes(parsed.region as (typeof lz.allowedRegions)[number]))
      add('configRecorders', `"${entry}" names ${parsed.region}, which is not in allowedRegions (${lz.allowedRegions.join(', ')})`);
  }
  const access = lz.access;
  for (const group of request.groups ?? []) {
    if (!access) {
      add(
        'groups',
        `"${group}" cannot be given access: landing-zone.yaml has no access section (IAM Identity Center); vend without --group`,
      );
    } else if (!access.groups.some((known) => known.name === group)) {
      add(
        'groups',
        `"${group}" is not in access.groups of landing-zone.yaml (known: ${access.groups.map((known) => known.name).join(', ')}); add the group with its identity-store ID first`,
      );
    } else if (access.owningTeamPermissionSets.length === 0) {
      add(
        'groups',
        'needs access.owningTeamPermissionSets in landing-zone.yaml (the permission sets the owning team gets), which is empty',
      );
    }
  }
  if (new Set(request.groups ?? []).size !== (request.groups ?? []).length) add('groups', 'names a group twice; give each once');
  return problems;
}

const CONFIG_NAME = /^[\w.-]{1,256}$/;

/** `<region>=<recorder>[,<delivery channel>]` from --config-recorder, or what is wrong with it. */
export function parseConfigRecorderFlag(entry: string): { region: string; recorder: string; deliveryChannel?: string } | string {
  const match = /^([a-z]{2}-[a-z]+-\d)=([^,]+)(?:,(.+))?$/.exec(entry);
  if (!match) return 'must be <region>=<recorder>[,<delivery channel>], such as eu-west-2=default,default';
  const [, region, recorder, deliveryChannel] = match;
  if (!CONFIG_NAME.test(recorder) || (deliveryChannel !== undefined && !CONFIG_NAME.test(deliveryChannel)))
    return 'has a recorder or delivery-channel name AWS Config would not accept';
  return { region, recorder, ...(deliveryChannel ? { deliveryChannel } : {}) };
}

function describeRequired(field: (typeof REQUIRED)[number]): string {
  switch (field) {
    case 'name':
      return 'the account name, such as patient-records-prod';
    case 'email':
      return 'a new, unique mailbox for the account root user, such as aws-patient-records-prod@example.nhs.uk';
    case 'ou':
      return 'the OU path under Workloads, such as Workloads/Production';
    case 'owner':
      return 'the accountable owner, a person or team mailbox';
    case 'costCentre':
      return 'the cost centre code, such as CC-1042';
    case 'classification':
      return 'the highest data classification the account will hold';
  }
}
