// `lz access [--account X | --group G] [--csv] [--config DIR]`: who can do what where, from the
// configuration and the identity stack it synthesizes (tools/access/access-review.ts).
import type { Command } from 'commander';
import { loadConfig, resolveConfigDir } from '../../lib/config/load';
import { accessReview, renderAccessCsv, renderAccessTable } from '../../tools/access/access-review';
import { synthesizeStacks } from '../../tools/synth/synthesize';
import { UsageError } from '../usage-error';

interface AccessOptions {
  account?: string;
  group?: string;
  csv?: boolean;
  config?: string;
}

export function registerAccess(program: Command): void {
  program
    .command('access')
    .description('print who can do what where: group -> permission set -> account, from configuration and the synthesized identity stack')
    .option('--account <name>', 'only this account')
    .option('--group <name>', 'only this group (display name)')
    .option('--csv', 'print CSV for the access review instead of a table')
    .option('--config <dir>', 'configuration directory (default: $LZ_CONFIG_DIR or ./config)')
    .action((options: AccessOptions) => {
      if (options.account !== undefined && options.group !== undefined) throw new UsageError('give --account or --group, not both');
      const loaded = loadConfig(resolveConfigDir(options.config));
      const access = loaded.landingZone.access;
      if (!access)
        throw new UsageError(
          'the configuration has no access section: Identity Center is not managed by the landing zone, so there is nothing to list',
        );
      const accountNames = [
        'management',
        ...Object.values(loaded.landingZone.coreAccounts).map((account) => account.name),
        ...loaded.accounts.map((account) => account.config.name),
      ];
      if (options.account !== undefined && !accountNames.includes(options.account))
        throw new UsageError(`--account: unknown account ${options.account}; known: ${accountNames.join(', ')}`);
      if (options.group !== undefined && !access.groups.some((group) => group.name === options.group)) {
        throw new UsageError(`--group: unknown group ${options.group}; known: ${access.groups.map((group) => group.name).join(', ')}`);
      }
      const rows = accessReview(loaded, synthesizeStacks(loaded), { account: options.account, group: options.group });
      process.stdout.write(options.csv ? renderAccessCsv(rows) : renderAccessTable(rows));
    });
}
