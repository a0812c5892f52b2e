// Derived views of validated configuration that several stacks, policies and commands need.
// Everything here is a pure function of configuration: no AWS look-ups, ever.
import type { LandingZoneConfig, OrganizationalUnitConfig, WorkloadAccountConfig } from './schema';

export interface OuNode {
  /** Slash-separated path from the root, such as Workloads/Production. */
  readonly path: string;
  readonly name: string;
  /** Path of the parent OU, or undefined for a top-level OU (parent is the root). */
  readonly parentPath?: string;
}

/** Every OU of the tree, parents before children. */
export function flattenOus(units: readonly OrganizationalUnitConfig[], parentPath?: string): OuNode[] {
  return units.flatMap((unit) => {
    const path = parentPath === undefined ? unit.name : `${parentPath}/${unit.name}`;
    return [{ path, name: unit.name, parentPath }, ...flattenOus(unit.children ?? [], path)];
  });
}

/** OUs the design relies on by name: the guardrail catalogue attaches policies to them. */
export const WORKLOADS_OU = 'Workloads';
export const SUSPENDED_OU = 'Suspended';

export type CoreAccountKey = keyof LandingZoneConfig['coreAccounts'];
export const CORE_ACCOUNT_KEYS: readonly CoreAccountKey[] = ['security', 'logArchive', 'network'];

export type CoreAccountConfig = LandingZoneConfig['coreAccounts'][CoreAccountKey];

/**
 * Every account the landing zone itself runs, with where configuration defines it: the three core
 * accounts, and the backup account when the `backup` section is present.
 */
export function platformAccounts(config: LandingZoneConfig): { account: CoreAccountConfig; path: readonly string[] }[] {
  return [
    ...CORE_ACCOUNT_KEYS.map((key) => ({ account: config.coreAccounts[key], path: ['coreAccounts', key] })),
    ...(config.backup ? [{ account: config.backup.account, path: ['backup', 'account'] }] : []),
  ];
}

/** The OU an account sits in: suspended accounts are quarantined in the Suspended OU. */
export function effectiveOu(account: WorkloadAccountConfig): string {
  return account.status === 'suspended' ? SUSPENDED_OU : account.ou;
}

export function isActive(account: WorkloadAccountConfig): boolean {
  return account.status === 'active';
}

/** Accounts that may reach HSCN: entitled in config and not suspended. */
export function hscnEntitled(accounts: readonly WorkloadAccountConfig[]): WorkloadAccountConfig[] {
  return accounts.filter((account) => account.hscn && isActive(account));
}

export function stateBucketName(config: LandingZoneConfig): string {
  return config.state.bucket ?? `${config.organization.namePrefix}-lz-tfstate-${config.managementAccount.accountId}`;
}

/** The Region other than home in the allowed pair, when two are allowed. */
export function secondaryRegion(config: LandingZoneConfig): string | undefined {
  return config.allowedRegions.find((region) => region !== config.homeRegion);
}

export function workloadStackName(accountName: string): string {
  return `workload-${accountName}`;
}

/** Short Region code used in resource names (eu-west-2 -> euw2). */
export function regionCode(region: string): string {
  const [area, direction, number] = region.split('-');
  return `${area}${direction[0]}${number}`;
}
