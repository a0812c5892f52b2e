// The security-organization stack: NCSC organization conformance packs and GuardDuty's organization
// configuration, from the security account, deployed only after every member stack (so every account
// records with AWS Config first) and after the management stack's GuardDuty designation.
import { Testing } from 'cdktf';
import { loadConfig } from '../../lib/config/load';
import { CONFORMANCE_PACK_LIMITS } from '../../lib/conformance/packs';
import { ncscRules } from '../../lib/conformance/rules';
import { GUARDDUTY_FEATURES } from '../../lib/guardduty';
import { CONFORMANCE_PACK_TIMEOUTS, SecurityOrganizationStack } from '../../stacks/security-organization-stack';
import { resourceTarget } from '../helpers/accounts';
import { EXAMPLE_CONFIG_DIR, resourcesOfType, synthConfig, type SynthResult, type TerraformJson } from '../helpers/synth';

const config = loadConfig(EXAMPLE_CONFIG_DIR).landingZone;

describe('security-organization stack', () => {
  let synth: SynthResult;
  let stack: TerraformJson;
  const inRegion = (type: string, region: string) =>
    Object.values(resourcesOfType(stack, type)).filter((resource) => resourceTarget(stack, resource).region === region);

  beforeAll(() => {
    synth = synthConfig(EXAMPLE_CONFIG_DIR);
    stack = synth.stacks.get('security-organization') as TerraformJson;
  });

  it('deploys into the security account with the execution role, after every member stack and the GuardDuty designation', () => {
    const security = synth.stacks.get('security')!;
    expect(stack.provider.aws.map((provider: TerraformJson) => provider.allowed_account_ids)).toEqual(
      security.provider.aws.map((provider: TerraformJson) => provider.allowed_account_ids),
    );
    const dependencies: string[] = synth.manifest.stacks['security-organization'].dependencies;
    const memberStacks = [...synth.stacks.keys()].filter(
      (name) => name === 'log-archive' || name === 'network' || name === 'security' || name.startsWith('workload-'),
    );
    expect(memberStacks.length).toBeGreaterThan(4);
    for (const member of memberStacks) expect(dependencies).toContain(member);
    // The management stack designates GuardDuty (and carries the management account's recorder).
    expect(dependencies).toContain('management');
    expect(synth.manifest.stacks.management.dependencies).toContain('security');
  });

  it('deploys the NCSC conformance packs in both Regions, within limits, with timeouts for a whole organization', () => {
    const rulesPerRegion = new Map<string, string[]>();
    for (const region of config.allowedRegions) {
      // The NCSC packs; the backup tier tag pack has its own test (backup-tier-tag-pack.test.ts).
      const packs = inRegion('aws_config_organization_conformance_pack', region).filter((pack) => pack.name.startsWith('lz-ncsc-'));
      expect(packs.length).toBeGreaterThanOrEqual(2);
      for (const pack of packs) {
        expect(pack.timeouts).toEqual(CONFORMANCE_PACK_TIMEOUTS);
        expect(pack.template_body.length).toBeLessThanOrEqual(CONFORMANCE_PACK_LIMITS.maxTemplateChars);
        const names = Object.values(JSON.parse(pack.template_body).Resources).map(
          (resource) => (resource as TerraformJson).Properties.ConfigRuleName as string,
        );
        expect(names.length).toBeLessThanOrEqual(CONFORMANCE_PACK_LIMITS.maxRules);
        rulesPerRegion.set(region, [...(rulesPerRegion.get(region) ?? []), ...names]);
      }
    }
    const home = rulesPerRegion.get(config.homeRegion) ?? [];
    expect(home).toHaveLength(150);
    expect(new Set(home).size).toBe(150);
    const other = rulesPerRegion.get('eu-west-1') ?? [];
    expect(new Set(other)).toEqual(
      new Set(
        ncscRules()
          .filter((rule) => !rule.homeRegionOnly)
          .map((rule) => rule.name),
      ),
    );
  });

  it("auto-enables GuardDuty for every member with every protection plan, using the security stack's detector, in both Regions", () => {
    for (const region of config.allowedRegions) {
      const organization = inRegion('aws_guardduty_organization_configuration', region);
      expect(organization).toHaveLength(1);
      expect(organization[0].auto_enable_organization_members).toBe('ALL');
      // A cross-stack reference to the detector the security stack created (never a literal, never a look-up).
      expect(organization[0].detector_id).toMatch(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-security\.outputs\./);
      const features = inRegion('aws_guardduty_organization_configuration_feature', region);
      expect(features.map((feature) => feature.name).sort()).toEqual(GUARDDUTY_FEATURES.map((feature) => feature.name).sort());
      for (const feature of features) {
        expect(feature.detector_id).toBe(organization[0].detector_id);
        expect(feature.auto_enable).toBe('ALL');
        for (const extra of feature.additional_configuration ?? []) expect(extra.auto_enable).toBe('ALL');
      }
    }
  });

  it('auto-enables Inspector (EC2, ECR, Lambda, Lambda code) and Macie for accounts that join later, in both Regions, after the designations', () => {
    for (const region of config.allowedRegions) {
      const inspector = inRegion('aws_inspector2_organization_configuration', region);
      expect(inspector).toHaveLength(1);
      expect(inspector[0].auto_enable).toEqual({ ec2: true, ecr: true, lambda: true, lambda_code: true });
      const macie = inRegion('aws_macie2_organization_configuration', region);
      expect(macie.map((configuration) => configuration.auto_enable)).toEqual([true]);
    }
    // Only the delegated administrator may set them: the management stack designates it first.
    const management = synth.stacks.get('management')!;
    expect(Object.keys(resourcesOfType(management, 'aws_inspector2_delegated_admin_account'))).toHaveLength(config.allowedRegions.length);
    expect(Object.keys(resourcesOfType(management, 'aws_macie2_organization_admin_account'))).toHaveLength(config.allowedRegions.length);
    expect(synth.manifest.stacks['security-organization'].dependencies).toContain('management');
  });

  it("runs a scheduled Macie job over every account's buckets tagged with a patient-data classification, in both Regions", () => {
    const discovery = config.securityPosture.sensitiveDataDiscovery!;
    expect(discovery.classifications).toEqual(['OFFICIAL-SENSITIVE']);
    for (const region of config.allowedRegions) {
      const jobs = inRegion('aws_macie2_classification_job', region);
      expect(jobs).toHaveLength(1);
      const [job] = jobs;
      expect(job.job_type).toBe('SCHEDULED');
      expect(job.schedule_frequency).toEqual({ weekly_schedule: 'MONDAY' });
      expect(job.initial_run).toBe(true);
      expect(job.sampling_percentage).toBe(100);
      // Bucket criteria (evaluated at each run, across member accounts), not a fixed list of buckets.
      expect(job.s3_job_definition.bucket_definitions).toBeUndefined();
      expect(job.s3_job_definition.bucket_criteria.includes.and).toEqual([
        { tag_criterion: { comparator: 'EQ', tag_values: [{ key: 'data-classification', value: 'OFFICIAL-SENSITIVE' }] } },
      ]);
    }
    // The results repository (export configuration) is the security stack's, deployed before this one.
    expect(Object.keys(resourcesOfType(stack, 'aws_macie2_classification_export_configuration'))).toEqual([]);
    expect(synth.manifest.stacks['security-organization'].dependencies).toContain('security');
  });

  it('authorises the gateway VPC in the internet-gateway rule when the network stack provides it', () => {
    const app = Testing.app();
    const security = new SecurityOrganizationStack(app, 'security-organization', {
      config,
      accountId: '222222222222',
      guardDutyDetectorIds: { 'eu-west-2': 'd-home', 'eu-west-1': 'd-other' },
      authorizedInternetGatewayVpcIds: ['vpc-0abc1234def567890'],
    });
    const synthesized = JSON.parse(Testing.synth(security));
    const withParameter = Object.values(resourcesOfType(synthesized, 'aws_config_organization_conformance_pack')).filter(
      (pack) => pack.input_parameter?.length,
    );
    expect(withParameter).toHaveLength(config.allowedRegions.length);
    for (const pack of withParameter)
      expect(pack.input_parameter).toEqual([{ parameter_name: 'AuthorizedVpcIds', parameter_value: 'vpc-0abc1234def567890' }]);
    const detectors = Object.values(resourcesOfType(synthesized, 'aws_guardduty_organization_configuration'))
      .map((configuration) => configuration.detector_id)
      .sort();
    expect(detectors).toEqual(['d-home', 'd-other']);
  });
});
