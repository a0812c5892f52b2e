// The exit path from cdktf is real (docs/decisions/0507-cdktf-exit-path.md): the same program writes
// plain HCL when SYNTH_HCL_OUTPUT=true (what `cdktf synth --hcl` sets), and that HCL passes
// `terraform validate` and plans offline exactly like the JSON the pipeline uses today. Kept to two
// stacks: bootstrap (validate + plan, compared resource by resource) and organization, whose HCL
// cdktf 0.21 writes wrongly today (a multi-line provisioner command as a quoted string, and policy JSON with unescaped quotes): the test
// pins that defect so the ADR's claim stays true, and fails the day cdktf (or a fix here) repairs it.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { comparePlans, resourceChanges } from '../../tools/delivery/plan-evidence';
import { checkStack, providerMirror } from '../../tools/terraform/check';
import { producerIdentity, resultKey, storedOrProducedSync } from '../../tools/terraform/result-store';
import { type TerraformJson } from '../../tools/synth/output';
import { EXAMPLE_CONFIG_DIR, PROJECT_ROOT, synthConfig } from '../helpers/synth';

const PLACEHOLDER_CREDENTIALS = {
  access_key: 'offline-plan-placeholder',
  secret_key: 'offline-plan-placeholder',
  skip_credentials_validation: true,
  skip_requesting_account_id: true,
  skip_metadata_api_check: true,
  skip_region_validation: true,
};

function terraformEnv(workDir: string): NodeJS.ProcessEnv {
  const mirror = providerMirror();
  const rc = path.join(workDir, '.terraformrc');
  fs.writeFileSync(
    rc,
    mirror
      ? `provider_installation {\n  filesystem_mirror {\n    path    = "${mirror}"\n    include = ["registry.terraform.io/hashicorp/aws"]\n  }\n  direct {\n    exclude = ["registry.terraform.io/hashicorp/aws"]\n  }\n}\n`
      : '',
  );
  return { ...process.env, TF_CLI_CONFIG_FILE: rc, TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1' };
}

function terraform(workDir: string, ...args: string[]): string {
  try {
    return execFileSync('terraform', [...args, '-no-color'], {
      cwd: workDir,
      env: terraformEnv(workDir),
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const failure = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`terraform ${args[0]} failed in ${workDir}:\n${failure.stderr || failure.stdout || failure.message}`);
  }
}

let hclDir: string;
let jsonStacks: ReadonlyMap<string, TerraformJson>;

beforeAll(() => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-eject-'));
  hclDir = path.join(root, 'hcl');
  execFileSync(process.execPath, [path.join(PROJECT_ROOT, 'dist/main.js')], {
    env: { ...process.env, CDKTF_OUTDIR: hclDir, LZ_CONFIG_DIR: EXAMPLE_CONFIG_DIR, SYNTH_HCL_OUTPUT: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The JSON side is the run's shared synthesis of the example (test/helpers/synth.ts): the same
  // program without SYNTH_HCL_OUTPUT, synthesized once for every test file that reads it.
  jsonStacks = synthConfig(EXAMPLE_CONFIG_DIR).stacks;
}, 120_000);

/** A working folder with the stack's HCL and an override that makes it plan offline (backend local, placeholder credentials). */
function hclWorkDir(stack: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `lz-eject-${stack}-`));
  fs.copyFileSync(path.join(hclDir, 'stacks', stack, 'cdk.tf'), path.join(dir, 'cdk.tf'));
  const providers: TerraformJson[] = [jsonStacks.get(stack)!.provider.aws].flat();
  const override = {
    terraform: { backend: { local: { path: 'offline.tfstate' } } },
    // An override attribute set to null is unset: no account check, which would call STS.
    provider: {
      aws: providers.map((provider) => ({
        ...(provider.alias ? { alias: provider.alias } : {}),
        allowed_account_ids: null,
        ...PLACEHOLDER_CREDENTIALS,
      })),
    },
  };
  fs.writeFileSync(path.join(dir, 'zz_offline_override.tf.json'), JSON.stringify(override));
  return dir;
}

/**
 * What `produce` prints for the HCL working folder `dir`, shared by content through the run's Terraform
 * result store (tools/terraform/result-store.ts): the key is the folder's HCL and override, the kind of
 * run, the Terraform and provider identity and this file's source (it runs Terraform itself).
 */
function terraformResult(kind: string, dir: string, produce: () => string): string {
  const inputs = ['cdk.tf', 'zz_offline_override.tf.json'].map((file) => fs.readFileSync(path.join(dir, file), 'utf8'));
  const key = resultKey(kind, inputs, producerIdentity([__filename]));
  return storedOrProducedSync({ dir: process.env.LZ_TERRAFORM_CHECK_CACHE, key }, produce);
}

/**
 * The same stack from the JSON synth, prepared and planned offline exactly as the Terraform test does
 * (tools/terraform/check.ts); the run shares that plan by content, so test/terraform/stacks.test.ts and
 * this file pay for it once.
 */
async function jsonPlan(stack: string): Promise<TerraformJson> {
  const artifacts = fs.mkdtempSync(path.join(os.tmpdir(), `lz-eject-json-${stack}-`));
  return (await checkStack(stack, jsonStacks, artifacts, { planDetail: 'full' })).plan;
}

describe('eject to plain HCL', () => {
  it('every stack synthesizes to HCL (cdk.tf), and no stack is left in JSON', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(hclDir, 'manifest.json'), 'utf8'));
    const stacks = Object.keys(manifest.stacks);
    expect(stacks.sort()).toEqual([...jsonStacks.keys()].sort());
    for (const stack of stacks) {
      expect(fs.existsSync(path.join(hclDir, 'stacks', stack, 'cdk.tf'))).toBe(true);
      expect(fs.existsSync(path.join(hclDir, 'stacks', stack, 'cdk.tf.json'))).toBe(false);
    }
  });

  it('the organization stack’s HCL is rejected by Terraform, for two cdktf defects only: a multi-line provisioner command and unescaped quotes in policy content', () => {
    const dir = hclWorkDir('organization');
    // The expected failure is the result kept: the same HCL fails the same way under the same Terraform.
    const failure = terraformResult('hcl-validate-failure', dir, () => {
      try {
        terraform(dir, 'init', '-backend=false', '-input=false');
        terraform(dir, 'validate');
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    });
    // Each error names its block on the line after "on cdk.tf line N, in ...": split per error.
    const errors = failure
      .split(/(?=Error: )/)
      .filter((block) => block.startsWith('Error: ') && !block.startsWith('Error: Terraform encountered problems during initialisation'));
    expect(errors.length).toBeGreaterThan(0);
    const known = (block: string) =>
      (block.startsWith('Error: Invalid multi-line string') &&
        block.includes('in resource "terraform_data" "stacksets-organizations-access_activation')) ||
      // A guardrail policy's JSON content written inside "..." without escaping its quotes.
      block.includes('in resource "aws_organizations_policy"');
    expect(errors.filter((block) => !known(block))).toEqual([]);
    expect(errors.some((block) => block.includes('in resource "aws_organizations_policy"'))).toBe(true);
  }, 600_000);

  it('the bootstrap stack’s HCL validates and plans offline exactly like its JSON: same resources, actions and planned values', async () => {
    const dir = hclWorkDir('bootstrap');
    const { validation, plan } = JSON.parse(
      terraformResult('hcl-validate-and-plan', dir, () => {
        terraform(dir, 'init', '-input=false');
        const validationOutput = terraform(dir, 'validate');
        terraform(dir, 'plan', '-refresh=false', '-input=false', '-lock=false', '-out=offline.tfplan');
        return JSON.stringify({ validation: validationOutput, plan: JSON.parse(terraform(dir, 'show', '-json', 'offline.tfplan')) });
      }),
    );
    expect(validation).toContain('Success!');
    const fromHcl = plan;
    const fromJson = await jsonPlan('bootstrap');
    expect(resourceChanges(fromHcl).length).toBeGreaterThan(5);
    expect(resourceChanges(fromHcl).map((change) => change.address)).toEqual(resourceChanges(fromJson).map((change) => change.address));
    expect(comparePlans(fromJson, fromHcl)).toEqual([]);
    expect(comparePlans(fromHcl, fromJson)).toEqual([]);
  }, 600_000);
});
