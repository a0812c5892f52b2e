// `lz access`: the access review from configuration and the synthesized identity stack, as a table
// and as CSV, filtered by account or group; and `lz vend --group`, which writes the owning team's access.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXIT_USAGE } from '../../cli/exit-codes';
import { assignmentShardOf } from '../../lib/access/assignments';
import { identityAssignmentsStackName } from '../../lib/naming';
import { runCli } from '../helpers/cli';
import { copyExampleConfig } from '../helpers/config-fixtures';

describe('lz access', () => {
  let dir: string;
  beforeAll(() => {
    dir = copyExampleConfig();
  });

  it('lists every group -> permission set -> account row of the example, with what each grants and why', async () => {
    const result = await runCli(['access', '--config', dir]);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^account\s+account ID\s+group\s+permission set\s+session\s+grants\s+via$/);
    // 23 assignments: 5 per workload account from OU Workloads, 2 from each account file, 3 per core account.
    expect(lines).toHaveLength(1 + 23);
    expect(result.stdout).toMatch(
      /analytics-dev\s+333333333333\s+analytics-engineers\s+WorkloadAdministrator\s+PT4H\s+PowerUserAccess \+ inline \+ boundary:lz-workload-boundary\s+account file/,
    );
    expect(result.stdout).toMatch(
      /security\s+\(created at deploy\)\s+lz-platform-admins\s+PlatformAdministrator\s+PT1H\s+AdministratorAccess\s+account/,
    );
    expect(result.stdout).not.toMatch(/^management\s/m);
  });

  it('filters by account and by group, and prints CSV for the access review', async () => {
    const byAccount = await runCli(['access', '--config', dir, '--account', 'network']);
    expect(
      byAccount.stdout
        .trimEnd()
        .split('\n')
        .slice(1)
        .map((line) => line.split(/\s{2,}/)[2]),
    ).toEqual(['lz-incident-responders', 'lz-platform-admins', 'lz-security-auditors']);
    const csv = await runCli(['access', '--config', dir, '--group', 'lz-security-auditors', '--csv']);
    expect(csv.code).toBe(0);
    const rows = csv.stdout.trimEnd().split('\r\n');
    expect(rows[0]).toBe('"account","account ID","group","permission set","session","grants","via"');
    expect(rows).toHaveLength(1 + 5);
    expect(rows).toContain(
      '"clinical-portal-prod","(created at deploy)","lz-security-auditors","SecurityAuditor","PT4H","SecurityAudit + inline","OU Workloads"',
    );
  });

  it('refuses an unknown account or group, and both filters at once', async () => {
    for (const args of [
      ['--account', 'nowhere'],
      ['--group', 'nobody'],
      ['--account', 'network', '--group', 'lz-finance'],
    ]) {
      const result = await runCli(['access', '--config', dir, ...args]);
      expect(result.code).toBe(EXIT_USAGE);
      expect(result.stdout).toBe('');
    }
  });
});

describe('lz vend --group', () => {
  const VEND = [
    'vend',
    '--name',
    'patient-records-prod',
    '--email',
    'aws-patient-records-prod@example.nhs.uk',
    '--ou',
    'Workloads/Production',
    '--owner',
    'records-team@example.nhs.uk',
    '--cost-centre',
    'CC-3100',
    '--classification',
    'OFFICIAL-SENSITIVE',
  ];

  it("writes the owning team's access and names the identity assignments it adds", async () => {
    const dir = copyExampleConfig();
    const result = await runCli([...VEND, '--group', 'clinical-portal-engineers', '--config', dir]);
    expect(result.code).toBe(0);
    const written = fs.readFileSync(path.join(dir, 'accounts', 'patient-records-prod.yaml'), 'utf8');
    expect(written).toContain(
      'access:\n  - { group: clinical-portal-engineers, permissionSets: [WorkloadAdministrator, WorkloadDeveloper] }\n',
    );
    // The one shard the account's name hashes to (ADR 0510; the example has 4 shards).
    expect(result.stdout).toContain(
      `~ ${identityAssignmentsStackName(assignmentShardOf('patient-records-prod', 4))}: adds 7 Identity Center assignment(s) on patient-records-prod, and nothing else:`,
    );
    expect(result.stdout).toContain('clinical-portal-engineers -> WorkloadDeveloper (account file)');
    const review = await runCli(['access', '--config', dir, '--account', 'patient-records-prod']);
    expect(review.stdout.trimEnd().split('\n')).toHaveLength(1 + 7);
  });

  it('refuses an unknown group and writes nothing', async () => {
    const dir = copyExampleConfig();
    const result = await runCli([...VEND, '--group', 'records-team', '--config', dir]);
    expect(result.code).toBe(EXIT_USAGE);
    expect(result.stderr).toContain('--group: "records-team" is not in access.groups of landing-zone.yaml');
    expect(fs.existsSync(path.join(dir, 'accounts', 'patient-records-prod.yaml'))).toBe(false);
  });
});
