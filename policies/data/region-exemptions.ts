// Data, not logic: the actions the Region guardrail lets through outside the allowed Regions.
//
// Reference: the NotAction list of the AWS Control Tower landing-zone Region deny control
// (AWS-GR_REGION_DENY, "Deny access to AWS based on the requested AWS Region", Control Tower
// controls reference), as AWS maintained it at the time of writing. These are global services whose
// single endpoint lives in us-east-1 (or us-west-2), plus the few read-only calls that consoles make
// against every Region. Keep this list in step with AWS's when it changes; the policy tests check
// that every entry still names an action in AWS's IAM reference data.
//
// Deliberate differences from AWS's list (see docs/guardrails.md):
// - kms:* is NOT exempt: KMS is regional, and patient data keys belong in the allowed Regions.
//   Route 53 DNSSEC is the only global service that needs a us-east-1 key; the execution role
//   (exempt) creates that key as a reviewed change.
// - acm:* is exempt here but limited by its own statement to the allowed Regions plus us-east-1,
//   where CloudFront requires its viewer certificates.
// - If AWS retires a service, the IAM reference data test fails: drop the entry then, because a
//   policy naming a non-existent action is either a typo or dead weight against the 5,120 limit.

export const CONTROL_TOWER_REGION_DENY_EXEMPTIONS: readonly string[] = [
  'a4b:*',
  'access-analyzer:*',
  'account:*',
  'acm:*',
  'activate:*',
  'artifact:*',
  'aws-marketplace-management:*',
  'aws-marketplace:*',
  'aws-portal:*',
  'billing:*',
  'billingconductor:*',
  'budgets:*',
  'ce:*',
  'chatbot:*',
  'chime:*',
  'cloudfront:*',
  'cloudtrail:LookupEvents',
  'compute-optimizer:*',
  'config:*',
  'consoleapp:*',
  'consolidatedbilling:*',
  'cur:*',
  'datapipeline:GetAccountLimits',
  'devicefarm:*',
  'directconnect:*',
  'ec2:DescribeRegions',
  'ec2:DescribeTransitGateways',
  'ec2:DescribeVpnGateways',
  'ecr-public:*',
  'fms:*',
  'freetier:*',
  'globalaccelerator:*',
  'health:*',
  'iam:*',
  'importexport:*',
  'invoicing:*',
  'iq:*',
  'kms:*',
  'license-manager:ListReceivedLicenses',
  'lightsail:Get*',
  'mobileanalytics:*',
  'networkmanager:*',
  'notifications-contacts:*',
  'notifications:*',
  'organizations:*',
  'payments:*',
  'pricing:*',
  'quicksight:DescribeAccountSubscription',
  'resource-explorer-2:*',
  'route53-recovery-cluster:*',
  'route53-recovery-control-config:*',
  'route53-recovery-readiness:*',
  'route53:*',
  'route53domains:*',
  's3:CreateMultiRegionAccessPoint',
  's3:DeleteMultiRegionAccessPoint',
  's3:DescribeMultiRegionAccessPointOperation',
  's3:GetAccountPublicAccessBlock',
  's3:GetBucketLocation',
  's3:GetBucketPolicyStatus',
  's3:GetBucketPublicAccessBlock',
  's3:GetMultiRegionAccessPoint',
  's3:GetMultiRegionAccessPointPolicy',
  's3:GetMultiRegionAccessPointPolicyStatus',
  's3:GetStorageLensConfiguration',
  's3:GetStorageLensDashboard',
  's3:ListAllMyBuckets',
  's3:ListMultiRegionAccessPoints',
  's3:ListStorageLensConfigurations',
  's3:PutAccountPublicAccessBlock',
  's3:PutMultiRegionAccessPointPolicy',
  'savingsplans:*',
  'shield:*',
  'sso:*',
  'sts:*',
  'support:*',
  'supportapp:*',
  'supportplans:*',
  'sustainability:*',
  'tag:GetResources',
  'tax:*',
  'trustedadvisor:*',
  'vendor-insights:ListEntitledSecurityProfiles',
  'waf-regional:*',
  'waf:*',
  'wafv2:*',
];

/** Our deliberate removals from AWS's list (see the header for why). */
export const REMOVED_FROM_REGION_EXEMPTIONS: readonly string[] = ['kms:*'];

/** Services limited to the allowed Regions plus us-east-1, where a global service needs them. */
export const US_EAST_1_SCOPED_SERVICES: readonly { readonly action: string; readonly why: string }[] = [
  { action: 'acm:*', why: 'CloudFront uses ACM viewer certificates only from us-east-1' },
];
