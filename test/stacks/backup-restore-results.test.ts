// Restore results reach the security account: the backup account's EventBridge rule matches the
// restore-job events AWS documents (failed, completed restore test) and nothing else, and publishes
// through an execution role to the security account's alert topic, whose topic and key policies
// admit that role only. Sample events: AWS Backup Developer Guide, "Monitoring AWS Backup events
// using Amazon EventBridge" (test/fixtures/aws-events/backup-restore-job.json).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RESTORE_ALERTS_ROLE, restoreResultsEventPattern, securityAlertTopicName } from '../../lib/backup';
import { loadConfig } from '../../lib/config/load';
import { matchesEventPattern } from '../../tools/simulation/event-pattern';
import { EXAMPLE_CONFIG_DIR, resourcesOfType, synthConfig, type TerraformJson } from '../helpers/synth';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Event = Record<string, any>;
const samples = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'aws-events', 'backup-restore-job.json'), 'utf8'),
) as Record<string, Event>;
const config = loadConfig(EXAMPLE_CONFIG_DIR).landingZone;
const withDetail = (event: Event, detail: Record<string, unknown>): Event => ({ ...event, detail: { ...event.detail, ...detail } });

describe('restore results event pattern', () => {
  const pattern = restoreResultsEventPattern();
  const restoreTestingPlanArn = 'arn:aws:backup:us-west-2:1112233445566:restore-testing-plan:exvalley_lz_critical-1a2b3c';

  it("matches AWS's FAILED restore job sample, and an aborted one", () => {
    expect(matchesEventPattern(pattern, samples.failed)).toBe(true);
    expect(matchesEventPattern(pattern, withDetail(samples.failed, { status: 'ABORTED' }))).toBe(true);
  });

  it("matches AWS's COMPLETED sample only when a restore testing plan started the job", () => {
    // "if your restore job is part of a restore testing plan, the parameter restoreTestingPlanArn is included"
    expect(matchesEventPattern(pattern, samples.completed)).toBe(false);
    expect(matchesEventPattern(pattern, withDetail(samples.completed, { restoreTestingPlanArn }))).toBe(true);
  });

  it('ignores the PENDING and CREATED samples, and other sources and detail types', () => {
    expect(matchesEventPattern(pattern, samples.pending)).toBe(false);
    expect(matchesEventPattern(pattern, withDetail(samples.pending, { restoreTestingPlanArn }))).toBe(false);
    expect(matchesEventPattern(pattern, samples.created)).toBe(false);
    expect(matchesEventPattern(pattern, { ...samples.failed, 'detail-type': 'Copy Job State Change' })).toBe(false);
    expect(matchesEventPattern(pattern, { ...samples.failed, source: 'aws.ec2' })).toBe(false);
  });
});

describe('restore results to the security account (synthesized)', () => {
  const { stacks } = synthConfig();
  const backup = stacks.get('backup') as TerraformJson;
  const security = stacks.get('security') as TerraformJson;

  it('routes the pattern from the backup account to the security alert topic of the home Region, as its own role', () => {
    const rules = Object.values(resourcesOfType(backup, 'aws_cloudwatch_event_rule'));
    const rule = rules.find((candidate) => candidate.name === 'lz-backup-restore-results')!;
    expect(JSON.parse(rule.event_pattern)).toEqual(restoreResultsEventPattern());
    const [target] = Object.values(resourcesOfType(backup, 'aws_cloudwatch_event_target')).filter(
      (candidate) => candidate.rule === '${aws_cloudwatch_event_rule.restore-results-rule.name}',
    );
    expect(target.arn).toMatch(new RegExp(`^arn:aws:sns:${config.homeRegion}:.+:${securityAlertTopicName(config)}$`));
    expect(target.role_arn).toBe('${aws_iam_role.restore-alerts-role.arn}');
    const role = resourcesOfType(backup, 'aws_iam_role')['restore-alerts-role'];
    expect(role.name).toBe(RESTORE_ALERTS_ROLE);
    expect(JSON.parse(role.assume_role_policy).Statement[0].Principal).toEqual({ Service: 'events.amazonaws.com' });
  });

  it('admits that role on the home topic and its key only, matched by ARN, and adds nothing in the other Region', () => {
    const policies = Object.values(resourcesOfType(security, 'aws_sns_topic_policy')).map((policy) => JSON.parse(policy.policy));
    const publishers = policies.map((policy) =>
      policy.Statement.filter((statement: { Sid: string }) => statement.Sid.startsWith('CrossAccountPublisher')),
    );
    expect(publishers.map((statements) => statements.length).sort()).toEqual([0, 1]);
    const [statement] = publishers.find((statements) => statements.length === 1)!;
    expect(statement.Condition.ArnEquals['aws:PrincipalArn']).toMatch(new RegExp(`:role/${RESTORE_ALERTS_ROLE}$`));
    expect(statement.Action).toBe('sns:Publish');
    const keyStatements = Object.values(resourcesOfType(security, 'aws_kms_key')).flatMap((key) =>
      (JSON.parse(key.policy).Statement as { Sid?: string; Condition?: Record<string, Record<string, string>> }[]).filter((candidate) =>
        candidate.Sid?.startsWith('CrossAccountPublisherUsesKey'),
      ),
    );
    expect(keyStatements).toHaveLength(1);
    expect(keyStatements[0].Condition!.StringEquals['kms:ViaService']).toBe(`sns.${config.homeRegion}.amazonaws.com`);
  });
});
