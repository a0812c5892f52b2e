// `lz validate [--config DIR]`: the same checks and messages as synth, without synthesizing.
import type { Command } from 'commander';
import { loadConfig, resolveConfigDir } from '../../lib/config/load';

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check the configuration and report every problem with file, line and field')
    .option('--config <dir>', 'configuration directory (default: $LZ_CONFIG_DIR or ./config)')
    .action((options: { config?: string }) => {
      const dir = resolveConfigDir(options.config);
      const loaded = loadConfig(dir);
      process.stdout.write(`Configuration in ${dir} is valid: ${loaded.accounts.length} workload account(s).\n`);
    });
}
