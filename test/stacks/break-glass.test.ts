// Break-glass (issue 11 item 14): the role exists in every account with an MFA-only trust of one named
// management-account principal and a one-hour session, it cannot be destroyed by accident, and the
// management account alarms on every use and every failed attempt, in any account.
import { loadConfig } from '../../lib/config/load';
import { breakGlassAlarms } from '../../lib/break-glass';
import { breakGlassPrincipalArn } from '../../lib/naming';
import { BREAK_GLASS_POLICY_ARN } from '../../modules/break-glass-role';
import { resourceTarget } from '../helpers/accounts';
import { EXAMPLE_CONFIG_DIR, resourcesOfType, synthConfig, type TerraformJson } from '../helpers/synth';

const config = loadConfig(EXAMPLE_CONFIG_DIR).landingZone;
const { stacks } = synthConfig(EXAMPLE_CONFIG_DIR);

/** Every stack that deploys an account baseline: the management account and every member account. */
const ACCOUNT_STACKS = [...stacks.keys()].filter(
  (name) => ['management', 'security', 'log-archive', 'network'].includes(name) || name.startsWith('workload-'),
);

function breakGlassRoles(stack: TerraformJson): TerraformJson[] {
  return Object.values(resourcesOfType(stack, 'aws_iam_role')).filter((role) => role.name === config.roles.breakGlass);
}

/**
 * The subset of CloudWatch Logs JSON filter syntax the alarms use: `{ (clause) && (clause) }`, each
 * clause `$.path = "value"` (`*` matches any run of characters) or `$.path NOT EXISTS`.
 */
function matches(pattern: string, event: Record<string, unknown>): boolean {
  const clauses = [...pattern.matchAll(/\(\$\.([\w.]+) (?:= "([^"]*)"|(NOT EXISTS))\)/g)];
  expect(clauses.length).toBe(pattern.split('&&').length);
  return clauses.every(([, path, value, notExists]) => {
    const actual = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], event);
    if (notExists) return actual === undefined;
    if (typeof actual !== 'string') return false;
    return new RegExp(
      `^${value
        .split('*')
        .map((part) => part.replace(/[.+?^$()|[\]\\{}]/g, '\\$&'))
        .join('.*')}$`,
    ).test(actual);
  });
}

const assumeRole = (roleArn: string, errorCode?: string) => ({
  eventSource: 'sts.amazonaws.com',
  eventName: 'AssumeRole',
  recipientAccountId: '222222222222',
  requestParameters: { roleArn, roleSessionName: 'incident-2026-11-29' },
  ...(errorCode ? { errorCode } : {}),
});

describe('break-glass role', () => {
  it('exists in every account stack, the management account included', () => {
    expect(ACCOUNT_STACKS.length).toBeGreaterThanOrEqual(6);
    for (const name of ACCOUNT_STACKS) expect([name, breakGlassRoles(stacks.get(name) as TerraformJson).length]).toEqual([name, 1]);
  });

  it('trusts only the named management-account principal, with recent MFA, for at most an hour', () => {
    expect(breakGlassPrincipalArn(config)).toBe('arn:aws:iam::111111111111:user/break-glass-officer');
    for (const name of ACCOUNT_STACKS) {
      const [role] = breakGlassRoles(stacks.get(name) as TerraformJson);
      expect(role.max_session_duration).toBe(3600);
      expect(JSON.parse(role.assume_role_policy)).toEqual({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'NamedPrincipalWithMfaOnly',
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${config.managementAccount.accountId}:root` },
            Action: 'sts:AssumeRole',
            Condition: {
              ArnEquals: { 'aws:PrincipalArn': breakGlassPrincipalArn(config) },
              Bool: { 'aws:MultiFactorAuthPresent': 'true' },
              NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' },
            },
          },
        ],
      });
    }
  });

  it('is protected against destruction, with its permissions, in the account its stack targets', () => {
    for (const name of ACCOUNT_STACKS) {
      const stack = stacks.get(name) as TerraformJson;
      const [role] = breakGlassRoles(stack);
      expect(role.lifecycle.prevent_destroy).toBe(true);
      const attachments = Object.values(resourcesOfType(stack, 'aws_iam_role_policy_attachment')).filter(
        (attachment) => attachment.policy_arn === BREAK_GLASS_POLICY_ARN,
      );
      expect(attachments).toHaveLength(1);
      expect(attachments[0].lifecycle.prevent_destroy).toBe(true);
      expect(attachments[0].role).toMatch(/^\$\{aws_iam_role\.baseline_break-glass_role_\w+\.name\}$/);
      expect(resourceTarget(stack, role).region).toBe(config.homeRegion);
    }
  });

  it('alarms on every use and every failed attempt through the organization trail log group to the alert topic', () => {
    const management = stacks.get('management') as TerraformJson;
    const filters = Object.values(resourcesOfType(management, 'aws_cloudwatch_log_metric_filter'));
    const alarms = Object.values(resourcesOfType(management, 'aws_cloudwatch_metric_alarm'));
    for (const expected of breakGlassAlarms(config.roles.breakGlass)) {
      const filter = filters.find((candidate) => candidate.name === `lz-${expected.id}`);
      expect(filter?.pattern).toBe(expected.pattern);
      expect(filter?.log_group_name).toMatch(/^\$\{aws_cloudwatch_log_group\.trail-log-group\.name\}$/);
      const alarm = alarms.find((candidate) => candidate.metric_name === filter?.metric_transformation.name);
      expect(alarm).toMatchObject({ threshold: 1, comparison_operator: 'GreaterThanOrEqualToThreshold', period: 300 });
      expect(alarm?.alarm_actions).toEqual([expect.stringMatching(/^\$\{aws_sns_topic\.alerts-euw2_/)]);
    }
  });

  it('matches a use and a failed attempt in any account, and nothing else', () => {
    const [use, failed] = breakGlassAlarms(config.roles.breakGlass);
    const role = (account: string) => `arn:aws:iam::${account}:role/${config.roles.breakGlass}`;
    for (const account of ['222222222222', config.managementAccount.accountId]) {
      expect(matches(use.pattern, assumeRole(role(account)))).toBe(true);
      expect(matches(failed.pattern, assumeRole(role(account)))).toBe(false);
      expect(matches(failed.pattern, assumeRole(role(account), 'AccessDenied'))).toBe(true);
      expect(matches(use.pattern, assumeRole(role(account), 'AccessDenied'))).toBe(false);
    }
    expect(matches(use.pattern, assumeRole(`arn:aws:iam::222222222222:role/${config.roles.execution}`))).toBe(false);
    expect(matches(failed.pattern, assumeRole('arn:aws:iam::222222222222:role/LandingZoneBreakGlassOld', 'AccessDenied'))).toBe(false);
    expect(matches(use.pattern, { ...assumeRole(role('222222222222')), eventName: 'GetCallerIdentity' })).toBe(false);
  });
});
