import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildConformancePacks, CONFORMANCE_PACK_LIMITS, logicalId } from '../../lib/conformance/packs';
import {
  AUTHORIZED_IGW_RULE,
  FRAMEWORKS,
  frameworkRules,
  HOME_REGION_ONLY_RULES,
  ncscRules,
  PROCESS_CHECK,
  ruleParameters,
} from '../../lib/conformance/rules';
import { PASSWORD_POLICY } from '../../modules/account-baseline';

interface TemplateRule {
  Type: string;
  Properties: { ConfigRuleName: string; InputParameters?: Record<string, unknown>; Source: { Owner: string; SourceIdentifier: string } };
}

function templateRules(templateBody: string): TemplateRule[] {
  return Object.values(JSON.parse(templateBody).Resources as Record<string, TemplateRule>);
}

describe('NCSC rule data', () => {
  it('holds both NCSC sets, and their union is the 150 distinct rules', () => {
    expect(Object.keys(frameworkRules('ncsc_csp'))).toHaveLength(127);
    expect(Object.keys(frameworkRules('ncsc_caf'))).toHaveLength(123);
    const union = new Set(FRAMEWORKS.flatMap((framework) => Object.keys(frameworkRules(framework))));
    expect(union.size).toBe(150);
    expect(ncscRules()).toHaveLength(150);
  });

  it('only marks rules of the NCSC sets as home-Region-only, and marks every IAM and root-user rule', () => {
    const names = new Set(ncscRules().map((rule) => rule.name));
    for (const name of HOME_REGION_ONLY_RULES) expect(names).toContain(name);
    const iamLike = [...names].filter((name) => /^(iam-|root-account-|mfa-enabled-for-iam)/.test(name) || name === 'access-keys-rotated');
    expect(iamLike.length).toBeGreaterThan(10);
    for (const name of iamLike) expect(HOME_REGION_ONLY_RULES.has(name)).toBe(true);
  });

  it('derives the password rule from the baseline password policy (they never disagree)', () => {
    const params = ruleParameters()['iam-password-policy'];
    expect(params.MinimumPasswordLength).toBe(String(PASSWORD_POLICY.minimumPasswordLength));
    expect(params.PasswordReusePrevention).toBe(String(PASSWORD_POLICY.passwordReusePrevention));
    // NCSC: no forced expiry, so the rule must not demand one.
    expect(params).not.toHaveProperty('MaxPasswordAge');
    expect(ruleParameters()['cw-loggroup-retention-period-check'].MinRetentionTime).toBe('365');
  });

  it('sets parameters only for rules that exist', () => {
    const names = new Set(ncscRules().map((rule) => rule.name));
    for (const name of Object.keys(ruleParameters())) expect(names).toContain(name);
  });
});

describe.each([
  ['home Region', true],
  ['replica Region', false],
])('conformance packs in the %s', (_label, homeRegion) => {
  const packs = buildConformancePacks({ homeRegion, authorizedInternetGatewayVpcIds: ['vpc-0123456789abcdef0'] });
  const expected = ncscRules().filter((rule) => homeRegion || !rule.homeRegionOnly);

  it('uses at least two packs, each within AWS limits on rules and template characters', () => {
    expect(packs.length).toBeGreaterThanOrEqual(2);
    for (const pack of packs) {
      expect(pack.rules.length).toBeLessThanOrEqual(CONFORMANCE_PACK_LIMITS.maxRules);
      expect(pack.templateBody.length).toBeLessThanOrEqual(CONFORMANCE_PACK_LIMITS.maxTemplateChars);
      expect(templateRules(pack.templateBody)).toHaveLength(pack.rules.length);
    }
    expect(new Set(packs.map((pack) => pack.name)).size).toBe(packs.length);
  });

  it('deploys every rule of both NCSC sets exactly once (global rules only at home)', () => {
    const deployed = packs.flatMap((pack) => templateRules(pack.templateBody).map((rule) => rule.Properties.ConfigRuleName));
    expect(new Set(deployed).size).toBe(deployed.length);
    expect(new Set(deployed)).toEqual(new Set(expected.map((rule) => rule.name)));
    for (const framework of FRAMEWORKS) {
      for (const name of Object.keys(frameworkRules(framework))) {
        expect(deployed.includes(name)).toBe(homeRegion || !HOME_REGION_ONLY_RULES.has(name));
      }
    }
  });

  it('uses the managed rule of the reference data for every rule', () => {
    const byName = new Map(ncscRules().map((rule) => [rule.name, rule.sourceIdentifier]));
    for (const pack of packs) {
      for (const rule of templateRules(pack.templateBody)) {
        expect(rule.Type).toBe('AWS::Config::ConfigRule');
        expect(rule.Properties.Source).toEqual({ Owner: 'AWS', SourceIdentifier: byName.get(rule.Properties.ConfigRuleName) });
      }
    }
  });

  it('passes the authorised internet-gateway VPC as a pack parameter, not inline', () => {
    const pack = packs.find((candidate) => candidate.rules.some((rule) => rule.name === AUTHORIZED_IGW_RULE));
    expect(pack).toBeDefined();
    expect(pack?.inputParameters).toEqual({ AuthorizedVpcIds: 'vpc-0123456789abcdef0' });
    const rule = templateRules(pack?.templateBody ?? '{}').find((candidate) => candidate.Properties.ConfigRuleName === AUTHORIZED_IGW_RULE);
    expect(rule?.Properties.InputParameters).toEqual({ AuthorizedVpcIds: { Ref: 'AuthorizedVpcIds' } });
    expect(pack?.templateBody).not.toContain('vpc-0123456789abcdef0');
  });
});

describe('conformance pack construction', () => {
  it('runs the internet-gateway rule unparameterised when the gateway VPC is not known', () => {
    const packs = buildConformancePacks({ homeRegion: true });
    for (const pack of packs) expect(pack.inputParameters).toEqual({});
    const rule = packs
      .flatMap((pack) => templateRules(pack.templateBody))
      .find((candidate) => candidate.Properties.ConfigRuleName === AUTHORIZED_IGW_RULE);
    expect(rule?.Properties.InputParameters).toBeUndefined();
  });

  it('describes manual process checks so an assessor knows to answer them', () => {
    const processRules = buildConformancePacks({ homeRegion: true })
      .flatMap((pack) => templateRules(pack.templateBody))
      .filter((rule) => rule.Properties.Source.SourceIdentifier === PROCESS_CHECK);
    expect(processRules.length).toBe(2);
    for (const rule of processRules) expect((rule.Properties as { Description?: string }).Description).toMatch(/process check/);
  });

  it('splits a group into more packs when it would exceed a limit, still deploying each rule once', () => {
    const limits = { maxRules: 40, maxTemplateChars: 6_000 };
    const packs = buildConformancePacks({ homeRegion: true, limits });
    expect(packs.length).toBeGreaterThan(4);
    for (const pack of packs) {
      expect(pack.rules.length).toBeLessThanOrEqual(limits.maxRules);
      expect(pack.templateBody.length).toBeLessThanOrEqual(limits.maxTemplateChars);
    }
    const deployed = packs.flatMap((pack) => pack.rules.map((rule) => rule.name));
    expect(deployed).toHaveLength(150);
    expect(new Set(deployed).size).toBe(150);
    expect(packs.map((pack) => pack.name)).toContain('lz-ncsc-cloud-security-principles-2');
  });

  it('makes distinct CloudFormation logical IDs', () => {
    expect(logicalId('access-keys-rotated')).toBe('AccessKeysRotated');
    const ids = ncscRules().map((rule) => logicalId(rule.name));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('emits minified JSON, so the measured length is what the API receives', () => {
    for (const pack of buildConformancePacks({ homeRegion: true })) {
      expect(pack.templateBody).toBe(JSON.stringify(JSON.parse(pack.templateBody)));
    }
  });

  it('keeps the rule data next to a note of its origin', () => {
    const data = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../lib/conformance/data/ncsc-rules.json'), 'utf8'));
    expect(data.origin).toMatch(/awslabs\/aws-config-rules/);
  });
});
