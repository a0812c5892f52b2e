// Detection of data stores without a valid backup tier tag (ADR 0907): the security-organization
// stack deploys the organization conformance pack lz-backup-tier-tag in every allowed Region, one
// REQUIRED_TAGS rule on `lz:backup` with the three tiers as allowed values, scoped to the
// backup-eligible types the managed rule supports (S3 buckets included), leaving out the platform
// accounts and no workload account. Without the backup section there is no pack.
import { Testing } from 'cdktf';
import { BACKUP_TAG_KEY, BACKUP_TIERS } from '../../lib/backup';
import { loadConfig } from '../../lib/config/load';
import { BACKUP_TIER_TAG_PACK_NAME } from '../../lib/conformance/backup-tier-tag-pack';
import { CONFORMANCE_PACK_TIMEOUTS, SecurityOrganizationStack } from '../../stacks/security-organization-stack';
import { resourceTarget } from '../helpers/accounts';
import { EXAMPLE_CONFIG_DIR, resourcesOfType, synthConfig, type TerraformJson } from '../helpers/synth';

const loaded = loadConfig(EXAMPLE_CONFIG_DIR);
const config = loaded.landingZone;

describe('backup tier tag check (organization conformance pack)', () => {
  let stack: TerraformJson;
  let tierTagPacks: TerraformJson[];

  beforeAll(() => {
    const synth = synthConfig(EXAMPLE_CONFIG_DIR);
    stack = synth.stacks.get('security-organization') as TerraformJson;
    tierTagPacks = Object.values(resourcesOfType(stack, 'aws_config_organization_conformance_pack')).filter(
      (pack) => pack.name === BACKUP_TIER_TAG_PACK_NAME,
    );
  });

  it('is deployed once in every allowed Region, with the organization-wide timeouts', () => {
    expect(tierTagPacks.map((pack) => resourceTarget(stack, pack).region).sort()).toEqual([...config.allowedRegions].sort());
    for (const pack of tierTagPacks) expect(pack.timeouts).toEqual(CONFORMANCE_PACK_TIMEOUTS);
  });

  it('holds one REQUIRED_TAGS rule on lz:backup with the three tiers, scoped to the backup-eligible types including S3 buckets', () => {
    for (const pack of tierTagPacks) {
      const rules = Object.values(JSON.parse(pack.template_body).Resources) as TerraformJson[];
      expect(rules).toHaveLength(1);
      const [rule] = rules;
      expect(rule.Type).toBe('AWS::Config::ConfigRule');
      expect(rule.Properties.Source).toEqual({ Owner: 'AWS', SourceIdentifier: 'REQUIRED_TAGS' });
      expect(rule.Properties.InputParameters).toEqual({ tag1Key: BACKUP_TAG_KEY, tag1Value: BACKUP_TIERS.join(',') });
      expect(rule.Properties.Scope.ComplianceResourceTypes.sort()).toEqual([
        'AWS::DynamoDB::Table',
        'AWS::EC2::Instance',
        'AWS::EC2::Volume',
        'AWS::RDS::DBInstance',
        'AWS::S3::Bucket',
      ]);
    }
  });

  it('leaves out the management and platform accounts and no workload account', () => {
    for (const pack of tierTagPacks) {
      const excluded: string[] = pack.excluded_accounts;
      // management, security, log archive, network and backup; the four member accounts are references until created.
      expect(excluded).toHaveLength(5);
      expect(excluded).toContain(config.managementAccount.accountId);
      for (const account of loaded.accounts) {
        if (account.config.accountId) expect(excluded).not.toContain(account.config.accountId);
      }
      const excludedText = JSON.stringify(excluded);
      for (const account of loaded.accounts) expect(excludedText).not.toContain(account.config.name);
    }
  });

  it('is not deployed without the backup section', () => {
    const app = Testing.app();
    const security = new SecurityOrganizationStack(app, 'security-organization', {
      config: { ...config, backup: undefined },
      accountId: '222222222222',
      guardDutyDetectorIds: { 'eu-west-2': 'd-home', 'eu-west-1': 'd-other' },
    });
    const packs = Object.values(resourcesOfType(JSON.parse(Testing.synth(security)), 'aws_config_organization_conformance_pack'));
    expect(packs.length).toBeGreaterThan(0);
    expect(packs.map((pack) => pack.name)).not.toContain(BACKUP_TIER_TAG_PACK_NAME);
  });
});
