// The organization stack: features, trusted services, OUs from config, accounts that can never be
// destroyed or closed by Terraform, adoption by import, delegated administration.
import { TRUSTED_SERVICE_PRINCIPALS } from '../../stacks/organization-stack';
import { copyExampleConfig, editConfigFile } from '../helpers/config-fixtures';
import { resourcesOfType, synthConfig } from '../helpers/synth';

describe('organization stack', () => {
  const organization = synthConfig().stacks.get('organization')!;

  it('creates an all-features organization with SCPs and RCPs enabled, protected from destroy', () => {
    const [org] = Object.values(resourcesOfType(organization, 'aws_organizations_organization'));
    expect(org.feature_set).toBe('ALL');
    // Backup and tag policies too, because the example has the backup section.
    expect(org.enabled_policy_types.sort()).toEqual([
      'BACKUP_POLICY',
      'DECLARATIVE_POLICY_EC2',
      'RESOURCE_CONTROL_POLICY',
      'SERVICE_CONTROL_POLICY',
      'TAG_POLICY',
    ]);
    expect(org.lifecycle.prevent_destroy).toBe(true);
    expect(org.aws_service_access_principals).toEqual(
      expect.arrayContaining([
        'cloudtrail.amazonaws.com',
        'config.amazonaws.com',
        'config-multiaccountsetup.amazonaws.com',
        'guardduty.amazonaws.com',
        'securityhub.amazonaws.com',
        'access-analyzer.amazonaws.com',
        'ram.amazonaws.com',
        'sso.amazonaws.com',
        'account.amazonaws.com',
        'iam.amazonaws.com',
      ]),
    );
    expect(org.aws_service_access_principals).toHaveLength(TRUSTED_SERVICE_PRINCIPALS.length);
    // Not used by this design, so not trusted.
    expect(org.aws_service_access_principals).not.toContain('ipam.amazonaws.com');
    expect(org.aws_service_access_principals).not.toContain('networkmanager.amazonaws.com');
  });

  it('builds the OU tree from configuration, nested OUs under their parents', () => {
    const ous = resourcesOfType(organization, 'aws_organizations_organizational_unit');
    expect(
      Object.values(ous)
        .map((ou) => ou.name)
        .sort(),
    ).toEqual(['Infrastructure', 'NonProduction', 'Production', 'Sandbox', 'Security', 'Suspended', 'Workloads'].sort());
    expect(ous['ou-workloads-production'].parent_id).toBe('${aws_organizations_organizational_unit.ou-workloads.id}');
    expect(ous['ou-workloads'].parent_id).toBe('${aws_organizations_organization.organization.roots[0].id}');
  });

  it('declares every core and workload account with close_on_deletion false, prevent_destroy and ownership tags', () => {
    const accounts = resourcesOfType(organization, 'aws_organizations_account');
    expect(Object.keys(accounts).sort()).toEqual([
      'account-analytics-dev',
      'account-backup',
      'account-clinical-portal-prod',
      'account-log-archive',
      'account-network',
      'account-security',
    ]);
    for (const account of Object.values(accounts)) {
      expect(account.close_on_deletion).toBe(false);
      expect(account.lifecycle.prevent_destroy).toBe(true);
      expect(account.lifecycle.ignore_changes).toContain('role_name');
      expect(account.role_name).toBe('OrganizationAccountAccessRole');
      expect(Object.keys(account.tags).sort()).toEqual(['cost-centre', 'data-classification', 'owner']);
    }
    expect(accounts['account-clinical-portal-prod'].parent_id).toBe('${aws_organizations_organizational_unit.ou-workloads-production.id}');
    expect(accounts['account-clinical-portal-prod'].tags).toEqual({
      owner: 'clinical-portal-team@example.nhs.uk',
      'cost-centre': 'CC-1042',
      'data-classification': 'OFFICIAL-SENSITIVE',
    });
    expect(accounts['account-network'].parent_id).toBe('${aws_organizations_organizational_unit.ou-infrastructure.id}');
  });

  it('adopts an existing account through an import block instead of creating a new one', () => {
    expect(organization.import).toEqual([{ to: 'aws_organizations_account.account-analytics-dev', id: '333333333333' }]);
  });

  it('delegates security services to the security account, Security Hub in both Regions (GuardDuty is designated by the management stack)', () => {
    const delegated = Object.values(resourcesOfType(organization, 'aws_organizations_delegated_administrator'))
      .filter((d) => d.account_id === '${aws_organizations_account.account-security.id}')
      .map((d) => d.service_principal);
    // Identity Center too, because the example configures access: (test/stacks/identity-stack.test.ts).
    expect(delegated.sort()).toEqual([
      'access-analyzer.amazonaws.com',
      'config-multiaccountsetup.amazonaws.com',
      'config.amazonaws.com',
      'sso.amazonaws.com',
    ]);
    const securityAccount = '${aws_organizations_account.account-security.id}';
    const admins = Object.values(resourcesOfType(organization, 'aws_securityhub_organization_admin_account'));
    expect(admins).toHaveLength(2);
    expect(new Set(admins.map((admin) => admin.provider))).toEqual(new Set(['aws', 'aws.eu_west_1']));
    for (const admin of admins) expect(admin.admin_account_id).toBe(securityAccount);
    // Designating GuardDuty here would create the security account's detectors before the security
    // stack could: the management stack does it, after the security stack (lib/aws-implicit-resources.ts).
    expect(resourcesOfType(organization, 'aws_guardduty_organization_admin_account')).toEqual({});
  });

  it('enables RAM sharing with the organization and central root access management', () => {
    expect(Object.keys(resourcesOfType(organization, 'aws_ram_sharing_with_organization'))).toHaveLength(1);
    const [features] = Object.values(resourcesOfType(organization, 'aws_iam_organizations_features'));
    expect(features.enabled_features.sort()).toEqual(['RootCredentialsManagement', 'RootSessions']);
  });

  it('creates the execution role in every member account through a protected, auto-deploying StackSet', () => {
    const [stackSet] = Object.values(resourcesOfType(organization, 'aws_cloudformation_stack_set'));
    expect(stackSet).toMatchObject({
      permission_model: 'SERVICE_MANAGED',
      auto_deployment: { enabled: true, retain_stacks_on_account_removal: true },
      capabilities: ['CAPABILITY_NAMED_IAM'],
    });
    expect(stackSet.lifecycle.prevent_destroy).toBe(true);
    const template = JSON.parse(stackSet.template_body);
    const role = template.Resources.ExecutionRole;
    expect(role.Type).toBe('AWS::IAM::Role');
    expect(role.Properties.RoleName).toBe('lz-execution');
    const [trust] = role.Properties.AssumeRolePolicyDocument.Statement;
    expect(trust.Principal).toEqual({ AWS: 'arn:aws:iam::111111111111:root' });
    // Without SetSourceIdentity the pipeline's attributable sessions could not assume the role.
    expect(trust.Action).toEqual(expect.arrayContaining(['sts:AssumeRole', 'sts:SetSourceIdentity']));

    const [instance] = Object.values(resourcesOfType(organization, 'aws_cloudformation_stack_set_instance'));
    expect(instance.deployment_targets.organizational_unit_ids).toEqual(['${aws_organizations_organization.organization.roots[0].id}']);
    expect(instance.retain_stack).toBe(true);
    expect(instance.lifecycle.prevent_destroy).toBe(true);
    const [org] = Object.values(resourcesOfType(organization, 'aws_organizations_organization'));
    expect(org.aws_service_access_principals).toContain('member.org.stacksets.cloudformation.amazonaws.com');
  });

  it('moves a suspended account to the Suspended OU but keeps it', () => {
    const dir = copyExampleConfig();
    editConfigFile(dir, 'accounts/analytics-dev.yaml', 'status: active', 'status: suspended');
    const edited = synthConfig(dir).stacks.get('organization')!;
    const account = resourcesOfType(edited, 'aws_organizations_account')['account-analytics-dev'];
    expect(account.parent_id).toBe('${aws_organizations_organizational_unit.ou-suspended.id}');
    expect(account.lifecycle.prevent_destroy).toBe(true);
    expect(account.close_on_deletion).toBe(false);
  });
});
