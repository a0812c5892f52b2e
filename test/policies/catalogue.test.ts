// The catalogue: which guardrail attaches where, and the AWS Organizations limits it must respect.
import { flattenOus, SUSPENDED_OU, WORKLOADS_OU } from '../../lib/config/model';
import { loadConfig } from '../../lib/config/load';
import type { LandingZoneConfig } from '../../lib/config/schema';
import {
  checkDeclarativeLimits,
  checkedGuardrailCatalogue,
  checkPolicyLimits,
  declarativeCatalogue,
  type GuardrailPolicy,
  guardrailCatalogue,
  MAX_DECLARATIVE_POLICY_CHARACTERS,
  policiesAttachedTo,
  ROOT,
  vpcBlockPublicAccessTargets,
} from '../../policies/catalogue';
import { MAX_POLICY_CHARACTERS, policyContent } from '../../policies/common';
import { EXAMPLE_CONFIG_DIR } from '../helpers/synth';

const config = loadConfig(EXAMPLE_CONFIG_DIR).landingZone;
const ouPaths = flattenOus(config.organizationalUnits).map((ou) => ou.path);

/** The longest names the schema accepts: the worst case for policy size. */
function worstCaseConfig(): LandingZoneConfig {
  return {
    ...config,
    organization: { ...config.organization, namePrefix: `a${'b'.repeat(19)}` },
    roles: { execution: 'E'.repeat(64), breakGlass: 'B'.repeat(64) },
  };
}

describe('guardrail catalogue', () => {
  const catalogue = guardrailCatalogue(config);
  const byKey = (key: string) => catalogue.find((policy) => policy.key === key) as GuardrailPolicy;

  it('attaches the Region guardrail, baseline protection, backup protection, estate integrity and both perimeters to the root', () => {
    expect(policiesAttachedTo(catalogue, ROOT, 'SERVICE_CONTROL_POLICY').map((policy) => policy.key)).toEqual([
      'region-guardrail',
      'baseline-protection',
      'backup-protection',
      'estate-integrity',
    ]);
    expect(policiesAttachedTo(catalogue, ROOT, 'RESOURCE_CONTROL_POLICY').map((policy) => policy.key)).toEqual([
      'data-perimeter',
      'service-perimeter',
    ]);
  });

  it('fills the Workloads OU with the three isolation SCPs and the service allow-list, and the root to the limit of five', () => {
    expect(policiesAttachedTo(catalogue, { kind: 'ou', path: WORKLOADS_OU }, 'SERVICE_CONTROL_POLICY').map((policy) => policy.key)).toEqual(
      ['workload-network', 'workload-data-sharing', 'workload-internet-services', 'service-allow-list-workloads'],
    );
    // FullAWSAccess + 4 on Workloads: no SCP slot is left there either.
    expect(policiesAttachedTo(catalogue, { kind: 'ou', path: WORKLOADS_OU }, 'SERVICE_CONTROL_POLICY').length + 1).toBe(5);
    // FullAWSAccess + 4 at the root: no SCP slot is left there.
    expect(policiesAttachedTo(catalogue, ROOT, 'SERVICE_CONTROL_POLICY').length + 1).toBe(5);
  });

  it('attaches workload network to the Workloads OU and deny-all to the Suspended OU, by the names the model defines', () => {
    expect(byKey('workload-network').targets).toEqual([{ kind: 'ou', path: WORKLOADS_OU }]);
    expect(byKey('suspended').targets).toEqual([{ kind: 'ou', path: SUSPENDED_OU }]);
    expect(byKey('data-perimeter').type).toBe('RESOURCE_CONTROL_POLICY');
    expect(catalogue.filter((policy) => policy.type === 'SERVICE_CONTROL_POLICY')).toHaveLength(9);
  });

  it('adds backup protection only when configuration has the backup section', () => {
    const withoutBackup = guardrailCatalogue({ ...config, backup: undefined });
    expect(withoutBackup.map((policy) => policy.key)).not.toContain('backup-protection');
    expect(withoutBackup).toHaveLength(catalogue.length - 1);
  });

  it('names policies with the organization prefix and keeps keys unique', () => {
    expect(new Set(catalogue.map((policy) => policy.key)).size).toBe(catalogue.length);
    for (const policy of catalogue) expect(policy.name).toBe(`exvalley-lz-${policy.key}`);
  });

  it('emits minified JSON as the content, the string AWS counts', () => {
    for (const policy of catalogue) {
      const content = policyContent(policy.document);
      expect(content).not.toMatch(/\n|": |, "/);
      expect(JSON.parse(content)).toEqual(policy.document);
    }
  });

  it('stays inside every AWS limit for the example configuration', () => {
    expect(checkPolicyLimits(catalogue, ouPaths)).toEqual([]);
  });

  it('stays inside the size limit even with the longest names the schema accepts', () => {
    const worst = guardrailCatalogue(worstCaseConfig());
    for (const policy of worst) expect(policyContent(policy.document).length).toBeLessThanOrEqual(MAX_POLICY_CHARACTERS);
    expect(checkPolicyLimits(worst, ouPaths)).toEqual([]);
  });

  it('reports a policy over 5,120 characters', () => {
    const baseline = byKey('baseline-protection');
    const padded: GuardrailPolicy = {
      ...baseline,
      document: {
        ...baseline.document,
        Statement: [
          ...baseline.document.Statement,
          {
            Sid: 'DenyMore',
            Effect: 'Deny',
            Action: Array.from({ length: 60 }, (_, index) => `s3:PutBucketTagging${index}`),
            Resource: '*',
          },
        ],
      },
    };
    const size = policyContent(padded.document).length;
    expect(size).toBeGreaterThan(MAX_POLICY_CHARACTERS);
    expect(checkPolicyLimits([padded], ouPaths)).toEqual([
      `policy baseline-protection is ${size} characters; AWS Organizations accepts at most 5120 (split it or shorten its lists)`,
    ]);
  });

  it('reports a target with more than 5 SCPs or RCPs once the AWS default policy is counted', () => {
    const extraScps = [1].map((index): GuardrailPolicy => ({ ...byKey('suspended'), key: `extra-${index}`, targets: [ROOT] }));
    // root: FullAWSAccess + region + baseline + backup protection + estate integrity + 1 extra = 6
    expect(checkPolicyLimits([...catalogue, ...extraScps], ouPaths)).toEqual([
      'root would have 6 SCPs including FullAWSAccess; AWS allows at most 5 per target',
    ]);
    // exactly 5 (the catalogue as it is) is allowed
    expect(checkPolicyLimits(catalogue, ouPaths)).toEqual([]);
    const extraRcps = [1, 2, 3, 4].map((index): GuardrailPolicy => ({
      ...byKey('data-perimeter'),
      key: `rcp-${index}`,
      targets: [{ kind: 'ou', path: 'Workloads/Production' }],
    }));
    expect(checkPolicyLimits([...catalogue, ...extraRcps, { ...extraRcps[0], key: 'rcp-5' }], ouPaths)).toEqual([
      'OU Workloads/Production would have 6 RCPs including RCPFullAWSAccess; AWS allows at most 5 per target',
    ]);
  });

  it('reports a target OU the configuration does not define, and refuses to build such a catalogue', () => {
    const withoutSuspended = config.organizationalUnits.filter((ou) => ou.name !== SUSPENDED_OU);
    const paths = flattenOus(withoutSuspended).map((ou) => ou.path);
    expect(checkPolicyLimits(catalogue, paths)).toEqual([
      'policy suspended attaches to OU Suspended, which the configuration does not define',
    ]);
    expect(() => checkedGuardrailCatalogue({ ...config, organizationalUnits: withoutSuspended })).toThrow(
      /OU Suspended, which the configuration does not define/,
    );
  });
});

describe('EC2 declarative policies', () => {
  const declarative = declarativeCatalogue(config);

  it("attaches the EC2 baseline to the root and VPC Block Public Access to every top OU but the network account's", () => {
    expect(declarative.map((policy) => [policy.key, policy.type])).toEqual([
      ['ec2-baseline', 'DECLARATIVE_POLICY_EC2'],
      ['vpc-block-public-access', 'DECLARATIVE_POLICY_EC2'],
    ]);
    expect(declarative[0].targets).toEqual([ROOT]);
    expect(declarative[1].targets.map((target) => (target.kind === 'ou' ? target.path : 'root'))).toEqual([
      'Security',
      'Workloads',
      'Sandbox',
      'Suspended',
    ]);
    expect(checkDeclarativeLimits(declarative, ouPaths)).toEqual([]);
    for (const policy of declarative) expect(JSON.stringify(policy.content).length).toBeLessThanOrEqual(MAX_DECLARATIVE_POLICY_CHARACTERS);
  });

  it('when the network account sits in a nested OU, targets its siblings and never an ancestor', () => {
    const nested = {
      ...config,
      organizationalUnits: [
        ...config.organizationalUnits.filter((ou) => ou.name !== 'Infrastructure'),
        { name: 'Infrastructure', children: [{ name: 'Network' }, { name: 'Shared' }] },
      ],
      coreAccounts: { ...config.coreAccounts, network: { ...config.coreAccounts.network, ou: 'Infrastructure/Network' } },
    };
    const paths = vpcBlockPublicAccessTargets(nested).map((target) => (target.kind === 'ou' ? target.path : 'root'));
    expect(paths).toContain('Infrastructure/Shared');
    expect(paths).not.toContain('Infrastructure');
    expect(paths).not.toContain('Infrastructure/Network');
  });

  it('reports a declarative policy over 10,000 characters', () => {
    const padded = { ...declarative[0], content: { ec2_attributes: { exception_message: { '@@assign': 'x'.repeat(10000) } } } };
    expect(checkDeclarativeLimits([padded], ouPaths)[0]).toMatch(
      /^declarative policy ec2-baseline is \d+ characters; AWS Organizations accepts at most 10000$/,
    );
  });
});
