// Runs the real Terraform CLI with the real AWS provider over every synthesized stack:
// `terraform init` (backend disabled), then an offline `terraform plan` (which runs the same
// validation as `terraform validate` first) whose JSON is kept as an artifact. It uses a local provider mirror when one is present and the
// provider registry otherwise, and says clearly when Terraform itself is missing.//
// The Terraform CLI is in cli.ts and one stack's (cached) plan in plan.ts; this file runs the checks
// and re-exports both, so importers take everything from here.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readSynthOutput } from '../synth/output';
import { providerMirror, terraformVersion } from './runner';
import { prepareOfflineStack, type SetAsideImport, type TerraformJson } from './offline';
import { cachedPlan, type PlanDetail } from './plan';

export { AWS_PROVIDER_VERSION, providerMirror, REQUIRED_TERRAFORM, TerraformUnavailableError, terraformVersion } from './runner';
export { type PlanDetail, summaryFromPlanEvents } from './plan';

export interface StackCheckResult {
  readonly stack: string;
  readonly resourcesPlanned: number;
  readonly actions: Readonly<Record<string, number>>;
  readonly importsSetAside: readonly SetAsideImport[];
  readonly remoteStatesReplaced: readonly string[];
  /** How much of the plan was kept: the full `terraform show -json` document, or only each change's address and actions. */
  readonly planDetail: PlanDetail;
  /** The plan JSON artifact (the full plan, or the summary in the same `resource_changes` shape). */
  readonly planJsonPath: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly plan: any;
}

export interface CheckOptions {
  /** Directory for plan JSON artifacts (one <stack>.plan.json per stack). */
  readonly artifactsDir: string;
  /** Only these stacks (default: every stack in the manifest). */
  readonly stacks?: readonly string[];
  /** Parallel Terraform runs (default 2: one per core on the reference machine). */
  readonly concurrency?: number;
  readonly log?: (line: string) => void;
  /**
   * 'full' (default) runs init, plan and `terraform show -json`, and keeps the full plan document;
   * 'summary' runs init and `terraform plan -json` and keeps only each change's address, type and
   * actions. Both fail on what `terraform validate` rejects: the plan runs the same validation first
   * (see plan.ts).
   */
  readonly planDetail?: PlanDetail;
  /**
   * A folder where results are shared by content: a stack whose offline Terraform JSON was already
   * validated and planned with the same detail (by any process) is not run again. Defaults to
   * LZ_TERRAFORM_CHECK_CACHE when set (the test run sets it to a folder it removes at the end).
   */
  readonly cacheDir?: string;
}

export function readManifestStacks(outdir: string): Map<string, TerraformJson> {
  return new Map(readSynthOutput(outdir).stacks);
}

/** Validates and plans one stack offline in its own working directory. */
export async function checkStack(
  name: string,
  stacks: ReadonlyMap<string, TerraformJson>,
  artifactsDir: string,
  options: { readonly planDetail?: PlanDetail; readonly cacheDir?: string } = {},
): Promise<StackCheckResult> {
  const stack = stacks.get(name);
  if (!stack) throw new Error(`stack ${name} is not in the synth output`);
  const offline = prepareOfflineStack(stack, stacks);
  const detail = options.planDetail ?? 'full';
  const planText = await cachedPlan(offline.json, name, detail, options.cacheDir ?? process.env.LZ_TERRAFORM_CHECK_CACHE);
  fs.mkdirSync(artifactsDir, { recursive: true });
  const planJsonPath = path.join(artifactsDir, `${name}.plan.json`);
  fs.writeFileSync(planJsonPath, planText);
  const plan = JSON.parse(planText);
  const actions: Record<string, number> = {};
  for (const change of plan.resource_changes ?? []) {
    const key = (change.change.actions as string[]).join('-');
    actions[key] = (actions[key] ?? 0) + 1;
  }
  return {
    stack: name,
    resourcesPlanned: (plan.resource_changes ?? []).filter((change: { mode: string }) => change.mode === 'managed').length,
    actions,
    importsSetAside: offline.importsSetAside,
    remoteStatesReplaced: offline.remoteStatesReplaced,
    planDetail: plan.format_version ? 'full' : 'summary',
    planJsonPath,
    plan,
  };
}

/** Checks every stack (or the chosen ones) of a synth output directory. */
export async function checkSynthOutput(outdir: string, options: CheckOptions): Promise<StackCheckResult[]> {
  await terraformVersion();
  const stacks = readManifestStacks(outdir);
  const names = options.stacks ?? [...stacks.keys()];
  const queue = [...names];
  const results: StackCheckResult[] = [];
  const checkOne = async (name: string): Promise<void> => {
    const result = await checkStack(name, stacks, options.artifactsDir, { planDetail: options.planDetail, cacheDir: options.cacheDir });
    options.log?.(formatCheckLine(result));
    results.push(result);
  };
  if (!providerMirror() && queue.length > 1) {
    // Without a mirror the first init downloads the provider into the shared plugin cache, which
    // is not safe for concurrent first writes: warm it with one stack before going parallel.
    await checkOne(queue.shift() as string);
  }
  const worker = async (): Promise<void> => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      await checkOne(name);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker));
  return results.sort((a, b) => names.indexOf(a.stack) - names.indexOf(b.stack));
}

export function formatCheckLine(result: StackCheckResult): string {
  const imports =
    result.importsSetAside.length > 0
      ? `; ${result.importsSetAside.length} import(s) set aside: ${result.importsSetAside.map((i) => `${i.to} <- ${i.id}`).join(', ')}`
      : '';
  const checks =
    result.planDetail === 'summary'
      ? 'offline plan OK (with its implied validation)'
      : 'offline plan OK (with its implied validation), full plan JSON kept';
  return `${checks}: ${result.stack} (${result.resourcesPlanned} resources${imports})`;
}
