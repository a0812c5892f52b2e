// `lz backup-report`: tiers and copy destinations as the synthesized backup policies say, each
// account's default tier from its classification and its local vaults from its own stack.
import { runCli } from '../helpers/cli';
import { copyExampleConfig, editConfigFile } from '../helpers/config-fixtures';
import { EXIT_USAGE } from '../../cli/exit-codes';

describe('lz backup-report', () => {
  it('reports per tier where copies go and per account its default tier and local vaults', async () => {
    const { code, stdout } = await runCli(['backup-report', '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.tagKey).toBe('lz:backup');
    const critical = report.tiers.find((tier: { tier: string }) => tier.tier === 'critical');
    expect(critical.rpoHours).toBe(1);
    const daily = critical.rules.find((rule: { rule: string }) => rule.rule === 'daily');
    expect(daily.copies).toEqual([
      {
        vaultArn: 'arn:aws:backup:eu-west-2:<backup account ID>:backup-vault:exvalley-lz-central',
        region: 'eu-west-2',
        deleteAfterDays: 365,
        moveToColdStorageAfterDays: 90,
      },
      {
        vaultArn: 'arn:aws:backup:eu-west-1:<backup account ID>:backup-vault:exvalley-lz-central',
        region: 'eu-west-1',
        deleteAfterDays: 35,
      },
    ]);
    const byName = new Map(report.accounts.map((account: { account: string }) => [account.account, account]));
    expect(byName.get('clinical-portal-prod')).toEqual({
      account: 'clinical-portal-prod',
      stack: 'workload-clinical-portal-prod',
      classification: 'OFFICIAL-SENSITIVE',
      defaultTier: 'critical',
      localVaultRegions: ['eu-west-1', 'eu-west-2'],
    });
    expect(byName.get('analytics-dev')).toMatchObject({ classification: 'OFFICIAL', defaultTier: 'standard' });
    expect(byName.get('backup')).toMatchObject({ stack: 'backup', localVaultRegions: ['eu-west-1', 'eu-west-2'] });
  });

  it('prints a readable text report and follows a change of classification tier', async () => {
    const dir = copyExampleConfig();
    editConfigFile(dir, 'landing-zone.yaml', '    OFFICIAL: standard', '    OFFICIAL: none');
    const { code, stdout } = await runCli(['backup-report', '--config', dir]);
    expect(code).toBe(0);
    expect(stdout).toContain('analytics-dev (OFFICIAL): default tier none; local vault eu-west-1, eu-west-2');
    // What happens to an untagged resource (ADR 0907): refused at creation, reported afterwards.
    expect(stdout).toMatch(/Untagged resources are not backed up: creating .* without the tag is refused/);
    expect(stdout).toContain('reported by the Config rule lz-backup-tier-tag');
    expect(stdout).toMatch(/critical \(exvalley-lz-backup-critical; RPO 1 h, RTO 4 h; Regions eu-west-2, eu-west-1\)/);
  });

  it('refuses, with a usage error, a configuration without the backup section', async () => {
    const dir = copyExampleConfig();
    editConfigFile(dir, 'landing-zone.yaml', /\nbackup:\n(  .*\n|    .*\n)*/, '\n');
    const { code, stderr, stdout } = await runCli(['backup-report', '--config', dir]);
    expect(code).toBe(EXIT_USAGE);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/no backup section/);
  });
});
