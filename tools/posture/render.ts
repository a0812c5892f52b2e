// The posture report as text: one line per control (result, standards, where it fails and why,
// what is suppressed and by which rule), then the two scores against the thresholds.
import type { ControlResult, EvaluatedFinding, PostureReport, StandardScore } from './evaluate';

export interface PostureThresholds {
  readonly fsbp: number;
  readonly cis: number;
}

const STANDARD_LABEL: Record<StandardScore['standard'], string> = {
  FSBP: 'AWS Foundational Security Best Practices v1.0.0',
  'CIS-3.0': 'CIS AWS Foundations Benchmark v3.0.0',
};

export function thresholdFor(score: StandardScore, thresholds: PostureThresholds): number {
  return score.standard === 'FSBP' ? thresholds.fsbp : thresholds.cis;
}

export function meetsThresholds(report: PostureReport, thresholds: PostureThresholds): boolean {
  return report.scores.every((score) => score.score >= thresholdFor(score, thresholds));
}

function where(finding: EvaluatedFinding): string {
  return `${finding.accountLabel}/${finding.region} ${finding.resource}`;
}

function summarise(findings: readonly EvaluatedFinding[], limit = 3): string {
  const reasons = [...new Set(findings.map((finding) => finding.reason ?? 'failed'))];
  const places = findings.slice(0, limit).map(where);
  const more = findings.length > limit ? ` (+${findings.length - limit} more)` : '';
  return `${reasons.join('; ')}: ${places.join(', ')}${more}`;
}

function controlLine(result: ControlResult, verbose: boolean): string[] {
  const standards = result.control.standards.length ? result.control.standards.join('+') : 'info';
  const head = `${result.status.padEnd(7)} ${result.control.id.padEnd(12)} ${standards.padEnd(12)} ${result.control.title}`;
  const lines = [head];
  if (result.failed.length > 0)
    lines.push(
      `        failing: ${verbose ? result.failed.map((finding) => `${where(finding)}: ${finding.reason}`).join('\n                 ') : summarise(result.failed)}`,
    );
  if (result.suppressed.length > 0) {
    const rules = [...new Set(result.suppressed.map((finding) => finding.suppressedBy))];
    lines.push(`        suppressed: ${result.suppressed.length} finding(s) by ${rules.join(', ')}`);
  }
  return lines;
}

export function renderPosture(report: PostureReport, thresholds: PostureThresholds, options: { verbose?: boolean } = {}): string {
  const lines = [
    `Predicted Security Hub result of the controls the landing zone decides, over ${report.estate.accounts.length} accounts (${report.estate.accounts.map((account) => account.label).join(', ')}).`,
    'info = evaluated for information, in neither score.',
    '',
  ];
  for (const result of report.controls) lines.push(...controlLine(result, options.verbose ?? false));
  lines.push('');
  for (const score of report.scores) {
    const threshold = thresholdFor(score, thresholds);
    const verdict = score.score >= threshold ? 'meets' : 'BELOW';
    lines.push(
      `${STANDARD_LABEL[score.standard]}: ${score.score}% (${score.passed} of ${score.passed + score.failed} controls pass), ${verdict} the threshold of ${threshold}%`,
    );
  }
  return `${lines.join('\n')}\n`;
}
