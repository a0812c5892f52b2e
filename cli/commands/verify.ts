// `lz verify [--config DIR] [--synth-dir DIR] [--role NAME] [--send-test-alert]`: after a deployment,
// reads the live estate through each account's read-only plan role and prints a pass/fail table with
// the fix for each failure (checks in tools/verify/checks.ts). The plan role trusts only the
// pipeline's plan role; before the pipeline exists, `--role` names another role the caller can
// assume in every account (such as the execution role). Exit status:
//   0  every check passed
//   1  at least one check failed
//   2  invalid configuration; 64 bad arguments; 77 no usable AWS credentials
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Command } from 'commander';
import { loadConfig, resolveConfigDir } from '../../lib/config/load';
import { PLAN_READONLY_ROLE } from '../../lib/delivery/pipeline-policies';
import { UsageError } from '../usage-error';

export const EXIT_CHECKS_FAILED = 1;
export { EXIT_NO_CREDENTIALS } from '../exit-codes';
import { EXIT_NO_CREDENTIALS } from '../exit-codes';

interface VerifyOptions {
  config?: string;
  synthDir?: string;
  sendTestAlert?: boolean;
  out?: string;
  role: string;
}

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description(
      'after a deployment, check the live estate read-only (log deliveries, detectors, roles, alarms, StackSets); exit 1 if a check fails',
    )
    .option('--config <dir>', 'configuration directory (default: $LZ_CONFIG_DIR or ./config)')
    .option('--synth-dir <dir>', 'an existing synth output (cdktf.out) to read the estate from, instead of synthesizing')
    .option(
      '--role <name>',
      'role to assume in every account for the reads (it trusts only the pipeline plan role; the first deployment uses the execution role)',
      PLAN_READONLY_ROLE,
    )
    .option('--send-test-alert', 'also set one alarm to ALARM with your own credentials and confirm it reached the alert topic (a write)')
    .option('--out <file>', 'also write the report to this file')
    .action(async (options: VerifyOptions) => {
      // Validates first: invalid configuration is a ConfigError with every problem listed.
      const loaded = loadConfig(resolveConfigDir(options.config));
      if (!/^[\w+=,.@-]{1,64}$/.test(options.role)) throw new UsageError(`--role expects an IAM role name, not ${options.role}`);
      if (options.synthDir && !fs.existsSync(path.join(options.synthDir, 'stacks')))
        throw new UsageError(`${options.synthDir} is not a synth output (it has no stacks/ directory)`);
      // Loaded here, not at the top: the stacks and the AWS SDK are needed by no other command.
      /* eslint-disable @typescript-eslint/no-require-imports */
      const { readEstate } = require('../../tools/verify/estate') as typeof import('../../tools/verify/estate');
      const { verifyEstate } = require('../../tools/verify/run') as typeof import('../../tools/verify/run');
      const { renderVerifyReport } = require('../../tools/verify/report') as typeof import('../../tools/verify/report');
      const { awsClientFactory } = require('../../tools/verify/aws-clients') as typeof import('../../tools/verify/aws-clients');
      const { CallerCredentialsError } = require('../../tools/verify/clients') as typeof import('../../tools/verify/clients');
      /* eslint-enable @typescript-eslint/no-require-imports */

      let synthDir = options.synthDir;
      let temporary: string | undefined;
      try {
        if (!synthDir) {
          temporary = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-verify-'));
          // eslint-disable-next-line @typescript-eslint/no-require-imports
          const { synthesizeLandingZone } = require('../../tools/synth/synthesize') as typeof import('../../tools/synth/synthesize');
          synthesizeLandingZone(loaded, temporary);
          synthDir = temporary;
        }
        const estate = readEstate(loaded, synthDir);
        const clients = awsClientFactory({ readRoleName: options.role, stsRegion: loaded.landingZone.homeRegion });
        let results;
        try {
          results = await verifyEstate(estate, clients, { sendTestAlert: options.sendTestAlert });
        } catch (error) {
          if (error instanceof CallerCredentialsError) throw new UsageError(error.message, EXIT_NO_CREDENTIALS);
          throw error;
        }
        const report = renderVerifyReport(results);
        if (options.out) fs.writeFileSync(options.out, report);
        process.stdout.write(report);
        const failed = results.filter((result) => result.outcome === 'fail').length;
        process.stderr.write(`verify: ${results.length} check(s), ${failed} failed\n`);
        if (failed) process.exitCode = EXIT_CHECKS_FAILED;
      } finally {
        if (temporary) fs.rmSync(temporary, { recursive: true, force: true });
      }
    });
}
