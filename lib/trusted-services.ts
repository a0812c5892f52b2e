// Trusted access in AWS Organizations: the service principals the landing zone enables, and the ones
// AWS enables by itself when one of those services is set up. `aws_organizations_organization` owns the
// whole list (aws_service_access_principals), so a principal enabled outside Terraform and missing from
// the list would be disabled by the next apply. Every principal a service of this estate enables by
// itself is therefore in the list, and an adopted organization's other principals are kept through
// organization.otherTrustedServices (docs/decisions/0006-organization-adoption-and-trusted-access.md).
import type { LandingZoneConfig } from './config/schema';

/** Services the landing zone uses across the organization; nothing else gets trusted access. */
export const TRUSTED_SERVICE_PRINCIPALS = [
  'access-analyzer.amazonaws.com',
  'account.amazonaws.com',
  'backup.amazonaws.com',
  'cloudtrail.amazonaws.com',
  'config-multiaccountsetup.amazonaws.com',
  'config.amazonaws.com',
  'guardduty.amazonaws.com',
  'iam.amazonaws.com',
  'inspector2.amazonaws.com',
  'macie.amazonaws.com',
  'malware-protection.guardduty.amazonaws.com',
  'member.org.stacksets.cloudformation.amazonaws.com',
  'ram.amazonaws.com',
  'securityhub.amazonaws.com',
  'sso.amazonaws.com',
] as const;

export interface SelfEnabledTrustedAccess {
  readonly principal: string;
  /** What in this estate makes AWS enable it without Terraform asking. */
  readonly enabledBy: string;
  readonly reference: string;
}

/** Principals AWS enables itself when the estate sets a service up (so they must stay in the list). */
export const SELF_ENABLED_TRUSTED_ACCESS: readonly SelfEnabledTrustedAccess[] = [
  {
    principal: 'guardduty.amazonaws.com',
    enabledBy: 'designating the GuardDuty delegated administrator',
    reference: 'GuardDuty User Guide, "Managing GuardDuty accounts with AWS Organizations"',
  },
  {
    principal: 'malware-protection.guardduty.amazonaws.com',
    enabledBy: 'GuardDuty Malware Protection for EC2 in an organization',
    reference: 'GuardDuty User Guide, "Service-linked role permissions for Malware Protection for EC2"',
  },
  {
    principal: 'securityhub.amazonaws.com',
    enabledBy: 'designating the Security Hub delegated administrator',
    reference: 'Security Hub User Guide, "Integrating Security Hub with AWS Organizations"',
  },
  {
    principal: 'config.amazonaws.com',
    enabledBy: 'an organization aggregator or the Config delegated administrator',
    reference: 'AWS Config Developer Guide, "Register a Delegated Administrator"',
  },
  {
    principal: 'config-multiaccountsetup.amazonaws.com',
    enabledBy: 'organization Config rules and conformance packs',
    reference: 'AWS Config Developer Guide, "Managing Conformance Packs Across all Accounts in Your Organization"',
  },
  {
    principal: 'access-analyzer.amazonaws.com',
    enabledBy: 'an organization analyzer or the Access Analyzer delegated administrator',
    reference: 'IAM User Guide, "Delegated administrator for IAM Access Analyzer"',
  },
  {
    principal: 'member.org.stacksets.cloudformation.amazonaws.com',
    enabledBy: 'activating StackSets trusted access (cloudformation activate-organizations-access)',
    reference: 'CloudFormation User Guide, "Activate trusted access for StackSets with AWS Organizations"',
  },
  {
    principal: 'cloudtrail.amazonaws.com',
    enabledBy: 'creating the organization trail',
    reference: 'CloudTrail User Guide, "Creating a trail for an organization"',
  },
  {
    principal: 'iam.amazonaws.com',
    enabledBy: 'centralized root access management',
    reference: 'IAM User Guide, "Centrally manage root access for member accounts"',
  },
  {
    principal: 'ram.amazonaws.com',
    enabledBy: 'enabling resource sharing with the organization',
    reference: 'RAM User Guide, "Enable resource sharing within AWS Organizations"',
  },
  {
    principal: 'inspector2.amazonaws.com',
    enabledBy: 'designating the Amazon Inspector delegated administrator',
    reference: 'Amazon Inspector User Guide, "Managing multiple accounts in Amazon Inspector with AWS Organizations"',
  },
  {
    principal: 'macie.amazonaws.com',
    enabledBy: 'designating the Amazon Macie delegated administrator',
    reference: 'Amazon Macie User Guide, "Managing multiple Macie accounts with AWS Organizations"',
  },
  {
    principal: 'backup.amazonaws.com',
    enabledBy: 'turning on cross-account management (backup policies, cross-account monitoring and copy)',
    reference: 'AWS Backup Developer Guide, "Managing AWS Backup resources across multiple AWS accounts"',
  },
  {
    principal: 'sso.amazonaws.com',
    enabledBy: 'enabling IAM Identity Center',
    reference: 'IAM Identity Center User Guide, "Prerequisites and considerations" (trusted access)',
  },
];

/** The whole list the organization resource owns: the landing zone's, plus an adopted organization's others. */
export function trustedServicePrincipals(config: LandingZoneConfig): string[] {
  return [...new Set([...TRUSTED_SERVICE_PRINCIPALS, ...(config.organization.otherTrustedServices ?? [])])].sort();
}
