// AWS Backup organization backup policies (Organizations policy type BACKUP_POLICY): one per tier,
// attached to the root, each creating the tier's backup plan in every member account and allowed
// Region. Built from the tier facts in lib/backup.ts, checked against AWS's backup policy syntax
// (AWS Organizations User Guide, "Backup policy syntax and examples") and against the Organizations
// size limit before anything is synthesized.
import {
  BACKUP_SERVICE_ROLE,
  BACKUP_TAG_KEY,
  POLICY_PLAN_TAG,
  type BackupRule,
  type ProtectedBackupTier,
  type Retention,
  TIER_DEFINITIONS,
  backupVaultArn,
  backupCopyRegions,
  centralVaultName,
  localVaultName,
} from '../lib/backup';
import type { LandingZoneConfig } from '../lib/config/schema';

/** AWS Organizations quota "Maximum size of a policy document": backup policies 10,000 characters. */
export const MAX_BACKUP_POLICY_CHARACTERS = 10_000;

/**
 * Stands in for the backup account ID while a document is built and checked: the organization stack
 * creates that account, so its ID is a Terraform reference until apply. 12 digits, so sizes are exact.
 */
export const BACKUP_ACCOUNT_PLACEHOLDER = '000000000000';

/** A value-setting operator node of a management policy (`{"@@assign": value}`). */
type Assign<T> = { readonly '@@assign': T };
const assign = <T>(value: T): Assign<T> => ({ '@@assign': value });

export interface BackupPolicy {
  /** Stable key: construct IDs derive from it. */
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly tier: ProtectedBackupTier;
  /** The document with BACKUP_ACCOUNT_PLACEHOLDER where the backup account ID goes. */
  readonly document: BackupPolicyDocument;
}

export interface BackupPolicyDocument {
  readonly plans: Record<string, Record<string, unknown>>;
}

/** Plan name in member accounts: the same in every account, so the backup report can name it. */
export function backupPlanName(config: LandingZoneConfig, tier: ProtectedBackupTier): string {
  return `${config.organization.namePrefix}-lz-${tier}`;
}

function lifecycle(retention: Retention): Record<string, Assign<string>> {
  return {
    delete_after_days: assign(String(retention.deleteAfterDays)),
    ...(retention.moveToColdStorageAfterDays !== undefined
      ? { move_to_cold_storage_after_days: assign(String(retention.moveToColdStorageAfterDays)) }
      : {}),
  };
}

function rule(config: LandingZoneConfig, definition: BackupRule, backupAccountId: string): Record<string, unknown> {
  const regions = backupCopyRegions(config);
  const copies: [string, Retention][] = [];
  if (definition.centralHomeCopy)
    copies.push([backupVaultArn(regions.home, backupAccountId, centralVaultName(config)), definition.centralHomeCopy]);
  if (definition.centralSecondaryCopy && regions.secondary) {
    copies.push([backupVaultArn(regions.secondary, backupAccountId, centralVaultName(config)), definition.centralSecondaryCopy]);
  }
  return {
    schedule_expression: assign(definition.schedule),
    start_backup_window_minutes: assign(String(definition.startWindowMinutes)),
    complete_backup_window_minutes: assign(String(definition.completeWindowMinutes)),
    target_backup_vault_name: assign(localVaultName(config)),
    lifecycle: lifecycle(definition.local),
    ...(copies.length > 0
      ? {
          // Each copy action is keyed by its destination vault ARN, which AWS requires to equal
          // target_backup_vault_arn ($account is not used: the destination is the backup account).
          copy_actions: Object.fromEntries(
            copies.map(([arn, retention]) => [arn, { target_backup_vault_arn: assign(arn), lifecycle: lifecycle(retention) }]),
          ),
        }
      : {}),
  };
}

/** The tier's document: its plan in every allowed Region, selecting resources tagged lz:backup = tier. */
export function backupPolicyDocument(
  config: LandingZoneConfig,
  tier: ProtectedBackupTier,
  backupAccountId = BACKUP_ACCOUNT_PLACEHOLDER,
): BackupPolicyDocument {
  const definition = TIER_DEFINITIONS.find((candidate) => candidate.tier === tier);
  if (!definition) throw new Error(`no backup tier ${tier}`);
  return {
    plans: {
      [backupPlanName(config, tier)]: {
        regions: assign([...config.allowedRegions]),
        rules: Object.fromEntries(definition.rules.map((entry) => [entry.name, rule(config, entry, backupAccountId)])),
        selections: {
          tags: {
            [`${tier}-tagged`]: {
              // $account: AWS substitutes each member account's ID, so one document names every account's own role.
              iam_role_arn: assign(`arn:aws:iam::$account:role/${BACKUP_SERVICE_ROLE}`),
              tag_key: assign(BACKUP_TAG_KEY),
              tag_value: assign([tier]),
            },
          },
        },
        backup_plan_tags: {
          [POLICY_PLAN_TAG.key.replace(/:/g, '-')]: { tag_key: assign(POLICY_PLAN_TAG.key), tag_value: assign(POLICY_PLAN_TAG.value) },
        },
      },
    },
  };
}

export function backupPolicyCatalogue(config: LandingZoneConfig): BackupPolicy[] {
  return TIER_DEFINITIONS.map((definition) => ({
    key: `backup-${definition.tier}`,
    name: `${config.organization.namePrefix}-lz-backup-${definition.tier}`,
    description: `Backup plan for resources tagged ${BACKUP_TAG_KEY}=${definition.tier}: ${definition.description}`.slice(0, 512),
    tier: definition.tier,
    document: backupPolicyDocument(config, definition.tier),
  }));
}

/** The exact content submitted to AWS Organizations (minified JSON, as the size limit counts it). */
export function backupPolicyContent(document: BackupPolicyDocument): string {
  return JSON.stringify(document);
}

// ---------------------------------------------------------------------------------------------------
// Syntax checks, written from the AWS Organizations User Guide ("Backup policy syntax and examples"
// and "Policy syntax and inheritance for management policy types").

/** Operators of management policies; the landing zone uses only @@assign. */
const VALUE_OPERATORS = ['@@assign', '@@append', '@@remove'] as const;
const PLAN_KEYS = [
  'regions',
  'rules',
  'selections',
  'advanced_backup_settings',
  'backup_plan_tags',
  '@@operators_allowed_for_child_policies',
];
const REQUIRED_PLAN_KEYS = ['regions', 'rules', 'selections'];
const RULE_KEYS = [
  'schedule_expression',
  'start_backup_window_minutes',
  'complete_backup_window_minutes',
  'target_backup_vault_name',
  'lifecycle',
  'copy_actions',
  'recovery_point_tags',
  'enable_continuous_backup',
  'schedule_expression_timezone',
];
const REQUIRED_RULE_KEYS = ['schedule_expression', 'target_backup_vault_name'];
const LIFECYCLE_KEYS = ['delete_after_days', 'move_to_cold_storage_after_days', 'opt_in_to_archive_for_supported_resources'];
/** Plan, rule and selection names: letters, digits, hyphens and underscores (AWS Backup plan and rule names). */
const NAME = /^[A-Za-z0-9_-]{1,50}$/;
/** Backup vault ARN, in a Region of this estate; $account is allowed, as AWS substitutes it. */
const VAULT_ARN = /^arn:aws:backup:(eu-west-1|eu-west-2):(\d{12}|\$account):backup-vault:[A-Za-z0-9_-]{2,50}$/;
const ROLE_ARN = /^arn:aws:iam::(\d{12}|\$account):role\/[\w+=,.@-]{1,64}$/;
/** AWS Backup cron: six fields inside cron(...), the AWS form with ? in day-of-month or day-of-week. */
const CRON = /^cron\((\S+ ){5}\S+\)$/;

function assigned(node: unknown): unknown {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
  const keys = Object.keys(node);
  const operators = keys.filter((key) => (VALUE_OPERATORS as readonly string[]).includes(key));
  if (operators.length !== 1 || keys.length !== 1) return undefined;
  return (node as Record<string, unknown>)[operators[0]];
}

function integerString(value: unknown): number | undefined {
  return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** Every way a document breaks AWS's backup policy syntax or the limit, as sentences (empty when valid). */
export function checkBackupPolicy(document: BackupPolicyDocument, allowedRegions: readonly string[]): string[] {
  const problems: string[] = [];
  const size = backupPolicyContent(document).length;
  if (size > MAX_BACKUP_POLICY_CHARACTERS)
    problems.push(`is ${size} characters; AWS Organizations accepts at most ${MAX_BACKUP_POLICY_CHARACTERS} for a backup policy`);
  const plans = document.plans;
  if (!plans || typeof plans !== 'object' || Object.keys(plans).length === 0) return [...problems, 'has no plans'];
  for (const [planName, plan] of Object.entries(plans)) {
    const at = `plans.${planName}`;
    if (!NAME.test(planName)) problems.push(`${at}: plan name must be 1-50 letters, digits, hyphens or underscores`);
    for (const key of Object.keys(plan)) if (!PLAN_KEYS.includes(key)) problems.push(`${at}.${key}: not a backup plan element`);
    for (const key of REQUIRED_PLAN_KEYS) if (!(key in plan)) problems.push(`${at}: ${key} is required`);
    const regions = assigned(plan.regions);
    if (!Array.isArray(regions) || regions.length === 0) problems.push(`${at}.regions: must be {"@@assign": [Region, ...]}`);
    else
      for (const region of regions)
        if (!allowedRegions.includes(region as string)) problems.push(`${at}.regions: ${String(region)} is not an allowed Region`);

    const rules = (plan.rules ?? {}) as Record<string, Record<string, unknown>>;
    if (Object.keys(rules).length === 0) problems.push(`${at}.rules: at least one rule is required`);
    for (const [ruleName, body] of Object.entries(rules)) {
      const ruleAt = `${at}.rules.${ruleName}`;
      if (!NAME.test(ruleName)) problems.push(`${ruleAt}: rule name must be 1-50 letters, digits, hyphens or underscores`);
      for (const key of Object.keys(body)) if (!RULE_KEYS.includes(key)) problems.push(`${ruleAt}.${key}: not a backup rule element`);
      for (const key of REQUIRED_RULE_KEYS) if (!(key in body)) problems.push(`${ruleAt}: ${key} is required`);
      const schedule = assigned(body.schedule_expression);
      if (typeof schedule !== 'string' || !CRON.test(schedule))
        problems.push(`${ruleAt}.schedule_expression: must be {"@@assign": "cron(m h dom mon dow y)"}`);
      const start = integerString(assigned(body.start_backup_window_minutes));
      const complete = integerString(assigned(body.complete_backup_window_minutes));
      // CreateBackupPlan: the start window is at least 60 minutes; completion must come after the start.
      if (body.start_backup_window_minutes !== undefined && (start === undefined || start < 60))
        problems.push(`${ruleAt}.start_backup_window_minutes: must be a string of at least 60 minutes`);
      if (start !== undefined && complete !== undefined && complete <= start)
        problems.push(`${ruleAt}.complete_backup_window_minutes: must be longer than the start window`);
      if (typeof assigned(body.target_backup_vault_name) !== 'string')
        problems.push(`${ruleAt}.target_backup_vault_name: must be {"@@assign": vault name}`);
      problems.push(...checkLifecycle(body.lifecycle, `${ruleAt}.lifecycle`));
      const copies = (body.copy_actions ?? {}) as Record<string, Record<string, unknown>>;
      for (const [copyKey, copy] of Object.entries(copies)) {
        const copyAt = `${ruleAt}.copy_actions["${copyKey}"]`;
        const target = assigned(copy.target_backup_vault_arn);
        if (!VAULT_ARN.test(copyKey)) problems.push(`${copyAt}: key must be a backup vault ARN in an allowed Region`);
        if (target !== copyKey) problems.push(`${copyAt}: target_backup_vault_arn must be {"@@assign": the same ARN as the key}`);
        for (const key of Object.keys(copy))
          if (!['target_backup_vault_arn', 'lifecycle'].includes(key)) problems.push(`${copyAt}.${key}: not a copy action element`);
        problems.push(...checkLifecycle(copy.lifecycle, `${copyAt}.lifecycle`));
      }
    }

    const selections = (plan.selections ?? {}) as Record<string, Record<string, Record<string, unknown>>>;
    const tagSelections = selections.tags ?? {};
    if (Object.keys(tagSelections).length === 0 && !selections.resources) problems.push(`${at}.selections: needs tags or resources`);
    for (const [selectionName, selection] of Object.entries(tagSelections)) {
      const selectionAt = `${at}.selections.tags.${selectionName}`;
      if (!NAME.test(selectionName)) problems.push(`${selectionAt}: selection name must be 1-50 letters, digits, hyphens or underscores`);
      const role = assigned(selection.iam_role_arn);
      if (typeof role !== 'string' || !ROLE_ARN.test(role))
        problems.push(`${selectionAt}.iam_role_arn: must be {"@@assign": "arn:aws:iam::$account:role/name"}`);
      if (typeof assigned(selection.tag_key) !== 'string') problems.push(`${selectionAt}.tag_key: must be {"@@assign": key}`);
      const values = assigned(selection.tag_value);
      if (!Array.isArray(values) || values.length === 0) problems.push(`${selectionAt}.tag_value: must be {"@@assign": [value, ...]}`);
    }
  }
  return problems;
}

function checkLifecycle(node: unknown, at: string): string[] {
  if (node === undefined) return [];
  const problems: string[] = [];
  const body = node as Record<string, unknown>;
  for (const key of Object.keys(body)) if (!LIFECYCLE_KEYS.includes(key)) problems.push(`${at}.${key}: not a lifecycle element`);
  const remove = integerString(assigned(body.delete_after_days));
  const cold =
    body.move_to_cold_storage_after_days === undefined ? undefined : integerString(assigned(body.move_to_cold_storage_after_days));
  if (remove === undefined || remove < 1) problems.push(`${at}.delete_after_days: must be {"@@assign": "<days>"}, at least 1`);
  if (body.move_to_cold_storage_after_days !== undefined && cold === undefined)
    problems.push(`${at}.move_to_cold_storage_after_days: must be {"@@assign": "<days>"}`);
  // AWS Backup keeps a point in cold storage for at least 90 days (AWS Backup Developer Guide, "Lifecycle").
  if (remove !== undefined && cold !== undefined && remove < cold + 90)
    problems.push(`${at}: delete_after_days (${remove}) must be at least move_to_cold_storage_after_days + 90 (${cold + 90})`);
  return problems;
}

/** The catalogue, refusing to go on if any document breaks the syntax or the size limit. */
export function checkedBackupPolicyCatalogue(config: LandingZoneConfig): BackupPolicy[] {
  const catalogue = backupPolicyCatalogue(config);
  const problems = catalogue.flatMap((policy) =>
    checkBackupPolicy(policy.document, config.allowedRegions).map((problem) => `${policy.key}: ${problem}`),
  );
  if (problems.length > 0) throw new Error(`backup policies break AWS's backup policy syntax or limits:\n  ${problems.join('\n  ')}`);
  return catalogue;
}
