// `lz affected --base <git-ref> | --base-dir <dir> | --all [--head-dir <dir>] [--config DIR]
//   [--exclude-local-state] [--json] [--github-output FILE]`: the stacks a change affects (their
// synthesized Terraform changed, or they read an output of a changed stack that may change), in
// dependency waves and CI matrix batches. Built on `lz diff`: the same synth of the base ref.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Command } from 'commander';
import { loadConfig, resolveConfigDir } from '../../lib/config/load';
import { workloadStackName } from '../../lib/config/model';
import { affectedStacks, allStacks, matrixOf, type AffectedResult, type Matrix } from '../../tools/delivery/affected';
import { localStateStacksOf } from '../../tools/delivery/pipeline-run';
import { comparePosture, renderPostureChange } from '../../tools/posture/change';
import { evaluatePosture } from '../../tools/posture/evaluate';
import { diffStacks, renderSynthDiff, synthAtRef } from '../../tools/synth-diff/synth-diff';
import { NotSynthOutputError, readSynthOutput, readSynthOutputPair } from '../../tools/synth/output';
import { requireInputFolder, requireWritableFile } from '../paths';
import { EXIT_NO_INPUT } from '../exit-codes';
import { UsageError } from '../usage-error';

/** The deploy workflow has this many wave jobs; more waves than this cannot be applied by it. */
export const MAX_DEPLOY_WAVES = 8;

interface AffectedOptions {
  base?: string;
  baseDir?: string;
  headDir?: string;
  all?: boolean;
  config?: string;
  excludeLocalState?: boolean;
  json?: boolean;
  githubOutput?: string;
  summary?: string;
  diffOut?: string;
}

export interface AffectedReport extends AffectedResult {
  readonly base: string;
  readonly matrix: Matrix;
}

function render(report: AffectedReport): string {
  const lines = [`${report.stacks.length} of ${report.totalStacks} stack(s) affected compared with ${report.base}`];
  report.waves.forEach((wave, index) => lines.push(`wave ${index}: ${wave.join(', ')}`));
  for (const entry of report.stacks) {
    const why = entry.reasons.map((reason) =>
      reason.kind === 'reads-changed-output'
        ? `reads ${reason.outputs.length} changed output(s) of ${reason.producer}`
        : reason.kind === 'added'
          ? 'new stack'
          : `${reason.addresses.length} change(s)`,
    );
    lines.push(`  ${entry.stack}${entry.suspended ? ' [suspended account]' : ''}: ${why.join('; ')}`);
  }
  if (report.removed.length) lines.push(`removed (not destroyed automatically, ADR 0401): ${report.removed.join(', ')}`);
  if (report.excluded.length) lines.push(`left out (local state): ${report.excluded.join(', ')}`);
  lines.push(`matrix: ${report.matrix.all.include.length} job(s), at most ${report.matrix.maxParallel} at once`);
  return `${lines.join('\n')}\n`;
}

export function registerAffected(program: Command): void {
  program
    .command('affected')
    .description('list the stacks a change affects, in dependency waves and CI matrix batches (no AWS needed)')
    .option('--base <ref>', 'git ref to compare with, such as origin/main')
    .option('--base-dir <dir>', 'an existing synth output to use as the base instead of --base')
    .option('--all', 'every stack (drift detection, a forced full run)')
    .option('--head-dir <dir>', 'an existing synth output to use instead of synthesizing the working tree')
    .option('--config <dir>', 'configuration directory (default: $LZ_CONFIG_DIR or ./config)')
    .option('--exclude-local-state', 'leave out stacks whose state is local (bootstrap before its state moves to S3)')
    .option('--json', 'print the result as JSON (stacks, reasons, waves, matrix)')
    .option('--github-output <file>', 'append matrix=, waves=, count= lines for GitHub Actions ($GITHUB_OUTPUT)')
    .option('--summary <file>', 'also append the text summary to this file (such as $GITHUB_STEP_SUMMARY)')
    .option(
      '--diff-out <file>',
      'also write the lz diff Markdown report of the same two synth outputs (one base synth for both), after the predicted Security Hub posture change when there is one',
    )
    .action((options: AffectedOptions) => {
      const given = [options.base, options.baseDir, options.all].filter(Boolean).length;
      if (given !== 1) throw new UsageError('give exactly one of --base <git-ref>, --base-dir <synth output> or --all');
      if (options.baseDir) requireInputFolder(options.baseDir, '--base-dir');
      if (options.headDir) requireInputFolder(options.headDir, '--head-dir');
      if (options.githubOutput) requireWritableFile(options.githubOutput, '--github-output');
      if (options.summary) requireWritableFile(options.summary, '--summary');
      if (options.diffOut) requireWritableFile(options.diffOut, '--diff-out');
      if (options.diffOut && options.all) throw new UsageError('--diff-out needs a base (--base or --base-dir), not --all');
      // Validates first: invalid configuration is a ConfigError with every problem listed.
      const loaded = loadConfig(resolveConfigDir(options.config));
      const pipeline = loaded.landingZone.pipeline;
      const suspendedStacks = loaded.accounts
        .filter((account) => account.config.status === 'suspended')
        .map((account) => workloadStackName(account.config.name));
      const cleanup: string[] = [];
      try {
        let headDir = options.headDir;
        if (!headDir) {
          headDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-affected-head-'));
          cleanup.push(headDir);
          // eslint-disable-next-line @typescript-eslint/no-require-imports
          const { synthesizeLandingZone } = require('../../tools/synth/synthesize') as typeof import('../../tools/synth/synthesize');
          synthesizeLandingZone(loaded, headDir);
        }
        let result: AffectedResult;
        try {
          if (options.all) {
            const head = readSynthOutput(headDir);
            const exclude = options.excludeLocalState ? localStateStacksOf(head.stacks) : [];
            result = allStacks(head, { exclude, suspendedStacks });
          } else {
            let baseDir = options.baseDir as string;
            if (options.base) {
              let base;
              try {
                base = synthAtRef(options.base, {
                  configDir: options.config,
                  log: (line) => process.stderr.write(`lz affected: ${line}\n`),
                });
              } catch (error) {
                throw new UsageError((error as Error).message);
              }
              cleanup.push(base.root);
              baseDir = base.outdir;
            }
            // Byte-identical stacks are parsed once and not walked (a vend changes four of ~1,000).
            const { base, head, identical } = readSynthOutputPair(baseDir, headDir);
            const exclude = options.excludeLocalState ? localStateStacksOf(head.stacks) : [];
            const diffs = diffStacks(base.stacks, head.stacks, identical);
            if (options.diffOut) {
              // The posture change goes first: the plan comment shortens its appendix from the end.
              const posture = renderPostureChange(
                comparePosture(evaluatePosture(base.stacks), evaluatePosture(head.stacks)),
                loaded.landingZone.securityPosture.minimumScores,
              );
              fs.writeFileSync(options.diffOut, `${posture ? `${posture}\n` : ''}${renderSynthDiff(diffs, options.base ?? baseDir)}`);
            }
            result = affectedStacks(base, head, diffs, { exclude, suspendedStacks });
          }
        } catch (error) {
          if (error instanceof NotSynthOutputError) throw new UsageError(error.message, EXIT_NO_INPUT);
          throw error;
        }
        if (result.waves.length > MAX_DEPLOY_WAVES)
          throw new Error(`${result.waves.length} dependency waves; the deploy workflow has ${MAX_DEPLOY_WAVES} wave jobs: add more`);
        const matrix = matrixOf(result.waves, {
          stacksPerJob: pipeline?.stacksPerJob ?? 10,
          maxParallelJobs: pipeline?.maxParallelJobs ?? 8,
        });
        const report: AffectedReport = {
          base: options.all ? '(all stacks)' : (options.base ?? (options.baseDir as string)),
          ...result,
          matrix,
        };
        if (options.githubOutput) {
          const lines = [
            `count=${result.stacks.length}`,
            `max-parallel=${matrix.maxParallel}`,
            `matrix=${JSON.stringify(matrix.all)}`,
            ...Array.from(
              { length: MAX_DEPLOY_WAVES },
              (_, index) => `wave-${index}=${JSON.stringify(matrix.waves[index] ?? { include: [] })}`,
            ),
            ...Array.from({ length: MAX_DEPLOY_WAVES }, (_, index) => `wave-${index}-count=${matrix.waves[index]?.include.length ?? 0}`),
          ];
          fs.appendFileSync(options.githubOutput, `${lines.join('\n')}\n`);
        }
        if (options.summary) fs.appendFileSync(options.summary, `\n\`\`\`\n${render(report)}\`\`\`\n`);
        process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : render(report));
      } finally {
        for (const dir of cleanup) fs.rmSync(dir, { recursive: true, force: true });
      }
    });
}
