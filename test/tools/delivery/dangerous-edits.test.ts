// Dangerous configuration edits are called out against the base branch with file:line, refused
// unless accepted, and the audit archive's Object Lock has a floor of a year.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfig } from '../../../lib/config/load';
import { ConfigError } from '../../../lib/config/diagnostics';
import { dangerousEdits, renderDangerousEdits } from '../../../tools/delivery/dangerous-edits';
import { copyExampleConfig, editConfigFile } from '../../helpers/config-fixtures';
import { runCli } from '../../helpers/cli';

const lineOf = (file: string, text: string) =>
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .findIndex((line) => line.includes(text)) + 1;

describe('dangerous configuration edits', () => {
  it('refuses an account CIDR, an account email, the organization prefix and lower retention, each at its file and line', () => {
    const base = copyExampleConfig();
    const head = copyExampleConfig();
    editConfigFile(head, 'accounts/analytics-dev.yaml', 'cidr: 100.64.8.0/22', 'cidr: 100.64.12.0/22');
    editConfigFile(head, 'accounts/clinical-portal-prod.yaml', /email: \S+/, 'email: aws-portal-renamed@example.nhs.uk');
    editConfigFile(head, 'landing-zone.yaml', /namePrefix: \S+/, 'namePrefix: newprefix');
    editConfigFile(head, 'landing-zone.yaml', /retentionDays: 2922/, 'retentionDays: 400');
    const edits = dangerousEdits(loadConfig(base), loadConfig(head));
    const byField = new Map(edits.map((edit) => [`${path.basename(edit.file)} ${edit.field}`, edit]));
    expect([...byField.keys()].sort()).toEqual([
      'analytics-dev.yaml cidr',
      'clinical-portal-prod.yaml email',
      'landing-zone.yaml logging.objectLock.retentionDays',
      'landing-zone.yaml organization.namePrefix',
    ]);
    expect(edits.every((edit) => edit.severity === 'refuse')).toBe(true);
    expect(byField.get('analytics-dev.yaml cidr')).toMatchObject({
      line: lineOf(path.join(head, 'accounts/analytics-dev.yaml'), 'cidr:'),
      message: expect.stringMatching(/^changed from 100\.64\.8\.0\/22 to 100\.64\.12\.0\/22: replaces the account's VPC/),
    });
    expect(byField.get('landing-zone.yaml organization.namePrefix')?.line).toBe(
      lineOf(path.join(head, 'landing-zone.yaml'), 'namePrefix:'),
    );
    expect(byField.get('landing-zone.yaml logging.objectLock.retentionDays')?.message).toMatch(/lowered from 2922 to 400 days/);
    const markdown = renderDangerousEdits(edits, false);
    expect(markdown).toContain('**4 dangerous configuration edit(s)**: the check fails until');
    expect(markdown).toContain('- **refused** `');
  });

  it('refuses changing the Identity Center assignment shard count, at its line (ADR 0510)', () => {
    const base = copyExampleConfig();
    const head = copyExampleConfig();
    editConfigFile(head, 'landing-zone.yaml', /assignmentShards: 4/, 'assignmentShards: 8');
    const edits = dangerousEdits(loadConfig(base), loadConfig(head));
    expect(edits).toHaveLength(1);
    expect(edits[0]).toMatchObject({
      field: 'access.assignmentShards',
      severity: 'refuse',
      line: lineOf(path.join(head, 'landing-zone.yaml'), 'assignmentShards:'),
      message: expect.stringMatching(/^changed from 4 to 8: moves most Identity Center account assignments/),
    });
  });

  it('says nothing about a vend, a suspension only as a check, and nothing at all for an unchanged configuration', () => {
    const base = copyExampleConfig();
    expect(dangerousEdits(loadConfig(base), loadConfig(base))).toEqual([]);
    const head = copyExampleConfig();
    editConfigFile(head, 'accounts/analytics-dev.yaml', 'status: active', 'status: suspended');
    expect(dangerousEdits(loadConfig(base), loadConfig(head)).map((edit) => [edit.field, edit.severity])).toEqual([['status', 'flag']]);
    expect(renderDangerousEdits([], false)).toBe('');
  });

  it('a one-day Object Lock on the audit archive is invalid configuration, at its line', () => {
    const dir = copyExampleConfig();
    editConfigFile(dir, 'landing-zone.yaml', /retentionDays: 2922/, 'retentionDays: 1');
    let error: unknown;
    try {
      loadConfig(dir);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      expect.objectContaining({
        field: 'logging.objectLock.retentionDays',
        line: lineOf(path.join(dir, 'landing-zone.yaml'), 'retentionDays:'),
        message: expect.stringContaining('at least 365 days'),
      }),
    ]);
  });

  it('lz config-diff compares with a git ref: exit 2 with file:line lines, 0 with --allow-destructive, Markdown for the comment', async () => {
    const repo = copyExampleConfig();
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: repo,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 't',
          GIT_AUTHOR_EMAIL: 't@example.nhs.uk',
          GIT_COMMITTER_NAME: 't',
          GIT_COMMITTER_EMAIL: 't@example.nhs.uk',
        },
      });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'base');
    editConfigFile(repo, 'accounts/analytics-dev.yaml', 'cidr: 100.64.8.0/22', 'cidr: 100.64.12.0/22');
    const refused = await runCli(['config-diff', '--base', 'HEAD', '--config', repo]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/accounts\/analytics-dev\.yaml:\d+: cidr: changed from 100\.64\.8\.0\/22 to 100\.64\.12\.0\/22/);
    const out = path.join(repo, 'dangerous.md');
    const accepted = await runCli(['config-diff', '--base', 'HEAD', '--config', repo, '--allow-destructive', '--out', out]);
    expect(accepted.code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toContain('accepted with the allow-destroy label');
    expect((await runCli(['config-diff', '--base', 'no-such-ref', '--config', repo])).code).toBe(64);
  });
});
