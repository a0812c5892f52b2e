// Resources AWS creates by itself. Each rule names a Terraform resource type that would try to create
// something AWS has already made (so the apply fails with "already exists", or a second apply fights
// the service), where AWS makes it, and the ways the estate may still hold it legitimately. The rules
// are data with the AWS documentation reference for each; tools/deployment/implicit-resources.ts
// checks the synthesized estate against them (test/invariants/implicit-resources.test.ts).

/** Where AWS creates the resource. */
export type ImplicitResourceScope =
  /** The account designated GuardDuty delegated administrator, in each Region where it is designated. */
  | 'guardduty-delegated-administrator'
  /** The account designated Security Hub delegated administrator, in each Region where it is designated. */
  | 'securityhub-delegated-administrator'
  /** The account designated Amazon Macie delegated administrator, in each Region where it is designated. */
  | 'macie-delegated-administrator'
  /** Every account, once a Security Hub central configuration policy that enables the service is associated. */
  | 'securityhub-central-configuration'
  /** Every account of the organization, whenever the service is in use there. */
  | 'every-account'
  /** An account that existed before the landing zone (configuration gives its `accountId`). */
  | 'adopted-account'
  /** The management account, when the configuration adopts an organization that already exists. */
  | 'adopted-organization';

/** How the estate may hold a resource of the rule without trying to create what AWS made. */
export type ImplicitResourceAllowance =
  /** An `import` block adopts it. */
  | 'imported'
  /**
   * The estate creates it before the AWS action that would create it: every resource of `triggerType`
   * for that account and Region is applied after it (same stack with `depends_on`, or a later stack).
   */
  | 'created-before-trigger'
  /** The account's `adoption` configuration says this account does not have it. */
  | 'declared-absent';

export interface ImplicitResourceRule {
  readonly id: string;
  /** Terraform resource type that would try to create it. */
  readonly resourceType: string;
  /** Only resources whose attributes have exactly these values (for example one service-linked role). */
  readonly attributes?: Readonly<Record<string, string>>;
  readonly scope: ImplicitResourceScope;
  /** What AWS does, in words. */
  readonly createdBy: string;
  readonly allowedWhen: readonly ImplicitResourceAllowance[];
  /** With `created-before-trigger`: the Terraform resource type of the AWS action that creates it. */
  readonly triggerType?: string;
  /** With `declared-absent`: the key of the account's `adoption` configuration that says so. */
  readonly adoptionKey?: 'configServiceLinkedRole' | 'configRecorder' | 'configDeliveryChannel';
  /** AWS documentation (or, where AWS is silent, the provider issue) that establishes the behaviour. */
  readonly reference: string;
}

/** Service-linked roles each service creates itself when it is enabled or used in an account. */
const SERVICE_CREATED_ROLES: readonly { service: string; role: string; reference: string }[] = [
  {
    service: 'guardduty.amazonaws.com',
    role: 'AWSServiceRoleForAmazonGuardDuty',
    reference: 'https://docs.aws.amazon.com/guardduty/latest/ug/slr-permissions.html',
  },
  {
    service: 'malware-protection.guardduty.amazonaws.com',
    role: 'AWSServiceRoleForAmazonGuardDutyMalwareProtection',
    reference: 'https://docs.aws.amazon.com/guardduty/latest/ug/slr-permissions-malware-protection.html',
  },
  {
    service: 'securityhub.amazonaws.com',
    role: 'AWSServiceRoleForSecurityHub',
    reference: 'https://docs.aws.amazon.com/securityhub/latest/userguide/using-service-linked-roles.html',
  },
  {
    service: 'access-analyzer.amazonaws.com',
    role: 'AWSServiceRoleForAccessAnalyzer',
    reference: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-using-service-linked-roles.html',
  },
  {
    service: 'organizations.amazonaws.com',
    role: 'AWSServiceRoleForOrganizations',
    reference: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_integrate_services.html#orgs_integrate_services-using_slrs',
  },
  {
    service: 'member.org.stacksets.cloudformation.amazonaws.com',
    role: 'AWSServiceRoleForCloudFormationStackSetsOrgMember',
    reference: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-orgs-activate-trusted-access.html',
  },
  {
    service: 'config-multiaccountsetup.amazonaws.com',
    role: 'AWSServiceRoleForConfigMultiAccountSetup',
    reference: 'https://docs.aws.amazon.com/config/latest/developerguide/using-service-linked-roles.html',
  },
  {
    service: 'inspector2.amazonaws.com',
    role: 'AWSServiceRoleForAmazonInspector2',
    reference: 'https://docs.aws.amazon.com/inspector/latest/user/using-service-linked-roles.html',
  },
  {
    service: 'macie.amazonaws.com',
    role: 'AWSServiceRoleForAmazonMacie',
    reference: 'https://docs.aws.amazon.com/macie/latest/user/service-linked-roles.html',
  },
  {
    service: 'config-conforms.amazonaws.com',
    role: 'AWSServiceRoleForConfigConforms',
    reference: 'https://docs.aws.amazon.com/config/latest/developerguide/using-service-linked-roles.html',
  },
  // Created with the first Backup Audit Manager framework or report plan; the reports bucket policy
  // therefore matches it by aws:PrincipalArn rather than naming it (modules/backup-audit-reports.ts).
  {
    service: 'reports.backup.amazonaws.com',
    role: 'AWSServiceRoleForBackupReports',
    reference: 'https://docs.aws.amazon.com/aws-backup/latest/devguide/using-service-linked-roles-AWSServiceRoleForBackupReports.html',
  },
];

export const IMPLICIT_RESOURCE_RULES: readonly ImplicitResourceRule[] = [
  {
    id: 'guardduty-detector-of-delegated-administrator',
    resourceType: 'aws_guardduty_detector',
    scope: 'guardduty-delegated-administrator',
    createdBy:
      'Designating the GuardDuty delegated administrator enables GuardDuty (creates a detector) in that account in the Region of the designation; CreateDetector then fails with "a detector already exists for the current account".',
    allowedWhen: ['imported', 'created-before-trigger'],
    triggerType: 'aws_guardduty_organization_admin_account',
    reference:
      'https://docs.aws.amazon.com/guardduty/latest/ug/organizations_permissions.html (designating "also enables GuardDuty for the delegated GuardDuty administrator account")',
  },
  {
    id: 'securityhub-subscription-of-delegated-administrator',
    resourceType: 'aws_securityhub_account',
    scope: 'securityhub-delegated-administrator',
    createdBy:
      'Designating the Security Hub delegated administrator enables Security Hub in that account; EnableSecurityHub then fails with ResourceConflictException.',
    // Not even by import: under central configuration the configuration policy owns the account's
    // settings, and the provider's resource fights it (hashicorp/terraform-provider-aws#39687).
    allowedWhen: [],
    reference:
      'https://docs.aws.amazon.com/securityhub/latest/userguide/designate-orgs-admin-account.html; hashicorp/terraform-provider-aws#39687',
  },
  {
    id: 'macie-session-of-delegated-administrator',
    resourceType: 'aws_macie2_account',
    scope: 'macie-delegated-administrator',
    createdBy:
      'Designating the Macie delegated administrator enables Macie in that account in the Region of the designation if it is not enabled yet; EnableMacie then fails with a conflict ("Macie is already enabled").',
    allowedWhen: ['imported', 'created-before-trigger'],
    triggerType: 'aws_macie2_organization_admin_account',
    reference: 'https://docs.aws.amazon.com/macie/latest/user/accounts-mgmt-ao-integrate.html (designating the delegated administrator)',
  },
  {
    id: 'securityhub-subscription-under-central-configuration',
    resourceType: 'aws_securityhub_account',
    scope: 'securityhub-central-configuration',
    createdBy:
      'A central configuration policy with the service enabled turns Security Hub on in every account it is associated with; the account is then managed by the policy only.',
    allowedWhen: [],
    reference:
      'https://docs.aws.amazon.com/securityhub/latest/userguide/central-configuration-intro.html; hashicorp/terraform-provider-aws#39687',
  },
  ...SERVICE_CREATED_ROLES.map(({ service, role, reference }): ImplicitResourceRule => ({
    id: `service-linked-role-${role}`,
    resourceType: 'aws_iam_service_linked_role',
    attributes: { aws_service_name: service },
    scope: 'every-account',
    createdBy: `${service} creates ${role} itself when the service is enabled or first used in the account; CreateServiceLinkedRole then fails with "has been taken in this account".`,
    allowedWhen: ['imported'],
    reference,
  })),
  {
    id: 'config-service-linked-role-of-adopted-account',
    resourceType: 'aws_iam_service_linked_role',
    attributes: { aws_service_name: 'config.amazonaws.com' },
    scope: 'adopted-account',
    createdBy:
      'An account where AWS Config (or Security Hub, which needs Config) was ever set up already has AWSServiceRoleForConfig, and IAM keeps it after recording stops.',
    allowedWhen: ['imported', 'declared-absent'],
    adoptionKey: 'configServiceLinkedRole',
    reference: 'https://docs.aws.amazon.com/config/latest/developerguide/using-service-linked-roles.html',
  },
  {
    id: 'config-recorder-of-adopted-account',
    resourceType: 'aws_config_configuration_recorder',
    scope: 'adopted-account',
    createdBy:
      'AWS Config allows one configuration recorder per account and Region; an adopted account may already have one (MaxNumberOfConfigurationRecordersExceededException).',
    allowedWhen: ['imported', 'declared-absent'],
    adoptionKey: 'configRecorder',
    reference:
      'https://docs.aws.amazon.com/config/latest/developerguide/stop-start-recorder.html; https://docs.aws.amazon.com/config/latest/APIReference/API_PutConfigurationRecorder.html',
  },
  {
    id: 'config-delivery-channel-of-adopted-account',
    resourceType: 'aws_config_delivery_channel',
    scope: 'adopted-account',
    createdBy: 'AWS Config allows one delivery channel per account and Region (MaxNumberOfDeliveryChannelsExceededException).',
    allowedWhen: ['imported', 'declared-absent'],
    adoptionKey: 'configDeliveryChannel',
    reference: 'https://docs.aws.amazon.com/config/latest/APIReference/API_PutDeliveryChannel.html',
  },
  {
    id: 'organization-when-adopted',
    resourceType: 'aws_organizations_organization',
    scope: 'adopted-organization',
    createdBy: 'The management account of an existing organization cannot create another (AlreadyInOrganizationException).',
    allowedWhen: ['imported'],
    reference: 'https://docs.aws.amazon.com/organizations/latest/APIReference/API_CreateOrganization.html',
  },
  {
    id: 'default-security-group',
    resourceType: 'aws_security_group',
    attributes: { name: 'default' },
    scope: 'every-account',
    createdBy:
      'Every VPC, the default VPC included, comes with a security group named "default"; it is adopted with aws_default_security_group, never created.',
    allowedWhen: [],
    reference: 'https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html',
  },
];
