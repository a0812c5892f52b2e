// `lz diagram [--config DIR]`: the Mermaid diagram of accounts, VPCs and attachments, and
// `lz connection-summary [--config DIR] [--no-matrix]`: the HSCN connection-architecture summary.
import type { Command } from 'commander';
import { loadConfig, resolveConfigDir } from '../../lib/config/load';
import { connectionSummary } from '../../tools/network/connection-summary';
import { networkDiagram } from '../../tools/network/diagram';
import { reachabilityMatrix } from '../../tools/network/reachability-matrix';
import { synthesizeStacks } from '../../tools/synth/synthesize';

export function registerDiagram(program: Command): void {
  program
    .command('diagram')
    .description('print a Mermaid diagram of the accounts, VPCs and Transit Gateway attachments')
    .option('--config <dir>', 'configuration directory (default: $LZ_CONFIG_DIR or ./config)')
    .action((options: { config?: string }) => {
      process.stdout.write(networkDiagram(loadConfig(resolveConfigDir(options.config))));
    });
  program
    .command('connection-summary')
    .description(
      'print the HSCN connection-architecture summary (Markdown), with the reachability matrix traced over the synthesized routing',
    )
    .option('--config <dir>', 'configuration directory (default: $LZ_CONFIG_DIR or ./config)')
    .option('--no-matrix', 'leave out the reachability matrix (skips synthesis)')
    .action((options: { config?: string; matrix: boolean }) => {
      const loaded = loadConfig(resolveConfigDir(options.config));
      const matrix = options.matrix ? reachabilityMatrix(loaded, synthesizeStacks(loaded)) : undefined;
      process.stdout.write(connectionSummary(loaded, matrix));
    });
}
