// Prior states for real AWS plans of this project's stacks (see plan-with-state.ts): what the
// organization and pipeline stacks looked like before a change, so that Terraform plans updates,
// a forced replacement, a move, a forget and deletions, one of them of a protected account.
import type { PriorResource } from './plan-with-state';

const MGMT = '111111111111';
const ORG_ID = 'o-exvalley01';
const ROOT_ID = 'r-ab12';

function ou(name: string, ouName: string): PriorResource {
  return {
    type: 'aws_organizations_organizational_unit',
    name,
    attributes: {
      id: `ou-ab12-${ouName.toLowerCase().slice(0, 8)}`,
      name: ouName,
      parent_id: ROOT_ID,
      arn: `arn:aws:organizations::${MGMT}:ou/${ORG_ID}/ou-ab12-x`,
      accounts: [],
      tags: {},
      tags_all: {},
    },
  };
}

function account(name: string, accountName: string, id: string): PriorResource {
  return {
    type: 'aws_organizations_account',
    name,
    attributes: {
      id,
      arn: `arn:aws:organizations::${MGMT}:account/${ORG_ID}/${id}`,
      name: accountName,
      email: `aws-${accountName}@example.nhs.uk`,
      parent_id: 'ou-ab12-workload',
      close_on_deletion: false,
      create_govcloud: false,
      iam_user_access_to_billing: 'DENY',
      role_name: 'OrganizationAccountAccessRole',
      status: 'ACTIVE',
      tags: {},
      tags_all: {},
    },
  };
}

export function organizationPrior() {
  return [
    {
      type: 'aws_organizations_organization',
      name: 'organization',
      attributes: {
        id: ORG_ID,
        arn: `arn:aws:organizations::${MGMT}:organization/${ORG_ID}`,
        feature_set: 'ALL',
        // Before the change: no Identity Center trust and no resource control policies.
        aws_service_access_principals: ['cloudtrail.amazonaws.com', 'config.amazonaws.com'],
        enabled_policy_types: ['SERVICE_CONTROL_POLICY'],
        master_account_id: MGMT,
        roots: [{ id: ROOT_ID, arn: `arn:aws:organizations::${MGMT}:root/${ORG_ID}/${ROOT_ID}`, name: 'Root', policy_types: [] }],
      },
    },
    ou('ou-sandbox', 'Sandbox'),
    // The OU construct was renamed: a moved block keeps the real OU.
    ou('ou-quarantine', 'Suspended'),
    // Removed from configuration: Terraform plans to delete (close_on_deletion is false, but the
    // account leaves Terraform's control and the organization).
    account('account-retired-trial', 'retired-trial', '222222222222'),
    // Handed over to another team: a removed block forgets it without touching AWS.
    account('account-legacy-imaging', 'legacy-imaging', '444444444444'),
  ];
}

export const ORGANIZATION_BLOCKS = {
  moved: [{ from: 'aws_organizations_organizational_unit.ou-quarantine', to: 'aws_organizations_organizational_unit.ou-suspended' }],
  removed: [{ from: 'aws_organizations_account.account-legacy-imaging', lifecycle: { destroy: false } }],
};

export function pipelinePrior() {
  const oidcArn = `arn:aws:iam::${MGMT}:oidc-provider/token.actions.githubusercontent.com`;
  const oldPolicy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: 'ReadState', Effect: 'Allow', Action: 's3:*', Resource: '*' }],
  });
  return [
    {
      type: 'aws_iam_openid_connect_provider',
      name: 'github-oidc',
      attributes: {
        id: oidcArn,
        arn: oidcArn,
        url: 'token.actions.githubusercontent.com',
        client_id_list: ['sts.amazonaws.com', 'sigstore'],
        thumbprint_list: [],
        tags: {},
        tags_all: {},
      },
    },
    {
      // The role was created under an older name; role names cannot change in place.
      type: 'aws_iam_role',
      name: 'plan-role',
      attributes: {
        id: 'lz-ci-plan',
        name: 'lz-ci-plan',
        arn: `arn:aws:iam::${MGMT}:role/lz-ci-plan`,
        assume_role_policy: '{}',
        max_session_duration: 3600,
        path: '/',
        tags: {},
        tags_all: {},
      },
    },
    {
      type: 'aws_iam_role_policy',
      name: 'plan-role-policy',
      attributes: { id: 'lz-pipeline-plan:plan', role: 'lz-pipeline-plan', name: 'plan', policy: oldPolicy },
    },
    {
      // A deployer role no longer in configuration.
      type: 'aws_iam_role',
      name: 'legacy-deployer',
      attributes: {
        id: 'lz-legacy-deployer',
        name: 'lz-legacy-deployer',
        arn: `arn:aws:iam::${MGMT}:role/lz-legacy-deployer`,
        assume_role_policy: '{}',
        max_session_duration: 3600,
        path: '/',
        tags: {},
        tags_all: {},
      },
    },
  ];
}

const STATE_KEY_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const STATE_BUCKET = `exvalley-lz-tfstate-${MGMT}`;

export function bootstrapPrior(): PriorResource[] {
  const keyArn = `arn:aws:kms:eu-west-2:${MGMT}:key/${STATE_KEY_ID}`;
  // Before the change: any principal in the account could use the key, rotation was off.
  const oldKeyPolicy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: 'AccountAdministersKeyThroughIam', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:*', Resource: '*' }],
  });
  const oldBucketPolicy = JSON.stringify({ Version: '2012-10-17', Statement: [] });
  return [
    {
      type: 'aws_kms_key',
      name: 'state-key_753BFC90',
      attributes: {
        id: STATE_KEY_ID,
        key_id: STATE_KEY_ID,
        arn: keyArn,
        description: 'Encrypts the landing-zone Terraform state',
        enable_key_rotation: false,
        rotation_period_in_days: 365,
        deletion_window_in_days: 30,
        is_enabled: true,
        key_usage: 'ENCRYPT_DECRYPT',
        customer_master_key_spec: 'SYMMETRIC_DEFAULT',
        multi_region: false,
        bypass_policy_lockout_safety_check: false,
        policy: oldKeyPolicy,
        tags: {},
        tags_all: {},
      },
    },
    {
      // The alias was renamed in code: an alias name cannot change in place.
      type: 'aws_kms_alias',
      name: 'state-key_alias_63E2A9D5',
      attributes: {
        id: 'alias/exvalley-tfstate',
        name: 'alias/exvalley-tfstate',
        arn: `arn:aws:kms:eu-west-2:${MGMT}:alias/exvalley-tfstate`,
        target_key_id: STATE_KEY_ID,
        target_key_arn: keyArn,
      },
    },
    {
      type: 'aws_s3_bucket',
      name: 'state-bucket_828F7150',
      attributes: {
        id: STATE_BUCKET,
        bucket: STATE_BUCKET,
        arn: `arn:aws:s3:::${STATE_BUCKET}`,
        force_destroy: false,
        tags: {},
        tags_all: {},
      },
    },
    {
      type: 'aws_s3_bucket_policy',
      name: 'state-bucket_policy_7580CD97',
      attributes: { id: STATE_BUCKET, bucket: STATE_BUCKET, policy: oldBucketPolicy },
    },
    // An earlier state bucket whose code was deleted: Terraform would delete it.
    {
      type: 'aws_s3_bucket',
      name: 'legacy-state-bucket',
      attributes: {
        id: 'exvalley-tfstate-old',
        bucket: 'exvalley-tfstate-old',
        arn: 'arn:aws:s3:::exvalley-tfstate-old',
        force_destroy: false,
        tags: {},
        tags_all: {},
      },
    },
  ];
}

const HSCN_PREFIX_DESCRIPTION = 'HSCN destination (config network.hscn.prefixes)';

/**
 * The network stack before a change that adds an HSCN destination (198.51.100.0/24) and removes a
 * Transit Gateway route that had sent half the internet (0.0.0.0/1) to the gateway.
 */
export function networkPrior(): PriorResource[] {
  const networkAccount = '999999999999';
  return [
    {
      type: 'aws_ec2_managed_prefix_list',
      name: 'hscn-edge_hscn-prefixes_90E85153',
      attributes: {
        id: 'pl-0123456789abcdef0',
        arn: `arn:aws:ec2:eu-west-2:${networkAccount}:prefix-list/pl-0123456789abcdef0`,
        name: 'exvalley-hscn',
        address_family: 'IPv4',
        max_entries: 3,
        owner_id: networkAccount,
        version: 1,
        entry: [
          { cidr: '155.231.231.0/29', description: HSCN_PREFIX_DESCRIPTION },
          { cidr: '10.239.0.0/16', description: HSCN_PREFIX_DESCRIPTION },
        ],
        tags: {},
        tags_all: {},
      },
    },
    {
      type: 'aws_ec2_transit_gateway_route',
      name: 'hub_spokes-to-gateway-0-0-0-0-1_0AB1C2D3',
      attributes: {
        id: 'tgw-rtb-0123456789abcdef0_0.0.0.0/1',
        destination_cidr_block: '0.0.0.0/1',
        transit_gateway_attachment_id: 'tgw-attach-0123456789abcdef0',
        transit_gateway_route_table_id: 'tgw-rtb-0123456789abcdef0',
        blackhole: false,
      },
    },
  ];
}
