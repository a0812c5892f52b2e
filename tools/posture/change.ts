// The posture change a pull request causes: the predicted Security Hub scores of the base and the
// head synth output side by side, and every control whose result or failing resources differ. The
// plan workflow puts it in the plan comment (through `lz affected --diff-out`), so a reviewer sees a
// control break before it is merged. Pure functions of two posture reports.
import type { ControlStatus, EvaluatedFinding, PostureReport, StandardScore } from './evaluate';
import { type PostureThresholds, thresholdFor } from './render';
import type { Standard } from './controls';

export interface ControlChange {
  readonly id: string;
  readonly title: string;
  readonly standards: readonly Standard[];
  readonly base: ControlStatus;
  readonly head: ControlStatus;
  /** Failing (unsuppressed) findings of the head that the base does not have. */
  readonly newlyFailing: readonly EvaluatedFinding[];
  /** Failing findings of the base that the head no longer has. */
  readonly noLongerFailing: readonly EvaluatedFinding[];
}

export interface ScoreChange {
  readonly standard: Standard;
  readonly base: StandardScore;
  readonly head: StandardScore;
}

export interface PostureChange {
  readonly scores: readonly ScoreChange[];
  readonly controls: readonly ControlChange[];
}

const findingKey = (finding: EvaluatedFinding): string => `${finding.account}|${finding.region}|${finding.resource}`;

export function comparePosture(base: PostureReport, head: PostureReport): PostureChange {
  const baseById = new Map(base.controls.map((result) => [result.control.id, result]));
  const controls: ControlChange[] = [];
  for (const result of head.controls) {
    const before = baseById.get(result.control.id);
    const beforeFailed = before?.failed ?? [];
    const beforeKeys = new Set(beforeFailed.map(findingKey));
    const afterKeys = new Set(result.failed.map(findingKey));
    const newlyFailing = result.failed.filter((finding) => !beforeKeys.has(findingKey(finding)));
    const noLongerFailing = beforeFailed.filter((finding) => !afterKeys.has(findingKey(finding)));
    const baseStatus = before?.status ?? 'NO_DATA';
    if (baseStatus === result.status && newlyFailing.length === 0 && noLongerFailing.length === 0) continue;
    controls.push({
      id: result.control.id,
      title: result.control.title,
      standards: result.control.standards,
      base: baseStatus,
      head: result.status,
      newlyFailing,
      noLongerFailing,
    });
  }
  const scores = head.scores.map((after): ScoreChange => ({
    standard: after.standard,
    base: base.scores.find((score) => score.standard === after.standard) ?? after,
    head: after,
  }));
  return { scores, controls };
}

/** True when the change moves a score or any control's result or failing resources. */
export function postureMoved(change: PostureChange): boolean {
  return change.controls.length > 0 || change.scores.some((score) => score.base.score !== score.head.score);
}

const STANDARD_NAME: Record<Standard, string> = { FSBP: 'FSBP v1.0.0', 'CIS-3.0': 'CIS v3.0.0' };
const MAX_FINDINGS = 5;

const scoreText = (score: StandardScore): string => `${score.score} % (${score.passed}/${score.passed + score.failed})`;
const cell = (text: string): string => text.replace(/\|/g, '\\|');

function findingList(findings: readonly EvaluatedFinding[]): string {
  const shown = findings
    .slice(0, MAX_FINDINGS)
    .map((finding) => `\`${finding.accountLabel}/${finding.region} ${finding.resource}\`${finding.reason ? ` (${finding.reason})` : ''}`);
  return `${shown.join(', ')}${findings.length > MAX_FINDINGS ? ` and ${findings.length - MAX_FINDINGS} more` : ''}`;
}

/** The Markdown section for the plan comment, or an empty string when the posture does not move. */
export function renderPostureChange(change: PostureChange, thresholds: PostureThresholds): string {
  if (!postureMoved(change)) return '';
  const lines = ['## Predicted Security Hub posture (`lz posture`)', ''];
  const below = change.scores.filter((score) => score.head.score < thresholdFor(score.head, thresholds));
  if (below.length)
    lines.push(
      `> **Below the threshold after this change: ${below.map((score) => `${STANDARD_NAME[score.standard]} ${score.head.score} % < ${thresholdFor(score.head, thresholds)} %`).join(', ')}.** \`lz posture\` exits non-zero.`,
      '',
    );
  lines.push('| standard | base | this change | threshold |', '|---|---:|---:|---:|');
  for (const score of change.scores) {
    const moved = score.base.score === score.head.score ? '' : score.head.score < score.base.score ? ' ▼' : ' ▲';
    lines.push(
      `| ${STANDARD_NAME[score.standard]} | ${scoreText(score.base)} | ${scoreText(score.head)}${moved} | ${thresholdFor(score.head, thresholds)} % |`,
    );
  }
  lines.push('');
  if (change.controls.length) {
    lines.push('| control | standards | base | this change | what changed |', '|---|---|---|---|---|');
    for (const control of change.controls) {
      const what = [
        control.newlyFailing.length ? `now failing: ${findingList(control.newlyFailing)}` : '',
        control.noLongerFailing.length ? `no longer failing: ${findingList(control.noLongerFailing)}` : '',
      ].filter(Boolean);
      lines.push(
        `| ${control.id} | ${control.standards.length ? control.standards.join(', ') : 'info'} | ${control.base} | **${control.head}** | ${cell(what.join('; ') || 'result changed')} |`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}
