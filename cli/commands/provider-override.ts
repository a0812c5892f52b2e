// `lz provider-override <stack-dir>... --role NAME [--source-identity ID]`: makes synthesized stacks
// run as the pipeline's roles. The plan workflow points every provider at the read-only plan role
// (a pull request never reaches the execution role); the deploy workflow keeps the execution role
// and adds the source identity (actor and commit) that the apply role's guard requires.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { OVERRIDE_FILE, writeProviderOverride } from '../../tools/delivery/pipeline-run';
import { UsageError } from '../usage-error';

const IAM_NAME = /^[\w+=,.@-]{2,64}$/;

export function registerProviderOverride(program: Command): void {
  program
    .command('provider-override')
    .description(`write ${OVERRIDE_FILE} beside each stack's cdk.tf.json so that its providers assume the pipeline's role`)
    .argument('<stack-dirs...>', 'synthesized stack directories (cdktf.out/stacks/<name>)')
    .option('--role <name>', 'role to assume in each stack account instead of the synthesized one')
    .option('--source-identity <id>', 'sts:SourceIdentity for each role assumption')
    .option('--session-name <name>', 'role session name')
    .action((dirs: string[], options: { role?: string; sourceIdentity?: string; sessionName?: string }) => {
      for (const [flag, value] of [
        ['--role', options.role],
        ['--source-identity', options.sourceIdentity],
        ['--session-name', options.sessionName],
      ] as const) {
        if (value !== undefined && !IAM_NAME.test(value))
          throw new UsageError(`${flag} must be 2-64 characters of letters, digits and +=,.@_-, not ${value}`);
      }
      if (!options.role && !options.sourceIdentity) throw new UsageError('give --role, --source-identity or both');
      for (const dir of dirs) {
        if (!fs.existsSync(path.join(dir, 'cdk.tf.json'))) throw new UsageError(`${dir} has no cdk.tf.json`);
        const written = writeProviderOverride(dir, options);
        process.stdout.write(`${dir}: ${written ? `wrote ${OVERRIDE_FILE}` : 'no provider to override'}\n`);
      }
    });
}
