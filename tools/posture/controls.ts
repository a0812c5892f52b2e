// The Security Hub controls whose result the landing zone's own resources and account settings
// decide, as data: ID, title, the standards that contain it, the AWS documentation of the control,
// and an evaluation over the synthesized estate for one account and Region. Controls about things
// the estate does not create (EC2 instances, databases, IAM users) are not here: their result
// depends on what each trust deploys later, so they are outside the denominator
// (docs/security-posture.md, "What the prediction covers").
import { refersTo, type Estate, type EstateAccount, type EstateResource } from './estate';

export type Standard = 'FSBP' | 'CIS-3.0';
export type FindingStatus = 'PASSED' | 'FAILED';

export interface ControlFinding {
  /** The resource as Security Hub names it: an ARN when the synthesized JSON spells one, else the Terraform address or the account. */
  readonly resource: string;
  /** The Security Hub resource type (AwsAccount, AwsS3Bucket, AwsEc2Vpc, ...), which automation rules can match. */
  readonly resourceType: string;
  readonly status: FindingStatus;
  /** Why it fails (or, for a pass worth explaining, why it passes). */
  readonly reason?: string;
}

/** What an evaluation sees: one account in one Region, and the whole estate for organization-wide settings. */
export interface ControlContext {
  readonly estate: Estate;
  readonly account: EstateAccount;
  readonly region: string;
  /** This account's resources in this Region. */
  readonly resources: readonly EstateResource[];
  /** This account's resources in every Region (for global resources such as IAM). */
  readonly accountResources: readonly EstateResource[];
}

export interface PostureControl {
  readonly id: string;
  readonly title: string;
  /** FSBP v1.0.0 and CIS AWS Foundations Benchmark v3.0.0 membership, from the Security Hub control reference. Empty: evaluated for information, outside both scores. */
  readonly standards: readonly Standard[];
  readonly reference: string;
  /** `global`: evaluated once per account, in the home Region (IAM and account settings); `regional`: per allowed Region. */
  readonly scope: 'global' | 'regional';
  /** No findings means Security Hub has nothing to evaluate here (no such resource): the control is not counted. */
  evaluate(context: ControlContext): ControlFinding[];
}

const CONTROLS_REFERENCE = 'https://docs.aws.amazon.com/securityhub/latest/userguide';
const ref = (service: string, id: string): string => `${CONTROLS_REFERENCE}/${service}-controls.html#${id.toLowerCase().replace('.', '-')}`;

const ofType = (resources: readonly EstateResource[], type: string): EstateResource[] => resources.filter((resource) => resource.type === type);
const accountFinding = (context: ControlContext, status: FindingStatus, reason?: string): ControlFinding => ({ resource: `AWS::::Account:${context.account.id}`, resourceType: 'AwsAccount', status, reason });
const pass = (resource: string, resourceType: string, reason?: string): ControlFinding => ({ resource, resourceType, status: 'PASSED', reason });
const fail = (resource: string, resourceType: string, reason: string): ControlFinding => ({ resource, resourceType, status: 'FAILED', reason });

// ---------------------------------------------------------------------------------------------
// VPCs: the ones the estate creates and the default VPC AWS creates in every Region of every account.

/** A VPC in one account and Region: one the estate creates, the default VPC it adopts, or the default VPC AWS made that no resource mentions. */
interface VpcView {
  readonly label: string;
  readonly resource?: EstateResource;
  readonly isDefault: boolean;
}

/**
 * The tag (key and value) a resource carries when it removes the default VPC of its account and
 * Region: the estimator then counts no default VPC there. Whatever deletes default VPCs must carry it.
 */
export const DEFAULT_VPC_REMOVED_TAG = { key: 'lz:default-vpc', value: 'removed' } as const;

/**
 * AWS creates a default VPC (with a public subnet in each zone) in every Region of every new account
 * (https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html). It is there whether or not
 * the estate mentions it, unless a resource in that account and Region carries DEFAULT_VPC_REMOVED_TAG.
 */
function vpcsOf(context: ControlContext): VpcView[] {
  const vpcs: VpcView[] = ofType(context.resources, 'aws_vpc').map((resource) => ({ label: resource.address, resource, isDefault: false }));
  const adopted = ofType(context.resources, 'aws_default_vpc');
  const deleted = context.resources.some((resource) => resource.body.tags?.[DEFAULT_VPC_REMOVED_TAG.key] === DEFAULT_VPC_REMOVED_TAG.value);
  if (deleted) return vpcs;
  if (adopted.length > 0) return [...vpcs, ...adopted.map((resource) => ({ label: resource.address, resource, isDefault: true }))];
  return [...vpcs, { label: `default VPC (created by AWS in ${context.region})`, isDefault: true }];
}

function attachedTo(context: ControlContext, type: string, attribute: string, vpc: VpcView): EstateResource[] {
  const target = vpc.resource;
  if (!target) return [];
  return ofType(context.resources, type).filter((resource) => refersTo(resource, resource.body[attribute], target));
}

// ---------------------------------------------------------------------------------------------
// S3 buckets.

const bucketArn = (bucket: EstateResource): string => (typeof bucket.body.bucket === 'string' ? `arn:aws:s3:::${bucket.body.bucket}` : bucket.address);

function bucketSettings(context: ControlContext, type: string, bucket: EstateResource): EstateResource[] {
  return ofType(context.resources, type).filter((resource) => refersTo(resource, resource.body.bucket, bucket, [bucket.body.bucket]));
}

function eachBucket(context: ControlContext, check: (bucket: EstateResource) => string | undefined): ControlFinding[] {
  return ofType(context.resources, 'aws_s3_bucket').map((bucket) => {
    const problem = check(bucket);
    return problem ? fail(bucketArn(bucket), 'AwsS3Bucket', problem) : pass(bucketArn(bucket), 'AwsS3Bucket');
  });
}

interface PolicyStatement {
  Effect?: string;
  Condition?: Record<string, Record<string, unknown>>;
}

function deniesInsecureTransport(policyJson: unknown): boolean {
  if (typeof policyJson !== 'string') return false;
  try {
    const policy = JSON.parse(policyJson) as { Statement?: PolicyStatement[] };
    return (policy.Statement ?? []).some((statement) => statement.Effect === 'Deny' && `${statement.Condition?.Bool?.['aws:SecureTransport']}` === 'false');
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Organization-wide services.

/** The organization trails of the estate (any account): they record every member account. */
const organizationTrails = (estate: Estate): EstateResource[] => estate.resources.filter((resource) => resource.type === 'aws_cloudtrail' && resource.body.is_organization_trail === true && resource.body.is_multi_region_trail === true);

interface FieldSelector {
  field?: string;
  equals?: string[];
  starts_with?: string[];
  not_starts_with?: string[];
  not_equals?: string[];
}
interface AdvancedSelector {
  name?: string;
  field_selector?: FieldSelector[];
}

/**
 * Whether a trail logs S3 object events of `kind` (write or read) for every bucket: an advanced event
 * selector for AWS::S3::Object data events with no ARN restriction, and readOnly not excluding the kind.
 */
function logsAllS3DataEvents(trail: EstateResource, kind: 'write' | 'read'): boolean {
  const selectors = (trail.body.advanced_event_selector ?? []) as AdvancedSelector[];
  return selectors.some((selector) => {
    const fields = selector.field_selector ?? [];
    const field = (name: string): FieldSelector | undefined => fields.find((candidate) => candidate.field === name);
    if (!field('eventCategory')?.equals?.includes('Data')) return false;
    if (!field('resources.type')?.equals?.includes('AWS::S3::Object')) return false;
    if (field('resources.ARN')) return false;
    const readOnly = field('readOnly')?.equals;
    if (readOnly === undefined) return true;
    return readOnly.includes(kind === 'read' ? 'true' : 'false');
  });
}

const logsManagementEvents = (trail: EstateResource): boolean =>
  ((trail.body.advanced_event_selector ?? []) as AdvancedSelector[]).some((selector) => {
    const fields = selector.field_selector ?? [];
    return fields.some((field) => field.field === 'eventCategory' && field.equals?.includes('Management')) && !fields.some((field) => field.field === 'readOnly');
  }) || trail.body.advanced_event_selector === undefined;

function trailFindings(context: ControlContext, check: (trail: EstateResource) => string | undefined): ControlFinding[] {
  const trails = organizationTrails(context.estate);
  if (trails.length === 0) return [accountFinding(context, 'FAILED', 'no multi-Region organization trail in the estate')];
  return trails.map((trail) => {
    const problem = check(trail);
    return problem ? fail(trail.address, 'AwsCloudTrailTrail', problem) : pass(trail.address, 'AwsCloudTrailTrail');
  });
}

/** An organization-wide configuration resource of `type` in this Region, anywhere in the estate. */
const organizationWide = (context: ControlContext, type: string): EstateResource[] => context.estate.resources.filter((resource) => resource.type === type && resource.region === context.region);

const SSM_AUTOMATION_LOGGING = '/ssm/automation/customer-script-log-destination';
const SSM_DOCUMENT_PUBLIC_SHARING = '/ssm/documents/console/public-sharing-permission';

function ssmSetting(context: ControlContext, setting: string, expected: string): ControlFinding[] {
  const found = ofType(context.resources, 'aws_ssm_service_setting').find((resource) => typeof resource.body.setting_id === 'string' && resource.body.setting_id.endsWith(setting));
  if (!found) return [accountFinding(context, 'FAILED', `service setting ${setting} is left at its default`)];
  return [found.body.setting_value === expected ? accountFinding(context, 'PASSED') : accountFinding(context, 'FAILED', `${setting} is ${found.body.setting_value}, not ${expected}`)];
}

type InspectorScan = 'ec2' | 'ecr' | 'lambda' | 'lambda_code';
const INSPECTOR_RESOURCE_TYPES: Record<InspectorScan, string> = { ec2: 'EC2', ecr: 'ECR', lambda: 'LAMBDA', lambda_code: 'LAMBDA_CODE' };

/**
 * An account whose baseline leaves Inspector and Macie to the organization: its stacks enable
 * neither (the baseline does that only for accounts that joined after auto-enable was switched on,
 * securityServicesEnabledBy: organization, ADR 0704). Auto-enable covers only accounts that join
 * after it, so for an account that enables them itself it counts for nothing.
 */
const leftToOrganization = (context: ControlContext): boolean =>
  !context.estate.resources.some((resource) => resource.account === context.account.id && (resource.type === 'aws_inspector2_enabler' || resource.type === 'aws_macie2_account'));

/**
 * Inspector scanning of one kind for this account and Region: the account enables it itself
 * (aws_inspector2_enabler naming the account, or all accounts, with the resource type), the
 * delegated administrator enables it for the account, or the account was left to the organization's
 * auto-enable for that scan type in this Region.
 */
function inspectorScan(context: ControlContext, scan: InspectorScan): ControlFinding[] {
  const type = INSPECTOR_RESOURCE_TYPES[scan];
  const enablers = organizationWide(context, 'aws_inspector2_enabler').filter((enabler) => {
    const accounts = (enabler.body.account_ids ?? []) as string[];
    const types = (enabler.body.resource_types ?? []) as string[];
    return types.includes(type) && (accounts.includes(context.account.id) || (enabler.account === context.account.id && accounts.length === 0));
  });
  if (enablers.length > 0) return [accountFinding(context, 'PASSED')];
  const autoEnabled = organizationWide(context, 'aws_inspector2_organization_configuration').some((configuration) => {
    const autoEnable = Array.isArray(configuration.body.auto_enable) ? configuration.body.auto_enable[0] : configuration.body.auto_enable;
    return autoEnable?.[scan] === true;
  });
  if (autoEnabled && leftToOrganization(context)) return [accountFinding(context, 'PASSED', `Inspector ${type} scanning enabled by the organization's auto-enable when the account joined`)];
  return [accountFinding(context, 'FAILED', `Inspector ${type} scanning is not enabled for this account`)];
}

function macieEnabled(context: ControlContext): boolean {
  const own = ofType(context.resources, 'aws_macie2_account').some((resource) => (resource.body.status ?? 'ENABLED') === 'ENABLED');
  const member = organizationWide(context, 'aws_macie2_member').some((resource) => resource.body.account_id === context.account.id && (resource.body.status ?? 'ENABLED') === 'ENABLED');
  const autoEnabled = organizationWide(context, 'aws_macie2_organization_configuration').some((configuration) => configuration.body.auto_enable === true) && leftToOrganization(context);
  return own || member || autoEnabled;
}

// ---------------------------------------------------------------------------------------------

/** Password policy parameters of IAM.7 (Security Hub defaults). */
const IAM7 = { minimumPasswordLength: 8 } as const;

function passwordPolicyFinding(context: ControlContext, check: (policy: Record<string, unknown>) => string | undefined): ControlFinding[] {
  const policy = ofType(context.accountResources, 'aws_iam_account_password_policy')[0];
  if (!policy) return [accountFinding(context, 'FAILED', 'no IAM account password policy')];
  const problem = check(policy.body);
  return [problem ? accountFinding(context, 'FAILED', problem) : accountFinding(context, 'PASSED')];
}

const NACL_ADMIN_PORTS = [22, 3389];

interface NaclRule {
  action?: string;
  protocol?: string | number;
  from_port?: number;
  to_port?: number;
  cidr_block?: string;
}

/** Whether an ingress rule allows 0.0.0.0/0 to port 22 or 3389 (protocol -1 or TCP covering the port). */
function allowsAdminPortsFromAnywhere(rule: NaclRule): boolean {
  if (`${rule.action}`.toLowerCase() !== 'allow' || rule.cidr_block !== '0.0.0.0/0') return false;
  const protocol = `${rule.protocol}`.toLowerCase();
  if (protocol === '-1' || protocol === 'all') return true;
  if (protocol !== 'tcp' && protocol !== '6') return false;
  return NACL_ADMIN_PORTS.some((port) => (rule.from_port ?? 0) <= port && port <= (rule.to_port ?? 65535));
}

export const POSTURE_CONTROLS: readonly PostureControl[] = [
  {
    id: 'Account.1',
    title: 'Security contact information should be provided for an AWS account',
    standards: ['FSBP', 'CIS-3.0'],
    reference: ref('account', 'Account.1'),
    scope: 'global',
    evaluate: (context) => [
      ofType(context.accountResources, 'aws_account_alternate_contact').some((contact) => contact.body.alternate_contact_type === 'SECURITY')
        ? accountFinding(context, 'PASSED')
        : accountFinding(context, 'FAILED', 'no SECURITY alternate contact'),
    ],
  },
  {
    id: 'CloudTrail.1',
    title: 'CloudTrail should be enabled and configured with at least one multi-Region trail that includes read and write management events',
    standards: ['FSBP', 'CIS-3.0'],
    reference: ref('cloudtrail', 'CloudTrail.1'),
    scope: 'regional',
    evaluate: (context) => trailFindings(context, (trail) => (logsManagementEvents(trail) ? undefined : 'management events are filtered (read or write only)')),
  },
  {
    id: 'CloudTrail.2',
    title: 'CloudTrail should have encryption at-rest enabled',
    standards: ['FSBP', 'CIS-3.0'],
    reference: ref('cloudtrail', 'CloudTrail.2'),
    scope: 'regional',
    evaluate: (context) => trailFindings(context, (trail) => (trail.body.kms_key_id ? undefined : 'no kms_key_id: logs are encrypted with SSE-S3 only')),
  },
  {
    id: 'CloudTrail.4',
    title: 'CloudTrail log file validation should be enabled',
    standards: ['FSBP', 'CIS-3.0'],
    reference: ref('cloudtrail', 'CloudTrail.4'),
    scope: 'regional',
    evaluate: (context) => trailFindings(context, (trail) => (trail.body.enable_log_file_validation === true ? undefined : 'log file validation is off')),
  },
  {
    id: 'CloudTrail.7',
    title: 'Ensure S3 bucket access logging is enabled on the CloudTrail S3 bucket',
    standards: ['CIS-3.0'],
    reference: ref('cloudtrail', 'CloudTrail.7'),
    scope: 'regional',
    evaluate: (context) =>
      trailFindings(context, (trail) => {
        const bucket = context.estate.resources.find((resource) => resource.type === 'aws_s3_bucket' && resource.body.bucket === trail.body.s3_bucket_name);
        if (!bucket) return `the trail's bucket ${trail.body.s3_bucket_name} is not in the estate`;
        const logging = context.estate.resources.some((resource) => resource.type === 'aws_s3_bucket_logging' && refersTo(resource, resource.body.bucket, bucket, [bucket.body.bucket]));
        return logging ? undefined : `the trail's bucket ${bucket.address} has no server access logging`;
      }),
  },
  {
    id: 'Config.1',
    title: 'AWS Config should be enabled and use the service-linked role for resource recording',
    standards: ['FSBP', 'CIS-3.0'],
    reference: ref('config', 'Config.1'),
    scope: 'regional',
    evaluate: (context) => {
      const recorder = ofType(context.resources, 'aws_config_configuration_recorder')[0];
      if (!recorder) return [accountFinding(context, 'FAILED', 'no configuration recorder')];
      const roleArn = `${recorder.body.role_arn ?? ''}`;
      const usesServiceLinkedRole =
        roleArn.includes('AWSServiceRoleForConfig') ||
        context.accountResources.some((role) => role.type === 'aws_iam_service_linked_role' && role.body.aws_service_name === 'config.amazonaws.com' && refersTo(recorder, roleArn, role));
      const running = ofType(context.resources, 'aws_config_configuration_recorder_status').some((status) => status.body.is_enabled === true);
      if (!running) return [accountFinding(context, 'FAILED', 'the recorder is not started')];
      return [usesServiceLinkedRole ? accountFinding(context, 'PASSED') : accountFinding(context, 'FAILED', 'the recorder does not use AWSServiceRoleForConfig')];
    },
  },
  {
    id: 'EC2.2',
    title: 'VPC default security groups should not allow inbound or outbound traffic',
    standards: ['FSBP', 'CIS-3.0'],
    reference: ref('ec2', 'EC2.2'),
    scope: 'regional',
    evaluate: (context) =>
      vpcsOf(context).map((vpc) => {
        const closed = attachedTo(context, 'aws_default_security_group', 'vpc_id', vpc).some((group) => Array.isArray(group.body.ingress) && group.body.ingress.length === 0 && Array.isArray(group.body.egress) && group.body.egress.length === 0);
        return closed ? pass(vpc.label, 'AwsEc2SecurityGroup') : fail(vpc.label, 'AwsEc2SecurityGroup', 'its default security group keeps the rules AWS creates (all outbound, inbound from itself)');
      }),
  },
  {
    id: 'EC2.6',
    title: 'VPC flow logging should be enabled in all VPCs',
    standards: ['FSBP', 'CIS-3.0'],
    reference: ref('ec2', 'EC2.6'),
    scope: 'regional',
    evaluate: (context) =>
      vpcsOf(context).map((vpc) =>
        attachedTo(context, 'aws_flow_log', 'vpc_id', vpc).some((log) => log.body.traffic_type === 'ALL' || log.body.traffic_type === 'REJECT')
          ? pass(vpc.label, 'AwsEc2Vpc')
          : fail(vpc.label, 'AwsEc2Vpc', vpc.isDefault ? 'default VPC without a flow log' : 'no flow log capturing rejected traffic'),
      ),
  },
  {
    id: 'EC2.7',
    title: 'EBS default encryption should be enabled',
    standards: ['FSBP', 'CIS-3.0'],
    reference: ref('ec2', 'EC2.7'),
    scope: 'regional',
    evaluate: (context) => [ofType(context.resources, 'aws_ebs_encryption_by_default').some((setting) => setting.body.enabled === true) ? accountFinding(context, 'PASSED') : accountFinding(context, 'FAILED', 'EBS encryption by default is off')],
  },
  {
    id: 'EC2.10',
    title: 'Amazon EC2 should be configured to use VPC endpoints that are created for the Amazon EC2 service',
    standards: ['FSBP'],
    reference: ref('ec2', 'EC2.10'),
    scope: 'regional',
    evaluate: (context) => vpcEndpointFindings(context, 'ec2'),
  },
  {
    id: 'EC2.15',
    title: 'EC2 subnets should not automatically assign public IP addresses',
    standards: ['FSBP'],
    reference: ref('ec2', 'EC2.15'),
    scope: 'regional',
    evaluate: (context) => {
      const findings = ofType(context.resources, 'aws_subnet').map((subnet) => (subnet.body.map_public_ip_on_launch === true ? fail(subnet.address, 'AwsEc2Subnet', 'map_public_ip_on_launch is true') : pass(subnet.address, 'AwsEc2Subnet')));
      // The default VPC's subnets assign public IPv4 addresses unless the estate turns it off.
      for (const vpc of vpcsOf(context).filter((candidate) => candidate.isDefault)) {
        const defaultSubnets = ofType(context.resources, 'aws_default_subnet');
        const neutralised = defaultSubnets.length > 0 && defaultSubnets.every((subnet) => subnet.body.map_public_ip_on_launch === false);
        findings.push(neutralised ? pass(`${vpc.label} subnets`, 'AwsEc2Subnet') : fail(`${vpc.label} subnets`, 'AwsEc2Subnet', 'the default subnets assign public IP addresses'));
      }
      return findings;
    },
  },
  {
    id: 'EC2.21',
    title: 'Network ACLs should not allow ingress from 0.0.0.0/0 to port 22 or port 3389',
    standards: ['FSBP', 'CIS-3.0'],
    reference: ref('ec2', 'EC2.21'),
    scope: 'regional',
    evaluate: (context) => {
      const findings: ControlFinding[] = [];
      for (const vpc of vpcsOf(context)) {
        // Every VPC has a default network ACL; AWS's allows all inbound traffic.
        const managed = vpc.resource ? ofType(context.resources, 'aws_default_network_acl').filter((acl) => refersTo(acl, acl.body.default_network_acl_id, vpc.resource as EstateResource)) : [];
        if (managed.length === 0) {
          findings.push(fail(`${vpc.label} default network ACL`, 'AwsEc2NetworkAcl', 'the default network ACL AWS creates allows all inbound traffic'));
          continue;
        }
        for (const acl of managed) {
          const open = ((acl.body.ingress ?? []) as NaclRule[]).some(allowsAdminPortsFromAnywhere);
          findings.push(open ? fail(acl.address, 'AwsEc2NetworkAcl', 'allows 0.0.0.0/0 to port 22 or 3389') : pass(acl.address, 'AwsEc2NetworkAcl'));
        }
      }
      for (const acl of ofType(context.resources, 'aws_network_acl')) {
        const open = ((acl.body.ingress ?? []) as NaclRule[]).some(allowsAdminPortsFromAnywhere);
        findings.push(open ? fail(acl.address, 'AwsEc2NetworkAcl', 'allows 0.0.0.0/0 to port 22 or 3389') : pass(acl.address, 'AwsEc2NetworkAcl'));
      }
      return findings;
    },
  },
  {
    id: 'EC2.23',
    title: 'Amazon EC2 Transit Gateways should not automatically accept VPC attachment requests',
    standards: ['FSBP'],
    reference: ref('ec2', 'EC2.23'),
    scope: 'regional',
    evaluate: (context) =>
      ofType(context.resources, 'aws_ec2_transit_gateway').map((gateway) =>
        gateway.body.auto_accept_shared_attachments === 'enable' ? fail(gateway.address, 'AwsEc2TransitGateway', 'auto_accept_shared_attachments is enable') : pass(gateway.address, 'AwsEc2TransitGateway'),
      ),
  },
  {
    id: 'EC2.171',
    title: 'EC2 VPN connections should have logging enabled',
    standards: [],
    reference: ref('ec2', 'EC2.171'),
    scope: 'regional',
    evaluate: (context) =>
      ofType(context.resources, 'aws_vpn_connection').map((vpn) => {
        const logged = [vpn.body.tunnel1_log_options, vpn.body.tunnel2_log_options].every((options) => options?.cloudwatch_log_options?.log_enabled === true);
        return logged ? pass(vpn.address, 'AwsEc2VpnConnection') : fail(vpn.address, 'AwsEc2VpnConnection', 'tunnel logging to CloudWatch Logs is off on at least one tunnel');
      }),
  },
  {
    id: 'EC2.172',
    title: 'EC2 VPC Block Public Access settings should block internet gateway traffic',
    standards: [],
    reference: ref('ec2', 'EC2.172'),
    scope: 'regional',
    evaluate: (context) => {
      const options = ofType(context.resources, 'aws_vpc_block_public_access_options')[0];
      if (!options) return [accountFinding(context, 'FAILED', 'VPC Block Public Access is off')];
      return [options.body.internet_gateway_block_mode && options.body.internet_gateway_block_mode !== 'off' ? accountFinding(context, 'PASSED') : accountFinding(context, 'FAILED', 'internet_gateway_block_mode is off')];
    },
  },
  ...(
    [
      ['EC2.55', 'ecr.api', 'ECR API'],
      ['EC2.56', 'ecr.dkr', 'Docker Registry'],
      ['EC2.57', 'ssm', 'Systems Manager'],
      ['EC2.58', 'ssm-contacts', 'Systems Manager Incident Manager Contacts'],
      ['EC2.60', 'ssm-incidents', 'Systems Manager Incident Manager'],
    ] as const
  ).map(
    ([id, service, name]): PostureControl => ({
      id,
      title: `VPCs should be configured with an interface endpoint for ${name}`,
      standards: [],
      reference: ref('ec2', id),
      scope: 'regional',
      evaluate: (context) => vpcEndpointFindings(context, service),
    }),
  ),
  {
    id: 'GuardDuty.1',
    title: 'GuardDuty should be enabled',
    standards: ['FSBP'],
    reference: ref('guardduty', 'GuardDuty.1'),
    scope: 'regional',
    evaluate: (context) => {
      const own = ofType(context.resources, 'aws_guardduty_detector').some((detector) => detector.body.enable !== false);
      const organization = organizationWide(context, 'aws_guardduty_organization_configuration').some((configuration) => configuration.body.auto_enable_organization_members === 'ALL');
      return [own || organization ? accountFinding(context, 'PASSED') : accountFinding(context, 'FAILED', 'no detector, and no organization configuration enabling ALL members')];
    },
  },
  {
    id: 'IAM.7',
    title: 'Password policies for IAM users should have strong configurations',
    standards: ['FSBP'],
    reference: ref('iam', 'IAM.7'),
    scope: 'global',
    evaluate: (context) =>
      passwordPolicyFinding(context, (policy) =>
        policy.require_uppercase_characters === true && policy.require_lowercase_characters === true && policy.require_symbols === true && policy.require_numbers === true && Number(policy.minimum_password_length) >= IAM7.minimumPasswordLength
          ? undefined
          : 'the policy does not require upper and lower case, symbols, numbers and 8 characters',
      ),
  },
  {
    id: 'IAM.15',
    title: 'Ensure IAM password policy requires minimum password length of 14 or greater',
    standards: ['CIS-3.0'],
    reference: ref('iam', 'IAM.15'),
    scope: 'global',
    evaluate: (context) => passwordPolicyFinding(context, (policy) => (Number(policy.minimum_password_length) >= 14 ? undefined : 'minimum length below 14')),
  },
  {
    id: 'IAM.16',
    title: 'Ensure IAM password policy prevents password reuse',
    standards: ['CIS-3.0'],
    reference: ref('iam', 'IAM.16'),
    scope: 'global',
    evaluate: (context) => passwordPolicyFinding(context, (policy) => (Number(policy.password_reuse_prevention) >= 24 ? undefined : 'reuse prevention below 24')),
  },
  {
    id: 'IAM.18',
    title: 'Ensure a support role has been created to manage incidents with AWS Support',
    standards: ['CIS-3.0'],
    reference: ref('iam', 'IAM.18'),
    scope: 'global',
    evaluate: (context) => [
      ofType(context.accountResources, 'aws_iam_role_policy_attachment').some((attachment) => attachment.body.policy_arn === 'arn:aws:iam::aws:policy/AWSSupportAccess')
        ? accountFinding(context, 'PASSED')
        : accountFinding(context, 'FAILED', 'no role has AWSSupportAccess attached'),
    ],
  },
  {
    id: 'IAM.28',
    title: 'IAM Access Analyzer external access analyzer should be enabled',
    standards: ['CIS-3.0'],
    reference: ref('iam', 'IAM.28'),
    scope: 'regional',
    evaluate: (context) => [
      ofType(context.resources, 'aws_accessanalyzer_analyzer').some((analyzer) => ['ACCOUNT', 'ORGANIZATION', undefined].includes(analyzer.body.type))
        ? accountFinding(context, 'PASSED')
        : accountFinding(context, 'FAILED', 'no external access analyzer in this account and Region'),
    ],
  },
  ...(
    [
      ['Inspector.1', 'ec2', 'Amazon Inspector EC2 scanning should be enabled'],
      ['Inspector.2', 'ecr', 'Amazon Inspector ECR scanning should be enabled'],
      ['Inspector.3', 'lambda_code', 'Amazon Inspector Lambda code scanning should be enabled'],
      ['Inspector.4', 'lambda', 'Amazon Inspector Lambda standard scanning should be enabled'],
    ] as const
  ).map(
    ([id, scan, title]): PostureControl => ({
      id,
      title,
      standards: ['FSBP'],
      reference: ref('inspector', id),
      scope: 'regional',
      evaluate: (context) => inspectorScan(context, scan),
    }),
  ),
  {
    id: 'KMS.4',
    title: 'AWS KMS key rotation should be enabled',
    standards: ['CIS-3.0'],
    reference: ref('kms', 'KMS.4'),
    scope: 'regional',
    evaluate: (context) =>
      ofType(context.resources, 'aws_kms_key')
        .filter((key) => (key.body.customer_master_key_spec ?? 'SYMMETRIC_DEFAULT') === 'SYMMETRIC_DEFAULT')
        .map((key) => (key.body.enable_key_rotation === true ? pass(key.address, 'AwsKmsKey') : fail(key.address, 'AwsKmsKey', 'automatic rotation is off'))),
  },
  {
    id: 'Macie.1',
    title: 'Amazon Macie should be enabled',
    standards: ['FSBP'],
    reference: ref('macie', 'Macie.1'),
    scope: 'regional',
    evaluate: (context) => [macieEnabled(context) ? accountFinding(context, 'PASSED') : accountFinding(context, 'FAILED', 'Macie is not enabled for this account')],
  },
  {
    id: 'S3.1',
    title: 'S3 general purpose buckets should have block public access settings enabled',
    standards: ['FSBP', 'CIS-3.0'],
    reference: ref('s3', 'S3.1'),
    scope: 'global',
    evaluate: (context) => {
      const block = ofType(context.accountResources, 'aws_s3_account_public_access_block')[0];
      const all = block && ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'].every((setting) => block.body[setting] === true);
      return [all ? accountFinding(context, 'PASSED') : accountFinding(context, 'FAILED', 'account-level S3 Block Public Access is not fully on')];
    },
  },
  {
    id: 'S3.5',
    title: 'S3 general purpose buckets should require requests to use SSL',
    standards: ['FSBP', 'CIS-3.0'],
    reference: ref('s3', 'S3.5'),
    scope: 'regional',
    evaluate: (context) => eachBucket(context, (bucket) => (bucketSettings(context, 'aws_s3_bucket_policy', bucket).some((policy) => deniesInsecureTransport(policy.body.policy)) ? undefined : 'no bucket policy denying aws:SecureTransport false')),
  },
  {
    id: 'S3.8',
    title: 'S3 general purpose buckets should block public access',
    standards: ['FSBP', 'CIS-3.0'],
    reference: ref('s3', 'S3.8'),
    scope: 'regional',
    evaluate: (context) =>
      eachBucket(context, (bucket) =>
        bucketSettings(context, 'aws_s3_bucket_public_access_block', bucket).some((block) => ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'].every((setting) => block.body[setting] === true))
          ? undefined
          : 'bucket-level Block Public Access is not fully on',
      ),
  },
  {
    id: 'S3.9',
    title: 'S3 general purpose buckets should have server access logging enabled',
    standards: ['FSBP'],
    reference: ref('s3', 'S3.9'),
    scope: 'regional',
    evaluate: (context) => eachBucket(context, (bucket) => (bucketSettings(context, 'aws_s3_bucket_logging', bucket).length > 0 ? undefined : 'no server access logging')),
  },
  {
    id: 'S3.12',
    title: 'ACLs should not be used to manage user access to S3 general purpose buckets',
    standards: ['FSBP'],
    reference: ref('s3', 'S3.12'),
    scope: 'regional',
    evaluate: (context) => eachBucket(context, (bucket) => (bucketSettings(context, 'aws_s3_bucket_ownership_controls', bucket).some((controls) => controls.body.rule?.object_ownership === 'BucketOwnerEnforced') ? undefined : 'ACLs are not disabled (BucketOwnerEnforced)')),
  },
  {
    id: 'S3.13',
    title: 'S3 general purpose buckets should have Lifecycle configurations',
    standards: [],
    reference: ref('s3', 'S3.13'),
    scope: 'regional',
    evaluate: (context) => eachBucket(context, (bucket) => (bucketSettings(context, 'aws_s3_bucket_lifecycle_configuration', bucket).length > 0 ? undefined : 'no lifecycle configuration')),
  },
  {
    id: 'S3.22',
    title: 'S3 general purpose buckets should log object-level write events',
    standards: ['CIS-3.0'],
    reference: ref('s3', 'S3.22'),
    scope: 'global',
    evaluate: (context) => [organizationTrails(context.estate).some((trail) => logsAllS3DataEvents(trail, 'write')) ? accountFinding(context, 'PASSED') : accountFinding(context, 'FAILED', 'no trail logs write data events for every bucket')],
  },
  {
    id: 'S3.23',
    title: 'S3 general purpose buckets should log object-level read events',
    standards: ['CIS-3.0'],
    reference: ref('s3', 'S3.23'),
    scope: 'global',
    evaluate: (context) => [organizationTrails(context.estate).some((trail) => logsAllS3DataEvents(trail, 'read')) ? accountFinding(context, 'PASSED') : accountFinding(context, 'FAILED', 'no trail logs read data events for every bucket')],
  },
  {
    id: 'SSM.6',
    title: 'SSM Automation should have CloudWatch logging enabled',
    standards: ['FSBP'],
    reference: ref('ssm', 'SSM.6'),
    scope: 'regional',
    evaluate: (context) => ssmSetting(context, SSM_AUTOMATION_LOGGING, 'CloudWatch'),
  },
  {
    id: 'SSM.7',
    title: 'SSM documents should have the block public sharing setting enabled',
    standards: ['FSBP'],
    reference: ref('ssm', 'SSM.7'),
    scope: 'regional',
    evaluate: (context) => ssmSetting(context, SSM_DOCUMENT_PUBLIC_SHARING, 'Disable'),
  },
];

function vpcEndpointFindings(context: ControlContext, service: string): ControlFinding[] {
  return vpcsOf(context).map((vpc) => {
    const endpoints = attachedTo(context, 'aws_vpc_endpoint', 'vpc_id', vpc).filter((endpoint) => typeof endpoint.body.service_name === 'string' && endpoint.body.service_name.endsWith(`.${service}`));
    return endpoints.length > 0 ? pass(vpc.label, 'AwsEc2Vpc') : fail(vpc.label, 'AwsEc2Vpc', `no interface endpoint for ${service}`);
  });
}
