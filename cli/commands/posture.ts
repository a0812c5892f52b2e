// `lz posture [--config DIR] [--outdir DIR] [--verbose] [--json]`: the predicted Security Hub
// result of every FSBP and CIS v3.0 control the landing zone decides, per control, and the two
// scores; exits EXIT_POSTURE_BELOW_THRESHOLD when a score is below securityPosture.minimumScores.
import type { Command } from 'commander';
import { loadConfig, resolveConfigDir } from '../../lib/config/load';
import { synthesizeStacks } from '../../tools/synth/synthesize';
import { evaluatePosture } from '../../tools/posture/evaluate';
import { meetsThresholds, renderPosture } from '../../tools/posture/render';
import { NotSynthOutputError, readSynthOutput } from '../../tools/synth/output';
import { UsageError } from '../usage-error';
import { EXIT_NO_INPUT, EXIT_OK, EXIT_POSTURE_BELOW_THRESHOLD } from '../exit-codes';

export function registerPosture(program: Command): void {
  program
    .command('posture')
    .description('predict the Security Hub FSBP and CIS v3.0 scores of the synthesized estate, control by control')
    .option('--config <dir>', 'configuration directory (default: $LZ_CONFIG_DIR or ./config)')
    .option('--outdir <dir>', 'read this synth output instead of synthesizing the configuration')
    .option('--verbose', 'list every failing resource, not the first three')
    .option('--json', 'print the scores and per-control results as JSON')
    .action((options: { config?: string; outdir?: string; verbose?: boolean; json?: boolean }) => {
      const loaded = loadConfig(resolveConfigDir(options.config));
      const thresholds = loaded.landingZone.securityPosture.minimumScores;
      let stacks;
      try {
        stacks = options.outdir ? readSynthOutput(options.outdir).stacks : synthesizeStacks(loaded);
      } catch (error) {
        if (error instanceof NotSynthOutputError) throw new UsageError(error.message, EXIT_NO_INPUT);
        throw error;
      }
      const report = evaluatePosture(stacks);
      if (options.json) {
        const controls = report.controls.map((result) => ({
          id: result.control.id,
          standards: result.control.standards,
          status: result.status,
          failed: result.failed.map(({ accountLabel, region, resource, reason }) => ({ account: accountLabel, region, resource, reason })),
          suppressed: result.suppressed.map(({ accountLabel, region, resource, suppressedBy }) => ({
            account: accountLabel,
            region,
            resource,
            rule: suppressedBy,
          })),
        }));
        process.stdout.write(`${JSON.stringify({ scores: report.scores, thresholds, controls }, null, 2)}\n`);
      } else {
        process.stdout.write(renderPosture(report, thresholds, { verbose: options.verbose }));
      }
      process.exitCode = meetsThresholds(report, thresholds) ? EXIT_OK : EXIT_POSTURE_BELOW_THRESHOLD;
    });
}
