// `lz stack-order [--outdir cdktf.out] [--exclude a,b] [--json]`: the stacks of a synth output in
// dependency waves, one wave per line (comma-separated), for the plan and deploy workflows.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { localStateStacks, stackWaves } from '../../tools/delivery/pipeline-run';
import { UsageError } from '../usage-error';

export function registerStackOrder(program: Command): void {
  program
    .command('stack-order')
    .description('print the stacks of a synth output in dependency waves (stacks of one wave are independent)')
    .option('--outdir <dir>', 'synth output directory', 'cdktf.out')
    .option('--exclude <stacks>', 'comma-separated stacks to leave out (such as bootstrap, which keeps local state)')
    .option('--exclude-local-state', 'leave out stacks whose state is local (bootstrap before its state moves to S3)')
    .option('--json', 'print the waves as a JSON array of arrays')
    .action((options: { outdir: string; exclude?: string; excludeLocalState?: boolean; json?: boolean }) => {
      const file = path.join(options.outdir, 'manifest.json');
      if (!fs.existsSync(file)) throw new UsageError(`${file} does not exist; run npm run synth first`);
      let waves: string[][];
      try {
        const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
        const excluded = [
          ...(options.exclude ? options.exclude.split(',') : []),
          ...(options.excludeLocalState ? localStateStacks(options.outdir, manifest) : []),
        ];
        if (options.excludeLocalState)
          process.stderr.write(`stack-order: left out (local state): ${localStateStacks(options.outdir, manifest).join(', ') || 'none'}\n`);
        waves = stackWaves(manifest, excluded);
      } catch (error) {
        throw new UsageError(`${file}: ${(error as Error).message}`);
      }
      process.stdout.write(options.json ? `${JSON.stringify(waves)}\n` : waves.map((wave) => `${wave.join(',')}\n`).join(''));
    });
}
