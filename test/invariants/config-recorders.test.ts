// AWS Config everywhere: exactly one recorder per account and Region across every stack, global
// resources recorded once per account, every channel delivering to the central config bucket.
import { loadConfig } from '../../lib/config/load';
import { logBucketName, logKeyAliasName } from '../../lib/naming';
import { accountKey, resourceTarget } from '../helpers/accounts';
import { generateConfig } from '../helpers/config-fixtures';
import { EXAMPLE_CONFIG_DIR, logArchiveAccountIdOf, resourcesOfType, synthConfig, type TerraformJson } from '../helpers/synth';

interface Recorded {
  readonly stack: string;
  readonly account: string;
  readonly region: string;
  readonly body: TerraformJson;
}

function recordersByTarget(stacks: ReadonlyMap<string, TerraformJson>): Recorded[] {
  const out: Recorded[] = [];
  for (const [stackName, stack] of stacks) {
    for (const body of Object.values(resourcesOfType(stack, 'aws_config_configuration_recorder'))) {
      out.push({ stack: stackName, ...resourceTarget(stack, body), body });
    }
  }
  return out;
}

describe.each([
  ['the example', EXAMPLE_CONFIG_DIR, 2],
  ['fifteen generated workload accounts', '', 15],
])('Config recorders: %s', (_label, fixedDir, workloads) => {
  let stacks: ReadonlyMap<string, TerraformJson>;
  let recorders: Recorded[];
  let config: ReturnType<typeof loadConfig>['landingZone'];

  beforeAll(() => {
    const dir = fixedDir || generateConfig(workloads);
    config = loadConfig(dir).landingZone;
    stacks = synthConfig(dir).stacks;
    recorders = recordersByTarget(stacks);
  });

  it('records in every account (management, three core, the backup account when configured, each workload) in every allowed Region, exactly once', () => {
    const accounts = new Set(recorders.map((recorder) => recorder.account));
    expect(accounts.size).toBe(1 + 3 + (config.backup ? 1 : 0) + workloads);
    expect(accounts).toContain(config.managementAccount.accountId);
    for (const account of accounts) {
      for (const region of config.allowedRegions) {
        expect(recorders.filter((recorder) => recorder.account === account && recorder.region === region)).toHaveLength(1);
      }
    }
    expect(recorders).toHaveLength(accounts.size * config.allowedRegions.length);
  });

  it('records all supported types, and global resources exactly once per account, in the home Region', () => {
    for (const recorder of recorders) {
      expect(recorder.body.recording_group.all_supported).toBe(true);
      expect(recorder.body.recording_group.include_global_resource_types).toBe(recorder.region === config.homeRegion);
    }
    const globalByAccount = new Map<string, number>();
    for (const recorder of recorders.filter((candidate) => candidate.body.recording_group.include_global_resource_types)) {
      globalByAccount.set(recorder.account, (globalByAccount.get(recorder.account) ?? 0) + 1);
    }
    expect([...globalByAccount.values()].every((count) => count === 1)).toBe(true);
    expect(globalByAccount.size).toBe(new Set(recorders.map((recorder) => recorder.account)).size);
  });

  it('delivers from every account and Region to the home-Region config bucket with the log-archive key, and switches recording on', () => {
    const bucket = logBucketName(config, 'config', config.homeRegion, logArchiveAccountIdOf(stacks));
    let channels = 0;
    for (const stack of stacks.values()) {
      const stackChannels = Object.values(resourcesOfType(stack, 'aws_config_delivery_channel'));
      const statuses = Object.values(resourcesOfType(stack, 'aws_config_configuration_recorder_status'));
      expect(stackChannels).toHaveLength(Object.keys(resourcesOfType(stack, 'aws_config_configuration_recorder')).length);
      expect(statuses).toHaveLength(stackChannels.length);
      for (const channel of stackChannels) {
        channels += 1;
        expect(channel.s3_bucket_name).toBe(bucket);
        expect(channel.s3_kms_key_arn).toMatch(new RegExp(`^arn:aws:kms:${config.homeRegion}:.+:${logKeyAliasName(config)}$`));
        expect(accountKey(channel.s3_kms_key_arn.split(':')[4])).toMatch(/log-archive/);
      }
      for (const status of statuses) {
        expect(status.is_enabled).toBe(true);
        expect(status.depends_on?.some((dependency: string) => dependency.startsWith('aws_config_delivery_channel.'))).toBe(true);
      }
    }
    expect(channels).toBe(recorders.length);
  });

  it('creates the Config service-linked role once per account', () => {
    const roles: string[] = [];
    for (const stack of stacks.values()) {
      for (const role of Object.values(resourcesOfType(stack, 'aws_iam_service_linked_role'))) {
        if (role.aws_service_name === 'config.amazonaws.com') roles.push(resourceTarget(stack, role).account);
      }
    }
    expect(new Set(roles).size).toBe(roles.length);
    expect(roles.length).toBe(new Set(recorders.map((recorder) => recorder.account)).size);
  });
});
