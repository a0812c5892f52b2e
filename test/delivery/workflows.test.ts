// The workflows parse as YAML, call only npm scripts and lz subcommands that exist, and keep the
// properties the delivery design depends on (docs/delivery.md).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { buildProgram } from '../../cli/main';

const ROOT = path.resolve(__dirname, '../..');
const WORKFLOWS = path.join(ROOT, '.github/workflows');
const SCRIPTS = path.join(ROOT, '.github/scripts');
const packageScripts = Object.keys(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts);
const lzCommands = buildProgram().commands.map((command) => command.name());

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Workflow = any;

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

  it('has plan.yml and deploy.yml, each parsing as a workflow with jobs', () => {
    expect(files.sort()).toEqual(['deploy.yml', 'plan.yml']);
    for (const file of files) expect(Object.keys(workflow(file).jobs).length).toBeGreaterThan(0);
  });

  it('references only npm scripts that exist in package.json', () => {
    const used = shellTexts().flatMap(({ source, text }) => [...text.matchAll(/npm (?:run (?:--silent )?([\w:-]+)|(test)\b)/g)].map((match) => ({ source, script: match[1] ?? match[2] })));
    expect(used.map((use) => use.script)).toEqual(expect.arrayContaining(['lint', 'test', 'synth', 'plan-report']));
    for (const use of used) expect({ ...use, exists: packageScripts.includes(use.script) }).toEqual({ ...use, exists: true });
    expect(shellTexts().some(({ text }) => /npm ci\b/.test(text))).toBe(true);
  });

  it('references only lz subcommands that exist', () => {
    const used = shellTexts().flatMap(({ source, text }) => [...text.matchAll(/(?:npx lz|node bin\/lz\.js) ([\w-]+)/g)].map((match) => ({ source, command: match[1] })));
    expect(used.map((use) => use.command)).toEqual(expect.arrayContaining(['diff', 'stack-order', 'provider-override']));
    for (const use of used) expect({ ...use, exists: lzCommands.includes(use.command) }).toEqual({ ...use, exists: true });
  });

  it('references only helper scripts that exist', () => {
    const used = shellTexts().flatMap(({ text }) => [...text.matchAll(/\.github\/scripts\/([\w.-]+)/g)].map((match) => match[1]));
    expect(used.length).toBeGreaterThan(0);
    for (const script of used) expect(fs.existsSync(path.join(SCRIPTS, script))).toBe(true);
  });

  it('plan.yml runs on pull requests with the plan role, uploads plans and posts one sticky comment', () => {
    const plan = workflow('plan.yml');
    expect(Object.keys(plan.on)).toEqual(['pull_request']);
    // Adding the override label must re-run the gate.
    expect(plan.on.pull_request.types).toEqual(expect.arrayContaining(['labeled', 'unlabeled', 'synchronize']));
    const job = plan.jobs.plan;
    expect(job.permissions['id-token']).toBe('write');
    const uses = job.steps.map((step: Workflow) => step.uses).filter(Boolean);
    expect(uses).toEqual(expect.arrayContaining(['actions/checkout@v4', 'actions/setup-node@v4', 'hashicorp/setup-terraform@v3', 'aws-actions/configure-aws-credentials@v4', 'actions/upload-artifact@v4', 'marocchino/sticky-pull-request-comment@v2']));
    const terraformStep = job.steps.find((step: Workflow) => step.uses === 'hashicorp/setup-terraform@v3');
    const [major, minor] = String(terraformStep.with.terraform_version).split('.').map(Number);
    expect(major === 1 && minor >= 11).toBe(true);
    expect(job.steps.find((step: Workflow) => step.uses === 'actions/setup-node@v4').with['node-version']).toBe(20);
    expect(plan.env.PLAN_ROLE_ARN).toMatch(/:role\/lz-pipeline-plan$/);
    expect(job.steps.filter((step: Workflow) => step.uses === 'marocchino/sticky-pull-request-comment@v2')).toHaveLength(1);
    expect(fs.readFileSync(path.join(SCRIPTS, 'plan-stack.sh'), 'utf8')).toContain('--role lz-plan-readonly');
  });

  it('deploy.yml runs on main in the protected environment, one at a time, with the apply role and source identity', () => {
    const deploy = workflow('deploy.yml');
    expect(deploy.on.push.branches).toEqual(['main']);
    expect(deploy.concurrency['cancel-in-progress']).toBe(false);
    const job = deploy.jobs.deploy;
    expect(job.environment).toBe('production');
    expect(deploy.env.APPLY_ROLE_ARN).toMatch(/:role\/lz-pipeline-apply$/);
    const credentials = job.steps.find((step: Workflow) => step.uses === 'aws-actions/configure-aws-credentials@v4');
    expect(credentials.with['role-session-name']).toContain('steps.identity.outputs.value');
    expect(fs.readFileSync(path.join(SCRIPTS, 'deploy-stack.sh'), 'utf8')).toContain('--source-identity');
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
