// What the plan report calls out for security review, and the words it uses: the summary rows,
// the review categories, the key attributes shown beside an address, and Terraform's action reasons.
import { LANDING_ZONE_ROLE_PREFIX } from '../../../lib/naming';

/** The rows of the summary table, in the order reviewers read them. */
export const CHANGE_KINDS = ['create', 'update', 'replace', 'delete', 'import', 'move', 'forget', 'no-op'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];
/** Primary action of one resource instance; import and move are flags on top of it. */
export type PrimaryAction = 'create' | 'update' | 'replace' | 'delete' | 'forget' | 'no-op' | 'read' | 'unknown';

/** The comment must fit GitHub's limit on an issue or pull-request comment body. */
export const GITHUB_COMMENT_LIMIT = 65536;
/** First line of every report, so a workflow can find and update its own comment. */
export const REPORT_MARKER = '<!-- lz-plan-report -->';

export interface SecurityCategory {
  readonly label: string;
  readonly matches: (change: { type: string; names: readonly string[] }, options: RoleMatchOptions) => boolean;
}

export interface RoleMatchOptions {
  /** Names of IAM roles that belong to the landing zone beyond the `lz-` prefix (execution, break-glass). */
  readonly landingZoneRoleNames?: readonly string[];
}

const typeIn =
  (...types: string[]) =>
  (change: { type: string }) =>
    types.includes(change.type);
const typePrefix =
  (...prefixes: string[]) =>
  (change: { type: string }) =>
    prefixes.some((prefix) => change.type.startsWith(prefix));

const IAM_ROLE_TYPES = new Set([
  'aws_iam_role',
  'aws_iam_role_policy',
  'aws_iam_role_policy_attachment',
  'aws_iam_role_policies_exclusive',
  'aws_iam_role_policy_attachments_exclusive',
  'aws_iam_policy',
  'aws_iam_policy_attachment',
]);

function isLandingZoneIamChange(change: { type: string; names: readonly string[] }, options: RoleMatchOptions): boolean {
  if (!IAM_ROLE_TYPES.has(change.type)) return false;
  const extra = new Set(options.landingZoneRoleNames ?? []);
  return change.names.some((name) => name.startsWith(LANDING_ZONE_ROLE_PREFIX) || extra.has(name));
}

/** Changes a security (or network) reviewer must look at, whatever the action. */
export const SECURITY_CATEGORIES: readonly SecurityCategory[] = [
  {
    label: 'Organization policies (SCP/RCP) and attachments',
    matches: typeIn(
      'aws_organizations_policy',
      'aws_organizations_policy_attachment',
      'aws_organizations_organization',
      'aws_organizations_delegated_administrator',
      'aws_iam_organizations_features',
    ),
  },
  { label: 'Accounts and OUs', matches: typeIn('aws_organizations_account', 'aws_organizations_organizational_unit') },
  { label: 'CloudTrail', matches: typePrefix('aws_cloudtrail') },
  { label: 'AWS Config', matches: typePrefix('aws_config_') },
  { label: 'GuardDuty', matches: typePrefix('aws_guardduty_') },
  { label: 'Security Hub', matches: typePrefix('aws_securityhub_') },
  { label: 'IAM Access Analyzer', matches: typePrefix('aws_accessanalyzer_') },
  {
    label: 'KMS keys and key policies',
    matches: typeIn('aws_kms_key', 'aws_kms_key_policy', 'aws_kms_replica_key', 'aws_kms_grant', 'aws_kms_alias'),
  },
  {
    label: 'S3 bucket policies and public access',
    matches: typeIn('aws_s3_bucket_policy', 'aws_s3_bucket_public_access_block', 'aws_s3_account_public_access_block'),
  },
  { label: 'S3 Object Lock', matches: typeIn('aws_s3_bucket_object_lock_configuration') },
  { label: 'S3 replication', matches: typeIn('aws_s3_bucket_replication_configuration') },
  { label: 'Landing-zone IAM roles and policies', matches: isLandingZoneIamChange },
  { label: 'Identity federation (OIDC/SAML providers)', matches: typeIn('aws_iam_openid_connect_provider', 'aws_iam_saml_provider') },
  {
    label: 'Transit Gateway routes and route tables',
    matches: typeIn(
      'aws_ec2_transit_gateway_route',
      'aws_ec2_transit_gateway_route_table',
      'aws_ec2_transit_gateway_route_table_association',
      'aws_ec2_transit_gateway_route_table_propagation',
      'aws_ec2_transit_gateway_prefix_list_reference',
    ),
  },
  { label: 'HSCN prefix lists', matches: typeIn('aws_ec2_managed_prefix_list', 'aws_ec2_managed_prefix_list_entry') },
  { label: 'Direct Connect gateway associations', matches: typeIn('aws_dx_gateway_association', 'aws_dx_gateway_association_proposal') },
  {
    label: 'Network Firewall policies and rule groups',
    matches: typeIn('aws_networkfirewall_firewall_policy', 'aws_networkfirewall_rule_group'),
  },
];

/** Terraform's `action_reason` values, in words a reviewer understands. */
export const ACTION_REASONS: Readonly<Record<string, string>> = {
  replace_because_tainted: 'the object is tainted (a previous apply failed part-way)',
  replace_because_cannot_update: 'an attribute that cannot be updated in place changed',
  replace_by_request: 'replacement was requested (-replace)',
  replace_by_triggers: 'replace_triggered_by fired',
  delete_because_no_resource_config: 'its configuration was removed',
  delete_because_no_module: 'its module was removed',
  delete_because_wrong_repetition: 'count/for_each was added or removed',
  delete_because_count_index: 'its count index no longer exists',
  delete_because_each_key: 'its for_each key no longer exists',
  delete_because_no_move_target: 'a moved block points to an address that does not exist',
  read_because_config_unknown: 'its configuration depends on values known only after apply',
  read_because_dependency_pending: 'it depends on a pending change',
  read_because_check_nested: 'a check block reads it',
};
