// The account baseline is in every member stack and in the management stack, in both Regions.
import { STACKS_WITHOUT_ACCOUNT_BASELINE } from '../helpers/accounts';
import { copyExampleConfig, editConfigFile } from '../helpers/config-fixtures';
import { resourcesOfType, synthConfig } from '../helpers/synth';

describe('account baseline', () => {
  const { stacks } = synthConfig();
  const baselineStacks = [...stacks.keys()].filter((name) => !STACKS_WITHOUT_ACCOUNT_BASELINE.includes(name));

  it('is carried by every member stack and the management stack', () => {
    expect(baselineStacks.sort()).toEqual(
      expect.arrayContaining([
        'backup',
        'log-archive',
        'management',
        'network',
        'security',
        'workload-analytics-dev',
        'workload-clinical-portal-prod',
      ]),
    );
  });

  it.each(baselineStacks)('%s: EBS encryption by default in both Regions', (name) => {
    const ebs = Object.values(resourcesOfType(stacks.get(name)!, 'aws_ebs_encryption_by_default'));
    expect(ebs.map((resource) => resource.provider).sort()).toEqual(['aws', 'aws.eu_west_1']);
    for (const resource of ebs) expect(resource.enabled).toBe(true);
  });

  it.each(baselineStacks)('%s: account-level S3 public access block, all four settings', (name) => {
    const blocks = Object.values(resourcesOfType(stacks.get(name)!, 'aws_s3_account_public_access_block'));
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  it.each(baselineStacks)('%s: NCSC-aligned password policy (length >= 14, reuse 24, no forced expiry)', (name) => {
    const [policy] = Object.values(resourcesOfType(stacks.get(name)!, 'aws_iam_account_password_policy'));
    expect(policy.minimum_password_length).toBeGreaterThanOrEqual(14);
    expect(policy.password_reuse_prevention).toBe(24);
    expect(policy.max_password_age).toBeUndefined();
  });

  it.each(baselineStacks)('%s: the default VPC default security group has no rules, in both Regions', (name) => {
    const groups = Object.values(resourcesOfType(stacks.get(name)!, 'aws_default_security_group')).filter((group) =>
      String(group.vpc_id).includes('aws_default_vpc.'),
    );
    expect(groups.map((group) => group.provider).sort()).toEqual(['aws', 'aws.eu_west_1']);
    for (const group of groups) {
      expect(group.ingress).toEqual([]);
      expect(group.egress).toEqual([]);
    }
  });
  it.each(baselineStacks)('%s: security, operations and billing alternate contacts from configuration (Account.1)', (name) => {
    const contacts = Object.values(resourcesOfType(stacks.get(name)!, 'aws_account_alternate_contact'));
    expect(contacts.map((contact) => contact.alternate_contact_type).sort()).toEqual(['BILLING', 'OPERATIONS', 'SECURITY']);
    const security = contacts.find((contact) => contact.alternate_contact_type === 'SECURITY');
    expect(security).toMatchObject({ email_address: 'aws-security-contact@example.nhs.uk', phone_number: '+44 20 7946 0000' });
    expect(security?.account_id).toBeUndefined();
  });

  it.each(baselineStacks)(
    '%s: a support role with AWSSupportAccess only, assumable from the management account with MFA (IAM.18)',
    (name) => {
      const stack = stacks.get(name)!;
      const role = Object.values(resourcesOfType(stack, 'aws_iam_role')).find((candidate) => candidate.name === 'lz-aws-support');
      const trust = JSON.parse(role?.assume_role_policy);
      expect(trust.Statement).toEqual([
        {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::111111111111:root' },
          Action: 'sts:AssumeRole',
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
        },
      ]);
      const attachments = Object.values(resourcesOfType(stack, 'aws_iam_role_policy_attachment')).filter((attachment) =>
        /support-role/.test(`${attachment.role}`),
      );
      expect(attachments.map((attachment) => attachment.policy_arn)).toEqual(['arn:aws:iam::aws:policy/AWSSupportAccess']);
    },
  );

  it.each(baselineStacks)(
    '%s: per Region, SSM Automation logs to CloudWatch, no public SSM documents, an account analyzer, Inspector and Macie',
    (name) => {
      const stack = stacks.get(name)!;
      const perRegion = (type: string) =>
        Object.values(resourcesOfType(stack, type)).filter((resource) => /security-settings/.test(resource['//']?.metadata?.path ?? ''));
      const settings = perRegion('aws_ssm_service_setting').map(
        (setting) => `${setting.provider} ${setting.setting_id}=${setting.setting_value}`,
      );
      expect(settings.sort()).toEqual([
        'aws /ssm/automation/customer-script-log-destination=CloudWatch',
        'aws /ssm/documents/console/public-sharing-permission=Disable',
        'aws.eu_west_1 /ssm/automation/customer-script-log-destination=CloudWatch',
        'aws.eu_west_1 /ssm/documents/console/public-sharing-permission=Disable',
      ]);
      expect(
        perRegion('aws_accessanalyzer_analyzer')
          .map((analyzer) => `${analyzer.provider} ${analyzer.type}`)
          .sort(),
      ).toEqual(['aws ACCOUNT', 'aws.eu_west_1 ACCOUNT']);
      const inspector = perRegion('aws_inspector2_enabler');
      expect(inspector).toHaveLength(2);
      for (const enabler of inspector) {
        expect(enabler.resource_types).toEqual(['EC2', 'ECR', 'LAMBDA', 'LAMBDA_CODE']);
        // Only the account itself: the provider accepts either the administrator or member accounts, never both.
        expect(enabler.account_ids).toEqual([stack.provider.aws[0].allowed_account_ids[0]]);
      }
      expect(
        perRegion('aws_macie2_account')
          .map((macie) => `${macie.provider} ${macie.status}`)
          .sort(),
      ).toEqual(['aws ENABLED', 'aws.eu_west_1 ENABLED']);
    },
  );
});

describe('default VPC neutralised (ADR 0621)', () => {
  const { stacks } = synthConfig();
  const baselineStacks = [...stacks.keys()].filter((name) => !STACKS_WITHOUT_ACCOUNT_BASELINE.includes(name));
  const ofDefaultVpc = (stack: string, type: string, attribute: string) =>
    Object.values(resourcesOfType(stacks.get(stack)!, type)).filter((body) =>
      /^\$\{aws_default_vpc\.[\w-]+\.(id|default_route_table_id|default_network_acl_id)\}$/.test(String(body[attribute])),
    );

  it.each(baselineStacks)(
    '%s: the main route table keeps only its local route, so nothing reaches the internet gateway, in both Regions',
    (name) => {
      const tables = ofDefaultVpc(name, 'aws_default_route_table', 'default_route_table_id');
      expect(tables.map((table) => table.provider).sort()).toEqual(['aws', 'aws.eu_west_1']);
      // An empty list removes every route Terraform did not declare (an omitted argument would keep them).
      for (const table of tables) expect(table.route).toEqual([]);
    },
  );

  it.each(baselineStacks)('%s: the default network ACL has no rules (implicit deny in and out), in both Regions', (name) => {
    const acls = ofDefaultVpc(name, 'aws_default_network_acl', 'default_network_acl_id');
    expect(acls.map((acl) => acl.provider).sort()).toEqual(['aws', 'aws.eu_west_1']);
    for (const acl of acls) {
      expect(acl.ingress).toEqual([]);
      expect(acl.egress).toEqual([]);
      expect(acl.lifecycle.ignore_changes).toEqual(['subnet_ids']);
    }
  });

  it.each(baselineStacks)('%s: the default VPC logs every flow to the log archive network bucket of its own Region', (name) => {
    const logs = ofDefaultVpc(name, 'aws_flow_log', 'vpc_id');
    expect(logs.map((log) => log.provider).sort()).toEqual(['aws', 'aws.eu_west_1']);
    for (const log of logs) {
      expect(log.traffic_type).toBe('ALL');
      const region = log.provider === 'aws' ? 'euw2' : 'euw1';
      expect(log.log_destination).toMatch(new RegExp(`^arn:aws:s3:::.*network-logs-.*-${region}/vpc-flow-logs/$`));
    }
  });
});

describe('Inspector and Macie in an account that joined after auto-enable (ADR 0704)', () => {
  const dir = copyExampleConfig();
  editConfigFile(
    dir,
    'accounts/clinical-portal-prod.yaml',
    'status: active\n',
    'status: active\nsecurityServicesEnabledBy: organization\n',
  );
  const { stacks } = synthConfig(dir);
  const count = (stack: string, type: string) => Object.keys(resourcesOfType(stacks.get(stack)!, type)).length;

  it('leaves them to the organization: the baseline enables neither, everything else stays', () => {
    expect(count('workload-clinical-portal-prod', 'aws_inspector2_enabler')).toBe(0);
    expect(count('workload-clinical-portal-prod', 'aws_macie2_account')).toBe(0);
    expect(count('workload-clinical-portal-prod', 'aws_accessanalyzer_analyzer')).toBe(2);
    expect(count('workload-clinical-portal-prod', 'aws_ssm_service_setting')).toBe(4);
  });

  it('keeps them in accounts that were in the organization before (the default)', () => {
    expect(count('workload-analytics-dev', 'aws_inspector2_enabler')).toBe(2);
    expect(count('workload-analytics-dev', 'aws_macie2_account')).toBe(2);
  });
});
