// The synthesized estate as Security Hub sees it: every resource placed in the account and Region it
// will live in, read from each stack's providers (allowed_account_ids and region). An account is
// named by the expression its stacks pin (a literal ID, or the organization stack's output for an
// account it creates), so stacks of one account group together however the ID is spelled.
import type { TerraformJson } from '../synth/output';

export interface EstateResource {
  readonly stack: string;
  readonly type: string;
  readonly name: string;
  /** Terraform address inside its stack, such as aws_vpc.gateway_vpc_D3DA5206. */
  readonly address: string;
  readonly account: string;
  readonly region: string;
  readonly body: TerraformJson;
}

export interface EstateAccount {
  /** The account ID expression the stacks pin (literal or cross-stack reference). */
  readonly id: string;
  /** A readable name: the account name from the organization stack output, or the stack that owns it. */
  readonly label: string;
  readonly stacks: readonly string[];
  readonly regions: readonly string[];
}

export interface Estate {
  readonly accounts: readonly EstateAccount[];
  /** The first (default) provider's Region: where global resources are evaluated. */
  readonly homeRegion: string;
  readonly resources: readonly EstateResource[];
}

interface ProviderBlock {
  alias?: string;
  region?: string;
  allowed_account_ids?: string[];
}

/** The name an organization-stack output gives an account, e.g. network from ...accountaccount-networkid}. */
function accountNameFromExpression(id: string): string | undefined {
  return /accountaccount-(.+?)id\}$/.exec(id)?.[1];
}

function labelFor(id: string, stacks: readonly string[]): string {
  const fromOutput = accountNameFromExpression(id);
  if (fromOutput) return fromOutput;
  if (stacks.includes('organization')) return 'management';
  const workload = stacks.find((stack) => stack.startsWith('workload-'));
  if (workload) return workload.slice('workload-'.length);
  return [...stacks].sort((a, b) => a.length - b.length)[0] ?? id;
}

export function buildEstate(stacks: ReadonlyMap<string, TerraformJson>): Estate {
  const accounts = new Map<string, { stacks: string[]; regions: Set<string> }>();
  const resources: EstateResource[] = [];
  let homeRegion: string | undefined;
  for (const [stackName, stack] of stacks) {
    const providers = (stack.provider?.aws ?? []) as ProviderBlock[];
    const byAlias = new Map<string, ProviderBlock>();
    for (const provider of providers) byAlias.set(provider.alias ? `aws.${provider.alias}` : 'aws', provider);
    const defaultProvider = byAlias.get('aws');
    if (!defaultProvider?.region) continue;
    homeRegion ??= defaultProvider.region;
    for (const provider of providers) {
      const account = provider.allowed_account_ids?.[0];
      if (account === undefined || provider.region === undefined) continue;
      const entry = accounts.get(account) ?? { stacks: [], regions: new Set<string>() };
      if (!entry.stacks.includes(stackName)) entry.stacks.push(stackName);
      entry.regions.add(provider.region);
      accounts.set(account, entry);
    }
    for (const [type, byName] of Object.entries<Record<string, TerraformJson>>(stack.resource ?? {})) {
      for (const [name, body] of Object.entries(byName)) {
        const provider = byAlias.get(typeof body.provider === 'string' ? body.provider : 'aws') ?? defaultProvider;
        const account = provider.allowed_account_ids?.[0];
        if (account === undefined || provider.region === undefined) continue;
        resources.push({ stack: stackName, type, name, address: `${type}.${name}`, account, region: provider.region, body });
      }
    }
  }
  return {
    homeRegion: homeRegion ?? 'eu-west-2',
    accounts: [...accounts].map(([id, { stacks: accountStacks, regions }]) => ({
      id,
      label: labelFor(id, accountStacks),
      stacks: accountStacks,
      regions: [...regions].sort(),
    })),
    resources,
  };
}

const byTypeCache = new WeakMap<Estate, Map<string, EstateResource[]>>();

/**
 * The estate's resources of one type, in estate order. Indexed once per estate: controls ask this
 * for every account and Region, and a scan of every resource each time made the evaluation quadratic
 * in the estate (minutes at 1,000 accounts).
 */
export function resourcesOfType(estate: Estate, type: string): readonly EstateResource[] {
  let index = byTypeCache.get(estate);
  if (!index) {
    index = new Map();
    for (const resource of estate.resources) {
      const list = index.get(resource.type);
      if (list) list.push(resource);
      else index.set(resource.type, [resource]);
    }
    byTypeCache.set(estate, index);
  }
  return index.get(type) ?? [];
}

/**
 * True when `from`'s attribute `value` points at `to`: a reference in the same stack, such as
 * "${aws_vpc.x.id}", or one of the literal values given (a bucket name, for example).
 */
export function refersTo(from: EstateResource, value: unknown, to: EstateResource, literals: readonly unknown[] = []): boolean {
  if (typeof value !== 'string') return false;
  if (literals.some((literal) => typeof literal === 'string' && literal === value)) return true;
  return from.stack === to.stack && value.startsWith(`\${${to.address}.`);
}
