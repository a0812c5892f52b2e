// `lz plan-compare --reviewed <plan.json> --current <plan.json> --stack <name>`: the deploy's gate.
// Compares the resource changes of a fresh plan with the reviewed one (not the bytes: addresses,
// actions, replacement causes, planned values; a value the reviewed plan showed as known after apply
// admits any value). Exit 0 when nothing unreviewed would be applied (a reviewed change no longer
// planned is listed: already applied), 5 naming the stack and every difference when not.
import type { Command } from 'commander';
import { comparePlans } from '../../tools/delivery/plan-evidence';
import { EXIT_PLAN_DIFFERS } from '../exit-codes';
import { readPlanFile } from './redact-plan';

export function registerPlanCompare(program: Command): void {
  program
    .command('plan-compare')
    .description('refuse (exit 6) when a fresh plan of a stack changes other resources, or differently, than the reviewed plan')
    .requiredOption('--reviewed <file>', 'the plan JSON the pull request showed (redacted or not)')
    .requiredOption('--current <file>', 'the plan JSON made just before apply')
    .requiredOption('--stack <name>', 'stack name, for the message')
    .action((options: { reviewed: string; current: string; stack: string }) => {
      const differences = comparePlans(readPlanFile(options.reviewed), readPlanFile(options.current));
      const refused = differences.filter((difference) => difference.refuse);
      const notes = differences.filter((difference) => !difference.refuse);
      if (!refused.length) {
        process.stdout.write(
          `${options.stack}: the plan matches the reviewed plan${notes.length ? ` (${notes.length} reviewed change(s) no longer planned)` : ''}\n`,
        );
        for (const { address, difference } of notes) process.stdout.write(`  ${address}: ${difference}\n`);
        return;
      }
      process.stdout.write(`${options.stack}: the plan differs from the reviewed plan; not applying\n`);
      for (const { address, difference } of [...refused, ...notes]) process.stdout.write(`  ${address}: ${difference}\n`);
      process.exitCode = EXIT_PLAN_DIFFERS;
    });
}
