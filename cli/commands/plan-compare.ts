// `lz plan-compare --reviewed <plan.json> --current <plan.json> --stack <name>`: the deploy's gate.
// Compares the resource changes of a fresh plan with the reviewed one (not the bytes: addresses,
// actions, replacement causes, planned values; a value the reviewed plan showed as known after apply
// admits any value). Exit 0 when they match, 5 naming the stack and every difference when not.
import type { Command } from 'commander';
import { comparePlans } from '../../tools/delivery/plan-evidence';
import { EXIT_PLAN_DIFFERS } from '../exit-codes';
import { readPlanFile } from './redact-plan';

export function registerPlanCompare(program: Command): void {
  program
    .command('plan-compare')
    .description('refuse (exit 5) when a fresh plan of a stack changes other resources, or differently, than the reviewed plan')
    .requiredOption('--reviewed <file>', 'the plan JSON the pull request showed (redacted or not)')
    .requiredOption('--current <file>', 'the plan JSON made just before apply')
    .requiredOption('--stack <name>', 'stack name, for the message')
    .action((options: { reviewed: string; current: string; stack: string }) => {
      const differences = comparePlans(readPlanFile(options.reviewed), readPlanFile(options.current));
      if (!differences.length) {
        process.stdout.write(`${options.stack}: the plan matches the reviewed plan\n`);
        return;
      }
      process.stdout.write(`${options.stack}: the plan differs from the reviewed plan; not applying\n`);
      for (const { address, difference } of differences) process.stdout.write(`  ${address}: ${difference}\n`);
      process.exitCode = EXIT_PLAN_DIFFERS;
    });
}
