// Who gets which permission set where: access.assignments of landing-zone.yaml (accounts and OUs)
// and each workload account file's `access:` (its owning team), expanded to one row per group,
// permission set and account. An OU stands for every account in it and in its child OUs at synth
// time, so a vended account gets the OU's assignments with no edit; a suspended account (in the
// Suspended OU, deny-all) gets none. Pure function of configuration: the identity stack creates
// exactly these rows and `lz access` prints them.
import { createHash } from 'node:crypto';
import { CORE_ACCOUNT_KEYS, effectiveOu, isActive } from '../config/model';
import type { LandingZoneConfig, WorkloadAccountConfig } from '../config/schema';

export interface AssignableAccount {
  readonly name: string;
  readonly kind: 'core' | 'workload';
  /** The OU the account sits in. */
  readonly ou: string;
  /** The ID when configuration knows it (adopted accounts); otherwise the organization stack creates it. */
  readonly accountId?: string;
}

export interface ExpandedAssignment {
  readonly group: string;
  readonly groupId: string;
  readonly permissionSet: string;
  readonly account: string;
  /** Why the row exists: `account`, `OU <path>` or `account file`; several when configured twice. */
  readonly via: readonly string[];
}

/** Accounts Identity Center assignments may target: the core accounts and active workload accounts (never the management account). */
export function assignableAccounts(config: LandingZoneConfig, accounts: readonly WorkloadAccountConfig[]): AssignableAccount[] {
  return [
    ...CORE_ACCOUNT_KEYS.map((key): AssignableAccount => {
      const core = config.coreAccounts[key];
      return { name: core.name, kind: 'core', ou: core.ou, accountId: core.accountId };
    }),
    ...accounts.filter(isActive).map((account): AssignableAccount => ({
      name: account.name,
      kind: 'workload',
      ou: effectiveOu(account),
      accountId: account.accountId,
    })),
  ];
}

/** True when the account's OU is the OU or one nested below it. */
export function inOu(accountOu: string, ouPath: string): boolean {
  return accountOu === ouPath || accountOu.startsWith(`${ouPath}/`);
}

/** Every assignment row, sorted by account, group and permission set; duplicates merged. */
export function expandAssignments(config: LandingZoneConfig, accounts: readonly WorkloadAccountConfig[]): ExpandedAssignment[] {
  const access = config.access;
  if (!access) return [];
  const groupIds = new Map(access.groups.map((group) => [group.name, group.id]));
  const targets = assignableAccounts(config, accounts);
  const rows = new Map<string, { group: string; permissionSet: string; account: string; via: string[] }>();
  const add = (group: string, permissionSet: string, account: string, via: string): void => {
    const key = JSON.stringify([account, group, permissionSet]);
    const row = rows.get(key) ?? { group, permissionSet, account, via: [] };
    if (!row.via.includes(via)) row.via.push(via);
    rows.set(key, row);
  };
  for (const assignment of access.assignments) {
    for (const name of assignment.accounts) {
      if (targets.some((target) => target.name === name)) add(assignment.group, assignment.permissionSet, name, 'account');
    }
    for (const ou of assignment.ous) {
      for (const target of targets.filter((candidate) => inOu(candidate.ou, ou)))
        add(assignment.group, assignment.permissionSet, target.name, `OU ${ou}`);
    }
  }
  for (const account of accounts.filter(isActive)) {
    for (const entry of account.access ?? []) {
      for (const permissionSet of entry.permissionSets) add(entry.group, permissionSet, account.name, 'account file');
    }
  }
  return [...rows.values()]
    .map((row) => ({ ...row, groupId: groupIds.get(row.group) ?? '' }))
    .sort((a, b) => a.account.localeCompare(b.account) || a.group.localeCompare(b.group) || a.permissionSet.localeCompare(b.permissionSet));
}

/** Assignments of one account only: what a vend of that account adds to the identity stack. */
export function assignmentsOfAccount(
  config: LandingZoneConfig,
  accounts: readonly WorkloadAccountConfig[],
  accountName: string,
): ExpandedAssignment[] {
  return expandAssignments(config, accounts).filter((row) => row.account === accountName);
}

/**
 * The assignment shard of an account: the first four bytes of SHA-256 of its name, modulo the shard
 * count. Depends on nothing but the name and the count, so vending or removing another account
 * never moves an account's assignments to another stack (ADR 0510).
 */
export function assignmentShardOf(accountName: string, shardCount: number): number {
  if (!Number.isInteger(shardCount) || shardCount < 1) throw new Error(`shard count must be a positive integer, not ${shardCount}`);
  return createHash('sha256').update(accountName).digest().readUInt32BE(0) % shardCount;
}
