// `lz stack-order [--outdir cdktf.out] [--exclude a,b] [--json]`: the stacks of a synth output in
// dependency waves, one wave per line (comma-separated), for the plan and deploy workflows.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { stackWaves } from '../../pipeline-run';
import { UsageError } from '../usage-error';

export function registerStackOrder(program: Command): void {
  program
    .command('stack-order')
    .description('print the stacks of a synth output in dependency waves (stacks of one wave are independent)')
    .option('--outdir <dir>', 'synth output directory', 'cdktf.out')
    .option('--exclude <stacks>', 'comma-separated stacks to leave out (such as bootstrap, which keeps local state)')
    .option('--json', 'print the waves as a JSON array of arrays')
    .action((options: { outdir: string; exclude?: string; json?: boolean }) => {
      const file = path.join(options.outdir, 'manifest.json');
      if (!fs.existsSync(file)) throw new UsageError(`${file} does not exist; run npm run synth first`);
      let waves: string[][];
      try {
        waves = stackWaves(JSON.parse(fs.readFileSync(file, 'utf8')), options.exclude ? options.exclude.split(',') : []);
      } catch (error) {
        throw new UsageError(`${file}: ${(error as Error).message}`);
      }
      process.stdout.write(options.json ? `${JSON.stringify(waves)}\n` : waves.map((wave) => `${wave.join(',')}\n`).join(''));
    });
}
