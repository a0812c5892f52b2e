// Every control's evaluation against a passing and a failing hand-built account: the fixture table
// must name every control, so a control added without both fixtures fails here.
import { DEFAULT_VPC_REMOVED_TAG, POSTURE_CONTROLS } from '../../../tools/posture/controls';
import { buildEstate } from '../../../tools/posture/estate';
import { evaluateEstate } from '../../../tools/posture/evaluate';
import type { TerraformJson } from '../../../tools/synth/output';
import { fixtureEstate, fixtureStack, HOME, OTHER, r, type FixtureResource } from '../../helpers/posture-estates';

const ACCOUNT = '111111111111';
const bothRegions = (type: string, name: string, body: TerraformJson = {}): FixtureResource[] => [
  r(type, `${name}-euw2`, body, HOME),
  r(type, `${name}-euw1`, body, OTHER),
];
const noDefaultVpcs = bothRegions('terraform_data', 'default-vpc-removal', {
  tags: { [DEFAULT_VPC_REMOVED_TAG.key]: DEFAULT_VPC_REMOVED_TAG.value },
});
const vpc = (extra: FixtureResource[] = []): FixtureResource[] => [
  ...noDefaultVpcs,
  r('aws_vpc', 'main', { cidr_block: '100.64.0.0/24' }),
  ...extra,
];
const onVpc = (type: string, name: string, body: TerraformJson): FixtureResource =>
  r(type, name, { vpc_id: '${aws_vpc.main.id}', ...body });
const bucket = (extra: (ref: string) => FixtureResource[]): FixtureResource[] => [
  r('aws_s3_bucket', 'b', { bucket: 'exvalley-data' }),
  ...extra('${aws_s3_bucket.b.id}'),
];
const trail = (body: TerraformJson): FixtureResource[] => [
  r('aws_cloudtrail', 'org', {
    is_organization_trail: true,
    is_multi_region_trail: true,
    s3_bucket_name: 'trail-logs',
    kms_key_id: 'arn:aws:kms:eu-west-2:111111111111:key/k',
    enable_log_file_validation: true,
    ...body,
  }),
];
const managementSelector = { name: 'mgmt', field_selector: [{ field: 'eventCategory', equals: ['Management'] }] };
const s3Selector = (extra: TerraformJson[]) => ({
  name: 's3',
  field_selector: [{ field: 'eventCategory', equals: ['Data'] }, { field: 'resources.type', equals: ['AWS::S3::Object'] }, ...extra],
});
const passwordPolicy = (body: TerraformJson) => [
  r('aws_iam_account_password_policy', 'p', {
    minimum_password_length: 14,
    password_reuse_prevention: 24,
    require_lowercase_characters: true,
    require_uppercase_characters: true,
    require_numbers: true,
    require_symbols: true,
    ...body,
  }),
];
const inspector = (types: string[]) =>
  bothRegions('aws_inspector2_enabler', 'inspector', { account_ids: [ACCOUNT], resource_types: types });
const naclRule = (body: TerraformJson) => ({ action: 'allow', cidr_block: '0.0.0.0/0', rule_no: 100, ...body });

const FIXTURES: Record<string, { pass: FixtureResource[]; fail: FixtureResource[] }> = {
  'Account.1': {
    pass: [r('aws_account_alternate_contact', 'security', { alternate_contact_type: 'SECURITY' })],
    fail: [r('aws_account_alternate_contact', 'billing', { alternate_contact_type: 'BILLING' })],
  },
  'CloudTrail.1': {
    pass: trail({ advanced_event_selector: [managementSelector] }),
    fail: trail({
      advanced_event_selector: [
        {
          name: 'w',
          field_selector: [
            { field: 'eventCategory', equals: ['Management'] },
            { field: 'readOnly', equals: ['false'] },
          ],
        },
      ],
    }),
  },
  'CloudTrail.2': { pass: trail({}), fail: trail({ kms_key_id: undefined }) },
  'CloudTrail.4': { pass: trail({}), fail: trail({ enable_log_file_validation: false }) },
  'CloudTrail.7': {
    pass: [
      ...trail({}),
      r('aws_s3_bucket', 'trail', { bucket: 'trail-logs' }),
      r('aws_s3_bucket_logging', 'trail', { bucket: '${aws_s3_bucket.trail.id}', target_bucket: 'x' }),
    ],
    fail: [...trail({}), r('aws_s3_bucket', 'trail', { bucket: 'trail-logs' })],
  },
  'Config.1': {
    pass: [
      r('aws_iam_service_linked_role', 'config', { aws_service_name: 'config.amazonaws.com' }),
      ...bothRegions('aws_config_configuration_recorder', 'recorder', { role_arn: '${aws_iam_service_linked_role.config.arn}' }),
      ...bothRegions('aws_config_configuration_recorder_status', 'status', { is_enabled: true }),
    ],
    fail: [
      ...bothRegions('aws_config_configuration_recorder', 'recorder', { role_arn: 'arn:aws:iam::111111111111:role/custom-config' }),
      ...bothRegions('aws_config_configuration_recorder_status', 'status', { is_enabled: true }),
    ],
  },
  'EC2.2': {
    pass: vpc([onVpc('aws_default_security_group', 'sg', { ingress: [], egress: [] })]),
    fail: vpc([onVpc('aws_default_security_group', 'sg', { ingress: [], egress: [{ cidr_blocks: ['0.0.0.0/0'] }] })]),
  },
  'EC2.6': { pass: vpc([onVpc('aws_flow_log', 'log', { traffic_type: 'ALL' })]), fail: vpc() },
  'EC2.7': {
    pass: bothRegions('aws_ebs_encryption_by_default', 'ebs', { enabled: true }),
    fail: [r('aws_ebs_encryption_by_default', 'ebs', { enabled: true }, HOME)],
  },
  'EC2.10': {
    pass: vpc([onVpc('aws_vpc_endpoint', 'ec2', { service_name: 'com.amazonaws.eu-west-2.ec2' })]),
    fail: vpc([onVpc('aws_vpc_endpoint', 's3', { service_name: 'com.amazonaws.eu-west-2.s3' })]),
  },
  'EC2.15': {
    pass: vpc([onVpc('aws_subnet', 'private', { map_public_ip_on_launch: false })]),
    fail: vpc([onVpc('aws_subnet', 'public', { map_public_ip_on_launch: true })]),
  },
  'EC2.21': {
    pass: vpc([
      r('aws_default_network_acl', 'acl', {
        default_network_acl_id: '${aws_vpc.main.default_network_acl_id}',
        ingress: [naclRule({ protocol: 'tcp', from_port: 443, to_port: 443 }), naclRule({ protocol: '-1', cidr_block: '10.0.0.0/8' })],
      }),
    ]),
    fail: vpc([
      r('aws_default_network_acl', 'acl', {
        default_network_acl_id: '${aws_vpc.main.default_network_acl_id}',
        ingress: [naclRule({ protocol: 'tcp', from_port: 0, to_port: 1024 })],
      }),
    ]),
  },
  'EC2.23': {
    pass: [r('aws_ec2_transit_gateway', 'hub', { auto_accept_shared_attachments: 'disable' })],
    fail: [r('aws_ec2_transit_gateway', 'hub', { auto_accept_shared_attachments: 'enable' })],
  },
  'EC2.171': {
    pass: [
      r('aws_vpn_connection', 'vpn', {
        tunnel1_log_options: { cloudwatch_log_options: { log_enabled: true } },
        tunnel2_log_options: { cloudwatch_log_options: { log_enabled: true } },
      }),
    ],
    fail: [r('aws_vpn_connection', 'vpn', { tunnel1_log_options: { cloudwatch_log_options: { log_enabled: true } } })],
  },
  'EC2.172': {
    pass: bothRegions('aws_vpc_block_public_access_options', 'bpa', { internet_gateway_block_mode: 'block-bidirectional' }),
    fail: bothRegions('aws_vpc_block_public_access_options', 'bpa', { internet_gateway_block_mode: 'off' }),
  },
  'EC2.55': {
    pass: vpc([onVpc('aws_vpc_endpoint', 'e', { service_name: 'com.amazonaws.eu-west-2.ecr.api' })]),
    fail: vpc([onVpc('aws_vpc_endpoint', 'e', { service_name: 'com.amazonaws.eu-west-2.ecr.dkr' })]),
  },
  'EC2.56': {
    pass: vpc([onVpc('aws_vpc_endpoint', 'e', { service_name: 'com.amazonaws.eu-west-2.ecr.dkr' })]),
    fail: vpc([onVpc('aws_vpc_endpoint', 'e', { service_name: 'com.amazonaws.eu-west-2.ecr.api' })]),
  },
  'EC2.57': {
    pass: vpc([onVpc('aws_vpc_endpoint', 'e', { service_name: 'com.amazonaws.eu-west-2.ssm' })]),
    fail: vpc([onVpc('aws_vpc_endpoint', 'e', { service_name: 'com.amazonaws.eu-west-2.ssmmessages' })]),
  },
  'EC2.58': { pass: vpc([onVpc('aws_vpc_endpoint', 'e', { service_name: 'com.amazonaws.eu-west-2.ssm-contacts' })]), fail: vpc() },
  'EC2.60': { pass: vpc([onVpc('aws_vpc_endpoint', 'e', { service_name: 'com.amazonaws.eu-west-2.ssm-incidents' })]), fail: vpc() },
  'GuardDuty.1': {
    pass: bothRegions('aws_guardduty_detector', 'd', { enable: true }),
    fail: [r('aws_guardduty_detector', 'd', { enable: true }, HOME)],
  },
  'IAM.7': { pass: passwordPolicy({}), fail: passwordPolicy({ require_symbols: false }) },
  'IAM.15': { pass: passwordPolicy({}), fail: passwordPolicy({ minimum_password_length: 12 }) },
  'IAM.16': { pass: passwordPolicy({}), fail: passwordPolicy({ password_reuse_prevention: 5 }) },
  'IAM.18': {
    pass: [
      r('aws_iam_role_policy_attachment', 'support', { role: 'lz-aws-support', policy_arn: 'arn:aws:iam::aws:policy/AWSSupportAccess' }),
    ],
    fail: [r('aws_iam_role_policy_attachment', 'ro', { role: 'lz-plan', policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' })],
  },
  'IAM.28': {
    pass: bothRegions('aws_accessanalyzer_analyzer', 'a', { type: 'ACCOUNT' }),
    fail: [r('aws_accessanalyzer_analyzer', 'a', { type: 'ACCOUNT' }, HOME)],
  },
  'Inspector.1': { pass: inspector(['EC2']), fail: inspector(['ECR']) },
  'Inspector.2': { pass: inspector(['ECR']), fail: inspector(['EC2']) },
  'Inspector.3': { pass: inspector(['LAMBDA_CODE']), fail: inspector(['LAMBDA']) },
  'Inspector.4': { pass: inspector(['LAMBDA']), fail: inspector(['LAMBDA_CODE']) },
  'KMS.4': { pass: [r('aws_kms_key', 'k', { enable_key_rotation: true })], fail: [r('aws_kms_key', 'k', {})] },
  'Macie.1': {
    pass: bothRegions('aws_macie2_account', 'm', { status: 'ENABLED' }),
    fail: bothRegions('aws_macie2_account', 'm', { status: 'PAUSED' }),
  },
  'S3.1': {
    pass: [
      r('aws_s3_account_public_access_block', 'b', {
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      }),
    ],
    fail: [
      r('aws_s3_account_public_access_block', 'b', {
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: false,
      }),
    ],
  },
  'S3.5': {
    pass: bucket((ref) => [
      r('aws_s3_bucket_policy', 'p', {
        bucket: ref,
        policy: JSON.stringify({ Statement: [{ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] }),
      }),
    ]),
    fail: bucket((ref) => [r('aws_s3_bucket_policy', 'p', { bucket: ref, policy: JSON.stringify({ Statement: [{ Effect: 'Allow' }] }) })]),
  },
  'S3.8': {
    pass: bucket((ref) => [
      r('aws_s3_bucket_public_access_block', 'p', {
        bucket: ref,
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      }),
    ]),
    fail: bucket((ref) => [r('aws_s3_bucket_public_access_block', 'p', { bucket: ref, block_public_acls: true })]),
  },
  'S3.9': { pass: bucket((ref) => [r('aws_s3_bucket_logging', 'l', { bucket: ref, target_bucket: 'logs' })]), fail: bucket(() => []) },
  'S3.12': {
    pass: bucket((ref) => [r('aws_s3_bucket_ownership_controls', 'o', { bucket: ref, rule: { object_ownership: 'BucketOwnerEnforced' } })]),
    fail: bucket((ref) => [r('aws_s3_bucket_ownership_controls', 'o', { bucket: ref, rule: { object_ownership: 'ObjectWriter' } })]),
  },
  'S3.13': { pass: bucket((ref) => [r('aws_s3_bucket_lifecycle_configuration', 'l', { bucket: ref })]), fail: bucket(() => []) },
  'S3.22': {
    pass: trail({ advanced_event_selector: [managementSelector, s3Selector([{ field: 'readOnly', equals: ['false'] }])] }),
    fail: trail({
      advanced_event_selector: [managementSelector, s3Selector([{ field: 'resources.ARN', starts_with: ['arn:aws:s3:::pd-'] }])],
    }),
  },
  'S3.23': {
    pass: trail({ advanced_event_selector: [managementSelector, s3Selector([])] }),
    fail: trail({ advanced_event_selector: [managementSelector, s3Selector([{ field: 'readOnly', equals: ['false'] }])] }),
  },
  'SSM.6': {
    pass: bothRegions('aws_ssm_service_setting', 's', {
      setting_id: '/ssm/automation/customer-script-log-destination',
      setting_value: 'CloudWatch',
    }),
    fail: bothRegions('aws_ssm_service_setting', 's', {
      setting_id: '/ssm/automation/customer-script-log-destination',
      setting_value: 'None',
    }),
  },
  'SSM.7': {
    pass: bothRegions('aws_ssm_service_setting', 's', {
      setting_id: '/ssm/documents/console/public-sharing-permission',
      setting_value: 'Disable',
    }),
    fail: bothRegions('aws_ssm_service_setting', 's', {
      setting_id: '/ssm/documents/console/public-sharing-permission',
      setting_value: 'Enable',
    }),
  },
};

function statusOf(controlId: string, resources: readonly FixtureResource[]): string {
  const control = POSTURE_CONTROLS.find((candidate) => candidate.id === controlId);
  if (!control) throw new Error(`no control ${controlId}`);
  const estate = buildEstate(fixtureEstate({ account: fixtureStack(ACCOUNT, resources) }));
  return evaluateEstate(estate, [control]).controls[0].status;
}

describe('posture control evaluations', () => {
  it('has a passing and a failing fixture for every control, and none for a control that does not exist', () => {
    expect(Object.keys(FIXTURES).sort()).toEqual(POSTURE_CONTROLS.map((control) => control.id).sort());
  });

  it.each(POSTURE_CONTROLS.map((control) => control.id))('%s passes its passing fixture and fails its failing one', (controlId) => {
    expect(statusOf(controlId, FIXTURES[controlId].pass)).toBe('PASSED');
    expect(statusOf(controlId, FIXTURES[controlId].fail)).toBe('FAILED');
  });

  it('counts the default VPC AWS creates in every Region unless something removes it', () => {
    expect(statusOf('EC2.6', [])).toBe('FAILED');
    expect(statusOf('EC2.6', noDefaultVpcs)).toBe('NO_DATA');
  });

  it('gives every control a Security Hub documentation reference', () => {
    for (const control of POSTURE_CONTROLS)
      expect(control.reference).toMatch(
        /^https:\/\/docs\.aws\.amazon\.com\/securityhub\/latest\/userguide\/[a-z0-9]+-controls\.html#[a-z0-9]+-\d+$/,
      );
  });
});

describe("Inspector and Macie enabled by the organization's auto-enable (ADR 0704)", () => {
  const SECURITY = '222222222222';
  const autoEnable = [
    ...bothRegions('aws_inspector2_organization_configuration', 'inspector-organization', {
      auto_enable: { ec2: true, ecr: true, lambda: true, lambda_code: false },
    }),
    ...bothRegions('aws_macie2_organization_configuration', 'macie-organization', { auto_enable: true }),
  ];
  const statusWith = (controlId: string, security: readonly FixtureResource[], member: readonly FixtureResource[]) => {
    const control = POSTURE_CONTROLS.find((candidate) => candidate.id === controlId)!;
    const estate = buildEstate(fixtureEstate({ security: fixtureStack(SECURITY, security), member: fixtureStack(ACCOUNT, member) }));
    const memberFindings = evaluateEstate(estate, [control]).controls[0].findings.filter((finding) => finding.account === ACCOUNT);
    expect(memberFindings).toHaveLength(2);
    return memberFindings.every((finding) => finding.status === 'PASSED') ? 'PASSED' : 'FAILED';
  };

  it('counts an account that enables neither itself as enabled where the administrator auto-enables the scan type', () => {
    expect(statusWith('Macie.1', autoEnable, [])).toBe('PASSED');
    expect(statusWith('Inspector.1', autoEnable, [])).toBe('PASSED');
    // Lambda code scanning is not auto-enabled in this estate.
    expect(statusWith('Inspector.3', autoEnable, [])).toBe('FAILED');
  });

  it('does not count auto-enable for an account that enables the services itself (it was there before auto-enable)', () => {
    expect(statusWith('Macie.1', autoEnable, bothRegions('aws_macie2_account', 'm', { status: 'PAUSED' }))).toBe('FAILED');
    expect(statusWith('Inspector.1', autoEnable, inspector(['ECR']))).toBe('FAILED');
  });

  it('fails an account that enables neither where nothing auto-enables', () => {
    expect(statusWith('Macie.1', [], [])).toBe('FAILED');
    expect(statusWith('Inspector.1', [], [])).toBe('FAILED');
  });
});
