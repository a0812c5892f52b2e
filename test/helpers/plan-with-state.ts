// Real AWS plans with updates, replacements, moves, forgets and deletions, without AWS: the
// synthesized stack is prepared for an offline plan (tools/terraform/offline.ts), given a
// hand-built but schema-valid prior state (format 4), and planned with -refresh=false, so that
// Terraform and the real AWS provider 5.100 compute the actions from that state alone.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EMPTY_REMOTE_STATE, EMPTY_REMOTE_STATE_FILE, prepareOfflineStack, type TerraformJson } from '../../tools/terraform/offline';
import { providerMirror } from '../../tools/terraform/check';
import { producerIdentity, resultKey, storedOrProducedSync } from '../../tools/terraform/result-store';

export interface PriorResource {
  readonly type: string;
  /** Resource name in the Terraform JSON (the construct's unique ID). */
  readonly name: string;
  readonly attributes: Record<string, unknown>;
}

const AWS_PROVIDER = 'provider["registry.terraform.io/hashicorp/aws"]';

export function priorState(resources: readonly PriorResource[]): string {
  return JSON.stringify({
    version: 4,
    terraform_version: '1.11.4',
    serial: 1,
    lineage: 'lz-plan-report-test',
    outputs: {},
    resources: resources.map((resource) => ({
      mode: 'managed',
      type: resource.type,
      name: resource.name,
      provider: AWS_PROVIDER,
      instances: [{ schema_version: 0, attributes: resource.attributes, sensitive_attributes: [] }],
    })),
  });
}

function terraformEnv(workDir: string): NodeJS.ProcessEnv {
  const mirror = providerMirror();
  const rc = path.join(workDir, '.terraformrc');
  const cache = path.join(os.tmpdir(), 'lz-terraform-plugin-cache');
  fs.mkdirSync(cache, { recursive: true });
  fs.writeFileSync(
    rc,
    mirror
      ? `provider_installation {\n  filesystem_mirror {\n    path    = "${mirror}"\n    include = ["registry.terraform.io/hashicorp/aws"]\n  }\n  direct {\n    exclude = ["registry.terraform.io/hashicorp/aws"]\n  }\n}\n`
      : `plugin_cache_dir = "${cache}"\n`,
  );
  return { ...process.env, TF_CLI_CONFIG_FILE: rc, TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1' };
}

export interface PlanWithStateOptions {
  readonly prior: readonly PriorResource[];
  /** Extra top-level blocks merged into the stack, such as `moved` and `removed`. */
  readonly extraBlocks?: TerraformJson;
}

/**
 * Plans `stackName` of a synth output against a prior state and returns `terraform show -json`.
 * Within a test run the result is shared by content through the Terraform result store
 * (LZ_TERRAFORM_CHECK_CACHE, set by the global setup; tools/terraform/result-store.ts): test files that
 * plan the same stack against the same state pay for Terraform once.
 */
export function planWithState(stacks: ReadonlyMap<string, TerraformJson>, stackName: string, options: PlanWithStateOptions): TerraformJson {
  const stack = stacks.get(stackName);
  if (!stack) throw new Error(`no stack ${stackName}`);
  const { json } = prepareOfflineStack(stack, stacks);
  Object.assign(json, options.extraBlocks ?? {});
  const state = priorState(options.prior);
  const content = JSON.stringify(json);
  // This file runs Terraform itself, so its own source is part of the producer identity.
  const key = resultKey('with-state', [content, state], producerIdentity([__filename]));
  return JSON.parse(storedOrProducedSync({ dir: process.env.LZ_TERRAFORM_CHECK_CACHE, key }, () => runPlan(json, state, stackName)));
}

function runPlan(json: TerraformJson, state: string, stackName: string): string {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `lz-plan-${stackName}-`));
  try {
    fs.writeFileSync(path.join(workDir, 'cdk.tf.json'), JSON.stringify(json, null, 2));
    fs.writeFileSync(path.join(workDir, EMPTY_REMOTE_STATE_FILE), EMPTY_REMOTE_STATE);
    fs.writeFileSync(path.join(workDir, 'terraform.tfstate'), state);
    const env = terraformEnv(workDir);
    const tf = (...args: string[]): string => {
      try {
        return execFileSync('terraform', [...args, '-no-color'], {
          cwd: workDir,
          env,
          maxBuffer: 256 * 1024 * 1024,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        });
      } catch (error) {
        const failure = error as { stderr?: string; stdout?: string; message: string };
        throw new Error(`terraform ${args[0]} failed for ${stackName}:\n${failure.stderr || failure.stdout || failure.message}`);
      }
    };
    tf('init', '-backend=false', '-input=false');
    tf('plan', '-refresh=false', '-input=false', '-lock=false', '-out=test.tfplan');
    return tf('show', '-json', 'test.tfplan');
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}
