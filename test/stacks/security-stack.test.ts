import { Testing } from 'cdktf';
import { loadConfig } from '../../lib/config/load';
import { CONFORMANCE_PACK_LIMITS } from '../../lib/conformance/packs';
import { ncscRules } from '../../lib/conformance/rules';
import { GUARDDUTY_FEATURES, HIGH_SEVERITY, SecurityStack } from '../../stacks/security-stack';
import { resourceTarget } from '../helpers/accounts';
import { EXAMPLE_CONFIG_DIR, resourcesOfType, synthConfig, type TerraformJson } from '../helpers/synth';

const config = loadConfig(EXAMPLE_CONFIG_DIR).landingZone;

describe('security stack', () => {
  let stack: TerraformJson;
  const inRegion = (type: string, region: string) => Object.values(resourcesOfType(stack, type)).filter((resource) => resourceTarget(stack, resource).region === region);

  beforeAll(() => {
    stack = synthConfig(EXAMPLE_CONFIG_DIR).stacks.get('security') as TerraformJson;
  });

  it('aggregates Config for the whole organization across every allowed Region', () => {
    const aggregators = Object.values(resourcesOfType(stack, 'aws_config_configuration_aggregator'));
    expect(aggregators).toHaveLength(1);
    const source = aggregators[0].organization_aggregation_source;
    expect(source.regions.sort()).toEqual([...config.allowedRegions].sort());
    expect(aggregators[0].account_aggregation_source).toBeUndefined();
    const role = Object.values(resourcesOfType(stack, 'aws_iam_role')).find((candidate) => source.role_arn.includes('aws_iam_role.') && JSON.parse(candidate.assume_role_policy).Statement[0].Principal.Service === 'config.amazonaws.com');
    expect(role?.name).toBe('lz-config-aggregator');
    const attachment = Object.values(resourcesOfType(stack, 'aws_iam_role_policy_attachment')).find((candidate) => candidate.policy_arn.endsWith('/AWSConfigRoleForOrganizations'));
    expect(attachment).toBeDefined();
  });

  it('deploys the NCSC conformance packs in both Regions, after this account\'s recorder, within limits', () => {
    const rulesPerRegion = new Map<string, string[]>();
    for (const region of config.allowedRegions) {
      const packs = inRegion('aws_config_organization_conformance_pack', region);
      expect(packs.length).toBeGreaterThanOrEqual(2);
      const statuses = Object.entries(resourcesOfType(stack, 'aws_config_configuration_recorder_status')).filter(([, status]) => resourceTarget(stack, status).region === region);
      expect(statuses).toHaveLength(1);
      for (const pack of packs) {
        expect(pack.template_body.length).toBeLessThanOrEqual(CONFORMANCE_PACK_LIMITS.maxTemplateChars);
        expect(pack.depends_on).toContain(`aws_config_configuration_recorder_status.${statuses[0][0]}`);
        const names = Object.values(JSON.parse(pack.template_body).Resources).map((resource) => (resource as TerraformJson).Properties.ConfigRuleName as string);
        expect(names.length).toBeLessThanOrEqual(CONFORMANCE_PACK_LIMITS.maxRules);
        rulesPerRegion.set(region, [...(rulesPerRegion.get(region) ?? []), ...names]);
      }
    }
    const home = rulesPerRegion.get(config.homeRegion) ?? [];
    expect(home).toHaveLength(150);
    expect(new Set(home).size).toBe(150);
    const other = rulesPerRegion.get('eu-west-1') ?? [];
    expect(new Set(other)).toEqual(new Set(ncscRules().filter((rule) => !rule.homeRegionOnly).map((rule) => rule.name)));
  });

  it('runs a GuardDuty detector and auto-enables every member with every protection plan, in both Regions', () => {
    for (const region of config.allowedRegions) {
      const detectors = Object.entries(resourcesOfType(stack, 'aws_guardduty_detector')).filter(([, detector]) => resourceTarget(stack, detector).region === region);
      expect(detectors).toHaveLength(1);
      const detectorRef = `\${aws_guardduty_detector.${detectors[0][0]}.id}`;
      const organization = inRegion('aws_guardduty_organization_configuration', region);
      expect(organization).toHaveLength(1);
      expect(organization[0].auto_enable_organization_members).toBe('ALL');
      expect(organization[0].detector_id).toBe(detectorRef);
      const features = inRegion('aws_guardduty_organization_configuration_feature', region);
      expect(features.map((feature) => feature.name).sort()).toEqual(GUARDDUTY_FEATURES.map((feature) => feature.name).sort());
      for (const feature of features) {
        expect(feature.auto_enable).toBe('ALL');
        for (const extra of feature.additional_configuration ?? []) expect(extra.auto_enable).toBe('ALL');
      }
      expect(inRegion('aws_guardduty_detector_feature', region).every((feature) => feature.status === 'ENABLED')).toBe(true);
    }
  });

  it('configures Security Hub centrally with FSBP and CIS v3.0 for the whole organization, aggregating eu-west-1 into eu-west-2', () => {
    expect(inRegion('aws_securityhub_account', 'eu-west-1')).toHaveLength(1);
    expect(inRegion('aws_securityhub_account', 'eu-west-2')).toHaveLength(1);
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
      const analyzers = inRegion('aws_accessanalyzer_analyzer', region);
      expect(analyzers).toHaveLength(1);
      expect(analyzers[0].type).toBe('ORGANIZATION');
    }
  });

  it('routes high-severity GuardDuty and Security Hub findings to encrypted topics with the configured subscribers', () => {
    const rules = Object.values(resourcesOfType(stack, 'aws_cloudwatch_event_rule')).map((rule) => ({ region: resourceTarget(stack, rule).region, pattern: JSON.parse(rule.event_pattern) }));
    for (const region of config.allowedRegions) {
      const guardDuty = rules.find((rule) => rule.region === region && rule.pattern.source[0] === 'aws.guardduty');
      expect(guardDuty?.pattern.detail.severity).toEqual([{ numeric: ['>=', HIGH_SEVERITY] }]);
    }
    const securityHub = rules.filter((rule) => rule.pattern.source[0] === 'aws.securityhub');
    // One rule, in the aggregation Region, sees every Region's findings.
    expect(securityHub.map((rule) => rule.region)).toEqual([config.homeRegion]);
    expect(securityHub[0].pattern.detail.findings.Severity.Label).toEqual(['HIGH', 'CRITICAL']);
    for (const topic of Object.values(resourcesOfType(stack, 'aws_sns_topic'))) expect(topic.kms_master_key_id).toMatch(/^\$\{aws_kms_key\./);
    for (const policy of Object.values(resourcesOfType(stack, 'aws_sns_topic_policy'))) {
      // Each publisher only for its own rules or alarms in this account (aws:SourceArn); the
      // deliveries themselves are proven in test/invariants/service-write-paths.test.ts.
      const allows = JSON.parse(policy.policy).Statement.filter((statement: TerraformJson) => statement.Effect === 'Allow');
      expect(allows.map((allow: TerraformJson) => allow.Principal.Service).sort()).toEqual(['cloudwatch.amazonaws.com', 'events.amazonaws.com']);
      for (const allow of allows) expect(allow.Condition.ArnLike['aws:SourceArn']).toMatch(/^arn:aws:(events|cloudwatch):eu-west-[12]:.+:(rule\/\*|alarm:\*)$/);
    }
    const endpoints = Object.values(resourcesOfType(stack, 'aws_sns_topic_subscription')).map((subscription) => subscription.endpoint);
    expect(endpoints.sort()).toEqual(config.allowedRegions.flatMap(() => config.logging.alertEmails).sort());
  });

  it('authorises the gateway VPC in the internet-gateway rule when the network stack provides it', () => {
    const app = Testing.app();
    const security = new SecurityStack(app, 'security', {
      config,
      accountId: '222222222222',
      logArchiveAccountId: '333333333333',
      organizationRootId: 'r-abcd',
      authorizedInternetGatewayVpcIds: ['vpc-0abc1234def567890'],
    });
    const synthesized = JSON.parse(Testing.synth(security));
    const withParameter = Object.values(resourcesOfType(synthesized, 'aws_config_organization_conformance_pack')).filter((pack) => pack.input_parameter?.length);
    expect(withParameter).toHaveLength(config.allowedRegions.length);
    for (const pack of withParameter) expect(pack.input_parameter).toEqual([{ parameter_name: 'AuthorizedVpcIds', parameter_value: 'vpc-0abc1234def567890' }]);
  });
});
