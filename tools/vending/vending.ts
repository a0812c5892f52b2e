// Account vending as pure logic: check a vend request against loaded configuration (reporting every
// problem at once), allocate the VPC range, render the account file and say which stacks change.
// The command (cli/commands/vend.ts) only adds file writing; everything here is testable without
// touching the disk.
import { stringify } from 'yaml';
import { type ExpandedAssignment, assignmentsOfAccount } from '../../lib/access/assignments';
import { type CidrRange, nextFreeBlock, parseCidr, rangeSize } from '../../lib/network/cidr';
import { ConfigError } from '../../lib/config/diagnostics';
import type { LoadedConfig } from '../../lib/config/load';
import { SUSPENDED_OU, platformAccounts, WORKLOADS_OU, flattenOus, hscnEntitled, workloadStackName } from '../../lib/config/model';
import { ACCOUNT_NAME_PATTERN, type AccountAdoption, COST_CENTRE_PATTERN, type LandingZoneConfig, type WorkloadAccountConfig, workloadAccountSchema } from '../../lib/config/schema';

/**
 * VPC sizes a vend can ask for (docs/decisions/0400). A /24 holds two to four zones of private
 * subnets plus the /28 attachment subnets; a /20 is the largest we hand out so that the pool lasts.
 */
export const VPC_SIZES = { small: 24, medium: 22, large: 20 } as const;
export type VpcSize = keyof typeof VPC_SIZES;
export const DEFAULT_VPC_SIZE: VpcSize = 'medium';

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

/**
 * AWS Organizations tag values accept letters, digits, white space and _ . : / = + - @ only; the
 * cost centre becomes the account's cost-centre tag, so anything else would fail at apply time.
 */

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
    { name: 'management', email: lz.managementAccount.email, accountId: lz.managementAccount.accountId, where: `${lzFile} (managementAccount)` },
    ...platformAccounts(lz).map(({ account, path }) => ({ ...account, where: `${lzFile} (${path.join('.')})` })),
    ...loaded.accounts.map(({ config, source }) => ({ name: config.name, email: config.email, accountId: config.accountId, where: source.displayPath })),
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
      add('name', `"${name}" must be 3-40 characters of lower-case letters, digits and hyphens, starting with a letter and not ending with a hyphen (it becomes the stack name ${workloadStackName('<name>')} and part of resource names)`);
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
      add('email', `"${email}" is already the email of account ${clash.name} (${clash.where}); AWS requires a unique email per account, so ask for a new mailbox`);
    }
  }

  if (present(request.owner)) {
    const format = fieldFormatProblem('owner', request.owner);
    if (format) add('owner', `"${request.owner}" ${format} (a person or team mailbox)`);
  }

  if (present(request.costCentre) && !COST_CENTRE_PATTERN.test(request.costCentre)) {
    add('costCentre', `"${request.costCentre}" must be 1-64 letters, digits, spaces or _ . : / = + - @ (it becomes the cost-centre tag of the account)`);
  }

  if (present(request.ou)) {
    const ou = request.ou;
    const ouPaths = flattenOus(lz.organizationalUnits).map((node) => node.path);
    const workloadOus = ouPaths.filter((candidate) => candidate === WORKLOADS_OU || candidate.startsWith(`${WORKLOADS_OU}/`));
    if (!ouPaths.includes(ou)) {
      const suggestion = workloadOus.find((candidate) => candidate.toLowerCase().endsWith(`/${ou.toLowerCase()}`) || candidate.toLowerCase() === ou.toLowerCase());
      add('ou', `"${ou}" is not an OU of landing-zone.yaml${suggestion ? `; did you mean ${suggestion}?` : ''} (workload OUs: ${workloadOus.join(', ')})`);
    } else if (ou === SUSPENDED_OU || !workloadOus.includes(ou)) {
      add('ou', `"${ou}" is not under ${WORKLOADS_OU}/; workload accounts go to one of ${workloadOus.join(', ')} (the Transit Gateway is shared with that OU only; suspension is lz suspend, not an OU)`);
    }
  }

  if (present(request.classification) && !lz.dataClassifications.includes(request.classification)) {
    const upper = request.classification.toUpperCase();
    const hint = lz.dataClassifications.includes(upper) ? `; did you mean ${upper}?` : '';
    add('classification', `"${request.classification}" is not one of dataClassifications in landing-zone.yaml (${lz.dataClassifications.join(', ')})${hint}`);
  }

  if (request.hscn && !lz.network.hscn) {
    add('hscn', 'asks for HSCN, but landing-zone.yaml has no network.hscn settings (allocation, prefixes, allowedPorts); connect the estate to HSCN first, or vend without --hscn');
  }

  if (request.size !== undefined && !Object.hasOwn(VPC_SIZES, request.size)) {
    add('size', `"${request.size}" is not a size; use ${Object.entries(VPC_SIZES).map(([size, prefix]) => `${size} (/${prefix})`).join(', ')}`);
  }

  if (request.accountId !== undefined) {
    const id = request.accountId;
    if (!/^\d{12}$/.test(id)) {
      add('accountId', `"${id}" must be the 12-digit ID of the existing account to adopt, such as 111111111111`);
    } else {
      const clash = existing.find((account) => account.accountId === id);
      if (clash) add('accountId', `${id} is already the account ID of ${clash.name} (${clash.where}); one account can be adopted only once`);
    }
  }

  // An adopted account may already have AWS Config (one recorder per Region, one AWSServiceRoleForConfig),
  // which the baseline would collide with; only the platform team can look, so the request must say.
  const saysConfig = request.configRoleExists === true || (request.configRecorders?.length ?? 0) > 0;
  if (request.accountId === undefined) {
    if (saysConfig || request.configAbsent) add(saysConfig ? (request.configRoleExists ? 'configRoleExists' : 'configRecorders') : 'configAbsent', 'describes an existing account; use it only with --account-id');
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
    else if (!lz.allowedRegions.includes(parsed.region as (typeof lz.allowedRegions)[number])) add('configRecorders', `"${entry}" names ${parsed.region}, which is not in allowedRegions (${lz.allowedRegions.join(', ')})`);
  }
  const access = lz.access;
  for (const group of request.groups ?? []) {
    if (!access) {
      add('groups', `"${group}" cannot be given access: landing-zone.yaml has no access section (IAM Identity Center); vend without --group`);
    } else if (!access.groups.some((known) => known.name === group)) {
      add('groups', `"${group}" is not in access.groups of landing-zone.yaml (known: ${access.groups.map((known) => known.name).join(', ')}); add the group with its identity-store ID first`);
    } else if (access.owningTeamPermissionSets.length === 0) {
      add('groups', 'needs access.owningTeamPermissionSets in landing-zone.yaml (the permission sets the owning team gets), which is empty');
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
  if (!CONFIG_NAME.test(recorder) || (deliveryChannel !== undefined && !CONFIG_NAME.test(deliveryChannel))) return 'has a recorder or delivery-channel name AWS Config would not accept';
  return { region, recorder, ...(deliveryChannel ? { deliveryChannel } : {}) };
}

/** The adoption block a request describes (only for an adopted account). */
function adoptionOf(request: VendRequest): AccountAdoption | undefined {
  if (request.accountId === undefined) return undefined;
  const configRecorders: AccountAdoption['configRecorders'] = {};
  for (const entry of request.configRecorders ?? []) {
    const parsed = parseConfigRecorderFlag(entry);
    if (typeof parsed !== 'string') configRecorders[parsed.region as keyof typeof configRecorders] = { recorder: parsed.recorder, ...(parsed.deliveryChannel ? { deliveryChannel: parsed.deliveryChannel } : {}) };
  }
  return { configServiceLinkedRole: request.configRoleExists === true, configRecorders };
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

/** A range vending must not allocate from, with who holds it (for messages). */
export interface TakenRange {
  readonly range: CidrRange;
  readonly holder: string;
}

/** Every range a new VPC must avoid: all accounts' VPCs (suspended ones keep theirs), reserved ranges and the gateway VPC. */
export function takenRanges(lz: LandingZoneConfig, accounts: readonly WorkloadAccountConfig[]): TakenRange[] {
  const taken: TakenRange[] = [];
  const push = (text: string, holder: string): void => {
    const range = parseCidr(text);
    if (typeof range !== 'string') taken.push({ range, holder });
  };
  for (const account of accounts) push(account.cidr, `account ${account.name}`);
  for (const text of lz.network.reservedRanges) push(text, 'network.reservedRanges');
  push(lz.network.gatewayVpcCidr, 'network.gatewayVpcCidr');
  return taken;
}

export type Allocation = { readonly cidr: string } | { readonly exhausted: string };

/** The lowest free aligned block of `prefixLength` in the workload pool, or why there is none. */
export function allocateCidr(lz: LandingZoneConfig, accounts: readonly WorkloadAccountConfig[], prefixLength: number): Allocation {
  const pool = parseCidr(lz.network.workloadPool);
  if (typeof pool === 'string') return { exhausted: pool };
  const taken = takenRanges(lz, accounts);
  const cidr = nextFreeBlock(
    pool,
    prefixLength,
    taken.map((entry) => entry.range),
  );
  if (cidr !== undefined) return { cidr };
  const used = taken.filter((entry) => entry.range.first >= pool.first && entry.range.last <= pool.last).reduce((sum, entry) => sum + rangeSize(entry.range.prefixLength), 0n);
  const smaller = (Object.entries(VPC_SIZES) as [VpcSize, number][])
    .filter(([, prefix]) => prefix > prefixLength && nextFreeBlock(pool, prefix, taken.map((entry) => entry.range)) !== undefined)
    .map(([size, prefix]) => `${size} (/${prefix})`);
  return {
    exhausted:
      `${pool.text} has no free /${prefixLength} left: accounts, reserved ranges and the gateway VPC hold ${used} of its ${rangeSize(pool.prefixLength)} addresses. ` +
      (smaller.length > 0 ? `A smaller size still fits: ${smaller.join(', ')}. ` : '') +
      'To grow, ask the network team for a larger pool (a change to network.workloadPool reviewed like any network change); never reuse a suspended account\'s range',
  };
}

/** The account file exactly as lz vend writes it, in the field order and style of config/accounts/. */
export function renderAccountYaml(account: WorkloadAccountConfig, size?: VpcSize): string {
  const scalar = (value: string): string => stringify(value, { lineWidth: 0 }).trimEnd();
  const lines = [
    '# yaml-language-server: $schema=../schema/workload-account.schema.json',
    `name: ${scalar(account.name)}`,
    `email: ${scalar(account.email)}`,
    `ou: ${scalar(account.ou)}`,
    `owner: ${scalar(account.owner)}`,
    `costCentre: ${scalar(account.costCentre)}`,
    `classification: ${scalar(account.classification)}`,
    `hscn: ${account.hscn}`,
  ];
  if (size) lines.push(`# ${size} (/${VPC_SIZES[size]}), allocated by lz vend from network.workloadPool; never reuse it for another account.`);
  lines.push(`cidr: ${account.cidr}`);
  if (account.accountId) {
    lines.push('# An existing account, adopted by import instead of created (docs/vending.md, "Adopting an existing account").', `accountId: ${JSON.stringify(account.accountId)}`);
  }
  if (account.adoption) {
    const recorders = Object.entries(account.adoption.configRecorders);
    lines.push(
      '# What AWS Config the account already has: imported by the baseline, not created (one recorder per Region is all AWS allows).',
      'adoption:',
      `  configServiceLinkedRole: ${account.adoption.configServiceLinkedRole}`,
      recorders.length === 0 ? '  configRecorders: {}' : '  configRecorders:',
      ...recorders.map(([region, existing]) => `    ${region}: { recorder: ${scalar(existing!.recorder)}${existing!.deliveryChannel ? `, deliveryChannel: ${scalar(existing!.deliveryChannel)}` : ''} }`),
    );
  }
  lines.push(`status: ${account.status}`);
  if (account.access && account.access.length > 0) {
    lines.push(
      "# The owning team's access through IAM Identity Center (docs/access.md).",
      'access:',
      ...account.access.map((entry) => `  - { group: ${scalar(entry.group)}, permissionSets: [${entry.permissionSets.map(scalar).join(', ')}] }`),
    );
  }
  lines.push('');
  return lines.join('\n');
}

/** Stacks a change to one account touches: the blast radius the reviewer should expect in the plan. */
export interface StackImpact {
  readonly changed: readonly string[];
  readonly added: readonly string[];
}

/**
 * Stacks a vend touches: organization (the account), network-routes (the spoke's association and
 * return route, ADR 0620, and for HSCN its firewall entitlement entry, ADR 0508), and identity when
 * the account gets Identity Center assignments (its OU's and its owning team's): those only. The
 * network stack changes only for the estate's first HSCN entitlement, which adds the pass rules.
 */
export function vendImpact(account: Pick<WorkloadAccountConfig, 'name' | 'hscn'>, identityAssignments = 0, firstHscnEntitlement = false): StackImpact {
  const changed = account.hscn && firstHscnEntitlement ? ['organization', 'network', 'network-routes'] : ['organization', 'network-routes'];
  if (identityAssignments > 0) changed.push('identity');
  return { changed, added: [workloadStackName(account.name)] };
}

export interface VendPlan {
  readonly account: WorkloadAccountConfig;
  readonly size: VpcSize;
  /** File name inside the accounts directory. */
  readonly fileName: string;
  readonly yaml: string;
  readonly impact: StackImpact;
  /** The Identity Center assignments the new account gets (its OU's and its owning team's). */
  readonly assignments: readonly ExpandedAssignment[];
}

/**
 * Checks a request and builds the account it vends. Throws VendRequestError for bad flags (all of
 * them at once) and ConfigError, pointing at network.workloadPool, when the pool is exhausted.
 */
export function planVend(loaded: LoadedConfig, request: VendRequest): VendPlan {
  const problems = validateVendRequest(loaded, request);
  if (problems.length > 0) throw new VendRequestError(problems);
  const size = (request.size ?? DEFAULT_VPC_SIZE) as VpcSize;
  const accounts = loaded.accounts.map((entry) => entry.config);
  const allocation = allocateCidr(loaded.landingZone, accounts, VPC_SIZES[size]);
  if ('exhausted' in allocation) {
    throw new ConfigError([loaded.landingZoneSource.problem(['network', 'workloadPool'], allocation.exhausted)]);
  }
  // Every REQUIRED field was checked present above.
  const account: WorkloadAccountConfig = {
    name: request.name as string,
    email: request.email as string,
    ou: request.ou as string,
    owner: request.owner as string,
    costCentre: request.costCentre as string,
    classification: request.classification as string,
    hscn: request.hscn ?? false,
    cidr: allocation.cidr,
    ...(request.accountId ? { accountId: request.accountId, adoption: adoptionOf(request) } : {}),
    status: 'active',
    ...(request.groups && request.groups.length > 0
      ? { access: request.groups.map((group) => ({ group, permissionSets: [...(loaded.landingZone.access?.owningTeamPermissionSets ?? [])] })) }
      : {}),
  };
  const assignments = assignmentsOfAccount(loaded.landingZone, [...accounts, account], account.name);
  return { account, size, fileName: `${account.name}.yaml`, yaml: renderAccountYaml(account, size), impact: vendImpact(account, assignments.length, hscnEntitled(accounts).length === 0), assignments };
}
