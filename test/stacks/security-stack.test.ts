import { loadConfig } from '../../lib/config/load';
import { GUARDDUTY_FEATURES, HIGH_SEVERITY } from '../../stacks/security-stack';
import { resourceTarget } from '../helpers/accounts';
import { EXAMPLE_CONFIG_DIR, resourcesOfType, synthConfig, type TerraformJson } from '../helpers/synth';

const config = loadConfig(EXAMPLE_CONFIG_DIR).landingZone;

describe('security stack', () => {
  let stack: TerraformJson;
  const inRegion = (type: string, region: string) =>
    Object.values(resourcesOfType(stack, type)).filter((resource) => resourceTarget(stack, resource).region === region);

  beforeAll(() => {
    stack = synthConfig(EXAMPLE_CONFIG_DIR).stacks.get('security') as TerraformJson;
  });

  it('aggregates Config for the whole organization across every allowed Region', () => {
    const aggregators = Object.values(resourcesOfType(stack, 'aws_config_configuration_aggregator'));
    expect(aggregators).toHaveLength(1);
    const source = aggregators[0].organization_aggregation_source;
    expect(source.regions.sort()).toEqual([...config.allowedRegions].sort());
    expect(aggregators[0].account_aggregation_source).toBeUndefined();
    const role = Object.values(resourcesOfType(stack, 'aws_iam_role')).find(
      (candidate) =>
        source.role_arn.includes('aws_iam_role.') &&
        JSON.parse(candidate.assume_role_policy).Statement[0].Principal.Service === 'config.amazonaws.com',
    );
    expect(role?.name).toBe('lz-config-aggregator');
    const attachment = Object.values(resourcesOfType(stack, 'aws_iam_role_policy_attachment')).find((candidate) =>
      candidate.policy_arn.endsWith('/AWSConfigRoleForOrganizations'),
    );
    expect(attachment).toBeDefined();
  });

  it('runs its own GuardDuty detector with every protection plan in both Regions, and leaves the organization configuration to security-organization', () => {
    for (const region of config.allowedRegions) {
      expect(inRegion('aws_guardduty_detector', region)).toHaveLength(1);
      const features = inRegion('aws_guardduty_detector_feature', region);
      expect(features.map((feature) => feature.name).sort()).toEqual(GUARDDUTY_FEATURES.map((feature) => feature.name).sort());
      expect(features.every((feature) => feature.status === 'ENABLED')).toBe(true);
    }
    expect(resourcesOfType(stack, 'aws_guardduty_organization_configuration')).toEqual({});
    expect(resourcesOfType(stack, 'aws_config_organization_conformance_pack')).toEqual({});
  });

  it('configures Security Hub centrally with FSBP and CIS v3.0 for the whole organization, aggregating eu-west-1 into eu-west-2', () => {
    // Designation enabled Security Hub here already, and the central policy governs this account too.
    expect(resourcesOfType(stack, 'aws_securityhub_account')).toEqual({});
    const aggregator = Object.values(resourcesOfType(stack, 'aws_securityhub_finding_aggregator'));
    expect(aggregator).toHaveLength(1);
    expect(resourceTarget(stack, aggregator[0]).region).toBe('eu-west-2');
    expect(aggregator[0].linking_mode).toBe('SPECIFIED_REGIONS');
    expect(aggregator[0].specified_regions).toEqual(['eu-west-1']);
    const organization = Object.values(resourcesOfType(stack, 'aws_securityhub_organization_configuration'))[0];
    expect(organization.organization_configuration.configuration_type).toBe('CENTRAL');
    const policy = Object.values(resourcesOfType(stack, 'aws_securityhub_configuration_policy'))[0];
    expect(policy.configuration_policy.service_enabled).toBe(true);
    expect(policy.configuration_policy.enabled_standard_arns.sort()).toEqual([
      'arn:aws:securityhub:eu-west-2::standards/aws-foundational-security-best-practices/v/1.0.0',
      'arn:aws:securityhub:eu-west-2::standards/cis-aws-foundations-benchmark/v/3.0.0',
    ]);
    const association = Object.values(resourcesOfType(stack, 'aws_securityhub_configuration_policy_association'))[0];
    expect(association.target_id).toMatch(/aws_organizations_organization.*roots/);
  });

  it('runs an organization Access Analyzer in each Region', () => {
    for (const region of config.allowedRegions) {
      // The organization analyzer, and the account's own external access analyzer from the baseline (IAM.28).
      const analyzers = inRegion('aws_accessanalyzer_analyzer', region);
      expect(analyzers.map((analyzer) => analyzer.type).sort()).toEqual(['ACCOUNT', 'ORGANIZATION']);
    }
  });

  it('routes high-severity GuardDuty and Security Hub findings to encrypted topics with the configured subscribers', () => {
    const rules = Object.values(resourcesOfType(stack, 'aws_cloudwatch_event_rule')).map((rule) => ({
      region: resourceTarget(stack, rule).region,
      pattern: JSON.parse(rule.event_pattern),
    }));
    for (const region of config.allowedRegions) {
      const guardDuty = rules.find((rule) => rule.region === region && rule.pattern.source[0] === 'aws.guardduty');
      expect(guardDuty?.pattern.detail.severity).toEqual([{ numeric: ['>=', HIGH_SEVERITY] }]);
    }
    const securityHub = rules.filter((rule) => rule.pattern.source[0] === 'aws.securityhub');
    // One rule, in the aggregation Region, sees every Region's findings.
    expect(securityHub.map((rule) => rule.region)).toEqual([config.homeRegion]);
    expect(securityHub[0].pattern.detail.findings.Severity.Label).toEqual(['HIGH', 'CRITICAL']);
    for (const topic of Object.values(resourcesOfType(stack, 'aws_sns_topic')))
      expect(topic.kms_master_key_id).toMatch(/^\$\{aws_kms_key\./);
    for (const policy of Object.values(resourcesOfType(stack, 'aws_sns_topic_policy'))) {
      // Each publisher only for its own rules or alarms in this account (aws:SourceArn); the
      // deliveries themselves are proven in test/invariants/service-write-paths.test.ts.
      // The backup account's restore-results role is the one cross-account publisher (test/stacks/backup-restore-results.test.ts).
      const allows = JSON.parse(policy.policy).Statement.filter(
        (statement: TerraformJson) => statement.Effect === 'Allow' && !statement.Sid.startsWith('CrossAccountPublisher'),
      );
      expect(allows.map((allow: TerraformJson) => allow.Principal.Service).sort()).toEqual([
        'cloudwatch.amazonaws.com',
        'events.amazonaws.com',
      ]);
      for (const allow of allows)
        expect(allow.Condition.ArnLike['aws:SourceArn']).toMatch(/^arn:aws:(events|cloudwatch):eu-west-[12]:.+:(rule\/\*|alarm:\*)$/);
    }
    const endpoints = Object.values(resourcesOfType(stack, 'aws_sns_topic_subscription')).map((subscription) => subscription.endpoint);
    expect(endpoints.sort()).toEqual(config.allowedRegions.flatMap(() => config.logging.alertEmails).sort());
  });

  it('suppresses each accepted exception with an automation rule scoped to exactly what it covers, in the home Region only', () => {
    const rules = Object.values(resourcesOfType(stack, 'aws_securityhub_automation_rule'));
    for (const rule of rules) {
      expect(resourceTarget(stack, rule).region).toBe(config.homeRegion);
      expect(rule.actions[0].finding_fields_update[0].workflow[0].status).toBe('SUPPRESSED');
      expect(rule.criteria[0].compliance_status).toEqual([{ comparison: 'EQUALS', value: 'FAILED' }]);
      expect(rule.description).toMatch(/Decision: docs\/decisions\/(07\d\d|0624)-/);
    }
    const byControl = Object.fromEntries(rules.map((rule) => [rule.criteria[0].compliance_security_control_id[0].value, rule.criteria[0]]));
    expect(Object.keys(byControl).sort()).toEqual(['EC2.10', 'EC2.23', 'EC2.55', 'EC2.56', 'EC2.57', 'S3.23', 'S3.9']);
    // The Transit Gateway exception: the network account's Transit Gateways only.
    expect(byControl['EC2.23'].aws_account_id).toEqual([
      { comparison: 'EQUALS', value: expect.stringContaining('accountaccount-networkid') },
    ]);
    expect(byControl['EC2.23'].resource_type).toEqual([{ comparison: 'EQUALS', value: 'AwsEc2TransitGateway' }]);
    // S3.9: the access-log buckets by ARN, nothing else.
    expect(byControl['S3.9'].resource_id.map((criterion: TerraformJson) => criterion.value)).toEqual([
      expect.stringMatching(/^arn:aws:s3:::exvalley-lz-access-logs-.*-euw2$/),
      expect.stringMatching(/^arn:aws:s3:::exvalley-lz-access-logs-.*-euw1$/),
      'arn:aws:s3:::exvalley-lz-tfstate-access-logs-111111111111',
      // The access-log buckets of the Macie results buckets, beside them in this account.
      expect.stringMatching(/^arn:aws:s3:::exvalley-lz-sec-access-logs-.*-euw2$/),
      expect.stringMatching(/^arn:aws:s3:::exvalley-lz-sec-access-logs-.*-euw1$/),
      // Beside the Backup Audit Manager reports, in the backup account (home Region only).
      expect.stringMatching(/^arn:aws:s3:::exvalley-lz-backup-access-logs-.*-euw2$/),
    ]);
    // The per-VPC endpoint controls the central endpoints answer instead (ADR 0624): VPC findings only.
    for (const control of ['EC2.10', 'EC2.55', 'EC2.56', 'EC2.57'])
      expect(byControl[control].resource_type).toEqual([{ comparison: 'EQUALS', value: 'AwsEc2Vpc' }]);
  });

  it("keeps Macie's discovery results in a KMS-encrypted, access-logged bucket per Region that only Macie, for this account, may write", () => {
    for (const region of config.allowedRegions) {
      const [exportConfiguration, ...others] = inRegion('aws_macie2_classification_export_configuration', region);
      expect(others).toEqual([]);
      const destination = exportConfiguration.s3_destination;
      const bucket = inRegion('aws_s3_bucket', region).find((candidate) => candidate.tags?.['lz:purpose'] === 'macie-discovery-results')!;
      expect(bucket.lifecycle.prevent_destroy).toBe(true);
      expect(destination.bucket_name).toMatch(/aws_s3_bucket\.macie-results-/);
      expect(destination.key_prefix).toBe('discovery-results/');
      expect(destination.kms_key_arn).toMatch(/^\$\{aws_kms_key\.macie-results-.*\.arn\}$/);
      // Macie must be enabled in this account before it accepts the configuration.
      expect(exportConfiguration.depends_on.some((dependency: string) => dependency.startsWith('aws_macie2_account.'))).toBe(true);

      const key = inRegion('aws_kms_key', region).find((candidate) => candidate.description.includes('Macie'))!;
      expect(key.enable_key_rotation).toBe(true);
      const keyStatement = JSON.parse(key.policy).Statement.find(
        (statement: TerraformJson) => statement.Principal?.Service === 'macie.amazonaws.com',
      );
      expect(keyStatement.Action).toEqual(['kms:GenerateDataKey', 'kms:Encrypt']);
      expect(keyStatement.Condition.StringEquals['aws:SourceAccount']).toMatch(/accountaccount-securityid/);
      expect(keyStatement.Condition.ArnLike['aws:SourceArn']).toEqual([
        expect.stringMatching(new RegExp(`^arn:aws:macie2:${region}:.*:export-configuration:\\*$`)),
        expect.stringMatching(new RegExp(`^arn:aws:macie2:${region}:.*:classification-job/\\*$`)),
      ]);

      const policies = inRegion('aws_s3_bucket_policy', region).map((policy) => JSON.parse(policy.policy));
      const bucketPolicy = policies.find((policy) =>
        policy.Statement.some((statement: TerraformJson) => statement.Sid === 'MaciePutResults'),
      )!;
      const sids = bucketPolicy.Statement.map((statement: TerraformJson) => statement.Sid);
      expect(sids).toEqual(['DenyInsecureTransport', 'MacieGetBucketLocation', 'MaciePutResults', 'DenyResultsNotEncryptedWithKms']);
      expect(
        inRegion('aws_s3_bucket_server_side_encryption_configuration', region).some(
          (encryption) =>
            encryption.rule[0].apply_server_side_encryption_by_default.sse_algorithm === 'aws:kms' &&
            /macie-results/.test(encryption.rule[0].apply_server_side_encryption_by_default.kms_master_key_id),
        ),
      ).toBe(true);
      expect(
        inRegion('aws_s3_bucket_logging', region).some(
          (logging) =>
            /macie-results-.*_results_bucket/.test(logging.bucket) && /macie-results-.*_access-logs_bucket/.test(logging.target_bucket),
        ),
      ).toBe(true);
    }
  });
});
