// `lz redact-plan <plan.json> --out <file>`: the plan JSON that `terraform show -json` printed, with
// every value its sensitivity masks mark replaced, and its SHA-256 printed. Workflows run every plan
// through this before it is uploaded, commented or archived (docs/delivery.md, "Secrets").
import * as fs from 'node:fs';
import type { Command } from 'commander';
import { contentHash, redactPlan } from '../../tools/delivery/plan-evidence';
import { requireWritableFile } from '../paths';
import { EXIT_BAD_PLAN, EXIT_NO_INPUT } from '../exit-codes';
import { UsageError } from '../usage-error';

/** Reads a Terraform JSON plan, or refuses with the status a workflow can tell apart. */
export function readPlanFile(file: string): unknown {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`${file} does not exist or is not a file`, EXIT_NO_INPUT);
  let plan: { format_version?: unknown };
  try {
    plan = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`${file} is not JSON: ${(error as Error).message}`, EXIT_BAD_PLAN);
  }
  if (!plan || typeof plan !== 'object' || typeof plan.format_version !== 'string')
    throw new UsageError(
      `${file} is not a Terraform JSON plan (no format_version): give the output of terraform show -json`,
      EXIT_BAD_PLAN,
    );
  return plan;
}

export function registerRedactPlan(program: Command): void {
  program
    .command('redact-plan')
    .description('replace every sensitive value of a Terraform JSON plan (terraform show -json) and print its SHA-256')
    .argument('<plan>', 'plan JSON file')
    .requiredOption('--out <file>', 'where to write the redacted plan (may be the input file)')
    .action((file: string, options: { out: string }) => {
      requireWritableFile(options.out, '--out');
      const redacted = `${JSON.stringify(redactPlan(readPlanFile(file)))}\n`;
      fs.writeFileSync(options.out, redacted);
      process.stdout.write(`${contentHash(redacted)}  ${options.out}\n`);
    });
}
