// `lz backup-report [--config DIR] [--json]`: per account, the default backup tier for its data
// classification and its local vaults; per tier, the schedule, retention and where copies go, read
// from the synthesized backup policies.
import type { Command } from 'commander';
import { loadConfig, resolveConfigDir } from '../../lib/config/load';
import { backupReport, renderBackupReport } from '../../tools/backup/report';
import { synthesizeStacks } from '../../tools/synth/synthesize';
import { UsageError } from '../usage-error';

export function registerBackupReport(program: Command): void {
  program
    .command('backup-report')
    .description(
      "print each backup tier (schedule, retention, copy destinations) and each account's default tier and local vaults, from configuration and the synthesized stacks",
    )
    .option('--config <dir>', 'configuration directory (default: $LZ_CONFIG_DIR or ./config)')
    .option('--json', 'print the report as JSON')
    .action((options: { config?: string; json?: boolean }) => {
      const loaded = loadConfig(resolveConfigDir(options.config));
      if (!loaded.landingZone.backup)
        throw new UsageError('the configuration has no backup section, so the landing zone backs nothing up (docs/backup-and-recovery.md)');
      const report = backupReport(loaded, synthesizeStacks(loaded));
      process.stdout.write(
        options.json ? `${JSON.stringify(report, null, 2)}\n` : renderBackupReport(report, loaded.landingZone.allowedRegions),
      );
    });
}
