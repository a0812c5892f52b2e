// `lz plan-report <plan.json>...`: one Markdown pull-request comment from the `terraform show -json`
// output of every stack's plan. The exit status is the review gate the plan workflow uses:
//   0  nothing protected is destroyed (or --allow-destroy: the override label is on the PR)
//   3  a protected resource (organization, OU, account, bucket, key, audit log group...) would be
//      deleted or replaced
//   4  no protected destroy, but the plan of at least one stack failed (--failed-stack)
//  64  bad arguments; 65 a file is not a readable plan; 2 invalid configuration
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { loadConfig, resolveConfigDir } from '../../lib/config/load';
import { parsePlan, PlanFormatError, renderReport, stackNameFromFile, type StackPlan } from '../../tools/plan-review/plan-report';
import { requireWritableFile } from '../paths';
import { UsageError } from '../usage-error';

export { EXIT_BAD_PLAN, EXIT_PLAN_FAILED, EXIT_PROTECTED_DESTROY } from '../exit-codes';
import { EXIT_BAD_PLAN, EXIT_PLAN_FAILED, EXIT_PROTECTED_DESTROY } from '../exit-codes';

interface PlanReportOptions {
  stackNames?: string;
  maxChars?: string;
  allowDestroy?: boolean;
  out?: string;
  artifactsUrl?: string;
  config?: string;
  failedStack: string[];
  title?: string;
  append?: string;
}

/**
 * Fits another Markdown report (the workflow appends `lz diff`) after the plan report: it gets at
 * most a quarter of the limit and is cut at a line when longer, with a pointer to the full file.
 */
export function fitAppendix(text: string, budget: number, name: string): string {
  if (text.length <= budget) return text;
  const notice = `\n\n> _Cut to fit the comment; the full ${name} is in the plan artifacts._\n`;
  const room = Math.max(0, budget - notice.length);
  const cut = text.slice(0, room);
  return `${cut.slice(0, Math.max(0, cut.lastIndexOf('\n')))}${notice}`;
}

/** Execution and break-glass role names from configuration: their changes need security review. */
function landingZoneRoleNames(configFlag: string | undefined): string[] {
  const dir = resolveConfigDir(configFlag);
  // Without a config directory (reporting on plans elsewhere) only the lz- prefix, the default
  // execution role and AWS Organizations' own role are known.
  if (!configFlag && !fs.existsSync(path.join(dir, 'landing-zone.yaml'))) return ['lz-execution', 'OrganizationAccountAccessRole'];
  const { roles } = loadConfig(dir).landingZone;
  return [roles.execution, roles.breakGlass, 'OrganizationAccountAccessRole'];
}

export function registerPlanReport(program: Command): void {
  program
    .command('plan-report')
    .description(
      'write one Markdown pull-request comment from terraform show -json plans; exit 3 if a protected resource would be destroyed',
    )
    .argument('[plans...]', 'plan JSON files (terraform show -json <planfile>), one per stack')
    .option('--stack-names <names>', 'comma-separated stack names, one per plan file (default: from the file names)')
    .option('--max-chars <n>', 'longest comment to write (GitHub allows 65536)', '65536')
    .option('--allow-destroy', 'report protected destroys but exit 0 (the override label is on the pull request)')
    .option('--out <file>', 'write the comment to this file instead of standard output')
    .option('--artifacts-url <url>', 'link to the full plans (the workflow run page)')
    .option('--config <dir>', 'configuration directory, for the execution and break-glass role names')
    .option(
      '--failed-stack <stack=reason>',
      'a stack whose plan failed (repeatable)',
      (value: string, all: string[]) => [...all, value],
      [],
    )
    .option('--title <text>', 'heading of the comment')
    .option('--append <file>', 'Markdown to add after the report within the same limit (such as the lz diff report)')
    .action((files: string[], options: PlanReportOptions) => {
      if (options.out) requireWritableFile(options.out, '--out');
      const maxChars = Number(options.maxChars);
      if (!Number.isInteger(maxChars) || maxChars < 500)
        throw new UsageError(`--max-chars must be a whole number of at least 500, not ${options.maxChars}`);
      if (!files.length && !options.failedStack.length)
        throw new UsageError('give at least one plan file (or --failed-stack when every plan failed)');
      let appendix = '';
      if (options.append) {
        try {
          appendix = fs.readFileSync(options.append, 'utf8');
        } catch {
          throw new UsageError(`cannot read ${options.append}`);
        }
        appendix = fitAppendix(appendix, Math.floor(maxChars / 4), path.basename(options.append));
      }
      const names = options.stackNames ? options.stackNames.split(',').map((name) => name.trim()) : files.map(stackNameFromFile);
      if (names.length !== files.length) throw new UsageError(`--stack-names has ${names.length} name(s) for ${files.length} plan file(s)`);
      const duplicate = names.find((name, index) => names.indexOf(name) !== index);
      if (duplicate) throw new UsageError(`stack name ${duplicate} is given twice; use --stack-names`);
      const failedStacks = options.failedStack.map((entry) => {
        const [stack, ...reason] = entry.split('=');
        if (!stack) throw new UsageError(`--failed-stack expects stack=reason, not ${entry}`);
        return { stack, reason: reason.join('=') || 'terraform plan failed' };
      });
      const roleNames = landingZoneRoleNames(options.config);

      const plans: StackPlan[] = files.map((file, index) => {
        let text: string;
        try {
          text = fs.readFileSync(file, 'utf8');
        } catch {
          throw new UsageError(`cannot read plan file ${file}`, EXIT_BAD_PLAN);
        }
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          throw new UsageError(`${file} is not JSON; give the output of terraform show -json <planfile>`, EXIT_BAD_PLAN);
        }
        try {
          return parsePlan(json, names[index], { landingZoneRoleNames: roleNames });
        } catch (error) {
          if (error instanceof PlanFormatError) throw new UsageError(`${file}: ${error.message}`, EXIT_BAD_PLAN);
          throw error;
        }
      });

      const report = renderReport(plans, {
        maxChars: maxChars - (appendix ? appendix.length + 2 : 0),
        allowDestroy: options.allowDestroy,
        artifactsUrl: options.artifactsUrl,
        failedStacks,
        title: options.title,
      });
      const markdown = appendix ? `${report.markdown}\n\n${appendix}` : report.markdown;
      if (options.out) fs.writeFileSync(options.out, markdown);
      else process.stdout.write(`${markdown}\n`);

      const destroys = report.protectedDestroys.length;
      process.stderr.write(
        `plan-report: ${plans.length} plan(s), ${destroys} protected destroy(s)${report.truncated ? ', comment shortened to fit' : ''}${failedStacks.length ? `, ${failedStacks.length} failed stack(s)` : ''}\n`,
      );
      if (destroys > 0 && !options.allowDestroy) {
        for (const { stack, change } of report.protectedDestroys)
          process.stderr.write(`  protected: ${stack} ${change.address} (${change.action})\n`);
        process.exitCode = EXIT_PROTECTED_DESTROY;
      } else if (failedStacks.length) {
        process.exitCode = EXIT_PLAN_FAILED;
      }
    });
}
