// `lz backup-report`: per account, which tier each tagged resource falls into and where its copies
// go. The tiers and copy destinations are read from the backup policies as synthesized in the
// organization stack (what AWS will receive), and each account's local vaults from its own stack, so
// the report shows what would be deployed, not what the design intends.
import { TIER_TAG_CONFIG_RULE, TIER_TAG_ON_CREATE_ACTIONS } from '../../lib/backup-tier-tag';
import {
  BACKUP_TAG_KEY,
  BACKED_UP_RESOURCE_TYPES,
  type BackupTier,
  TIER_DEFINITIONS,
  defaultTierFor,
  localVaultName,
} from '../../lib/backup';
import type { LoadedConfig } from '../../lib/config/load';
import { platformAccounts } from '../../lib/config/model';
import { BACKUP_STACK_NAME } from '../../lib/naming';
import type { TerraformJson } from '../synth/output';

export interface CopyDestination {
  readonly vaultArn: string;
  readonly region: string;
  readonly deleteAfterDays: number;
  readonly moveToColdStorageAfterDays?: number;
}

export interface TierRule {
  readonly rule: string;
  readonly schedule: string;
  readonly localDeleteAfterDays: number;
  readonly copies: readonly CopyDestination[];
}

export interface TierReport {
  readonly tier: BackupTier;
  readonly policyName?: string;
  readonly regions: readonly string[];
  readonly rules: readonly TierRule[];
  /** Worst-case recovery point objective: the most frequent rule's interval. */
  readonly rpoHours?: number;
  readonly rtoHours?: number;
}

export interface AccountBackupReport {
  readonly account: string;
  readonly stack: string;
  readonly classification: string;
  /** What resources should be tagged when nobody decides otherwise (backup.classificationTiers). */
  readonly defaultTier: BackupTier;
  /** Regions in which the account's stack has the local vault the plans back up into. */
  readonly localVaultRegions: readonly string[];
}

export interface BackupReport {
  readonly tagKey: string;
  readonly resourceTypes: readonly string[];
  readonly tiers: readonly TierReport[];
  readonly accounts: readonly AccountBackupReport[];
}

type Json = TerraformJson;

/** Region of a resource from its provider alias in the stack (no alias: the stack's default provider). */
function regionOf(stack: Json, resource: Json): string {
  const providers: Json[] = stack.provider?.aws ?? [];
  const alias = typeof resource.provider === 'string' ? resource.provider.replace(/^aws\.?/, '') : '';
  const provider = providers.find((candidate) => (candidate.alias ?? '') === alias);
  if (!provider) throw new Error(`resource uses unknown provider ${String(resource.provider)}`);
  return provider.region;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- policy documents are walked as plain JSON
const assigned = (node: Json | undefined): any => node?.['@@assign'];

/** The tiers as the synthesized backup policies define them. */
function tiersFromPolicies(organization: Json, backupAccountLabel: string): TierReport[] {
  const policies = Object.values((organization.resource?.aws_organizations_policy ?? {}) as Record<string, Json>).filter(
    (policy) => policy.type === 'BACKUP_POLICY',
  );
  const tiers: TierReport[] = [];
  for (const policy of policies) {
    // Terraform escapes ($${) are undone as Terraform would; account references stay as written.
    // The backup account's ID is a reference until apply (unless adopted): shown by name instead.
    const document = JSON.parse(
      String(policy.content)
        .replace(/\$\$\{/g, '${')
        .replace(/\$\{aws_organizations_account\.[^}]+\.id\}/g, backupAccountLabel),
    );
    for (const plan of Object.values(document.plans) as Json[]) {
      const tags = Object.values(plan.selections?.tags ?? {}) as Json[];
      const tier = assigned(tags[0]?.tag_value)?.[0] as BackupTier;
      const rules: TierRule[] = Object.entries(plan.rules as Record<string, Json>).map(([rule, body]) => ({
        rule,
        schedule: assigned(body.schedule_expression),
        localDeleteAfterDays: Number(assigned(body.lifecycle?.delete_after_days)),
        copies: Object.entries((body.copy_actions ?? {}) as Record<string, Json>).map(([vaultArn, copy]) => ({
          vaultArn,
          region: vaultArn.split(':')[3],
          deleteAfterDays: Number(assigned(copy.lifecycle?.delete_after_days)),
          ...(copy.lifecycle?.move_to_cold_storage_after_days
            ? { moveToColdStorageAfterDays: Number(assigned(copy.lifecycle.move_to_cold_storage_after_days)) }
            : {}),
        })),
      }));
      const definition = TIER_DEFINITIONS.find((candidate) => candidate.tier === tier);
      tiers.push({
        tier,
        policyName: policy.name,
        regions: assigned(plan.regions),
        rules,
        rpoHours: definition ? Math.min(...definition.rules.map((rule) => rule.intervalHours)) : undefined,
        rtoHours: definition?.recoveryTimeObjectiveHours,
      });
    }
  }
  tiers.sort((a, b) => a.tier.localeCompare(b.tier));
  return [...tiers, { tier: 'none', regions: [], rules: [] }];
}

const STACK_OF_CORE: Readonly<Record<string, string>> = { security: 'security', logArchive: 'log-archive', network: 'network' };

export function backupReport(loaded: LoadedConfig, stacks: ReadonlyMap<string, Json>): BackupReport {
  const config = loaded.landingZone;
  if (!config.backup) throw new Error('configuration has no backup section: nothing is backed up by the landing zone');
  const organization = stacks.get('organization');
  if (!organization) throw new Error('the synthesized output has no organization stack');
  const accounts = [
    // The management account declares no classification; it should hold no workload data.
    { name: 'management', classification: 'none declared', stack: 'management' },
    ...platformAccounts(config).map(({ account, path }) => ({
      name: account.name,
      classification: account.classification,
      stack: path[0] === 'backup' ? BACKUP_STACK_NAME : STACK_OF_CORE[path[1]],
    })),
    ...loaded.accounts
      .filter(({ config: account }) => account.status === 'active')
      .map(({ config: account }) => ({ name: account.name, classification: account.classification, stack: `workload-${account.name}` })),
  ];
  return {
    tagKey: BACKUP_TAG_KEY,
    resourceTypes: [...BACKED_UP_RESOURCE_TYPES],
    tiers: tiersFromPolicies(organization, config.backup.account.accountId ?? `<${config.backup.account.name} account ID>`),
    accounts: accounts.map((account) => {
      const stack = stacks.get(account.stack);
      const vaults = Object.values((stack?.resource?.aws_backup_vault ?? {}) as Record<string, Json>).filter(
        (vault) => vault.name === localVaultName(config),
      );
      return {
        account: account.name,
        stack: account.stack,
        classification: account.classification,
        defaultTier: account.stack === 'management' ? 'standard' : defaultTierFor(config, account.classification),
        localVaultRegions: stack ? vaults.map((vault) => regionOf(stack, vault)).sort() : [],
      };
    }),
  };
}

/** Plain-text report: the tiers once, then one line per account. */
export function renderBackupReport(report: BackupReport, allowedRegions: readonly string[]): string {
  const lines: string[] = [`Backup tiers (select with tag ${report.tagKey}; resource types: ${report.resourceTypes.join(', ')})`];
  for (const tier of report.tiers) {
    if (tier.tier === 'none') {
      lines.push(`  none: not backed up by the organization policies (an explicit, reviewable opt-out)`);
      continue;
    }
    lines.push(`  ${tier.tier} (${tier.policyName}; RPO ${tier.rpoHours} h, RTO ${tier.rtoHours} h; Regions ${tier.regions.join(', ')})`);
    for (const rule of tier.rules) {
      const copies = rule.copies.map(
        (copy) =>
          `${copy.vaultArn} ${copy.deleteAfterDays} d${copy.moveToColdStorageAfterDays ? `, cold after ${copy.moveToColdStorageAfterDays} d` : ''}`,
      );
      lines.push(
        `    ${rule.rule}: ${rule.schedule}, local vault ${rule.localDeleteAfterDays} d; copies: ${copies.length > 0 ? copies.join('; ') : 'none'}`,
      );
    }
  }
  lines.push(
    '',
    `Accounts (default tier: the ${report.tagKey} value the account's data stores should carry. Untagged resources are not backed up: creating a data store of type ${[...new Set(TIER_TAG_ON_CREATE_ACTIONS.map((entry) => entry.backupResourceType))].join(', ')} without the tag is refused in member accounts; untagged ones in workload accounts are reported by the Config rule ${TIER_TAG_CONFIG_RULE.name})`,
  );
  for (const account of report.accounts) {
    const missing = allowedRegions.filter((region) => !account.localVaultRegions.includes(region));
    lines.push(
      `  ${account.account} (${account.classification}): default tier ${account.defaultTier}; local vault ${account.localVaultRegions.join(', ') || 'none'}${missing.length > 0 ? ` - MISSING in ${missing.join(', ')}, backups there fail` : ''}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
