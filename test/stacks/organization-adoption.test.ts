// Issue 11 items 4 and 5: the organization is created when there is none and adopted (imported) when
// the management account already has one; trusted-service principals that AWS enables by itself are
// never disabled by the next apply; and StackSets trusted access is activated through CloudFormation,
// idempotently, before the service-managed StackSet.
import { loadConfig } from '../../lib/config/load';
import { prepareOfflineStack } from '../../tools/terraform/offline';
import { SELF_ENABLED_TRUSTED_ACCESS, TRUSTED_SERVICE_PRINCIPALS, trustedServicePrincipals } from '../../lib/trusted-services';
import { activateOrganizationsAccessCommand } from '../../modules/stacksets-organizations-access';
import { copyExampleConfig, editConfigFile } from '../helpers/config-fixtures';
import { EXAMPLE_CONFIG_DIR, resourcesOfType, synthConfig, type TerraformJson } from '../helpers/synth';

const ORG_ADDRESS = 'aws_organizations_organization.organization';

function adoptingConfig(extra = ''): string {
  const dir = copyExampleConfig();
  editConfigFile(dir, 'landing-zone.yaml', '  namePrefix: exvalley\n', `  namePrefix: exvalley\n  existingId: o-a1b2c3d4e5${extra}\n`);
  return dir;
}

describe('organization: created or adopted', () => {
  const created = synthConfig().stacks.get('organization') as TerraformJson;
  const adoptedStacks = synthConfig(adoptingConfig()).stacks;
  const adopted = adoptedStacks.get('organization') as TerraformJson;

  it('creates the organization when configuration names none (no import of it)', () => {
    expect((created.import ?? []).filter((block: { to: string }) => block.to === ORG_ADDRESS)).toEqual([]);
  });

  it('imports the existing organization by organization.existingId, still protected from destroy', () => {
    expect(adopted.import).toEqual(expect.arrayContaining([{ to: ORG_ADDRESS, id: 'o-a1b2c3d4e5' }]));
    const [org] = Object.values(resourcesOfType(adopted, 'aws_organizations_organization'));
    expect(org.lifecycle.prevent_destroy).toBe(true);
    expect(org.feature_set).toBe('ALL');
  });

  it('still plans offline: the organization import is set aside and reported like account imports', () => {
    const offline = prepareOfflineStack(adopted, adoptedStacks);
    expect(offline.json.import).toBeUndefined();
    expect(offline.importsSetAside).toContainEqual({ to: ORG_ADDRESS, id: 'o-a1b2c3d4e5' });
  });

  it('refuses an organization ID that is not one, with file:line: field', () => {
    const dir = copyExampleConfig();
    editConfigFile(dir, 'landing-zone.yaml', '  namePrefix: exvalley\n', '  namePrefix: exvalley\n  existingId: org-123456\n');
    expect(() => loadConfig(dir)).toThrow(/landing-zone\.yaml:\d+: organization\.existingId: .*must be an AWS Organizations ID/);
  });
});

describe('trusted-service principals survive the next apply', () => {
  const principalsOf = (stack: TerraformJson): string[] =>
    Object.values(resourcesOfType(stack, 'aws_organizations_organization'))[0].aws_service_access_principals;

  it('lists every principal that a service of this estate enables by itself (so apply never disables it)', () => {
    const principals = principalsOf(synthConfig().stacks.get('organization') as TerraformJson);
    for (const entry of SELF_ENABLED_TRUSTED_ACCESS)
      expect([entry.principal, principals.includes(entry.principal)]).toEqual([entry.principal, true]);
    expect([...principals].sort()).toEqual([...TRUSTED_SERVICE_PRINCIPALS].sort());
    for (const entry of SELF_ENABLED_TRUSTED_ACCESS) expect(entry.reference).toMatch(/Guide/);
  });

  it("keeps an adopted organization's other principals when configuration lists them", () => {
    const stack = synthConfig(
      adoptingConfig('\n  otherTrustedServices: [health.amazonaws.com, reporting.trustedadvisor.amazonaws.com]'),
    ).stacks.get('organization') as TerraformJson;
    const principals = principalsOf(stack);
    expect(principals).toEqual(
      expect.arrayContaining(['health.amazonaws.com', 'reporting.trustedadvisor.amazonaws.com', ...TRUSTED_SERVICE_PRINCIPALS]),
    );
    expect(principals).toHaveLength(TRUSTED_SERVICE_PRINCIPALS.length + 2);
  });

  it('does not duplicate a principal the landing zone already enables', () => {
    const config = loadConfig(EXAMPLE_CONFIG_DIR).landingZone;
    expect(
      trustedServicePrincipals({ ...config, organization: { ...config.organization, otherTrustedServices: ['sso.amazonaws.com'] } }),
    ).toHaveLength(TRUSTED_SERVICE_PRINCIPALS.length);
  });
});

describe('StackSets trusted access', () => {
  const stack = synthConfig().stacks.get('organization') as TerraformJson;
  const activations = resourcesOfType(stack, 'terraform_data');
  const [[activationName, activation]] = Object.entries(activations);

  it('is activated through CloudFormation, only in the management account, only when not already enabled', () => {
    expect(Object.keys(activations)).toHaveLength(1);
    const command: string = activation.provisioner[0]['local-exec'].command;
    expect(command).toBe(activateOrganizationsAccessCommand('111111111111', 'eu-west-2'));
    expect(command).toContain('aws cloudformation describe-organizations-access --region eu-west-2');
    expect(command).toMatch(
      /if \[ "\$status" != "ENABLED" \]; then aws cloudformation activate-organizations-access --region eu-west-2; fi/,
    );
    expect(command).toMatch(/if \[ "\$account" != "111111111111" \]; then .* exit 1; fi/);
    expect(command.startsWith('set -eu')).toBe(true);
    expect(activation.depends_on).toEqual([`${ORG_ADDRESS}`]);
    expect(activation.triggers_replace).toEqual({ organization: `\${${ORG_ADDRESS}.id}`, region: 'eu-west-2' });
  });

  it('comes before the service-managed StackSet that needs it', () => {
    const [stackSet] = Object.values(resourcesOfType(stack, 'aws_cloudformation_stack_set'));
    expect(stackSet.permission_model).toBe('SERVICE_MANAGED');
    expect(stackSet.depends_on).toEqual(expect.arrayContaining([`terraform_data.${activationName}`, ORG_ADDRESS]));
  });
});
