// `npm run bench:delivery`: what `lz affected` selects and how long it takes for three changes (a
// vend, a guardrail edit, a hub edit) on estates of 50, 200 and 1,000 workload accounts, and a
// pipeline timing model built from measured per-stack offline plan times at the largest size.
//
// - vend: a real second synth of the configuration with one more (HSCN-entitled) account file.
// - guardrail edit: the organization stack's JSON with one SCP's content changed, as an edit of a
//   policies/*.ts file synthesizes (SCPs are attached only by the organization stack).
// - hub edit: the network stack's firewall rule group changed (a gateway-firewall rule edit).
// - hub edit read by every spoke: the Transit Gateway itself changed (its ID is read by every
//   workload stack; without a plan lz affected cannot know the ID survives, so it plans them all).
// `lz affected` time = reading both synth outputs and comparing them; the base synth it also runs
// in CI is shown separately (synth column). LZ_BENCH_SIZES picks sizes (e.g. "50,200").
//
// Comment time (largest size): from the end of synth to a ready plan comment for the vend, measured:
// lz affected, the real offline plan (init, plan with its validation, show -json) of each affected stack one
// after another, redaction, and the comment. Beside it, in the same run, the offline plan of a bare
// stack (providers only, no resources), so that the figure is also a ratio on a noisy machine.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { affectedBetween } from '../tools/delivery/affected';
import { comparePosture } from '../tools/posture/change';
import { evaluatePosture } from '../tools/posture/evaluate';
import { readSynthOutputPair } from '../tools/synth/output';
import { matrixOf } from '../tools/delivery/affected';
import { redactPlan } from '../tools/delivery/plan-evidence';
import { parsePlan } from '../tools/plan-review/plan-report/parse';
import { renderReport } from '../tools/plan-review/plan-report/render';
import { checkStack, readManifestStacks } from '../tools/terraform/check';
import { loadConfig } from '../lib/config/load';
import { planVend } from '../tools/vending/vending';
import { generateConfig } from '../test/helpers/config-fixtures';
import { synthConfig } from '../test/helpers/synth';
import type { TerraformJson } from '../tools/synth/output';

const SIZES = (process.env.LZ_BENCH_SIZES ?? '50,200,1000').split(',').map(Number);

function seconds<T>(work: () => T): { value: T; seconds: number } {
  const started = process.hrtime.bigint();
  const value = work();
  return { value, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

function editedCopy(base: string, stack: string, edit: (json: TerraformJson) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-bench-head-'));
  fs.cpSync(base, dir, { recursive: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  const file = path.join(dir, manifest.stacks[stack].synthesizedStackPath);
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  edit(json);
  fs.writeFileSync(file, JSON.stringify(json));
  return dir;
}

const first = (json: TerraformJson, type: string): TerraformJson => Object.values<TerraformJson>(json.resource[type])[0];

interface Row {
  size: number;
  stacks: number;
  synthSeconds: number;
  change: string;
  affected: number;
  waves: number;
  affectedSeconds: number;
  /** The predicted Security Hub posture change of base and head, which lz affected --diff-out adds to the comment. */
  postureSeconds: number;
}

const rows: Row[] = [];
let largest: { outdir: string; vendOutdir: string; size: number; waves: Map<string, string[][]> } | undefined;
const temporary: string[] = [];

for (const size of SIZES) {
  const configDir = generateConfig(size);
  temporary.push(configDir);
  const baseOut = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-bench-base-'));
  temporary.push(baseOut);
  const synth = seconds(() => synthConfig(configDir, baseOut));
  const stacks = synth.value.stacks.size;
  process.stderr.write(`${size}: synth ${synth.seconds.toFixed(1)} s, ${stacks} stacks\n`);

  const vendPlan = planVend(loadConfig(configDir), {
    name: 'new-service',
    email: 'aws-new-service@example.nhs.uk',
    ou: 'Workloads/Production',
    owner: 'records-team@example.nhs.uk',
    costCentre: 'CC-3100',
    classification: 'OFFICIAL-SENSITIVE',
    hscn: true,
  });
  fs.writeFileSync(path.join(configDir, 'accounts', vendPlan.fileName), vendPlan.yaml);
  const vendOut = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-bench-vend-'));
  temporary.push(vendOut);
  synthConfig(configDir, vendOut);

  const changes: [string, string][] = [
    ['vend (one HSCN account)', vendOut],
    [
      'guardrail edit (one SCP)',
      editedCopy(baseOut, 'organization', (json) => void (first(json, 'aws_organizations_policy').description = 'edited')),
    ],
    [
      'hub edit (firewall rule group)',
      editedCopy(baseOut, 'network', (json) => void (first(json, 'aws_networkfirewall_rule_group').tags = { edited: 'yes' })),
    ],
    [
      'hub edit read by every spoke (Transit Gateway)',
      editedCopy(baseOut, 'network', (json) => void (first(json, 'aws_ec2_transit_gateway').description = 'edited')),
    ],
  ];
  const wavesByChange = new Map<string, string[][]>();
  for (const [change, headOut] of changes) {
    if (headOut !== vendOut) temporary.push(headOut);
    const measured = seconds(() => affectedBetween(baseOut, headOut, { exclude: ['bootstrap'] }));
    const posture = seconds(() => {
      const pair = readSynthOutputPair(baseOut, headOut);
      return comparePosture(evaluatePosture(pair.base.stacks), evaluatePosture(pair.head.stacks));
    });
    wavesByChange.set(
      change,
      measured.value.waves.map((wave) => [...wave]),
    );
    rows.push({
      size,
      stacks,
      synthSeconds: synth.seconds,
      change,
      affected: measured.value.stacks.length,
      waves: measured.value.waves.length,
      affectedSeconds: measured.seconds,
      postureSeconds: posture.seconds,
    });
    process.stderr.write(
      `  ${change}: ${measured.value.stacks.length} stacks (${measured.value.stacks
        .map((s) => s.stack)
        .slice(0, 6)
        .join(', ')}${measured.value.stacks.length > 6 ? ', ...' : ''}) in ${measured.seconds.toFixed(2)} s\n`,
    );
  }
  largest = { outdir: baseOut, vendOutdir: vendOut, size, waves: wavesByChange };
}

process.stdout.write(
  `lz affected on generated estates (median-free single runs; machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; load average now ${os
    .loadavg()
    .map((load) => load.toFixed(1))
    .join(' ')})\n\n`,
);
process.stdout.write(
  '| workload accounts | stacks | synth of one side | change | stacks planned | waves | lz affected (read + compare) | posture change (--diff-out) |\n|---:|---:|---:|---|---:|---:|---:|---:|\n',
);
for (const row of rows) {
  process.stdout.write(
    `| ${row.size} | ${row.stacks} | ${row.synthSeconds.toFixed(1)} s | ${row.change} | ${row.affected} | ${row.waves} | ${row.affectedSeconds.toFixed(2)} s | ${row.postureSeconds.toFixed(2)} s |\n`,
  );
}

async function timingModel(): Promise<void> {
  if (!largest) return;
  const stacks = readManifestStacks(largest.outdir);
  const artifacts = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-bench-plans-'));
  temporary.push(artifacts);
  const workload = [...stacks.keys()].find((name) => name.startsWith('workload-')) as string;
  const measured = new Map<string, number>();
  for (const name of ['organization', 'network', workload, 'security-organization']) {
    const started = process.hrtime.bigint();
    await checkStack(name, stacks, artifacts);
    measured.set(name, Number(process.hrtime.bigint() - started) / 1e9);
    process.stderr.write(`offline init+plan (with its validation) of ${name}: ${measured.get(name)!.toFixed(1)} s\n`);
  }
  const planTime = (name: string) => measured.get(name) ?? measured.get(workload)!;
  // Assumptions, not measurements: a GitHub-hosted job's start, checkout, npm ci (cached) and
  // artifact download; the collecting report job; the plan-time factor of a real refresh against AWS.
  const JOB_OVERHEAD = 90;
  const REPORT_JOB = 60;
  const AWS_REFRESH_FACTOR = 2;
  const STACKS_PER_JOB = 10;
  const simulate = (waves: string[][], runners: number, applyToo: boolean): number => {
    const matrix = matrixOf(waves, { stacksPerJob: STACKS_PER_JOB, maxParallelJobs: runners });
    const waveTime = (include: readonly { stacks: string }[]) => {
      // Greedy: each job to the runner that frees first; the wave ends when its last job does.
      const free = Array.from({ length: runners }, () => 0);
      for (const batch of include) {
        const cost =
          JOB_OVERHEAD + batch.stacks.split(' ').reduce((sum, name) => sum + planTime(name) * AWS_REFRESH_FACTOR * (applyToo ? 2 : 1), 0);
        free.sort((a, b) => a - b);
        free[0] += cost;
      }
      return Math.max(...free);
    };
    if (!applyToo) return waveTime(matrix.all.include) + REPORT_JOB;
    return matrix.waves.reduce((sum, wave) => sum + waveTime(wave.include), 0);
  };
  const workloads = [...stacks.keys()].filter((name) => name.startsWith('workload-'));
  const scenarios: [string, string[][]][] = [
    // The waves lz affected measured above for each change at this size.
    ...[...largest.waves],
    [
      'every stack (shared code)',
      [['organization'], ['log-archive', 'pipeline'], ['network', 'security'], ['management'], workloads, ['security-organization']],
    ],
  ];
  process.stdout.write(
    `\nPipeline timing model at ${largest.size} workload accounts, from measured offline plan times per stack (${[...measured].map(([n, t]) => `${n.startsWith('workload-') ? 'a workload' : n} ${t.toFixed(1)} s`).join(', ')}).\n`,
  );
  process.stdout.write(
    `Assumed: ${JOB_OVERHEAD} s per job (runner start, checkout, npm ci, artifact), ${REPORT_JOB} s for the report job, a real plan = ${AWS_REFRESH_FACTOR} x the offline plan (AWS refresh), an apply = one more plan; ${STACKS_PER_JOB} stacks per job. Times start after synth.\n\n`,
  );
  process.stdout.write(
    '| change | stacks | runners | PR feedback (plan comment ready) | deploy (waves in order) |\n|---|---:|---:|---:|---:|\n',
  );
  for (const [name, waves] of scenarios) {
    for (const runners of [4, 8, 20]) {
      const count = waves.reduce((sum, wave) => sum + wave.length, 0);
      process.stdout.write(
        `| ${name} | ${count} | ${runners} | ${(simulate(waves, runners, false) / 60).toFixed(1)} min | ${(simulate(waves, runners, true) / 60).toFixed(1)} min |\n`,
      );
    }
  }
}

/** A stack with the providers and backend settings of a real one and nothing else: the fixed cost of a plan. */
function bareStack(template: TerraformJson): TerraformJson {
  return { terraform: template.terraform, provider: template.provider };
}

async function commentTime(): Promise<void> {
  if (!largest) return;
  // No plan cache: every plan below really runs Terraform.
  delete process.env.LZ_TERRAFORM_CHECK_CACHE;
  const artifacts = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-bench-comment-'));
  temporary.push(artifacts);
  const vendStacks = readManifestStacks(largest.vendOutdir);
  const withBare = new Map(vendStacks).set('bare-reference', bareStack(vendStacks.get('organization')!));

  const started = process.hrtime.bigint();
  const affected = affectedBetween(largest.outdir, largest.vendOutdir, { exclude: ['bootstrap'] });
  const names = affected.stacks.map((entry) => entry.stack);
  const perStack: string[] = [];
  const plans = [];
  for (const name of names) {
    const stackStarted = process.hrtime.bigint();
    const result = await checkStack(name, withBare, artifacts);
    plans.push(parsePlan(redactPlan(result.plan), name));
    perStack.push(`${name} ${(Number(process.hrtime.bigint() - stackStarted) / 1e9).toFixed(1)} s`);
  }
  const report = renderReport(plans, { title: 'Landing zone plan' });
  const total = Number(process.hrtime.bigint() - started) / 1e9;

  const bareStarted = process.hrtime.bigint();
  await checkStack('bare-reference', withBare, artifacts);
  const bare = Number(process.hrtime.bigint() - bareStarted) / 1e9;

  process.stdout.write(
    `\nComment time for a vend at ${largest.size} workload accounts (measured, one runner, stacks planned one after another):\n\n`,
  );
  process.stdout.write(
    "| stacks planned | lz affected + offline plans + redaction + comment | a bare stack's offline plan (same run) | ratio | comment length |\n|---:|---:|---:|---:|---:|\n",
  );
  process.stdout.write(
    `| ${names.length} (${names.join(', ')}) | ${total.toFixed(1)} s | ${bare.toFixed(1)} s | ${(total / bare).toFixed(1)} x | ${report.markdown.length} characters |\n`,
  );
  process.stdout.write(
    `\nLoad average after the comment run: ${os
      .loadavg()
      .map((load) => load.toFixed(1))
      .join(
        ' ',
      )}. Per stack: ${perStack.join(', ')}. A real plan also refreshes against AWS (the timing model above assumes 2 x); with one runner per stack the plans run side by side.\n`,
  );
}

timingModel()
  .then(commentTime)
  .catch((error) => {
    process.stderr.write(`timing model failed: ${(error as Error).message}\n`);
    process.exitCode = 1;
  })
  .finally(() => {
    for (const dir of temporary) fs.rmSync(dir, { recursive: true, force: true });
  });
