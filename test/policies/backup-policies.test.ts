// The organization backup and tag policies: what each tier's document says, that it passes the
// backup policy syntax checks written from the AWS Organizations User Guide, that the checks catch
// what AWS would reject, and that every document fits the 10,000-character limit at the longest
// names the schema accepts.
import { BACKUP_SERVICE_ROLE, BACKUP_TAG_KEY, POLICY_PLAN_TAG, TIER_DEFINITIONS, centralVaultName, localVaultName } from '../../lib/backup';
import { loadConfig } from '../../lib/config/load';
import type { LandingZoneConfig } from '../../lib/config/schema';
import {
  BACKUP_ACCOUNT_PLACEHOLDER,
  MAX_BACKUP_POLICY_CHARACTERS,
  type BackupPolicyDocument,
  backupPolicyCatalogue,
  backupPolicyContent,
  backupPolicyDocument,
  checkBackupPolicy,
  checkedBackupPolicyCatalogue,
} from '../../policies/backup-policies';
import { MAX_TAG_POLICY_CHARACTERS, backupTagPolicy, checkTagPolicy, tagPolicyContent } from '../../policies/tag-policies';
import { EXAMPLE_CONFIG_DIR } from '../helpers/synth';

const config = loadConfig(EXAMPLE_CONFIG_DIR).landingZone;
const REGIONS = config.allowedRegions;
const BACKUP_ID = '444444444444';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- documents are walked as plain JSON here
type Json = any;
const planOf = (document: BackupPolicyDocument): Json => Object.values(document.plans)[0];
const clone = (document: BackupPolicyDocument): Json => JSON.parse(JSON.stringify(document));

describe('organization backup policies', () => {
  it('has one policy per protected tier, none for the opt-out tier, each passing the syntax checks', () => {
    const catalogue = checkedBackupPolicyCatalogue(config);
    expect(catalogue.map((policy) => policy.tier)).toEqual(['critical', 'standard']);
    for (const policy of catalogue) expect(checkBackupPolicy(policy.document, REGIONS)).toEqual([]);
  });

  it("selects resources by the lz:backup tag with each account's own backup role, in every allowed Region", () => {
    for (const tier of ['critical', 'standard'] as const) {
      const plan = planOf(backupPolicyDocument(config, tier));
      expect(plan.regions).toEqual({ '@@assign': REGIONS });
      const selections = Object.values(plan.selections.tags) as Json[];
      expect(selections).toHaveLength(1);
      expect(selections[0]).toEqual({
        iam_role_arn: { '@@assign': `arn:aws:iam::$account:role/${BACKUP_SERVICE_ROLE}` },
        tag_key: { '@@assign': BACKUP_TAG_KEY },
        tag_value: { '@@assign': [tier] },
      });
      // The tag the backup-protection SCP keys on is put on the plan in every account.
      expect(Object.values(plan.backup_plan_tags)).toEqual([
        { tag_key: { '@@assign': POLICY_PLAN_TAG.key }, tag_value: { '@@assign': POLICY_PLAN_TAG.value } },
      ]);
    }
  });

  it('backs up into the local vault and copies daily points to the central vaults of both Regions in the backup account', () => {
    for (const tier of ['critical', 'standard'] as const) {
      const rules = planOf(backupPolicyDocument(config, tier, BACKUP_ID)).rules as Record<string, Json>;
      for (const rule of Object.values(rules)) expect(rule.target_backup_vault_name).toEqual({ '@@assign': localVaultName(config) });
      const copies = Object.keys(rules.daily.copy_actions).sort();
      expect(copies).toEqual(
        REGIONS.map((region) => `arn:aws:backup:${region}:${BACKUP_ID}:backup-vault:${centralVaultName(config)}`).sort(),
      );
    }
    // Hourly critical points stay local: a week of them in the account for quick operational restores.
    const hourly = planOf(backupPolicyDocument(config, 'critical')).rules.hourly;
    expect(hourly.copy_actions).toBeUndefined();
    expect(hourly.lifecycle).toEqual({ delete_after_days: { '@@assign': '7' } });
  });

  it('moves only year-long copies to cold storage, leaving at least the 90 days AWS requires there', () => {
    const daily = planOf(backupPolicyDocument(config, 'critical', BACKUP_ID)).rules.daily;
    const home = daily.copy_actions[`arn:aws:backup:${config.homeRegion}:${BACKUP_ID}:backup-vault:${centralVaultName(config)}`];
    expect(home.lifecycle).toEqual({ delete_after_days: { '@@assign': '365' }, move_to_cold_storage_after_days: { '@@assign': '90' } });
    for (const definition of TIER_DEFINITIONS) {
      for (const rule of definition.rules) {
        for (const retention of [rule.local, rule.centralHomeCopy, rule.centralSecondaryCopy]) {
          if (retention?.moveToColdStorageAfterDays === undefined) continue;
          expect(retention.deleteAfterDays).toBeGreaterThanOrEqual(retention.moveToColdStorageAfterDays + 90);
          expect(retention.deleteAfterDays).toBeGreaterThanOrEqual(365);
        }
      }
    }
  });

  it('copies only to the home Region when one Region is allowed', () => {
    const single: LandingZoneConfig = { ...config, allowedRegions: [config.homeRegion] };
    const daily = planOf(backupPolicyDocument(single, 'critical', BACKUP_ID)).rules.daily;
    expect(Object.keys(daily.copy_actions)).toEqual([
      `arn:aws:backup:${config.homeRegion}:${BACKUP_ID}:backup-vault:${centralVaultName(config)}`,
    ]);
  });

  it('fits 10,000 characters at the longest name prefix the schema accepts, with 12-digit account IDs', () => {
    const longest: LandingZoneConfig = { ...config, organization: { ...config.organization, namePrefix: 'a'.repeat(20) } };
    for (const policy of backupPolicyCatalogue(longest)) {
      const size = backupPolicyContent(policy.document).length;
      expect(size).toBeLessThanOrEqual(MAX_BACKUP_POLICY_CHARACTERS);
      expect(backupPolicyContent(policy.document)).toContain(BACKUP_ACCOUNT_PLACEHOLDER);
      expect(BACKUP_ACCOUNT_PLACEHOLDER).toMatch(/^\d{12}$/);
    }
    expect(tagPolicyContent(backupTagPolicy(longest)).length).toBeLessThanOrEqual(MAX_TAG_POLICY_CHARACTERS);
  });
});

describe('backup policy syntax checks', () => {
  const valid = () => clone(backupPolicyDocument(config, 'critical', BACKUP_ID));
  const check = (document: Json) => checkBackupPolicy(document, REGIONS);

  it('reject a value without an inheritance operator', () => {
    const document = valid();
    const plan = planOf(document);
    plan.rules.daily.schedule_expression = 'cron(0 1 ? * * *)';
    expect(check(document)).toEqual([expect.stringMatching(/rules\.daily\.schedule_expression: must be \{"@@assign"/)]);
  });

  it('reject a missing required element (regions, rules, selections, schedule, target vault)', () => {
    for (const remove of ['regions', 'selections'] as const) {
      const document = valid();
      delete planOf(document)[remove];
      expect(check(document).join('\n')).toMatch(new RegExp(`${remove} is required`));
    }
    const document = valid();
    delete planOf(document).rules.daily.target_backup_vault_name;
    expect(check(document).join('\n')).toMatch(/target_backup_vault_name is required/);
  });

  it('reject an unknown element and a Region outside the allowed pair', () => {
    const document = valid();
    planOf(document).rules.daily.retention = { '@@assign': '7' };
    planOf(document).regions = { '@@assign': ['eu-west-2', 'us-east-1'] };
    const problems = check(document).join('\n');
    expect(problems).toMatch(/rules\.daily\.retention: not a backup rule element/);
    expect(problems).toMatch(/us-east-1 is not an allowed Region/);
  });

  it('reject a copy action whose key differs from its target, or whose vault ARN is malformed', () => {
    const document = valid();
    const copies = planOf(document).rules.daily.copy_actions;
    const [first] = Object.keys(copies);
    copies[first].target_backup_vault_arn = { '@@assign': `arn:aws:backup:eu-west-2:${BACKUP_ID}:backup-vault:other` };
    copies['arn:aws:backup:us-east-1:123:backup-vault:x'] = {
      target_backup_vault_arn: { '@@assign': 'arn:aws:backup:us-east-1:123:backup-vault:x' },
    };
    const problems = check(document).join('\n');
    expect(problems).toMatch(/target_backup_vault_arn must be \{"@@assign": the same ARN as the key\}/);
    expect(problems).toMatch(/key must be a backup vault ARN in an allowed Region/);
  });

  it('reject a cold-storage transition that leaves fewer than 90 days in cold storage', () => {
    const document = valid();
    planOf(document).rules.daily.lifecycle = {
      delete_after_days: { '@@assign': '100' },
      move_to_cold_storage_after_days: { '@@assign': '30' },
    };
    expect(check(document)).toEqual([
      expect.stringMatching(/delete_after_days \(100\) must be at least move_to_cold_storage_after_days \+ 90 \(120\)/),
    ]);
  });

  it('reject a selection role that is not an IAM role ARN, and a start window under an hour', () => {
    const document = valid();
    (Object.values(planOf(document).selections.tags)[0] as Json).iam_role_arn = { '@@assign': 'lz-backup' };
    planOf(document).rules.daily.start_backup_window_minutes = { '@@assign': '30' };
    const problems = check(document).join('\n');
    expect(problems).toMatch(/iam_role_arn: must be/);
    expect(problems).toMatch(/start_backup_window_minutes: must be a string of at least 60 minutes/);
  });

  it('reject a document over the 10,000-character limit', () => {
    const document = valid();
    planOf(document).rules.daily.recovery_point_tags = {
      padding: { tag_key: { '@@assign': 'x' }, tag_value: { '@@assign': 'y'.repeat(MAX_BACKUP_POLICY_CHARACTERS) } },
    };
    expect(check(document).join('\n')).toMatch(/characters; AWS Organizations accepts at most 10000/);
  });
});

describe('backup tag policy', () => {
  it('allows only the three tier values for lz:backup, enforced on the backed-up resource types', () => {
    const policy = backupTagPolicy(config);
    expect(checkTagPolicy(policy)).toEqual([]);
    expect(policy.document).toEqual({
      tags: {
        [BACKUP_TAG_KEY]: {
          tag_key: { '@@assign': BACKUP_TAG_KEY },
          tag_value: { '@@assign': ['critical', 'standard', 'none'] },
          enforced_for: { '@@assign': expect.arrayContaining(['dynamodb:table', 'ec2:volume', 'rds:db', 's3:bucket']) },
        },
      },
    });
  });

  it('checks catch a tag key that differs from its policy key and an empty value list', () => {
    const policy = backupTagPolicy(config);
    const broken = { ...policy, document: { tags: { 'lz:backup': { tag_key: { '@@assign': 'other' }, tag_value: { '@@assign': [] } } } } };
    const problems = checkTagPolicy(broken).join('\n');
    expect(problems).toMatch(/tag_key must assign the same key/);
    expect(problems).toMatch(/tag_value must assign a list of values/);
  });
});
