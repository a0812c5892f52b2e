// `lz drift-report plans/*.json [--failed-stack name=reason]... [--run-url URL] --out FILE`: the
// drift issue's text from the scheduled plans of every stack. Writes nothing and prints "no drift"
// when every plan is empty and none failed, so the workflow stays quiet.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { driftOf, renderDriftReport } from '../../tools/delivery/drift';
import { requireWritableFile } from '../paths';
import { UsageError } from '../usage-error';
import { readPlanFile } from './redact-plan';

export function registerDriftReport(program: Command): void {
  program
    .command('drift-report')
    .description('summarise scheduled plans of every stack as the drift issue text (nothing written when nothing drifted)')
    .argument('[plans...]', 'plan JSON files, named <stack>.json')
    .option(
      '--failed-stack <name=reason>',
      'a stack that could not be planned (repeatable)',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option('--run-url <url>', 'link to the workflow run')
    .requiredOption('--out <file>', 'where to write the issue text')
    .action((files: string[], options: { failedStack: string[]; runUrl?: string; out: string }) => {
      requireWritableFile(options.out, '--out');
      const failed = options.failedStack.map((entry) => {
        const at = entry.indexOf('=');
        if (at < 1) throw new UsageError(`--failed-stack must be name=reason, not ${entry}`);
        return { stack: entry.slice(0, at), reason: entry.slice(at + 1) };
      });
      const stacks = files.map((file) => driftOf(path.basename(file, '.json'), readPlanFile(file)));
      const report = renderDriftReport(stacks, failed, options.runUrl);
      fs.rmSync(options.out, { force: true });
      if (!report) {
        process.stdout.write(`no drift in ${stacks.length} stack(s)\n`);
        return;
      }
      fs.writeFileSync(options.out, report);
      process.stdout.write(report);
    });
}
