import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import {
  type CidrRange,
  cidr,
  formatCidr,
  nextFreeBlock,
  parseCidr,
  rangeContains,
  rangeSize,
  rangesOverlap,
} from '../../../lib/network/cidr';
import { assignmentShardOf } from '../../../lib/access/assignments';
import { ConfigError } from '../../../lib/config/diagnostics';
import { identityAssignmentsStackName } from '../../../lib/naming';
import { type LoadedConfig, loadConfig } from '../../../lib/config/load';
import type { WorkloadAccountConfig } from '../../../lib/config/schema';
import { validateConfig } from '../../../lib/config/validate';
import {
  VPC_SIZES,
  type VendRequest,
  VendRequestError,
  type VpcSize,
  allocateCidr,
  planVend,
  renderAccountYaml,
  validateVendRequest,
  vendImpact,
} from '../../../tools/vending/vending';
import { copyExampleConfig } from '../../helpers/config-fixtures';
import { EXAMPLE_CONFIG_DIR } from '../../helpers/synth';

const example = loadConfig(EXAMPLE_CONFIG_DIR);
// A copy outside git, so that the thousands of re-loads below skip the git history check.
const exampleCopy = copyExampleConfig();

const valid: VendRequest = {
  name: 'patient-records-prod',
  email: 'aws-patient-records-prod@example.nhs.uk',
  ou: 'Workloads/Production',
  owner: 'records-team@example.nhs.uk',
  costCentre: 'CC-3100',
  classification: 'OFFICIAL-SENSITIVE',
};

/** The loaded configuration with extra accounts and network settings, without touching the disk. */
function withAccounts(
  base: LoadedConfig,
  accounts: readonly WorkloadAccountConfig[],
  network: Partial<LoadedConfig['landingZone']['network']> = {},
): LoadedConfig {
  const source = base.accounts[0].source;
  return {
    ...base,
    landingZone: { ...base.landingZone, network: { ...base.landingZone.network, ...network } },
    accounts: [...base.accounts, ...accounts.map((config) => ({ config, source }))],
  };
}

function problemsFor(request: VendRequest, loaded: LoadedConfig = example): Map<string, string[]> {
  const byOption = new Map<string, string[]>();
  for (const problem of validateVendRequest(loaded, request))
    byOption.set(problem.option, [...(byOption.get(problem.option) ?? []), problem.message]);
  return byOption;
}

describe('validateVendRequest', () => {
  it('accepts a complete, unique request', () => {
    expect(validateVendRequest(example, valid)).toEqual([]);
  });

  it('reports every missing flag at once', () => {
    const problems = problemsFor({});
    expect([...problems.keys()].sort()).toEqual(['--classification', '--cost-centre', '--email', '--name', '--ou', '--owner']);
    for (const messages of problems.values()) expect(messages[0]).toMatch(/^is required/);
  });

  it('reports names and emails already used by management, core and workload accounts', () => {
    expect(problemsFor({ ...valid, name: 'management' }).get('--name')?.[0]).toMatch(/already used.*managementAccount/);
    expect(problemsFor({ ...valid, name: 'log-archive' }).get('--name')?.[0]).toMatch(/coreAccounts\.logArchive/);
    expect(problemsFor({ ...valid, name: 'analytics-dev' }).get('--name')?.[0]).toMatch(/analytics-dev\.yaml/);
    // Email comparison ignores case, as AWS does.
    expect(problemsFor({ ...valid, email: 'AWS-Network@example.nhs.uk' }).get('--email')?.[0]).toMatch(
      /already the email of account network/,
    );
    expect(problemsFor({ ...valid, email: 'aws-management@example.nhs.uk' }).get('--email')?.[0]).toMatch(/account management/);
    expect(problemsFor({ ...valid, email: 'aws-clinical-portal-prod@example.nhs.uk' }).get('--email')?.[0]).toMatch(/clinical-portal-prod/);
  });

  it('rejects names that are not DNS-safe', () => {
    for (const name of ['Patient', 'p', 'ends-with-', '9lives', 'has_underscore', 'a'.repeat(41)]) {
      expect(problemsFor({ ...valid, name }).get('--name')?.[0]).toMatch(/lower-case letters, digits and hyphens/);
    }
  });

  it('requires an existing OU under Workloads and suggests the full path', () => {
    expect(problemsFor({ ...valid, ou: 'Production' }).get('--ou')?.[0]).toMatch(/did you mean Workloads\/Production/);
    expect(problemsFor({ ...valid, ou: 'Workloads/Staging' }).get('--ou')?.[0]).toMatch(/not an OU/);
    for (const ou of ['Sandbox', 'Security', 'Suspended', 'Infrastructure']) {
      expect(problemsFor({ ...valid, ou }).get('--ou')?.[0]).toMatch(/not under Workloads/);
    }
    expect(problemsFor({ ...valid, ou: 'Workloads/NonProduction' }).has('--ou')).toBe(false);
  });

  it('requires a known classification, an email owner, a tag-safe cost centre and a known size', () => {
    const problems = problemsFor({ ...valid, classification: 'official', owner: 'records team', costCentre: 'CC#1', size: 'huge' });
    expect(problems.get('--classification')?.[0]).toMatch(/did you mean OFFICIAL\?/);
    expect(problems.get('--owner')?.[0]).toMatch(/email/);
    expect(problems.get('--cost-centre')?.[0]).toMatch(/cost-centre tag/);
    expect(problems.get('--size')?.[0]).toMatch(/small \(\/24\), medium \(\/22\), large \(\/20\)/);
    // Prototype keys are not sizes.
    expect(problemsFor({ ...valid, size: 'toString' }).has('--size')).toBe(true);
  });

  it('requires HSCN settings for --hscn', () => {
    expect(problemsFor({ ...valid, hscn: true }).has('--hscn')).toBe(false);
    const noHscn = withAccounts(example, [], { hscn: undefined });
    expect(problemsFor({ ...valid, hscn: true }, noHscn).get('--hscn')?.[0]).toMatch(/no network\.hscn settings/);
  });

  it('requires a 12-digit, unused account ID', () => {
    expect(problemsFor({ ...valid, accountId: '12345' }).get('--account-id')?.[0]).toMatch(/12-digit/);
    expect(problemsFor({ ...valid, accountId: '333333333333' }).get('--account-id')?.[0]).toMatch(
      /already the account ID of analytics-dev/,
    );
    expect(problemsFor({ ...valid, accountId: '111111111111' }).get('--account-id')?.[0]).toMatch(/management/);
    expect(problemsFor({ ...valid, accountId: '444444444444', configAbsent: true }).has('--account-id')).toBe(false);
  });

  it('makes an adoption say what AWS Config the account already has, and checks the answer', () => {
    // Silence is not an answer: the baseline would collide with a recorder nobody declared.
    expect(problemsFor({ ...valid, accountId: '444444444444' }).get('--account-id')?.[0]).toMatch(
      /aws configservice describe-configuration-recorders.*--config-absent/,
    );
    expect(problemsFor({ ...valid, accountId: '444444444444', configRoleExists: true }).size).toBe(0);
    expect(problemsFor({ ...valid, accountId: '444444444444', configRecorders: ['eu-west-2=default,default'] }).size).toBe(0);
    expect(problemsFor({ ...valid, accountId: '444444444444', configRecorders: ['eu-west-2'] }).get('--config-recorder')?.[0]).toMatch(
      /<region>=<recorder>/,
    );
    expect(
      problemsFor({ ...valid, accountId: '444444444444', configRecorders: ['us-east-1=default'] }).get('--config-recorder')?.[0],
    ).toMatch(/not in allowedRegions/);
    expect(
      problemsFor({ ...valid, accountId: '444444444444', configAbsent: true, configRoleExists: true }).get('--config-absent')?.[0],
    ).toMatch(/contradicts/);
    expect(problemsFor({ ...valid, configAbsent: true }).get('--config-absent')?.[0]).toMatch(/only with --account-id/);
  });
});

describe('planVend', () => {
  it('allocates the lowest free aligned block of the requested size', () => {
    // Example: 100.64.0.0/21 and 100.64.8.0/22 are taken.
    expect(planVend(example, valid).account.cidr).toBe('100.64.12.0/22');
    expect(planVend(example, { ...valid, size: 'small' }).account.cidr).toBe('100.64.12.0/24');
    expect(planVend(example, { ...valid, size: 'large' }).account.cidr).toBe('100.64.16.0/20');
  });

  it('avoids reserved ranges and the gateway VPC inside the pool', () => {
    const loaded = withAccounts(example, [], { reservedRanges: ['100.64.12.0/22', '100.64.16.0/24'], gatewayVpcCidr: '100.64.17.0/24' });
    expect(planVend(loaded, { ...valid, size: 'small' }).account.cidr).toBe('100.64.18.0/24');
  });

  it('throws VendRequestError with every problem, and ConfigError naming the pool when it is exhausted', () => {
    expect(() => planVend(example, { ...valid, name: 'X', email: 'nope' })).toThrow(VendRequestError);
    try {
      planVend(example, { ...valid, name: 'X', email: 'nope' });
    } catch (error) {
      expect((error as VendRequestError).problems.map((problem) => problem.option)).toEqual(['--name', '--email']);
    }
    const full = withAccounts(example, [], { workloadPool: '100.64.0.0/20', reservedRanges: ['100.64.12.0/22'] });
    let thrown: unknown;
    try {
      planVend(full, { ...valid, size: 'medium' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    const [problem] = (thrown as ConfigError).problems;
    expect(problem.field).toBe('network.workloadPool');
    expect(problem.file).toMatch(/landing-zone\.yaml$/);
    expect(problem.message).toMatch(/100\.64\.0\.0\/20 has no free \/22 left/);
    // A /24 would still fit nowhere either (the /20 is full), so no smaller size is suggested.
    expect(problem.message).not.toMatch(/smaller size still fits/);
    const roomForSmall = withAccounts(example, [], { workloadPool: '100.64.0.0/20', reservedRanges: ['100.64.12.0/23'] });
    expect(
      allocateCidr(
        roomForSmall.landingZone,
        roomForSmall.accounts.map((entry) => entry.config),
        22,
      ),
    ).toEqual({ exhausted: expect.stringMatching(/small \(\/24\)/) });
  });

  it('renders a file in the style of config/accounts that loads cleanly, with comments for adoption', () => {
    const dir = copyExampleConfig();
    const loaded = loadConfig(dir);
    const plan = planVend(loaded, {
      ...valid,
      hscn: true,
      accountId: '444444444444',
      costCentre: '@CC: 31',
      configRoleExists: true,
      configRecorders: ['eu-west-2=default,default', 'eu-west-1=old'],
    });
    const lines = plan.yaml.split('\n');
    expect(lines[0]).toBe('# yaml-language-server: $schema=../schema/workload-account.schema.json');
    const keys = lines.filter((line) => /^[a-zA-Z]+:/.test(line)).map((line) => line.split(':')[0]);
    expect(keys).toEqual([
      'name',
      'email',
      'ou',
      'owner',
      'costCentre',
      'classification',
      'hscn',
      'cidr',
      'accountId',
      'adoption',
      'status',
      'securityServicesEnabledBy',
    ]);
    expect(plan.yaml).toContain('accountId: "444444444444"');
    // A vended account joins an organization whose Inspector and Macie auto-enable is on (ADR 0704).
    expect(plan.account.securityServicesEnabledBy).toBe('organization');
    expect(plan.account.adoption).toEqual({
      configServiceLinkedRole: true,
      configRecorders: { 'eu-west-2': { recorder: 'default', deliveryChannel: 'default' }, 'eu-west-1': { recorder: 'old' } },
    });
    fs.writeFileSync(path.join(dir, 'accounts', plan.fileName), plan.yaml);
    const reloaded = loadConfig(dir).accounts.find((account) => account.config.name === valid.name);
    expect(reloaded?.config).toEqual(plan.account);
    // One identity-assignments shard too (the one its name hashes to, ADR 0510): the example assigns
    // OU Workloads, so the new account gets those assignments. The example already has an
    // HSCN-entitled account, so network is untouched (ADR 0508).
    expect(plan.impact).toEqual({
      changed: ['organization', 'network-routes', identityAssignmentsStackName(assignmentShardOf('patient-records-prod', 4))],
      added: ['workload-patient-records-prod'],
    });
    // Only the estate's first HSCN entitlement edits the firewall's rule group in network.
    expect(vendImpact({ name: 'first', hscn: true }, undefined, true).changed).toEqual(['organization', 'network', 'network-routes']);
  });
});

describe('properties', () => {
  /** Reference allocator: try every aligned block of the pool in order. */
  function bruteForce(pool: CidrRange, prefixLength: number, taken: readonly CidrRange[]): string | undefined {
    if (prefixLength < pool.prefixLength) return undefined;
    const size = rangeSize(prefixLength);
    for (let first = pool.first; first + size - 1n <= pool.last; first += size) {
      // The block's bounds as numbers; only the answer is formatted (parsing every candidate was most of this test's time).
      const block = { first, last: first + size - 1n };
      if (!taken.some((range) => rangesOverlap(range, block as CidrRange))) return formatCidr(first, prefixLength);
    }
    return undefined;
  }

  /** An aligned range of any size inside base/spanPrefix, built from its bounds (it is aligned by construction). */
  const rangeIn = (base: bigint, spanPrefix: number) =>
    fc.integer({ min: spanPrefix, max: 30 }).chain((prefixLength) =>
      fc.bigInt({ min: 0n, max: rangeSize(spanPrefix) / rangeSize(prefixLength) - 1n }).map((index): CidrRange => {
        const first = base + index * rangeSize(prefixLength);
        return { text: formatCidr(first, prefixLength), first, last: first + rangeSize(prefixLength) - 1n, prefixLength };
      }),
    );

  it('nextFreeBlock agrees with a brute-force search, including ranges that straddle the pool', () => {
    const base = cidr('100.64.0.0/16').first;
    let runs = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 18, max: 22 }),
        fc.array(rangeIn(base, 16), { maxLength: 12 }),
        fc.integer({ min: 16, max: 28 }),
        fc.integer({ min: 0, max: 3 }),
        (poolPrefix, taken, prefixLength, poolIndex) => {
          runs += 1;
          const pool = cidr(formatCidr(base + BigInt(poolIndex) * rangeSize(poolPrefix), poolPrefix));
          expect(nextFreeBlock(pool, prefixLength, taken) ?? null).toBe(bruteForce(pool, prefixLength, taken) ?? null);
        },
      ),
      { numRuns: 3000 },
    );
    console.log(`property: nextFreeBlock matched brute force in ${runs} runs`);
  });

  it('random vend sequences never overlap, never misalign and never exceed the pool silently', () => {
    const sizes = Object.keys(VPC_SIZES) as VpcSize[];
    let sequences = 0;
    let vends = 0;
    let exhaustions = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 17, max: 20 }),
        fc.array(fc.constantFrom(...sizes), { minLength: 1, maxLength: 40 }),
        fc.array(rangeIn(cidr('100.64.0.0/16').first, 16), { maxLength: 3 }),
        (poolPrefix, requested, reserved) => {
          sequences += 1;
          const workloadPool = formatCidr(cidr('100.64.0.0/16').first, poolPrefix);
          const pool = cidr(workloadPool);
          // Start from an empty estate: the example's accounts may not fit a small pool.
          let loaded: LoadedConfig = {
            ...withAccounts(example, [], {
              workloadPool,
              reservedRanges: reserved.map((range) => range.text),
              gatewayVpcCidr: '100.127.0.0/24',
            }),
            accounts: [],
          };
          const vended: CidrRange[] = [];
          requested.forEach((size, index) => {
            const request: VendRequest = { ...valid, name: `acct-${index}`, email: `aws-acct-${index}@example.nhs.uk`, size };
            let plan;
            try {
              plan = planVend(loaded, request);
            } catch (error) {
              // Exhaustion is loud and true: no aligned block of that size is free.
              expect(error).toBeInstanceOf(ConfigError);
              expect((error as ConfigError).problems[0].field).toBe('network.workloadPool');
              expect(bruteForce(pool, VPC_SIZES[size], [...vended, ...reserved])).toBeUndefined();
              exhaustions += 1;
              return;
            }
            vends += 1;
            const range = parseCidr(plan.account.cidr);
            if (typeof range === 'string') throw new Error(range); // misaligned or malformed
            expect(range.prefixLength).toBe(VPC_SIZES[size]);
            expect(rangeContains(pool, range)).toBe(true);
            // One expectation over every earlier range: jest builds an error object per expect, and one per pair took seconds.
            expect([...vended, ...reserved].filter((other) => rangesOverlap(other, range))).toEqual([]);
            vended.push(range);
            loaded = { ...loaded, accounts: [...loaded.accounts, { config: plan.account, source: example.accounts[0].source }] };
          });
          // The validator that guards synth agrees: no CIDR problem anywhere in the result.
          expect(validateConfig(loaded).filter((problem) => problem.field === 'cidr')).toEqual([]);
        },
      ),
      { numRuns: 2000 },
    );
    console.log(
      `property: ${sequences} random vend sequences, ${vends} vends, ${exhaustions} exhaustions reported, 0 overlaps or misalignments`,
    );
    expect(exhaustions).toBeGreaterThan(0);
  });

  it('random request values either pass and render a loadable file, or fail naming a flag', () => {
    const known = new Set([
      '--name',
      '--email',
      '--ou',
      '--owner',
      '--cost-centre',
      '--classification',
      '--hscn',
      '--size',
      '--account-id',
    ]);
    // Mostly valid values, so that a fair share of requests passes and is re-loaded.
    const field = (good: fc.Arbitrary<string>, bad: fc.Arbitrary<string>) =>
      fc.option(fc.oneof({ arbitrary: good, weight: 6 }, { arbitrary: bad, weight: 1 }), { nil: undefined, freq: 12 });
    let runs = 0;
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.record({
          name: field(
            fc.stringMatching(/^[a-z][a-z0-9-]{1,10}[a-z0-9]$/),
            fc.oneof(fc.string(), fc.constant('analytics-dev'), fc.constant('management')),
          ),
          email: field(
            fc.stringMatching(/^[a-z][a-z0-9.-]{0,12}[a-z0-9]@example\.nhs\.uk$/),
            fc.oneof(fc.string(), fc.emailAddress(), fc.constant('aws-security@example.nhs.uk')),
          ),
          ou: field(
            fc.constantFrom('Workloads/Production', 'Workloads/NonProduction', 'Workloads'),
            fc.oneof(fc.string(), fc.constantFrom('Sandbox', 'Suspended', 'Production')),
          ),
          owner: field(fc.constantFrom('team@example.nhs.uk', 'a.person@example.nhs.uk'), fc.string()),
          costCentre: field(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 _.:/=+@-]{0,63}$/), fc.string({ maxLength: 70 })),
          classification: field(
            fc.constantFrom('OFFICIAL', 'OFFICIAL-SENSITIVE'),
            fc.oneof(fc.string(), fc.constant('SECRET'), fc.constant('official')),
          ),
          hscn: fc.option(fc.boolean(), { nil: undefined }),
          size: field(
            fc.constantFrom('small', 'medium', 'large'),
            fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'LARGE')),
          ),
          accountId: fc.option(
            fc.oneof(
              { arbitrary: fc.stringMatching(/^[4-9]\d{11}$/), weight: 3 },
              { arbitrary: fc.oneof(fc.string(), fc.constant('333333333333')), weight: 1 },
            ),
            { nil: undefined },
          ),
        }),
        (request) => {
          runs += 1;
          let plan;
          try {
            plan = planVend(example, request);
          } catch (error) {
            if (!(error instanceof VendRequestError)) throw error;
            expect(error.problems.length).toBeGreaterThan(0);
            for (const problem of error.problems) {
              expect(known.has(problem.option)).toBe(true);
              expect(problem.message.length).toBeGreaterThan(10);
            }
            return;
          }
          accepted += 1;
          // Whatever passed must survive the schema and every cross-field rule.
          const parsed = loadConfig(exampleCopy, { pendingAccountFiles: new Map([[plan.fileName, plan.yaml]]) });
          expect(parsed.accounts.find((account) => account.config.name === plan.account.name)?.config).toEqual(plan.account);
        },
      ),
      { numRuns: 1000 },
    );
    console.log(`property: ${runs} random vend requests, ${accepted} accepted and re-loaded, ${runs - accepted} rejected naming a flag`);
  });

  it('renders any valid account so that it loads back unchanged', () => {
    let runs = 0;
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9 _.:/=+@-]{1,64}$/).filter((text) => text.trim() !== ''),
        fc.boolean(),
        fc.option(fc.stringMatching(/^\d{12}$/), { nil: undefined }),
        fc.constantFrom<VpcSize>('small', 'medium', 'large'),
        (costCentre, hscn, accountId, size) => {
          runs += 1;
          const account: WorkloadAccountConfig = {
            name: 'round-trip',
            email: 'aws-round-trip@example.nhs.uk',
            ou: 'Workloads/Production',
            owner: 'owner@example.nhs.uk',
            costCentre,
            classification: 'OFFICIAL',
            hscn,
            cidr: '100.64.16.0/20',
            ...(accountId && accountId !== '333333333333' && accountId !== '111111111111'
              ? {
                  accountId,
                  adoption: { configServiceLinkedRole: hscn, configRecorders: hscn ? { 'eu-west-2': { recorder: 'default' } } : {} },
                }
              : {}),
            status: 'active',
          };
          const loaded = loadConfig(exampleCopy, { pendingAccountFiles: new Map([['round-trip.yaml', renderAccountYaml(account, size)]]) });
          expect(loaded.accounts.find((entry) => entry.config.name === 'round-trip')?.config).toEqual(account);
        },
      ),
      { numRuns: 300 },
    );
    console.log(`property: ${runs} rendered account files loaded back unchanged`);
  });
});
