// The workflows parse as YAML, call only npm scripts and lz subcommands that exist, and keep the
// properties the delivery design depends on (docs/delivery.md).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { buildProgram } from '../../cli/main';
import { MAX_DEPLOY_WAVES } from '../../cli/commands/affected';

const ROOT = path.resolve(__dirname, '../..');
const WORKFLOWS = path.join(ROOT, '.github/workflows');
const SCRIPTS = path.join(ROOT, '.github/scripts');
const packageScripts = Object.keys(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts);
const lzCommands = buildProgram().commands.map((command) => command.name());

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Workflow = any;

/**
 * The release each third-party action is pinned to: the commit its tag points at, read from the
 * action's own repository (git rev-parse <tag>^{commit} on a clone, November 2026). Changing a pin
 * means checking the new commit the same way and updating this table.
 */
const VERIFIED_PINS: Record<string, { ref: string; release: string }> = {
  'actions/checkout': { ref: '11d5960a326750d5838078e36cf38b85af677262', release: 'v4.4.0' },
  'actions/setup-node': { ref: '49933ea5288caeca8642d1e84afbd3f7d6820020', release: 'v4.4.0' },
  'hashicorp/setup-terraform': { ref: 'b9cd54a3c349d3f38e8881555d616ced269862dd', release: 'v3.1.2' },
  'aws-actions/configure-aws-credentials': { ref: '7474bc4690e29a8392af63c5b98e7449536d5c3a', release: 'v4.3.1' },
  'actions/upload-artifact': { ref: 'ea165f8d65b6e75b540449e92b4886f43607fa02', release: 'v4.6.2' },
  'actions/download-artifact': { ref: 'd3f86a106a0bac45b974a628896c90dbdf5c8093', release: 'v4.3.0' },
  'marocchino/sticky-pull-request-comment': { ref: '773744901bac0e8cbb5a0dc842800d45e9b2b405', release: 'v2.9.4' },
};

const usesOf = (step: Workflow): string => String(step.uses ?? '').split('@')[0];

function workflow(name: string): Workflow {
  return parse(fs.readFileSync(path.join(WORKFLOWS, name), 'utf8'));
}

/** Every shell text the workflows and their helper scripts run. */
function shellTexts(): { source: string; text: string }[] {
  const texts: { source: string; text: string }[] = [];
  for (const file of fs.readdirSync(WORKFLOWS)) {
    const parsed = workflow(file);
    for (const [jobName, job] of Object.entries<Workflow>(parsed.jobs)) {
      for (const step of job.steps ?? []) if (typeof step.run === 'string') texts.push({ source: `${file} ${jobName}`, text: step.run });
    }
  }
  for (const file of fs.readdirSync(SCRIPTS)) texts.push({ source: file, text: fs.readFileSync(path.join(SCRIPTS, file), 'utf8') });
  return texts;
}

describe('GitHub workflows', () => {
  const files = fs.readdirSync(WORKFLOWS);

  it('has the plan, deploy (with its reusable wave) and drift workflows, each parsing as a workflow with jobs', () => {
    expect(files.sort()).toEqual(['deploy-wave.yml', 'deploy.yml', 'drift.yml', 'plan.yml']);
    for (const file of files) expect(Object.keys(workflow(file).jobs).length).toBeGreaterThan(0);
  });

  it('pins every third-party action by full commit SHA, to the verified release named in the comment', () => {
    const uses: { file: string; line: string }[] = [];
    for (const file of files) {
      for (const line of fs.readFileSync(path.join(WORKFLOWS, file), 'utf8').split('\n'))
        if (/^\s*-?\s*uses:/.test(line)) uses.push({ file, line: line.trim() });
    }
    expect(uses.length).toBeGreaterThan(10);
    for (const { file, line } of uses) {
      if (line.startsWith('uses: ./')) continue; // the repository's own reusable workflow
      const match = /uses: ([^@\s]+)@(\S+)(?:\s+#\s*(\S+))?/.exec(line);
      const [, action, ref, release] = match ?? [];
      expect({ file, line, pinned: /^[0-9a-f]{40}$/.test(ref ?? '') }).toEqual({ file, line, pinned: true });
      expect({ file, action, ref, release }).toEqual({ file, action, ...VERIFIED_PINS[action] });
    }
  });

  it('references only npm scripts that exist in package.json', () => {
    const used = shellTexts().flatMap(({ source, text }) =>
      [...text.matchAll(/npm (?:run (?:--silent )?([\w:-]+)|(test)\b)/g)].map((match) => ({ source, script: match[1] ?? match[2] })),
    );
    expect(used.map((use) => use.script)).toEqual(expect.arrayContaining(['lint', 'test', 'synth', 'plan-report']));
    for (const use of used) expect({ ...use, exists: packageScripts.includes(use.script) }).toEqual({ ...use, exists: true });
    expect(shellTexts().some(({ text }) => /npm ci\b/.test(text))).toBe(true);
  });

  it('references only lz subcommands that exist', () => {
    const used = shellTexts().flatMap(({ source, text }) =>
      [...text.matchAll(/(?:npx lz|node bin\/lz\.js) ([\w-]+)/g)].map((match) => ({ source, command: match[1] })),
    );
    expect(used.map((use) => use.command)).toEqual(
      expect.arrayContaining(['affected', 'config-diff', 'provider-override', 'redact-plan', 'plan-compare', 'drift-report']),
    );
    for (const use of used) expect({ ...use, exists: lzCommands.includes(use.command) }).toEqual({ ...use, exists: true });
  });

  it('references only helper scripts that exist', () => {
    const used = shellTexts().flatMap(({ text }) => [...text.matchAll(/\.github\/scripts\/([\w.-]+)/g)].map((match) => match[1]));
    expect(used.length).toBeGreaterThan(0);
    for (const script of used) expect(fs.existsSync(path.join(SCRIPTS, script))).toBe(true);
  });

  it('plan.yml plans only the affected stacks: one prepare job, a dynamic matrix capped from config, one report job with one sticky comment', () => {
    const plan = workflow('plan.yml');
    expect(Object.keys(plan.on)).toEqual(['pull_request']);
    // Adding the override label must re-run the gate.
    expect(plan.on.pull_request.types).toEqual(expect.arrayContaining(['labeled', 'unlabeled', 'synchronize']));
    const { prepare, plan: planJob, report } = plan.jobs;
    const affectedStep = prepare.steps.find((step: Workflow) => String(step.run ?? '').includes('npx lz affected'));
    expect(affectedStep.run).toMatch(/--github-output "\$GITHUB_OUTPUT"/);
    expect(affectedStep.run).toMatch(/--diff-out synth-diff\.md/);
    expect(prepare.outputs).toEqual(
      expect.objectContaining({
        matrix: expect.stringContaining('steps.affected.outputs.matrix'),
        count: expect.any(String),
        'max-parallel': expect.any(String),
      }),
    );
    expect(planJob.strategy.matrix).toBe('${{ fromJSON(needs.prepare.outputs.matrix) }}');
    expect(planJob.strategy['max-parallel']).toBe('${{ fromJSON(needs.prepare.outputs.max-parallel) }}');
    expect(planJob.strategy['fail-fast']).toBe(false);
    expect(planJob.if).toContain("needs.prepare.outputs.count != '0'");
    expect(planJob.permissions['id-token']).toBe('write');
    expect(prepare.permissions?.['id-token']).toBeUndefined(); // pull-request code runs in prepare: no AWS there
    expect(report.needs).toEqual(['prepare', 'plan']);
    // Dangerous configuration edits are found before any plan and shown first in the comment.
    const names = prepare.steps.map((step: Workflow) => step.name);
    expect(names.indexOf('Dangerous configuration edits')).toBeLessThan(names.indexOf('Synthesize'));
    expect(prepare.steps.find((step: Workflow) => step.name === 'Dangerous configuration edits').run).toContain(
      'npx lz config-diff --base',
    );
    expect(report.steps.find((step: Workflow) => step.id === 'report').run).toContain('cat dangerous-edits.md plan-comment.md');
    expect(report.steps.some((step: Workflow) => String(step.if ?? '').includes('needs.prepare.outputs.dangerous-status'))).toBe(true);
    expect(report.steps.filter((step: Workflow) => usesOf(step) === 'marocchino/sticky-pull-request-comment')).toHaveLength(1);
    const terraformStep = planJob.steps.find((step: Workflow) => usesOf(step) === 'hashicorp/setup-terraform');
    const [major, minor] = String(terraformStep.with.terraform_version).split('.').map(Number);
    expect(major === 1 && minor >= 11).toBe(true);
    expect(plan.env.PLAN_ROLE_ARN).toMatch(/:role\/lz-pipeline-plan$/);
    // The reviewed plans are kept with their content hashes, long enough for the deploy to find them.
    const kept = report.steps.find((step: Workflow) => step.with?.name === 'plans-pr-${{ github.event.pull_request.number }}');
    expect(kept.with.path).toContain('SHA256SUMS');
    expect(report.steps.some((step: Workflow) => String(step.run ?? '').includes('sha256sum'))).toBe(true);
    const planScript = fs.readFileSync(path.join(SCRIPTS, 'plan-stack.sh'), 'utf8');
    expect(planScript).toContain('--role lz-plan-readonly');
    // Only the redacted JSON leaves the runner: the raw show output and the binary plan are removed.
    expect(planScript).toMatch(
      /show -json tfplan >"\$\{raw\}" && node bin\/lz\.js redact-plan "\$\{raw\}" --out "plans\/\$\{stack\}\.json"/,
    );
    expect(planScript).toContain('rm -f "${dir}/tfplan"');
  });

  it('deploy.yml applies the affected stacks wave by wave, each wave only after every earlier one succeeded', () => {
    const deploy = workflow('deploy.yml');
    expect(deploy.on.push.branches).toEqual(['main']);
    expect(deploy.concurrency['cancel-in-progress']).toBe(false);
    const waves = Object.keys(deploy.jobs).filter((name) => /^wave-\d+$/.test(name));
    expect(waves.length).toBe(MAX_DEPLOY_WAVES);
    waves.forEach((name, index) => {
      const job = deploy.jobs[name];
      expect(job.uses).toBe('./.github/workflows/deploy-wave.yml');
      expect(job.needs).toEqual(['prepare', ...waves.slice(0, index)]);
      expect(job.if).toContain("!contains(needs.*.result, 'failure')");
      expect(job.if).toContain(`needs.prepare.outputs.wave-${index}-count != '0'`);
      expect(job.with.matrix).toBe(`\${{ needs.prepare.outputs.wave-${index} }}`);
      expect(deploy.jobs.prepare.outputs[`wave-${index}`]).toBe(`\${{ steps.affected.outputs.wave-${index} }}`);
    });
    expect(deploy.jobs.summary.needs).toEqual(['prepare', ...waves]);
    const wave = workflow('deploy-wave.yml');
    expect(Object.keys(wave.on)).toEqual(['workflow_call']);
    const apply = wave.jobs.apply;
    expect(apply.environment).toBe('production');
    expect(apply.strategy.matrix).toBe('${{ fromJSON(inputs.matrix) }}');
    expect(apply.strategy['max-parallel']).toBe('${{ inputs.max-parallel }}');
    expect(wave.env.APPLY_ROLE_ARN).toMatch(/:role\/lz-pipeline-apply$/);
    const credentials = apply.steps.find((step: Workflow) => usesOf(step) === 'aws-actions/configure-aws-credentials');
    expect(credentials.with['role-session-name']).toBe('${{ inputs.source-identity }}');
  });

  it('deploy-stack.sh compares with the reviewed plan before applying, and applies the very plan it compared', () => {
    const script = fs.readFileSync(path.join(SCRIPTS, 'deploy-stack.sh'), 'utf8');
    expect(script).toContain('set -euo pipefail');
    expect(script).toContain('--source-identity');
    const compare = script.indexOf('node bin/lz.js plan-compare --reviewed "${reviewed}"');
    const apply = script.indexOf('apply -input=false -no-color -lock-timeout=10m tfplan');
    expect(compare).toBeGreaterThan(0);
    expect(apply).toBeGreaterThan(compare);
    expect(script).not.toContain('-auto-approve'); // a saved plan needs none: nothing else can be applied
    expect(script).toMatch(/no reviewed plan for this stack; not applying/);
    expect(fs.readFileSync(path.join(SCRIPTS, 'fetch-reviewed-plans.sh'), 'utf8')).toContain('sha256sum --check --strict SHA256SUMS');
  });

  it('drift.yml runs on a schedule over every stack with -detailed-exitcode and keeps one issue', () => {
    const drift = workflow('drift.yml');
    expect(drift.on.schedule[0].cron).toMatch(/^\S+ \S+ \* \* \*$/);
    expect(drift.env.PLAN_MODE).toBe('drift');
    expect(drift.jobs.prepare.steps.find((step: Workflow) => String(step.run ?? '').includes('lz affected')).run).toContain('--all');
    expect(drift.jobs.plan.strategy.matrix).toBe('${{ fromJSON(needs.prepare.outputs.matrix) }}');
    expect(drift.jobs.report.permissions.issues).toBe('write');
    expect(fs.readFileSync(path.join(SCRIPTS, 'plan-stack.sh'), 'utf8')).toContain('detailed=(-detailed-exitcode)');
    const issue = fs.readFileSync(path.join(SCRIPTS, 'drift-issue.sh'), 'utf8');
    expect(issue).toContain('--label "${label}" --state open --limit 1');
  });

  it('CODEOWNERS routes policies, organization, network and logging code to security and network reviewers', () => {
    const owners = fs.readFileSync(path.join(ROOT, '.github/CODEOWNERS'), 'utf8');
    const rule = (pattern: string): string => owners.split('\n').find((line) => line.startsWith(`${pattern} `)) ?? '';
    expect(rule('/policies/')).toContain('security-reviewers');
    expect(rule('/stacks/organization-stack.ts')).toContain('security-reviewers');
    expect(rule('/stacks/log-archive-stack.ts')).toContain('security-reviewers');
    expect(rule('/stacks/network-stack.ts')).toContain('network-reviewers');
  });
});
