// The organization itself (management account): trusted service access, policy types, the OU tree,
// every account, and delegated administration. Every other stack depends on this one.
import { BackupGlobalSettings } from '@cdktf/provider-aws/lib/backup-global-settings';
import { IamOrganizationsFeatures } from '@cdktf/provider-aws/lib/iam-organizations-features';
import { OrganizationsAccount } from '@cdktf/provider-aws/lib/organizations-account';
import { OrganizationsDelegatedAdministrator } from '@cdktf/provider-aws/lib/organizations-delegated-administrator';
import { OrganizationsOrganization } from '@cdktf/provider-aws/lib/organizations-organization';
import { OrganizationsOrganizationalUnit } from '@cdktf/provider-aws/lib/organizations-organizational-unit';
import { RamSharingWithOrganization } from '@cdktf/provider-aws/lib/ram-sharing-with-organization';
import { SecurityhubOrganizationAdminAccount } from '@cdktf/provider-aws/lib/securityhub-organization-admin-account';
import type { Construct } from 'constructs';
import { effectiveOu, platformAccounts, flattenOus, regionCode } from '../lib/config/model';
import type { LandingZoneConfig, WorkloadAccountConfig } from '../lib/config/schema';
import { trustedServicePrincipals } from '../lib/trusted-services';
import { GuardrailPolicies } from '../modules/guardrail-policies';
import { OrganizationBackupPolicies } from '../modules/organization-backup-policies';
import { ExecutionRoleStackSet } from '../modules/execution-role-stack-set';
import { StackSetsOrganizationsAccess } from '../modules/stacksets-organizations-access';
import { LandingZoneStack, managementAccountTarget } from './landing-zone-stack';

export interface OrganizationStackProps {
  readonly config: LandingZoneConfig;
  readonly accounts: readonly WorkloadAccountConfig[];
}

/** Re-exported: the list is data in lib/trusted-services.ts, with what enables each principal. */
export { TRUSTED_SERVICE_PRINCIPALS } from '../lib/trusted-services';

/**
 * The role AWS Organizations creates in every account it creates. The landing zone does not use it
 * (its trust cannot carry a source identity); the execution role comes from a StackSet instead.
 */
export const ORGANIZATIONS_BOOTSTRAP_ROLE = 'OrganizationAccountAccessRole';

/**
 * Delegated to the security account organization-wide (Security Hub is per Region, below; GuardDuty is
 * designated by the management stack, after the security stack has created its own detectors).
 */
export const SECURITY_DELEGATED_SERVICES = [
  'access-analyzer.amazonaws.com',
  'config-multiaccountsetup.amazonaws.com',
  'config.amazonaws.com',
] as const;

/** Identity Center's service principal: delegated to the security account when configuration has `access`. */
export const IDENTITY_CENTER_SERVICE_PRINCIPAL = 'sso.amazonaws.com';
/** Organizations policy types enabled on the root: backup and tag policies only with the backup section. */
export function enabledPolicyTypes(config: LandingZoneConfig): string[] {
  return [
    'SERVICE_CONTROL_POLICY',
    'RESOURCE_CONTROL_POLICY',
    'DECLARATIVE_POLICY_EC2',
    ...(config.backup ? ['BACKUP_POLICY', 'TAG_POLICY'] : []),
  ];
}

export class OrganizationStack extends LandingZoneStack {
  readonly organization: OrganizationsOrganization;
  /** OU resources by path, such as Workloads/Production. */
  readonly organizationalUnits = new Map<string, OrganizationsOrganizationalUnit>();
  /** Account resources by account name (core and workload). */
  readonly accounts = new Map<string, OrganizationsAccount>();
  private readonly knownAccountIds = new Map<string, string>();
  /** Creates the execution role in every member account, present and future. */
  readonly executionRole: ExecutionRoleStackSet;

  constructor(scope: Construct, id: string, props: OrganizationStackProps) {
    const { config } = props;
    super(scope, id, { config, target: managementAccountTarget(config) });

    this.organization = new OrganizationsOrganization(this, 'organization', {
      featureSet: 'ALL',
      // The whole list: a principal missing here is disabled on apply (lib/trusted-services.ts).
      awsServiceAccessPrincipals: trustedServicePrincipals(config),
      enabledPolicyTypes: enabledPolicyTypes(config),
      lifecycle: { preventDestroy: true },
    });
    // An existing organization is adopted, never created: CreateOrganization fails in an account that
    // already has one (AlreadyInOrganizationException).
    if (config.organization.existingId) this.organization.importFrom(config.organization.existingId);
    const rootId = this.organization.roots.get(0).id;

    for (const ou of flattenOus(config.organizationalUnits)) {
      const parentId = ou.parentPath === undefined ? rootId : this.ouId(ou.parentPath);
      this.organizationalUnits.set(
        ou.path,
        new OrganizationsOrganizationalUnit(this, `ou-${ou.path.replace(/\//g, '-').toLowerCase()}`, {
          name: ou.name,
          parentId,
          lifecycle: { preventDestroy: true },
        }),
      );
    }

    new GuardrailPolicies(this, 'guardrails', {
      config,
      rootId,
      organizationalUnitIds: new Map([...this.organizationalUnits].map(([path, ou]) => [path, ou.id])),
      dependsOn: [this.organization],
    });

    for (const { account } of platformAccounts(config)) this.addAccount(account);
    for (const account of props.accounts) {
      this.addAccount({ ...account, ou: effectiveOu(account) });
    }

    // Central root access management: member accounts have no long-lived root credentials, and
    // root tasks run as short sessions started from the management account.
    new IamOrganizationsFeatures(this, 'root-access-management', {
      enabledFeatures: ['RootCredentialsManagement', 'RootSessions'],
      dependsOn: [this.organization],
    });

    if (config.backup) this.addBackupOrganization(config, rootId);

    new RamSharingWithOrganization(this, 'ram-sharing-with-organization', { dependsOn: [this.organization] });

    // CloudFormation's own activation of StackSets trusted access, before the service-managed StackSet.
    const stackSetsAccess = new StackSetsOrganizationsAccess(this, 'stacksets-organizations-access', {
      managementAccountId: config.managementAccount.accountId,
      region: config.homeRegion,
      organizationId: this.organization.id,
      dependsOn: [this.organization],
    });
    this.executionRole = new ExecutionRoleStackSet(this, 'execution-role', {
      provider: this.homeProvider,
      roleName: config.roles.execution,
      managementAccountId: config.managementAccount.accountId,
      organizationRootId: rootId,
      region: config.homeRegion,
      dependsOn: [this.organization, stackSetsAccess.activation],
    });

    const securityAccountId = this.accountId(config.coreAccounts.security.name);
    for (const service of SECURITY_DELEGATED_SERVICES) {
      new OrganizationsDelegatedAdministrator(this, `delegated-admin-${service.split('.')[0]}`, {
        accountId: securityAccountId,
        servicePrincipal: service,
        dependsOn: [this.organization],
      });
    }
    // IAM Identity Center: the organization instance is enabled by hand in this account; the security
    // account administers permission sets and assignments (docs/decisions/0800-identity-center-delegated-administrator.md).
    if (config.access) {
      new OrganizationsDelegatedAdministrator(this, 'delegated-admin-sso', {
        accountId: securityAccountId,
        servicePrincipal: IDENTITY_CENTER_SERVICE_PRINCIPAL,
        dependsOn: [this.organization],
      });
    }
    for (const { region, provider } of this.regionalProviders) {
      new SecurityhubOrganizationAdminAccount(this, `securityhub-admin-${regionCode(region)}`, {
        provider,
        adminAccountId: securityAccountId,
        dependsOn: [this.organization],
      });
    }
  }

  /**
   * AWS Backup across the organization: the backup account is Backup's delegated administrator
   * (organization-wide jobs and Backup Audit Manager reports), cross-account copy is on (copies to
   * the central vaults), and the backup and tag policies attach to the root.
   */
  private addBackupOrganization(config: LandingZoneConfig, rootId: string): void {
    const backupAccountId = this.accountId(config.backup!.account.name);
    // Cross-account backup and delegated administration are organization settings of the management account.
    new BackupGlobalSettings(this, 'backup-global-settings', {
      globalSettings: { isCrossAccountBackupEnabled: 'true', isDelegatedAdministratorEnabled: 'true' },
      dependsOn: [this.organization],
    });
    new OrganizationsDelegatedAdministrator(this, 'delegated-admin-backup', {
      accountId: backupAccountId,
      servicePrincipal: 'backup.amazonaws.com',
      dependsOn: [this.organization],
    });
    new OrganizationBackupPolicies(this, 'backup-policies', { config, rootId, backupAccountId, dependsOn: [this.organization] });
  }

  ouId(path: string): string {
    const ou = this.organizationalUnits.get(path);
    if (!ou) throw new Error(`OU ${path} is not defined; configuration validation should have caught this`);
    return ou.id;
  }

  /**
   * ID of an account by name: the literal ID when configuration knows it (adopted accounts), else
   * a reference to the account this stack creates. Other stacks use it for allowed_account_ids.
   */
  accountId(name: string): string {
    const known = this.knownAccountIds.get(name);
    if (known) return known;
    const account = this.accounts.get(name);
    if (!account) throw new Error(`account ${name} is not defined in the organization stack`);
    return account.id;
  }

  private addAccount(account: {
    name: string;
    email: string;
    ou: string;
    owner: string;
    costCentre: string;
    classification: string;
    accountId?: string;
  }): void {
    const resource = new OrganizationsAccount(this, `account-${account.name}`, {
      name: account.name,
      email: account.email,
      parentId: this.ouId(account.ou),
      roleName: ORGANIZATIONS_BOOTSTRAP_ROLE,
      iamUserAccessToBilling: 'DENY',
      // Removing an account from configuration must never close it; closure is a manual,
      // irreversible decision outside this project.
      closeOnDeletion: false,
      tags: {
        owner: account.owner,
        'cost-centre': account.costCentre,
        'data-classification': account.classification,
      },
      lifecycle: {
        preventDestroy: true,
        // The API cannot read role_name back, and an adopted account never had it set by us.
        ignoreChanges: ['role_name', 'iam_user_access_to_billing'],
      },
    });
    if (account.accountId) {
      resource.importFrom(account.accountId);
      this.knownAccountIds.set(account.name, account.accountId);
    }
    this.accounts.set(account.name, resource);
  }
}
