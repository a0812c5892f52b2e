import { loadConfig } from '../../lib/config/load';
import type { LandingZoneConfig } from '../../lib/config/schema';
import { CONTROL_TOWER_REGION_DENY_EXEMPTIONS } from '../../policies/data/region-exemptions';
import { regionExemptActions, regionGuardrail } from '../../policies/region-guardrail';
import { EXAMPLE_CONFIG_DIR } from '../helpers/synth';

const config = loadConfig(EXAMPLE_CONFIG_DIR).landingZone;
const statement = (document: ReturnType<typeof regionGuardrail>, sid: string) =>
  document.Statement.find((candidate) => candidate.Sid === sid);

describe('Region guardrail', () => {
  const policy = regionGuardrail(config);
  const main = statement(policy, 'DenyOutsideAllowedRegions');
  const helpers = statement(policy, 'DenyGlobalHelpersOutsideUsEast1AndAllowed');

  it('denies every non-global action outside the configured Regions', () => {
    expect(main).toMatchObject({
      Effect: 'Deny',
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-2', 'eu-west-1'] } },
    });
    expect(main?.Action).toBeUndefined();
  });

  it("exempts AWS's global services, but not KMS", () => {
    expect(main?.NotAction).toEqual(
      expect.arrayContaining([
        'iam:*',
        'organizations:*',
        'sts:*',
        'route53:*',
        'cloudfront:*',
        'support:*',
        'budgets:*',
        'health:*',
        'trustedadvisor:*',
        'globalaccelerator:*',
        'waf:*',
      ]),
    );
    expect(CONTROL_TOWER_REGION_DENY_EXEMPTIONS).toContain('kms:*');
    expect(main?.NotAction).not.toContain('kms:*');
    expect(regionExemptActions()).toHaveLength(CONTROL_TOWER_REGION_DENY_EXEMPTIONS.length - 1);
  });

  it('holds ACM to the allowed Regions plus us-east-1 (CloudFront certificates)', () => {
    expect(main?.NotAction).toContain('acm:*');
    expect(helpers).toMatchObject({
      Effect: 'Deny',
      Action: ['acm:*'],
      Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-2', 'eu-west-1', 'us-east-1'] } },
    });
  });

  it('exempts exactly the execution and break-glass roles, by ARN', () => {
    for (const candidate of [main, helpers]) {
      expect(candidate?.Condition?.ArnNotLike).toEqual({
        'aws:PrincipalArn': ['arn:aws:iam::*:role/lz-execution', 'arn:aws:iam::*:role/LandingZoneBreakGlass'],
      });
    }
  });

  it('follows configuration: a London-only estate and renamed roles', () => {
    const londonOnly: LandingZoneConfig = {
      ...config,
      allowedRegions: ['eu-west-2'],
      roles: { execution: 'LzExecution', breakGlass: 'Emergency' },
    };
    const narrowed = regionGuardrail(londonOnly);
    expect(statement(narrowed, 'DenyOutsideAllowedRegions')?.Condition).toEqual({
      StringNotEquals: { 'aws:RequestedRegion': ['eu-west-2'] },
      ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/LzExecution', 'arn:aws:iam::*:role/Emergency'] },
    });
    expect(statement(narrowed, 'DenyGlobalHelpersOutsideUsEast1AndAllowed')?.Condition?.StringNotEquals).toEqual({
      'aws:RequestedRegion': ['eu-west-2', 'us-east-1'],
    });
  });
});
