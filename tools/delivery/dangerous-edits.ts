// Configuration edits that validate fine but destroy or weaken something once applied, found by
// comparing the configuration with the base branch's: an existing account's CIDR (replaces its VPC),
// email or name (the account's identity), the organization prefix (renames every bucket and key
// alias), the Identity Center assignment shard count (moves assignments between stacks), lowering
// Object Lock retention or mode, or CloudWatch audit-log retention. Each is reported
// as file:line: field: message, refused unless a maintainer accepts it (the allow-destroy label), and
// shown at the top of the plan comment (docs/delivery.md, "Dangerous configuration edits").
import type { ConfigProblem } from '../../lib/config/diagnostics';
import type { LoadedConfig } from '../../lib/config/load';

export interface DangerousEdit extends ConfigProblem {
  /** refuse: destroys or replaces something, or weakens audit retention; flag: worth a reviewer's eye. */
  readonly severity: 'refuse' | 'flag';
}

const LOCK_MODE_STRENGTH = { GOVERNANCE: 0, COMPLIANCE: 1 } as const;

export function dangerousEdits(base: LoadedConfig, head: LoadedConfig): DangerousEdit[] {
  const edits: DangerousEdit[] = [];
  const at = (source: LoadedConfig['landingZoneSource'], path: (string | number)[], severity: DangerousEdit['severity'], message: string) =>
    edits.push({ ...source.problem(path, message), severity });
  const lz = head.landingZoneSource;
  const before = base.landingZone;
  const after = head.landingZone;

  if (before.organization.namePrefix !== after.organization.namePrefix) {
    at(
      lz,
      ['organization', 'namePrefix'],
      'refuse',
      `changed from ${before.organization.namePrefix} to ${after.organization.namePrefix}: renames every landing-zone bucket, key alias and role, which replaces the log archive and the state bucket`,
    );
  }
  const shardsBefore = before.access?.assignmentShards;
  const shardsAfter = after.access?.assignmentShards;
  if (shardsBefore !== undefined && shardsAfter !== undefined && shardsBefore !== shardsAfter) {
    at(
      lz,
      ['access', 'assignmentShards'],
      'refuse',
      `changed from ${shardsBefore} to ${shardsAfter}: moves most Identity Center account assignments to another identity-assignments stack, which deletes and re-creates them (people lose access in between) unless migrated as ADR 0510 describes`,
    );
  }
  for (const key of Object.keys(after.coreAccounts) as (keyof typeof after.coreAccounts)[]) {
    const was = before.coreAccounts[key];
    const now = after.coreAccounts[key];
    if (!was || !now) continue;
    if (was.email !== now.email)
      at(
        lz,
        ['coreAccounts', key, 'email'],
        'refuse',
        `changed from ${was.email} to ${now.email}: an account's root email is its identity; change it with the account's root user, then here`,
      );
    if (was.name !== now.name)
      at(
        lz,
        ['coreAccounts', key, 'name'],
        'refuse',
        `changed from ${was.name} to ${now.name}: renames the account and every name derived from it`,
      );
  }
  const lockBefore = before.logging.objectLock;
  const lockAfter = after.logging.objectLock;
  if (lockAfter.retentionDays < lockBefore.retentionDays) {
    at(
      lz,
      ['logging', 'objectLock', 'retentionDays'],
      'refuse',
      `lowered from ${lockBefore.retentionDays} to ${lockAfter.retentionDays} days: audit logs written from now on can be deleted sooner`,
    );
  }
  if (LOCK_MODE_STRENGTH[lockAfter.mode] < LOCK_MODE_STRENGTH[lockBefore.mode]) {
    at(lz, ['logging', 'objectLock', 'mode'], 'refuse', `weakened from ${lockBefore.mode} to ${lockAfter.mode}`);
  }
  if (after.logging.cloudWatchRetentionDays < before.logging.cloudWatchRetentionDays) {
    at(
      lz,
      ['logging', 'cloudWatchRetentionDays'],
      'refuse',
      `lowered from ${before.logging.cloudWatchRetentionDays} to ${after.logging.cloudWatchRetentionDays} days: CloudWatch deletes older trail events at once`,
    );
  }

  const baseAccounts = new Map(base.accounts.map((account) => [account.config.name, account.config]));
  const baseById = new Map(
    base.accounts.filter((account) => account.config.accountId).map((account) => [account.config.accountId as string, account.config]),
  );
  for (const { config: now, source } of head.accounts) {
    const was = baseAccounts.get(now.name);
    if (!was) {
      const renamedFrom = now.accountId ? baseById.get(now.accountId) : undefined;
      if (renamedFrom)
        at(
          source,
          ['name'],
          'refuse',
          `account ${now.accountId} was ${renamedFrom.name}: renaming replaces its stack and every name derived from it`,
        );
      continue;
    }
    if (was.cidr !== now.cidr)
      at(
        source,
        ['cidr'],
        'refuse',
        `changed from ${was.cidr} to ${now.cidr}: replaces the account's VPC, its subnets and attachments (every workload in it loses its network)`,
      );
    if (was.email !== now.email)
      at(
        source,
        ['email'],
        'refuse',
        `changed from ${was.email} to ${now.email}: an account's root email is its identity; change it with the account's root user, then here`,
      );
    if ((was.accountId ?? '') !== (now.accountId ?? ''))
      at(
        source,
        ['accountId'],
        'refuse',
        `changed from ${was.accountId ?? '(created here)'} to ${now.accountId ?? '(created here)'}: points the stack at another account`,
      );
    if (was.status === 'active' && now.status === 'suspended')
      at(source, ['status'], 'flag', 'suspends the account: disconnected from the hub and moved to the Suspended OU (ADR 0402)');
  }
  return edits.sort((a, b) =>
    a.severity === b.severity ? `${a.file}:${a.line}`.localeCompare(`${b.file}:${b.line}`) : a.severity === 'refuse' ? -1 : 1,
  );
}

/** Markdown for the top of the plan comment; empty when nothing is dangerous. */
export function renderDangerousEdits(edits: readonly DangerousEdit[], accepted: boolean): string {
  if (!edits.length) return '';
  const refused = edits.filter((edit) => edit.severity === 'refuse').length;
  const lines = [
    `> [!CAUTION]`,
    `> **${refused} dangerous configuration edit(s)**${accepted ? ': accepted with the allow-destroy label; reviewers, confirm that this is intended' : ': the check fails until the change is reworked or a maintainer adds the allow-destroy label'}.`,
    '',
  ];
  for (const edit of edits)
    lines.push(
      `- ${edit.severity === 'refuse' ? '**refused**' : 'check'} \`${edit.file}:${edit.line}\` \`${edit.field}\`: ${edit.message}`,
    );
  lines.push('');
  return lines.join('\n');
}
