// The access review: who can do what where, read from the synthesized identity stacks (what Terraform
// would deploy) and named from configuration (group display names, account names, why each row
// exists). One row per group, permission set and account; `lz access` prints it as a table or as CSV
// for the quarterly access review.
import { expandAssignments } from '../../lib/access/assignments';
import type { LoadedConfig } from '../../lib/config/load';
import { CORE_ACCOUNT_KEYS } from '../../lib/config/model';
import { IDENTITY_ASSIGNMENTS_STACK_PREFIX, IDENTITY_STACK_NAME } from '../../lib/naming';
import type { TerraformJson } from '../synth/output';

export interface AccessRow {
  readonly account: string;
  /** The account ID, or `(created at deploy)` for an account the organization stack creates. */
  readonly accountId: string;
  readonly group: string;
  readonly groupId: string;
  readonly permissionSet: string;
  /** Longest session, as Identity Center takes it (PT1H...). */
  readonly session: string;
  /** What the permission set grants: managed policy names, `inline`, and `boundary:<name>`. */
  readonly grants: readonly string[];
  /** Why the row exists, from configuration (account, OU <path>, account file). */
  readonly via: readonly string[];
}

export interface AccessFilter {
  readonly account?: string;
  readonly group?: string;
}

/** A reference such as ${aws_ssoadmin_permission_set.<address>.arn} -> <address>. */
function referencedAddress(reference: string, type: string): string | undefined {
  return new RegExp(`\\$\\{${type}\\.([^.}]+)\\.`).exec(reference)?.[1];
}

/** The account an assignment targets: a literal ID, or the organization stack's output for account-<name>. */
function targetAccount(targetId: string, idToName: ReadonlyMap<string, string>): string | undefined {
  if (/^\d{12}$/.test(targetId)) return idToName.get(targetId);
  return /aws_organizations_accountaccount-([a-z0-9-]+?)id\}$/.exec(targetId)?.[1];
}

/**
 * The permission-set address an assignment names: a reference inside the identity stack, or (from an
 * identity-assignments shard, ADR 0510) the identity stack's cross-stack output that holds it.
 */
function permissionSetAddress(reference: string, identityStack: TerraformJson): string | undefined {
  const direct = referencedAddress(reference, 'aws_ssoadmin_permission_set');
  if (direct) return direct;
  const output = /cross-stack-reference-input-identity\.outputs\.([A-Za-z0-9_-]+)\}$/.exec(reference)?.[1];
  const value = output ? identityStack.output?.[output]?.value : undefined;
  return typeof value === 'string' ? referencedAddress(value, 'aws_ssoadmin_permission_set') : undefined;
}

/**
 * Every Identity Center assignment of the synthesized estate (the identity-assignments shard stacks,
 * ADR 0510), with its permission set from the identity stack, named from configuration, sorted by
 * account, group and permission set.
 */
export function accessReview(loaded: LoadedConfig, stacks: ReadonlyMap<string, TerraformJson>, filter: AccessFilter = {}): AccessRow[] {
  const lz = loaded.landingZone;
  const identityStack = stacks.get(IDENTITY_STACK_NAME);
  if (!lz.access || !identityStack) return [];
  const accounts = loaded.accounts.map((entry) => entry.config);
  const knownIds = new Map<string, string>([
    ...CORE_ACCOUNT_KEYS.flatMap((key) =>
      lz.coreAccounts[key].accountId ? [[lz.coreAccounts[key].accountId!, lz.coreAccounts[key].name] as const] : [],
    ),
    ...accounts.flatMap((account) => (account.accountId ? [[account.accountId, account.name] as const] : [])),
  ]);
  const idOf = new Map([...knownIds].map(([id, name]) => [name, id]));
  const groupName = new Map(lz.access.groups.map((group) => [group.id, group.name]));
  const via = new Map(expandAssignments(lz, accounts).map((row) => [JSON.stringify([row.account, row.group, row.permissionSet]), row.via]));

  const resources = identityStack.resource ?? {};
  const sets: Record<string, TerraformJson> = resources.aws_ssoadmin_permission_set ?? {};
  const grants = new Map<string, string[]>(Object.keys(sets).map((address) => [address, []]));
  const grantOf = (type: string, describe: (resource: TerraformJson) => string): void => {
    for (const resource of Object.values<TerraformJson>(resources[type] ?? {})) {
      const address = referencedAddress(resource.permission_set_arn, 'aws_ssoadmin_permission_set');
      if (address) grants.get(address)?.push(describe(resource));
    }
  };
  grantOf('aws_ssoadmin_managed_policy_attachment', (resource) =>
    String(resource.managed_policy_arn).replace(/^arn:aws:iam::aws:policy\//, ''),
  );
  grantOf('aws_ssoadmin_permission_set_inline_policy', () => 'inline');
  grantOf(
    'aws_ssoadmin_permissions_boundary_attachment',
    (resource) =>
      `boundary:${resource.permissions_boundary?.customer_managed_policy_reference?.name ?? resource.permissions_boundary?.managed_policy_arn}`,
  );

  const rows: AccessRow[] = [];
  const assignments = [
    IDENTITY_STACK_NAME,
    ...[...stacks.keys()].filter((name) => name.startsWith(IDENTITY_ASSIGNMENTS_STACK_PREFIX)),
  ].flatMap((name) => Object.values<TerraformJson>(stacks.get(name)?.resource?.aws_ssoadmin_account_assignment ?? {}));
  for (const assignment of assignments) {
    const setAddress = permissionSetAddress(String(assignment.permission_set_arn), identityStack);
    const set = setAddress ? sets[setAddress] : undefined;
    const account = targetAccount(String(assignment.target_id), knownIds) ?? String(assignment.target_id);
    const group = groupName.get(assignment.principal_id) ?? assignment.principal_id;
    const permissionSet = set?.name ?? '(unknown permission set)';
    rows.push({
      account,
      accountId: idOf.get(account) ?? '(created at deploy)',
      group,
      groupId: assignment.principal_id,
      permissionSet,
      session: set?.session_duration ?? 'PT1H',
      grants: setAddress ? (grants.get(setAddress) ?? []) : [],
      via: via.get(JSON.stringify([account, group, permissionSet])) ?? ['(not in configuration)'],
    });
  }
  return rows
    .filter(
      (row) =>
        (filter.account === undefined || row.account === filter.account) && (filter.group === undefined || row.group === filter.group),
    )
    .sort((a, b) => a.account.localeCompare(b.account) || a.group.localeCompare(b.group) || a.permissionSet.localeCompare(b.permissionSet));
}

const COLUMNS: readonly [header: string, value: (row: AccessRow) => string][] = [
  ['account', (row) => row.account],
  ['account ID', (row) => row.accountId],
  ['group', (row) => row.group],
  ['permission set', (row) => row.permissionSet],
  ['session', (row) => row.session],
  ['grants', (row) => row.grants.join(' + ')],
  ['via', (row) => row.via.join(', ')],
];

/** An aligned plain-text table. */
export function renderAccessTable(rows: readonly AccessRow[]): string {
  const cells = [COLUMNS.map(([header]) => header), ...rows.map((row) => COLUMNS.map(([, value]) => value(row)))];
  const widths = COLUMNS.map((_, index) => Math.max(...cells.map((line) => line[index].length)));
  return `${cells
    .map((line) =>
      line
        .map((cell, index) => cell.padEnd(widths[index]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')}\n`;
}

/** RFC 4180 CSV: every field quoted, quotes doubled. */
export function renderAccessCsv(rows: readonly AccessRow[]): string {
  const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;
  const lines = [
    COLUMNS.map(([header]) => quote(header)).join(','),
    ...rows.map((row) => COLUMNS.map(([, value]) => quote(value(row))).join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
