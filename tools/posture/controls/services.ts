// Account, CloudTrail, Config, GuardDuty, Inspector, Macie and SSM controls: organization-wide services and account settings.
import { refersTo, resourcesOfType, type Estate, type EstateResource } from '../estate';
import { type ControlFinding, type ControlContext, type PostureControl, ref, ofType, accountFinding, pass, fail } from './kit';

// Organization-wide services.

/** The organization trails of the estate (any account): they record every member account. */
export const organizationTrails = (estate: Estate): EstateResource[] =>
  resourcesOfType(estate, 'aws_cloudtrail').filter(
    (resource) => resource.body.is_organization_trail === true && resource.body.is_multi_region_trail === true,
  );

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
export function logsAllS3DataEvents(trail: EstateResource, kind: 'write' | 'read'): boolean {
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
    return (
      fields.some((field) => field.field === 'eventCategory' && field.equals?.includes('Management')) &&
      !fields.some((field) => field.field === 'readOnly')
    );
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
const organizationWide = (context: ControlContext, type: string): EstateResource[] =>
  resourcesOfType(context.estate, type).filter((resource) => resource.region === context.region);

const perTargetIndex = new WeakMap<Estate, Map<string, EstateResource[]>>();

/**
 * Resources of `type` in this Region that name this account, by the accounts `targets` reads from
 * each. Indexed once per estate and type: one pass instead of a scan of every such resource for
 * every account, which is quadratic in the estate (each account has its own Inspector enabler and
 * Macie membership).
 */
function perTargetAccount(
  context: ControlContext,
  type: string,
  targets: (resource: EstateResource) => readonly string[],
): readonly EstateResource[] {
  let index = perTargetIndex.get(context.estate);
  if (!index) perTargetIndex.set(context.estate, (index = new Map()));
  const key = (region: string, account: string) => `${type}\u0000${region}\u0000${account}`;
  const built = key('', '');
  if (!index.has(built)) {
    index.set(built, []);
    for (const resource of resourcesOfType(context.estate, type)) {
      for (const account of new Set(targets(resource))) {
        const entry = key(resource.region, account);
        const list = index.get(entry);
        if (list) list.push(resource);
        else index.set(entry, [resource]);
      }
    }
  }
  return index.get(key(context.region, context.account.id)) ?? [];
}

/** Inspector enablers in this Region naming this account, or made in this account for itself (no account_ids). */
const inspectorEnablersFor = (context: ControlContext): readonly EstateResource[] =>
  perTargetAccount(context, 'aws_inspector2_enabler', (enabler) => {
    const accounts = (enabler.body.account_ids ?? []) as string[];
    return accounts.length > 0 ? accounts : [enabler.account];
  });

const SSM_AUTOMATION_LOGGING = '/ssm/automation/customer-script-log-destination';
const SSM_DOCUMENT_PUBLIC_SHARING = '/ssm/documents/console/public-sharing-permission';

function ssmSetting(context: ControlContext, setting: string, expected: string): ControlFinding[] {
  const found = ofType(context.resources, 'aws_ssm_service_setting').find(
    (resource) => typeof resource.body.setting_id === 'string' && resource.body.setting_id.endsWith(setting),
  );
  if (!found) return [accountFinding(context, 'FAILED', `service setting ${setting} is left at its default`)];
  return [
    found.body.setting_value === expected
      ? accountFinding(context, 'PASSED')
      : accountFinding(context, 'FAILED', `${setting} is ${found.body.setting_value}, not ${expected}`),
  ];
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
  !['aws_inspector2_enabler', 'aws_macie2_account'].some((type) =>
    resourcesOfType(context.estate, type).some((resource) => resource.account === context.account.id),
  );

/**
 * Inspector scanning of one kind for this account and Region: the account enables it itself
 * (aws_inspector2_enabler naming the account, or all accounts, with the resource type), the
 * delegated administrator enables it for the account, or the account was left to the organization's
 * auto-enable for that scan type in this Region.
 */
function inspectorScan(context: ControlContext, scan: InspectorScan): ControlFinding[] {
  const type = INSPECTOR_RESOURCE_TYPES[scan];
  const enablers = inspectorEnablersFor(context).filter((enabler) => ((enabler.body.resource_types ?? []) as string[]).includes(type));
  if (enablers.length > 0) return [accountFinding(context, 'PASSED')];
  const autoEnabled = organizationWide(context, 'aws_inspector2_organization_configuration').some((configuration) => {
    const autoEnable = Array.isArray(configuration.body.auto_enable) ? configuration.body.auto_enable[0] : configuration.body.auto_enable;
    return autoEnable?.[scan] === true;
  });
  if (autoEnabled && leftToOrganization(context))
    return [
      accountFinding(context, 'PASSED', `Inspector ${type} scanning enabled by the organization's auto-enable when the account joined`),
    ];
  return [accountFinding(context, 'FAILED', `Inspector ${type} scanning is not enabled for this account`)];
}

function macieEnabled(context: ControlContext): boolean {
  const own = ofType(context.resources, 'aws_macie2_account').some((resource) => (resource.body.status ?? 'ENABLED') === 'ENABLED');
  const member = perTargetAccount(context, 'aws_macie2_member', (resource) => [`${resource.body.account_id}`]).some(
    (resource) => (resource.body.status ?? 'ENABLED') === 'ENABLED',
  );
  const autoEnabled =
    organizationWide(context, 'aws_macie2_organization_configuration').some((configuration) => configuration.body.auto_enable === true) &&
    leftToOrganization(context);
  return own || member || autoEnabled;
}

export const SERVICE_CONTROLS: readonly PostureControl[] = [
  {
    id: 'Account.1',
    title: 'Security contact information should be provided for an AWS account',
    standards: ['FSBP', 'CIS-3.0'],
    reference: ref('account', 'Account.1'),
    scope: 'global',
    evaluate: (context) => [
      ofType(context.accountResources, 'aws_account_alternate_contact').some(
        (contact) => contact.body.alternate_contact_type === 'SECURITY',
      )
        ? accountFinding(context, 'PASSED')
        : accountFinding(context, 'FAILED', 'no SECURITY alternate contact'),
    ],
  },
  {
    id: 'CloudTrail.1',
    title:
      'CloudTrail should be enabled and configured with at least one multi-Region trail that includes read and write management events',
    standards: ['FSBP', 'CIS-3.0'],
    reference: ref('cloudtrail', 'CloudTrail.1'),
    scope: 'regional',
    evaluate: (context) =>
      trailFindings(context, (trail) => (logsManagementEvents(trail) ? undefined : 'management events are filtered (read or write only)')),
  },
  {
    id: 'CloudTrail.2',
    title: 'CloudTrail should have encryption at-rest enabled',
    standards: ['FSBP', 'CIS-3.0'],
    reference: ref('cloudtrail', 'CloudTrail.2'),
    scope: 'regional',
    evaluate: (context) =>
      trailFindings(context, (trail) => (trail.body.kms_key_id ? undefined : 'no kms_key_id: logs are encrypted with SSE-S3 only')),
  },
  {
    id: 'CloudTrail.4',
    title: 'CloudTrail log file validation should be enabled',
    standards: ['FSBP', 'CIS-3.0'],
    reference: ref('cloudtrail', 'CloudTrail.4'),
    scope: 'regional',
    evaluate: (context) =>
      trailFindings(context, (trail) => (trail.body.enable_log_file_validation === true ? undefined : 'log file validation is off')),
  },
  {
    id: 'CloudTrail.7',
    title: 'Ensure S3 bucket access logging is enabled on the CloudTrail S3 bucket',
    standards: ['CIS-3.0'],
    reference: ref('cloudtrail', 'CloudTrail.7'),
    scope: 'regional',
    evaluate: (context) =>
      trailFindings(context, (trail) => {
        const bucket = resourcesOfType(context.estate, 'aws_s3_bucket').find(
          (resource) => resource.body.bucket === trail.body.s3_bucket_name,
        );
        if (!bucket) return `the trail's bucket ${trail.body.s3_bucket_name} is not in the estate`;
        const logging = resourcesOfType(context.estate, 'aws_s3_bucket_logging').some((resource) =>
          refersTo(resource, resource.body.bucket, bucket, [bucket.body.bucket]),
        );
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
        context.accountResources.some(
          (role) =>
            role.type === 'aws_iam_service_linked_role' &&
            role.body.aws_service_name === 'config.amazonaws.com' &&
            refersTo(recorder, roleArn, role),
        );
      const running = ofType(context.resources, 'aws_config_configuration_recorder_status').some(
        (status) => status.body.is_enabled === true,
      );
      if (!running) return [accountFinding(context, 'FAILED', 'the recorder is not started')];
      return [
        usesServiceLinkedRole
          ? accountFinding(context, 'PASSED')
          : accountFinding(context, 'FAILED', 'the recorder does not use AWSServiceRoleForConfig'),
      ];
    },
  },
  {
    id: 'GuardDuty.1',
    title: 'GuardDuty should be enabled',
    standards: ['FSBP'],
    reference: ref('guardduty', 'GuardDuty.1'),
    scope: 'regional',
    evaluate: (context) => {
      const own = ofType(context.resources, 'aws_guardduty_detector').some((detector) => detector.body.enable !== false);
      const organization = organizationWide(context, 'aws_guardduty_organization_configuration').some(
        (configuration) => configuration.body.auto_enable_organization_members === 'ALL',
      );
      return [
        own || organization
          ? accountFinding(context, 'PASSED')
          : accountFinding(context, 'FAILED', 'no detector, and no organization configuration enabling ALL members'),
      ];
    },
  },
  {
    id: 'Macie.1',
    title: 'Amazon Macie should be enabled',
    standards: ['FSBP'],
    reference: ref('macie', 'Macie.1'),
    scope: 'regional',
    evaluate: (context) => [
      macieEnabled(context)
        ? accountFinding(context, 'PASSED')
        : accountFinding(context, 'FAILED', 'Macie is not enabled for this account'),
    ],
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
  ...(
    [
      ['Inspector.1', 'ec2', 'Amazon Inspector EC2 scanning should be enabled'],
      ['Inspector.2', 'ecr', 'Amazon Inspector ECR scanning should be enabled'],
      ['Inspector.3', 'lambda_code', 'Amazon Inspector Lambda code scanning should be enabled'],
      ['Inspector.4', 'lambda', 'Amazon Inspector Lambda standard scanning should be enabled'],
    ] as const
  ).map(([id, scan, title]): PostureControl => ({
    id,
    title,
    standards: ['FSBP'],
    reference: ref('inspector', id),
    scope: 'regional',
    evaluate: (context) => inspectorScan(context, scan),
  })),
];
