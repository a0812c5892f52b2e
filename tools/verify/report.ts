// The pass/fail table of `lz verify` (Markdown, readable in a terminal and in a pull request or an
// issue), followed by one FIX paragraph per failing check with the subjects it applies to.
import { checkById, type CheckId } from './checks';
import type { CheckResult } from './run';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}

export function renderVerifyReport(results: readonly CheckResult[]): string {
  const failures = results.filter((result) => result.outcome === 'fail');
  const lines = [
    `# lz verify: ${results.length - failures.length} passed, ${failures.length} failed`,
    '',
    '| result | check | account | Region | subject | detail |',
    '|---|---|---|---|---|---|',
    ...results.map(
      (result) =>
        `| ${result.outcome === 'pass' ? 'PASS' : 'FAIL'} | ${result.check} | ${cell(result.account)} | ${result.region} | ${cell(result.subject)} | ${cell(result.detail)} |`,
    ),
  ];
  const failedChecks = [...new Set(failures.map((failure) => failure.check))] as CheckId[];
  if (failedChecks.length) {
    lines.push('', '## How to fix each failure', '');
    for (const id of failedChecks) {
      const check = checkById(id);
      const where = failures
        .filter((failure) => failure.check === id)
        .map((failure) => `${failure.account}/${failure.region} ${failure.subject}`);
      lines.push(`- **${id}** (${where.join('; ')})`, `  FIX: ${check.fix}`, `  Reference: ${check.reference}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
