// `lz diff --base <git-ref> [--config DIR] [--out FILE]`: synthesizes the base ref and the working
// tree and reports per stack the resources added, removed and changed, from the Terraform JSON
// alone (no AWS credentials needed). `--head-dir`/`--base-dir` compare existing synth outputs.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Command } from 'commander';
import { loadConfig, resolveConfigDir } from '../../lib/config/load';
import { diffSynthOutputs, NotSynthOutputError, renderSynthDiff, synthAtRef } from '../../tools/synth-diff/synth-diff';
import { requireInputFolder, requireWritableFile } from '../paths';
import { EXIT_NO_INPUT } from '../exit-codes';
import { UsageError } from '../usage-error';

interface DiffOptions {
  base?: string;
  baseDir?: string;
  headDir?: string;
  config?: string;
  out?: string;
}

export function registerDiff(program: Command): void {
  program
    .command('diff')
    .description('compare the synthesized Terraform of the working tree with a git ref, per stack (no AWS needed)')
    .option('--base <ref>', 'git ref to compare with, such as origin/main')
    .option('--base-dir <dir>', 'an existing synth output to use as the base instead of --base')
    .option('--head-dir <dir>', 'an existing synth output to use instead of synthesizing the working tree')
    .option('--config <dir>', 'configuration directory (default: $LZ_CONFIG_DIR or ./config)')
    .option('--out <file>', 'also write the Markdown report to this file')
    .action((options: DiffOptions) => {
      if (!options.base === !options.baseDir) throw new UsageError('give exactly one of --base <git-ref> or --base-dir <synth output>');
      if (options.baseDir) requireInputFolder(options.baseDir, '--base-dir');
      if (options.headDir) requireInputFolder(options.headDir, '--head-dir');
      if (options.out) requireWritableFile(options.out, '--out');
      const cleanup: string[] = [];
      try {
        let headDir = options.headDir;
        if (!headDir) {
          // Validates first: invalid configuration is a ConfigError with every problem listed.
          const loaded = loadConfig(resolveConfigDir(options.config));
          headDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-diff-head-'));
          cleanup.push(headDir);
          // Loaded here, not at the top: the stacks pull in provider classes that other commands never need.
          // eslint-disable-next-line @typescript-eslint/no-require-imports
          const { synthesizeLandingZone } = require('../../tools/synth/synthesize') as typeof import('../../tools/synth/synthesize');
          synthesizeLandingZone(loaded, headDir);
        }
        let baseDir = options.baseDir;
        if (options.base) {
          let base;
          try {
            base = synthAtRef(options.base, { configDir: options.config, log: (line) => process.stderr.write(`lz diff: ${line}\n`) });
          } catch (error) {
            throw new UsageError((error as Error).message);
          }
          cleanup.push(base.root);
          baseDir = base.outdir;
        }
        let diffs;
        try {
          diffs = diffSynthOutputs(baseDir as string, headDir);
        } catch (error) {
          if (error instanceof NotSynthOutputError) throw new UsageError(error.message, EXIT_NO_INPUT);
          throw error;
        }
        const markdown = renderSynthDiff(diffs, options.base ?? (options.baseDir as string));
        if (options.out) fs.writeFileSync(options.out, markdown);
        process.stdout.write(`${markdown}\n`);
      } finally {
        for (const dir of cleanup) fs.rmSync(dir, { recursive: true, force: true });
      }
    });
}
