// Resources AWS creates by itself (lib/aws-implicit-resources.ts): the synthesized estate never tries to
// create one of them unless an import adopts it, the estate creates it before the AWS action that
// would, or the adopted account's configuration says it is absent. Checked on the example, on the
// example with every core account adopted, and the checker itself is shown to catch each kind of rule.
import { IMPLICIT_RESOURCE_RULES } from '../../lib/aws-implicit-resources';
import { loadConfig } from '../../lib/config/load';
import { findImplicitResourceCollisions, type SynthesizedEstate } from '../../tools/deployment/implicit-resources';
import { copyExampleConfig, editConfigFile } from '../helpers/config-fixtures';
import { EXAMPLE_CONFIG_DIR, synthConfig, type TerraformJson } from '../helpers/synth';

function check(dir: string, estate: SynthesizedEstate = synthConfig(dir)) {
  const loaded = loadConfig(dir);
  return findImplicitResourceCollisions(
    estate,
    loaded.landingZone,
    loaded.accounts.map((account) => account.config),
  );
}

const describeViolations = (violations: ReturnType<typeof check>) =>
  violations.map((v) => `${v.rule}: ${v.stack} ${v.address} (${v.account}, ${v.region})`);

describe('resources AWS creates by itself', () => {
  it('every rule names the AWS documentation (or provider issue) that establishes it', () => {
    for (const rule of IMPLICIT_RESOURCE_RULES) {
      expect(rule.reference).toMatch(/https:\/\/docs\.aws\.amazon\.com\/|hashicorp\/terraform-provider-aws#\d+/);
      if (rule.allowedWhen.includes('created-before-trigger')) expect(rule.triggerType).toBeDefined();
      if (rule.allowedWhen.includes('declared-absent')) expect(rule.adoptionKey).toBeDefined();
    }
    expect(new Set(IMPLICIT_RESOURCE_RULES.map((rule) => rule.id)).size).toBe(IMPLICIT_RESOURCE_RULES.length);
  });

  it('the example estate never creates what AWS already made', () => {
    expect(describeViolations(check(EXAMPLE_CONFIG_DIR))).toEqual([]);
  });

  it('adopted accounts import exactly what their adoption says exists, under its names, and create the rest', () => {
    const { stacks } = synthConfig(EXAMPLE_CONFIG_DIR);
    const imports: { to: string; id: string }[] = stacks.get('workload-analytics-dev')!.import;
    const imported = (prefix: string) => imports.filter((block) => block.to.startsWith(prefix)).map((block) => block.id);
    expect(imported('aws_iam_service_linked_role.')).toEqual([
      'arn:aws:iam::333333333333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig',
    ]);
    expect(imported('aws_config_configuration_recorder.')).toEqual(['default']);
    expect(imported('aws_config_configuration_recorder_status.')).toEqual(['default']);
    expect(imported('aws_config_delivery_channel.')).toEqual(['default']);
    // eu-west-1 has no recorder in the example's adoption, so there it is created.
    const recorders = stacks.get('workload-analytics-dev')!.resource.aws_config_configuration_recorder as Record<string, TerraformJson>;
    expect(Object.keys(recorders)).toHaveLength(2);
    expect(imports.find((block) => block.to.includes('recorder-euw1'))).toBeUndefined();
    // A new account imports nothing.
    expect(stacks.get('workload-clinical-portal-prod')!.import).toBeUndefined();
  });

  it('an adopted core account with an existing recorder under another name keeps that name and is clean', () => {
    const dir = copyExampleConfig();
    editConfigFile(
      dir,
      'landing-zone.yaml',
      '    ou: Infrastructure\n',
      '    ou: Infrastructure\n    accountId: "555555555555"\n    adoption:\n      configServiceLinkedRole: true\n      configRecorders:\n        eu-west-1: { recorder: legacy-recorder }\n',
    );
    const { stacks, manifest } = synthConfig(dir);
    const network = stacks.get('network')!;
    const recorders = Object.values<TerraformJson>(network.resource.aws_config_configuration_recorder)
      .map((recorder) => recorder.name)
      .sort();
    expect(recorders).toEqual(['default', 'legacy-recorder']);
    expect((network.import as { to: string; id: string }[]).map((block) => block.id).sort()).toEqual([
      'arn:aws:iam::555555555555:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig',
      'legacy-recorder',
      'legacy-recorder',
    ]);
    expect(describeViolations(check(dir, { stacks, manifest }))).toEqual([]);
  });

  it('catches each kind of collision (the checker can fail)', () => {
    const { stacks, manifest } = synthConfig(EXAMPLE_CONFIG_DIR);
    const edited = new Map([...stacks].map(([name, json]) => [name, JSON.parse(JSON.stringify(json)) as TerraformJson]));
    const security = edited.get('security')!;
    // Security Hub subscription in the delegated administrator (and under central configuration).
    security.resource.aws_securityhub_account = { hub: { enable_default_standards: false } };
    // A service-linked role that GuardDuty makes itself.
    security.resource.aws_iam_service_linked_role = { guardduty: { aws_service_name: 'guardduty.amazonaws.com' } };
    // The adopted account's recorder no longer imported.
    const analytics = edited.get('workload-analytics-dev')!;
    analytics.import = (analytics.import as { to: string }[]).filter((block) => !block.to.startsWith('aws_config_configuration_recorder.'));
    // GuardDuty designated before the security stack could create its detector.
    const managementDesignations = edited.get('management')!.resource.aws_guardduty_organization_admin_account;
    edited.get('organization')!.resource.aws_guardduty_organization_admin_account = managementDesignations;
    const rules = new Set(check(EXAMPLE_CONFIG_DIR, { stacks: edited, manifest }).map((violation) => violation.rule));
    expect([...rules].sort()).toEqual([
      'config-recorder-of-adopted-account',
      'guardduty-detector-of-delegated-administrator',
      'securityhub-subscription-of-delegated-administrator',
      'securityhub-subscription-under-central-configuration',
      'service-linked-role-AWSServiceRoleForAmazonGuardDuty',
    ]);
  });
});
