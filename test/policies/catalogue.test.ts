// The catalogue: which guardrail attaches where, and the AWS Organizations limits it must respect.
import { flattenOus, SUSPENDED_OU, WORKLOADS_OU } from '../../lib/config/model';
import { loadConfig } from '../../lib/config/load';
import type { LandingZoneConfig } from '../../lib/config/schema';
import { checkedGuardrailCatalogue, checkPolicyLimits, type GuardrailPolicy, guardrailCatalogue, policiesAttachedTo, ROOT } from '../../policies/catalogue';
import { MAX_POLICY_CHARACTERS, policyContent } from '../../policies/common';
import { EXAMPLE_CONFIG_DIR } from '../helpers/synth';

const config = loadConfig(EXAMPLE_CONFIG_DIR).landingZone;
const ouPaths = flattenOus(config.organizationalUnits).map((ou) => ou.path);

/** The longest names the schema accepts: the worst case for policy size. */
function worstCaseConfig(): LandingZoneConfig {
  return { ...config, organization: { ...config.organization, namePrefix: `a${'b'.repeat(19)}` }, roles: { execution: 'E'.repeat(64), breakGlass: 'B'.repeat(64) } };
}

describe('guardrail catalogue', () => {
  const catalogue = guardrailCatalogue(config);
  const byKey = (key: string) => catalogue.find((policy) => policy.key === key) as GuardrailPolicy;

  it('attaches the Region guardrail, baseline protection, backup protection and the data perimeter to the root', () => {
    expect(policiesAttachedTo(catalogue, ROOT, 'SERVICE_CONTROL_POLICY').map((policy) => policy.key)).toEqual(['region-guardrail', 'baseline-protection', 'backup-protection']);
    expect(policiesAttachedTo(catalogue, ROOT, 'RESOURCE_CONTROL_POLICY').map((policy) => policy.key)).toEqual(['data-perimeter']);
  });

  it('attaches workload network to the Workloads OU and deny-all to the Suspended OU, by the names the model defines', () => {
    expect(byKey('workload-network').targets).toEqual([{ kind: 'ou', path: WORKLOADS_OU }]);
    expect(byKey('suspended').targets).toEqual([{ kind: 'ou', path: SUSPENDED_OU }]);
    expect(byKey('data-perimeter').type).toBe('RESOURCE_CONTROL_POLICY');
    expect(catalogue.filter((policy) => policy.type === 'SERVICE_CONTROL_POLICY')).toHaveLength(5);
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
      document: { ...baseline.document, Statement: [...baseline.document.Statement, { Sid: 'DenyMore', Effect: 'Deny', Action: Array.from({ length: 60 }, (_, index) => `s3:PutBucketTagging${index}`), Resource: '*' }] },
    };
    const size = policyContent(padded.document).length;
    expect(size).toBeGreaterThan(MAX_POLICY_CHARACTERS);
    expect(checkPolicyLimits([padded], ouPaths)).toEqual([`policy baseline-protection is ${size} characters; AWS Organizations accepts at most 5120 (split it or shorten its lists)`]);
  });

  it('reports a target with more than 5 SCPs or RCPs once the AWS default policy is counted', () => {
    const extraScps = [1, 2].map((index): GuardrailPolicy => ({ ...byKey('suspended'), key: `extra-${index}`, targets: [ROOT] }));
    // root: FullAWSAccess + region + baseline + backup protection + 2 extra = 6
    expect(checkPolicyLimits([...catalogue, ...extraScps], ouPaths)).toEqual(['root would have 6 SCPs including FullAWSAccess; AWS allows at most 5 per target']);
    // exactly 5 is allowed
    expect(checkPolicyLimits([...catalogue, ...extraScps.slice(0, 1)], ouPaths)).toEqual([]);
    const extraRcps = [1, 2, 3, 4].map((index): GuardrailPolicy => ({ ...byKey('data-perimeter'), key: `rcp-${index}`, targets: [{ kind: 'ou', path: 'Workloads/Production' }] }));
    expect(checkPolicyLimits([...catalogue, ...extraRcps, { ...extraRcps[0], key: 'rcp-5' }], ouPaths)).toEqual([
      'OU Workloads/Production would have 6 RCPs including RCPFullAWSAccess; AWS allows at most 5 per target',
    ]);
  });

  it('reports a target OU the configuration does not define, and refuses to build such a catalogue', () => {
    const withoutSuspended = config.organizationalUnits.filter((ou) => ou.name !== SUSPENDED_OU);
    const paths = flattenOus(withoutSuspended).map((ou) => ou.path);
    expect(checkPolicyLimits(catalogue, paths)).toEqual(['policy suspended attaches to OU Suspended, which the configuration does not define']);
    expect(() => checkedGuardrailCatalogue({ ...config, organizationalUnits: withoutSuspended })).toThrow(/OU Suspended, which the configuration does not define/);
  });
});
