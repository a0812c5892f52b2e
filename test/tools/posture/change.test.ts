// The posture change of a pull request: base and head posture reports compared control by control,
// rendered for the plan comment only when something moves, and written first into `lz affected
// --diff-out` (the file the plan workflow appends to the plan comment).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { comparePosture, postureMoved, renderPostureChange } from '../../../tools/posture/change';
import { buildEstate } from '../../../tools/posture/estate';
import { evaluateEstate } from '../../../tools/posture/evaluate';
import { readSynthOutput, type TerraformJson } from '../../../tools/synth/output';
import { runCli } from '../../helpers/cli';
import { fixtureEstate, fixtureStack, r } from '../../helpers/posture-estates';
import { EXAMPLE_CONFIG_DIR, synthConfig } from '../../helpers/synth';

const THRESHOLDS = { fsbp: 90, cis: 95 };
const passwordPolicy = (body: TerraformJson) =>
  r('aws_iam_account_password_policy', 'p', {
    minimum_password_length: 14,
    password_reuse_prevention: 24,
    require_lowercase_characters: true,
    require_uppercase_characters: true,
    require_numbers: true,
    require_symbols: true,
    ...body,
  });
const reportOf = (body: TerraformJson) =>
  evaluateEstate(buildEstate(fixtureEstate({ account: fixtureStack('111111111111', [passwordPolicy(body)]) })));

describe('posture change between base and head', () => {
  it('names the control a change breaks, with the resource, and the scores that drop', () => {
    const change = comparePosture(reportOf({}), reportOf({ require_symbols: false }));
    expect(change.controls.map((control) => [control.id, control.base, control.head, control.newlyFailing.length])).toEqual([
      ['IAM.7', 'PASSED', 'FAILED', 1],
    ]);
    const fsbp = change.scores.find((score) => score.standard === 'FSBP')!;
    // The bare fixture account fails most FSBP controls already; IAM.7 was its one FSBP pass.
    expect([fsbp.base.passed, fsbp.head.passed, fsbp.head.failed - fsbp.base.failed]).toEqual([1, 0, 1]);
    const markdown = renderPostureChange(change, THRESHOLDS);
    expect(markdown).toContain(
      `| FSBP v1.0.0 | ${fsbp.base.score} % (1/${fsbp.base.passed + fsbp.base.failed}) | 0 % (0/${fsbp.head.failed}) ▼ | 90 % |`,
    );
    expect(markdown).toMatch(/\| IAM\.7 \| FSBP \| PASSED \| \*\*FAILED\*\* \| now failing: `.*AWS::::Account:111111111111`/);
    expect(markdown).toMatch(/^> \*\*Below the threshold after this change: FSBP v1\.0\.0 0 % < 90 %/m);
  });

  it('shows a fix as well, and nothing at all when the posture does not move', () => {
    const fixed = comparePosture(reportOf({ minimum_password_length: 8 }), reportOf({}));
    expect(fixed.controls.map((control) => [control.id, control.base, control.head, control.noLongerFailing.length])).toEqual([
      ['IAM.15', 'FAILED', 'PASSED', 1],
    ]);
    expect(renderPostureChange(fixed, THRESHOLDS)).toContain('▲');
    const unchanged = comparePosture(reportOf({}), reportOf({}));
    expect(postureMoved(unchanged)).toBe(false);
    expect(renderPostureChange(unchanged, THRESHOLDS)).toBe('');
  });
});

describe('lz affected --diff-out on the example, with a change that breaks a control', () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-posture-base-'));
  beforeAll(() => {
    synthConfig(EXAMPLE_CONFIG_DIR, base);
  });
  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

  it('puts the posture change first: CIS IAM.15 fails in the edited account and the CIS score drops to 95 %', async () => {
    const head = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-posture-head-'));
    fs.cpSync(base, head, { recursive: true });
    const file = path.join(head, readSynthOutput(base).manifest.stacks['workload-analytics-dev'].synthesizedStackPath);
    const stack = JSON.parse(fs.readFileSync(file, 'utf8'));
    const policies = stack.resource.aws_iam_account_password_policy;
    for (const name of Object.keys(policies)) policies[name].minimum_password_length = 12;
    fs.writeFileSync(file, JSON.stringify(stack));

    const out = path.join(head, 'synth-diff.md');
    const result = await runCli([
      'affected',
      '--config',
      EXAMPLE_CONFIG_DIR,
      '--base-dir',
      base,
      '--head-dir',
      head,
      '--json',
      '--diff-out',
      out,
    ]);
    expect(result.code).toBe(0);
    const markdown = fs.readFileSync(out, 'utf8');
    expect(markdown.startsWith('## Predicted Security Hub posture (`lz posture`)')).toBe(true);
    expect(markdown).toMatch(/\| CIS v3\.0\.0 \| 100 % \(20\/20\) \| 95 % \(19\/20\) ▼ \| 95 % \|/);
    expect(markdown).toMatch(/\| IAM\.15 \| CIS-3\.0 \| PASSED \| \*\*FAILED\*\* \| now failing: `analytics-dev\/eu-west-2 /);
    // The synthesized Terraform diff follows, unchanged.
    expect(markdown).toContain('## Synthesized Terraform compared with');
    expect(markdown.indexOf('## Synthesized Terraform')).toBeGreaterThan(markdown.indexOf('| IAM.15 |'));
  });

  it('adds nothing when the posture does not move', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lz-posture-same-')), 'synth-diff.md');
    const result = await runCli([
      'affected',
      '--config',
      EXAMPLE_CONFIG_DIR,
      '--base-dir',
      base,
      '--head-dir',
      base,
      '--json',
      '--diff-out',
      out,
    ]);
    expect(result.code).toBe(0);
    expect(fs.readFileSync(out, 'utf8').startsWith('## Synthesized Terraform compared with')).toBe(true);
  });
});
