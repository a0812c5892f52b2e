import { loadConfig } from '../../lib/config/load';
import { organizationTrailArn, organizationTrailName, trailLogGroupName } from '../../lib/logging/delivery';
import { logBucketName } from '../../lib/naming';
import { ORGANIZATION_POLICY_EVENTS, RECORDER_CHANGE_EVENTS, TRAIL_CHANGE_EVENTS } from '../../stacks/management-stack';
import { resourceTarget } from '../helpers/accounts';
import { copyExampleConfig, editConfigFile } from '../helpers/config-fixtures';
import { EXAMPLE_CONFIG_DIR, EXAMPLE_LOG_ARCHIVE_ACCOUNT_ID, resourcesOfType, synthConfig, type TerraformJson } from '../helpers/synth';

const config = loadConfig(EXAMPLE_CONFIG_DIR).landingZone;

describe('management stack', () => {
  let stack: TerraformJson;
  let trail: TerraformJson;

  beforeAll(() => {
    stack = synthConfig(EXAMPLE_CONFIG_DIR).stacks.get('management') as TerraformJson;
    const trails = Object.values(resourcesOfType(stack, 'aws_cloudtrail'));
    expect(trails).toHaveLength(1);
    trail = trails[0];
  });

  it('designates the security account GuardDuty delegated administrator in both Regions', () => {
    const admins = Object.values(resourcesOfType(stack, 'aws_guardduty_organization_admin_account'));
    expect(admins.map((admin) => resourceTarget(stack, admin).region).sort()).toEqual([...config.allowedRegions].sort());
    // The security account, as the organization stack created it (cross-stack reference).
    for (const admin of admins)
      expect(admin.admin_account_id).toMatch(/outputs\.cross-stack-output-aws_organizations_accountaccount-securityid\}$/);
  });

  it('has one organization, multi-Region trail with global events and log file validation', () => {
    expect(trail.name).toBe(organizationTrailName(config));
    expect(trail.is_organization_trail).toBe(true);
    expect(trail.is_multi_region_trail).toBe(true);
    expect(trail.include_global_service_events).toBe(true);
    expect(trail.enable_log_file_validation).toBe(true);
    expect(trail.enable_logging).toBe(true);
    expect(trail.lifecycle.prevent_destroy).toBe(true);
    expect(resourceTarget(stack, trail)).toEqual({ account: config.managementAccount.accountId, region: config.homeRegion });
  });

  it('delivers to the log-archive CloudTrail bucket, encrypted with the log-archive home key', () => {
    expect(trail.s3_bucket_name).toBe(logBucketName(config, 'cloudtrail', config.homeRegion, EXAMPLE_LOG_ARCHIVE_ACCOUNT_ID));
    // A cross-stack reference to the key ARN (CloudTrail reports the key ARN, so an alias would drift).
    expect(trail.kms_key_id).toMatch(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-log-archive\.outputs\./);
  });

  it('records management events, S3 object writes of every bucket, and S3 object events of patient-data buckets by prefix', () => {
    const selectors: TerraformJson[] = trail.advanced_event_selector;
    const management = selectors.find((selector) =>
      selector.field_selector.some((field: TerraformJson) => field.field === 'eventCategory' && field.equals?.[0] === 'Management'),
    );
    expect(management).toBeDefined();
    const allWrites = selectors.find((selector) => selector.field_selector.some((field: TerraformJson) => field.field === 'readOnly'));
    expect(allWrites?.field_selector).toEqual([
      { field: 'eventCategory', equals: ['Data'] },
      { field: 'resources.type', equals: ['AWS::S3::Object'] },
      { field: 'readOnly', equals: ['false'] },
    ]);
    const data = selectors.find((selector) => selector.field_selector.some((field: TerraformJson) => field.field === 'resources.ARN'));
    const fields = Object.fromEntries((data?.field_selector ?? []).map((field: TerraformJson) => [field.field, field]));
    expect(fields['resources.type'].equals).toEqual(['AWS::S3::Object']);
    expect(fields['resources.ARN'].starts_with).toEqual([`arn:aws:s3:::${config.logging.patientDataBucketPrefix}`]);
  });

  it('copies the trail to a KMS-encrypted log group kept at least 365 days, through a role only this trail assumes', () => {
    const groups = Object.entries(resourcesOfType(stack, 'aws_cloudwatch_log_group'));
    expect(groups).toHaveLength(1);
    const [address, group] = groups[0];
    expect(group.name).toBe(trailLogGroupName(config));
    expect(group.retention_in_days).toBeGreaterThanOrEqual(365);
    expect(group.retention_in_days).toBe(config.logging.cloudWatchRetentionDays);
    expect(group.kms_key_id).toMatch(/^\$\{aws_kms_key\./);
    expect(group.lifecycle.prevent_destroy).toBe(true);
    expect(trail.cloud_watch_logs_group_arn).toBe(
      `arn:aws:logs:${config.homeRegion}:${config.managementAccount.accountId}:log-group:${group.name}:*`,
    );
    expect(trail.depends_on).toContain(`aws_cloudwatch_log_group.${address}`);
    const role = resourcesOfType(stack, 'aws_iam_role')[
      /\$\{aws_iam_role\.([^.]+)\.arn\}/.exec(trail.cloud_watch_logs_role_arn)?.[1] ?? ''
    ];
    const trust = JSON.parse(role?.assume_role_policy).Statement[0];
    expect(trust.Principal).toEqual({ Service: 'cloudtrail.amazonaws.com' });
    expect(trust.Condition.StringEquals['aws:SourceArn']).toBe(organizationTrailArn(config));
    const logsKey = resourcesOfType(stack, 'aws_kms_key')[/\$\{aws_kms_key\.([^.]+)\./.exec(group.kms_key_id)?.[1] ?? ''];
    const grant = JSON.parse(logsKey.policy).Statement.find(
      (statement: TerraformJson) => statement.Principal?.Service === `logs.${config.homeRegion}.amazonaws.com`,
    );
    expect(grant.Condition.ArnEquals['kms:EncryptionContext:aws:logs:arn']).toBe(
      `arn:aws:logs:${config.homeRegion}:${config.managementAccount.accountId}:log-group:${group.name}`,
    );
  });

  it('uses the configured CloudWatch retention', () => {
    const dir = copyExampleConfig();
    editConfigFile(dir, 'landing-zone.yaml', 'cloudWatchRetentionDays: 365', 'cloudWatchRetentionDays: 731');
    const group = Object.values(resourcesOfType(synthConfig(dir).stacks.get('management') as TerraformJson, 'aws_cloudwatch_log_group'))[0];
    expect(group.retention_in_days).toBe(731);
  });

  it('alarms in both Regions on trail and recorder changes and root sign-in, to encrypted topics', () => {
    const rules = Object.values(resourcesOfType(stack, 'aws_cloudwatch_event_rule'));
    const patterns = rules.map((rule) => ({ region: resourceTarget(stack, rule).region, pattern: JSON.parse(rule.event_pattern) }));
    for (const region of config.allowedRegions) {
      const inRegion = patterns.filter((entry) => entry.region === region).map((entry) => entry.pattern);
      expect(inRegion.find((pattern) => pattern.source[0] === 'aws.cloudtrail')?.detail.eventName).toEqual([...TRAIL_CHANGE_EVENTS]);
      expect(inRegion.find((pattern) => pattern.source[0] === 'aws.config')?.detail.eventName).toEqual([...RECORDER_CHANGE_EVENTS]);
      expect(inRegion.find((pattern) => pattern.source[0] === 'aws.signin')?.detail.userIdentity.type).toEqual(['Root']);
    }
    const targets = Object.values(resourcesOfType(stack, 'aws_cloudwatch_event_target'));
    expect(targets).toHaveLength(rules.length);
    for (const target of targets) expect(target.arn).toMatch(/^\$\{aws_sns_topic\./);
    for (const topic of Object.values(resourcesOfType(stack, 'aws_sns_topic')))
      expect(topic.kms_master_key_id).toMatch(/^\$\{aws_kms_key\./);
    const subscriptions = Object.values(resourcesOfType(stack, 'aws_sns_topic_subscription'));
    expect(subscriptions.map((subscription) => subscription.endpoint).sort()).toEqual(
      config.allowedRegions.flatMap(() => config.logging.alertEmails).sort(),
    );
  });

  it('catches global events (Organizations policies, root activity) from every Region through the trail log group', () => {
    const filters = Object.values(resourcesOfType(stack, 'aws_cloudwatch_log_metric_filter'));
    const organization = filters.find((filter) => filter.pattern.includes('organizations.amazonaws.com'));
    for (const name of ORGANIZATION_POLICY_EVENTS) expect(organization?.pattern).toContain(`"${name}"`);
    expect(filters.some((filter) => filter.pattern.includes('$.userIdentity.type = "Root"'))).toBe(true);
    const alarms = Object.values(resourcesOfType(stack, 'aws_cloudwatch_metric_alarm'));
    expect(alarms).toHaveLength(filters.length);
    for (const alarm of alarms) {
      expect(
        filters.some(
          (filter) => filter.metric_transformation.name === alarm.metric_name && filter.metric_transformation.namespace === alarm.namespace,
        ),
      ).toBe(true);
      expect(alarm.alarm_actions[0]).toMatch(/^\$\{aws_sns_topic\./);
    }
  });
  it('alarms on every new Transit Gateway attachment in any account (the compensating control of ADR 0701)', () => {
    const filter = Object.values(resourcesOfType(stack, 'aws_cloudwatch_log_metric_filter')).find(
      (candidate) => candidate.name === 'lz-transit-gateway-attachments',
    );
    expect(filter?.pattern).toContain('($.eventName = "CreateTransitGatewayVpcAttachment")');
    expect(filter?.pattern).toContain('($.errorCode NOT EXISTS)');
    expect(
      Object.values(resourcesOfType(stack, 'aws_cloudwatch_metric_alarm')).some(
        (alarm) => alarm.alarm_name === 'lz-transit-gateway-attachments',
      ),
    ).toBe(true);
  });

  it('designates the security account Inspector and Macie delegated administrator in each Region', () => {
    expect(Object.values(resourcesOfType(stack, 'aws_inspector2_delegated_admin_account'))).toHaveLength(2);
    expect(Object.values(resourcesOfType(stack, 'aws_macie2_organization_admin_account'))).toHaveLength(2);
  });
});
