// Runs the real Terraform CLI with the real AWS provider over every synthesized stack:
// `terraform init` (backend disabled), `terraform validate`, then an offline `terraform plan`
// whose JSON is kept as an artifact. It uses a local provider mirror when one is present and the
// provider registry otherwise, and says clearly when Terraform itself is missing.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { readSynthOutput } from '../synth/output';
import { EMPTY_REMOTE_STATE, EMPTY_REMOTE_STATE_FILE, prepareOfflineStack, type SetAsideImport, type TerraformJson } from './offline';

const run = promisify(execFile);

export const REQUIRED_TERRAFORM = { major: 1, minor: 11 };
export const AWS_PROVIDER_VERSION = '5.100.0';
/** Where this machine image keeps an unpacked mirror of the AWS provider. */
const DEFAULT_MIRROR = '/opt/tf-plugins';

export class TerraformUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TerraformUnavailableError';
  }
}

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
   * 'full' (default) runs init, `terraform validate`, plan and `terraform show -json`, and keeps the
   * full plan document; 'summary' runs init and `terraform plan -json` (whose implied validation is
   * the same check) and keeps only each change's address, type and actions.
   */
  readonly planDetail?: PlanDetail;
  /**
   * A folder where results are shared by content: a stack whose offline Terraform JSON was already
   * validated and planned with the same detail (by any process) is not run again. Defaults to
   * LZ_TERRAFORM_CHECK_CACHE when set (the test run sets it to a folder it removes at the end).
   */
  readonly cacheDir?: string;
}

export type PlanDetail = 'full' | 'summary';

export async function terraformVersion(): Promise<string> {
  let stdout: string;
  try {
    ({ stdout } = await run('terraform', ['version', '-json'], { env: terraformEnv() }));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new TerraformUnavailableError(
      code === 'ENOENT'
        ? `Terraform is not installed or not on PATH. The Terraform checks need Terraform >= ${REQUIRED_TERRAFORM.major}.${REQUIRED_TERRAFORM.minor}; install it (https://developer.hashicorp.com/terraform/install) and run the tests again.`
        : `Could not run "terraform version": ${(error as Error).message}`,
    );
  }
  const version = String(JSON.parse(stdout).terraform_version);
  const [major, minor] = version.split('.').map(Number);
  if (major < REQUIRED_TERRAFORM.major || (major === REQUIRED_TERRAFORM.major && minor < REQUIRED_TERRAFORM.minor)) {
    throw new TerraformUnavailableError(`Terraform ${version} is too old: the S3 backend's use_lockfile needs Terraform >= ${REQUIRED_TERRAFORM.major}.${REQUIRED_TERRAFORM.minor}.`);
  }
  return version;
}

/** The provider mirror to use, if this machine has one with the pinned AWS provider. */
export function providerMirror(): string | undefined {
  const candidate = process.env.LZ_TF_PROVIDER_MIRROR ?? DEFAULT_MIRROR;
  const provider = path.join(candidate, 'registry.terraform.io/hashicorp/aws', AWS_PROVIDER_VERSION);
  return fs.existsSync(provider) ? candidate : undefined;
}

let cliConfigFile: string | undefined;

/**
 * A Terraform CLI configuration for the checks: the mirror when present (no network needed),
 * otherwise the registry with a shared plugin cache so the provider is downloaded once.
 */
function terraformEnv(): NodeJS.ProcessEnv {
  if (!cliConfigFile) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-terraform-'));
    const mirror = providerMirror();
    let settings: string;
    if (mirror) {
      // Terraform links an unpacked mirror into .terraform, so each init takes well under a second.
      settings = `provider_installation {\n  filesystem_mirror {\n    path    = "${mirror}"\n    include = ["registry.terraform.io/hashicorp/aws"]\n  }\n  direct {\n    exclude = ["registry.terraform.io/hashicorp/aws"]\n  }\n}\n`;
    } else {
      const cacheDir = path.join(os.tmpdir(), 'lz-terraform-plugin-cache');
      fs.mkdirSync(cacheDir, { recursive: true });
      settings = `plugin_cache_dir = "${cacheDir}"\n`;
    }
    cliConfigFile = path.join(dir, 'terraformrc');
    fs.writeFileSync(cliConfigFile, settings);
  }
  return { ...process.env, TF_CLI_CONFIG_FILE: cliConfigFile, TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1' };
}

async function terraform(args: string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await run('terraform', [...args, '-no-color'], { cwd, env: terraformEnv(), maxBuffer: 512 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`terraform ${args[0]} failed in ${cwd}:\n${failure.stderr || failure.stdout || failure.message}`);
  }
}

export function readManifestStacks(outdir: string): Map<string, TerraformJson> {
  return new Map(readSynthOutput(outdir).stacks);
}

interface PlannedChangeEvent {
  readonly type: string;
  readonly change?: { readonly action: string; readonly resource: { readonly addr: string; readonly resource_type: string } };
}

/**
 * The resource changes of a `terraform plan -json` event stream, in the shape of `terraform show
 * -json`'s `resource_changes` (address, mode, type, actions). Reads of data sources deferred to
 * apply are reported with mode 'data', as show does.
 */
export function summaryFromPlanEvents(eventLines: string): { resource_changes: { address: string; mode: string; type: string; change: { actions: string[] } }[] } {
  const actionsOf: Record<string, string[]> = { create: ['create'], update: ['update'], delete: ['delete'], replace: ['delete', 'create'], read: ['read'], noop: ['no-op'] };
  const changes = eventLines
    .split('\n')
    .filter((line) => line.trim().startsWith('{'))
    .map((line) => JSON.parse(line) as PlannedChangeEvent)
    .filter((event) => event.type === 'planned_change' && event.change)
    .map(({ change }) => ({
      address: change!.resource.addr,
      mode: change!.resource.addr.startsWith('data.') || change!.resource.addr.includes('.data.') ? 'data' : 'managed',
      type: change!.resource.resource_type,
      change: { actions: actionsOf[change!.action] ?? [change!.action] },
    }));
  return { resource_changes: changes };
}

/** Runs init, validate and the offline plan in a fresh working folder; returns the plan JSON text. */
async function validateAndPlan(offlineJson: TerraformJson, name: string, detail: PlanDetail): Promise<string> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `lz-tf-${name}-`));
  try {
    fs.writeFileSync(path.join(workDir, 'cdk.tf.json'), JSON.stringify(offlineJson, null, 2));
    fs.writeFileSync(path.join(workDir, EMPTY_REMOTE_STATE_FILE), EMPTY_REMOTE_STATE);
    await terraform(['init', '-backend=false', '-input=false'], workDir);
    if (detail === 'summary') {
      // `terraform plan` includes an implied validation check (HashiCorp, "terraform validate command":
      // "use the terraform plan command instead, which includes an implied validation check"), so the
      // summary skips the separate validate run and its second provider start.
      const events = await terraform(['plan', '-refresh=false', '-input=false', '-lock=false', '-json'], workDir);
      return JSON.stringify(summaryFromPlanEvents(events));
    }
    await terraform(['validate'], workDir);
    await terraform(['plan', '-refresh=false', '-input=false', '-lock=false', '-out=offline.tfplan'], workDir);
    return await terraform(['show', '-json', 'offline.tfplan'], workDir);
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The plan JSON for an offline stack, shared by content through cacheDir: a full plan also answers
 * a summary request. One process runs Terraform for a given content; others wait for its result
 * (an exclusive lock file), so two test files that plan the same stack pay for it once.
 */
async function cachedPlan(offlineJson: TerraformJson, name: string, detail: PlanDetail, cacheDir: string | undefined): Promise<string> {
  if (!cacheDir) return validateAndPlan(offlineJson, name, detail);
  fs.mkdirSync(cacheDir, { recursive: true });
  const key = createHash('sha256').update(JSON.stringify(offlineJson)).digest('hex');
  const fileOf = (d: PlanDetail) => path.join(cacheDir, `${key}.${d}.json`);
  const acceptable: PlanDetail[] = detail === 'full' ? ['full'] : ['full', 'summary'];
  const lock = path.join(cacheDir, `${key}.${detail}.lock`);
  for (;;) {
    const hit = acceptable.map(fileOf).find((file) => fs.existsSync(file));
    if (hit) return fs.readFileSync(hit, 'utf8');
    let owner = false;
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      owner = true;
    } catch {
      // Another process is planning this content: wait for its result (or for its lock to go).
    }
    if (owner) {
      try {
        const text = await validateAndPlan(offlineJson, name, detail);
        const partial = `${fileOf(detail)}.${process.pid}.tmp`;
        fs.writeFileSync(partial, text);
        fs.renameSync(partial, fileOf(detail));
        return text;
      } finally {
        fs.rmSync(lock, { force: true });
      }
    }
    await sleep(250);
  }
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
  const imports = result.importsSetAside.length > 0 ? `; ${result.importsSetAside.length} import(s) set aside: ${result.importsSetAside.map((i) => `${i.to} <- ${i.id}`).join(', ')}` : '';
  const checks = result.planDetail === 'summary' ? 'offline plan OK (with its implied validation)' : 'terraform validate OK, offline plan OK';
  return `${checks}: ${result.stack} (${result.resourcesPlanned} resources${imports})`;
}
