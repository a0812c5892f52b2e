// The estimator against hand-built estates whose scores are worked out by hand, and the automation
// rules it reads as suppressions. The security account holding the rules is an account of the
// estate like any other, so it gets the account settings too.
import { POSTURE_CONTROLS } from '../../../tools/posture/controls';
import { buildEstate } from '../../../tools/posture/estate';
import { evaluateEstate, suppressionsOf } from '../../../tools/posture/evaluate';
import type { TerraformJson } from '../../../tools/synth/output';
import { fixtureEstate, fixtureStack, HOME, OTHER, r, type FixtureResource } from '../../helpers/posture-estates';

const A = '222222222222';
const B = '333333333333';
const SECURITY = '444444444444';
const SUBSET = ['Account.1', 'EC2.7', 'IAM.18', 'S3.9', 'EC2.23'];
const controls = POSTURE_CONTROLS.filter((control) => SUBSET.includes(control.id));

const contact = r('aws_account_alternate_contact', 'security', { alternate_contact_type: 'SECURITY' });
const ebs = [
  r('aws_ebs_encryption_by_default', 'euw2', { enabled: true }, HOME),
  r('aws_ebs_encryption_by_default', 'euw1', { enabled: true }, OTHER),
];
const support = r('aws_iam_role_policy_attachment', 'support', { policy_arn: 'arn:aws:iam::aws:policy/AWSSupportAccess' });
const loggedBucket = [
  r('aws_s3_bucket', 'b', { bucket: 'exvalley-data' }),
  r('aws_s3_bucket_logging', 'l', { bucket: '${aws_s3_bucket.b.id}', target_bucket: 'logs' }),
];
const hub = (autoAccept: 'enable' | 'disable') => r('aws_ec2_transit_gateway', 'hub', { auto_accept_shared_attachments: autoAccept });
const rule = (name: string, criteria: TerraformJson): FixtureResource =>
  r('aws_securityhub_automation_rule', name, {
    rule_name: name,
    rule_status: 'ENABLED',
    criteria: [criteria],
    actions: [{ type: 'FINDING_FIELDS_UPDATE', finding_fields_update: [{ workflow: [{ status: 'SUPPRESSED' }] }] }],
  });
const eq = (value: string) => [{ comparison: 'EQUALS', value }];

function scores(stacks: Record<string, TerraformJson>) {
  const report = evaluateEstate(buildEstate(fixtureEstate(stacks)), controls);
  return {
    status: Object.fromEntries(report.controls.map((result) => [result.control.id, result.status])),
    fsbp: report.scores.find((score) => score.standard === 'FSBP')?.score,
    cis: report.scores.find((score) => score.standard === 'CIS-3.0')?.score,
  };
}

describe('posture estimator on hand-built estates', () => {
  it('estate 1: one account without a security contact fails Account.1 for the organization (FSBP 3/4, CIS 2/3)', () => {
    const result = scores({
      a: fixtureStack(A, [contact, ...ebs, support, ...loggedBucket, hub('disable')]),
      b: fixtureStack(B, [...ebs, support]),
    });
    expect(result.status).toEqual({ 'Account.1': 'FAILED', 'EC2.7': 'PASSED', 'IAM.18': 'PASSED', 'S3.9': 'PASSED', 'EC2.23': 'PASSED' });
    expect(result.fsbp).toBe(75);
    expect(result.cis).toBe(66.6);
  });

  it('estate 2: an automation rule scoped to the hub account and type suppresses the accepted EC2.23 finding (FSBP and CIS 100)', () => {
    const result = scores({
      a: fixtureStack(A, [contact, ...ebs, support, ...loggedBucket, hub('enable')]),
      b: fixtureStack(B, [contact, ...ebs, support]),
      security: fixtureStack(SECURITY, [
        contact,
        ...ebs,
        support,
        rule('tgw', { compliance_security_control_id: eq('EC2.23'), aws_account_id: eq(A), resource_type: eq('AwsEc2TransitGateway') }),
      ]),
    });
    expect(result.status['EC2.23']).toBe('PASSED');
    expect(result.fsbp).toBe(100);
    expect(result.cis).toBe(100);
  });

  it('estate 3: a rule for another account suppresses nothing; controls without resources are not counted (FSBP 1/3, CIS 2/3)', () => {
    const result = scores({
      a: fixtureStack(A, [contact, ebs[0], support, hub('enable')]),
      b: fixtureStack(B, [contact, ...ebs, support]),
      security: fixtureStack(SECURITY, [
        contact,
        ...ebs,
        support,
        rule('tgw', { compliance_security_control_id: eq('EC2.23'), aws_account_id: eq(B) }),
      ]),
    });
    expect(result.status).toEqual({ 'Account.1': 'PASSED', 'EC2.7': 'FAILED', 'IAM.18': 'PASSED', 'S3.9': 'NO_DATA', 'EC2.23': 'FAILED' });
    expect(result.fsbp).toBe(33.3);
    expect(result.cis).toBe(66.6);
  });

  it('reads only enabled rules that suppress, with every criterion they set', () => {
    const estate = buildEstate(
      fixtureEstate({
        security: fixtureStack(SECURITY, [
          rule('on', { compliance_security_control_id: eq('S3.9'), resource_id: eq('arn:aws:s3:::logs') }),
          { ...rule('off', { compliance_security_control_id: eq('S3.9') }), body: { ...rule('off', {}).body, rule_status: 'DISABLED' } },
        ]),
      }),
    );
    const found = suppressionsOf(estate);
    expect(found.map((suppression) => suppression.ruleName)).toEqual(['on']);
    expect(found[0].resourceIds).toEqual(eq('arn:aws:s3:::logs'));
  });

  it('a rule without a control criterion never suppresses (no control is silenced wholesale)', () => {
    const result = scores({
      a: fixtureStack(A, [hub('enable')]),
      security: fixtureStack(SECURITY, [contact, ...ebs, support, rule('everything', { aws_account_id: eq(A) })]),
    });
    expect(result.status['EC2.23']).toBe('FAILED');
  });
});
