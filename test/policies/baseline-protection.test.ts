import { loadConfig } from '../../lib/config/load';
import { landingZoneBucketPrefix, logBucketName, logKeyAliasName } from '../../lib/naming';
import { baselineProtection, landingZoneKeyAliasPattern } from '../../policies/baseline-protection';
import { EXAMPLE_CONFIG_DIR } from '../helpers/synth';

const config = loadConfig(EXAMPLE_CONFIG_DIR).landingZone;
const policy = baselineProtection(config);
const statement = (sid: string) => {
  const found = policy.Statement.find((candidate) => candidate.Sid === sid);
  if (!found) throw new Error(`no statement ${sid}`);
  return found;
};
const EXEMPT = { 'aws:PrincipalArn': ['arn:aws:iam::*:role/lz-execution', 'arn:aws:iam::*:role/LandingZoneBreakGlass'] };

/** Does an IAM ARN pattern (only * wildcards here) match a concrete ARN? */
function matches(pattern: string, arn: string): boolean {
  return new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^$()|[\]\\{}]/g, '\\$&'))
      .join('.*')}$`,
  ).test(arn);
}

describe('baseline protection', () => {
  it('protects the audit and detection services from being stopped or reconfigured', () => {
    expect(statement('DenyAuditTampering').Action).toEqual(
      expect.arrayContaining([
        'cloudtrail:StopLogging',
        'cloudtrail:DeleteTrail',
        'config:StopConfigurationRecorder',
        'guardduty:DeleteDetector',
        'securityhub:DisableSecurityHub',
        'access-analyzer:DeleteAnalyzer',
        'ec2:DeleteFlowLogs',
      ]),
    );
  });

  it('denies weakening account settings, long-lived credentials, Region opt-in and default VPCs', () => {
    expect(statement('DenyAccountSecurityChanges').Action).toEqual(
      expect.arrayContaining([
        'ec2:DisableEbsEncryptionByDefault',
        's3:PutAccountPublicAccessBlock',
        'iam:CreateUser',
        'iam:CreateAccessKey',
        'account:EnableRegion',
        'account:DisableRegion',
        'ec2:CreateDefaultVpc',
        'ec2:CreateDefaultSubnet',
      ]),
    );
  });

  it('protects every log bucket name the log archive uses, and their objects, but no other bucket', () => {
    const [pattern] = statement('DenyLogBucketChanges').Resource as string[];
    expect(pattern).toBe(`arn:aws:s3:::${landingZoneBucketPrefix(config)}*`);
    for (const region of ['eu-west-2', 'eu-west-1']) {
      for (const purpose of ['cloudtrail', 'config', 'network'] as const) {
        expect(matches(pattern, `arn:aws:s3:::${logBucketName(config, purpose, region, '555555555555')}`)).toBe(true);
        expect(matches(pattern, `arn:aws:s3:::${logBucketName(config, purpose, region, '555555555555')}/AWSLogs/x.json.gz`)).toBe(true);
      }
    }
    expect(matches(pattern, 'arn:aws:s3:::pd-clinical-portal')).toBe(false);
  });

  it('protects the log keys by alias, since key IDs are unknown at synth time', () => {
    const pattern = landingZoneKeyAliasPattern(config);
    expect(matches(pattern, logKeyAliasName(config))).toBe(true);
    expect(matches(pattern, 'alias/clinical-portal')).toBe(false);
    expect(statement('DenyLogKeyChanges').Condition?.['ForAnyValue:StringLike']).toEqual({ 'kms:ResourceAliases': [pattern] });
    expect(statement('DenyLogKeyAliasChanges').Resource).toEqual([`arn:aws:kms:*:*:${pattern}`]);
  });

  it('protects the landing-zone roles and the exempt roles themselves', () => {
    expect(statement('DenyLandingZoneRoleChanges').Resource).toEqual([
      'arn:aws:iam::*:role/lz-*',
      'arn:aws:iam::*:role/stacksets-exec-*',
      ...EXEMPT['aws:PrincipalArn'],
    ]);
    expect(statement('DenyLandingZoneRoleChanges').Action).toEqual(
      expect.arrayContaining(['iam:UpdateAssumeRolePolicy', 'iam:AttachRolePolicy', 'iam:DeleteRole', 'iam:CreateRole']),
    );
  });

  it('exempts only the execution and break-glass roles, and nobody from leaving the organization', () => {
    for (const sid of [
      'DenyAuditTampering',
      'DenyAccountSecurityChanges',
      'DenyLogBucketChanges',
      'DenyLogKeyChanges',
      'DenyLogKeyAliasChanges',
    ]) {
      expect(statement(sid).Condition?.ArnNotLike).toEqual(EXEMPT);
    }
    // The StackSet that creates the execution role runs as stacksets-exec-* (as Control Tower exempts it), for role changes only.
    expect(statement('DenyLandingZoneRoleChanges').Condition?.ArnNotLike).toEqual({
      'aws:PrincipalArn': [...EXEMPT['aws:PrincipalArn'], 'arn:aws:iam::*:role/stacksets-exec-*'],
    });
    expect(statement('DenyLeavingOrganization')).toEqual({
      Sid: 'DenyLeavingOrganization',
      Effect: 'Deny',
      Action: 'organizations:LeaveOrganization',
      Resource: '*',
    });
  });

  it('denies the root user except centrally managed root sessions', () => {
    expect(statement('DenyRootUser')).toMatchObject({
      Action: '*',
      Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' }, BoolIfExists: { 'aws:AssumedRoot': 'false' } },
    });
  });
});
