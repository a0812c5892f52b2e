// The Terraform CLI as the checks run it: the version they need, the provider mirror when this machine
// has one (the registry with a shared plugin cache otherwise), and one call with a clear error when
// Terraform is missing or fails.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

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
    throw new TerraformUnavailableError(
      `Terraform ${version} is too old: the S3 backend's use_lockfile needs Terraform >= ${REQUIRED_TERRAFORM.major}.${REQUIRED_TERRAFORM.minor}.`,
    );
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
let processFolder: string | undefined;

/**
 * This process's folder for Terraform settings and init templates (tools/terraform/init.ts), removed
 * when the process exits so a CLI run leaves nothing in the temporary directory.
 */
export function terraformProcessFolder(): string {
  if (!processFolder) {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-terraform-'));
    // Inside a test run the run's folder holds it and the run removes it (test/setup/global-teardown.js);
    // test files reload this module, and one exit listener per file would pile up on the worker.
    if (!process.env.LZ_TEST_RUN_TMP) process.once('exit', () => fs.rmSync(folder, { recursive: true, force: true }));
    processFolder = folder;
  }
  return processFolder;
}

/**
 * A Terraform CLI configuration for the checks: the mirror when present (no network needed),
 * otherwise the registry with a shared plugin cache so the provider is downloaded once.
 */
function terraformEnv(): NodeJS.ProcessEnv {
  if (!cliConfigFile) {
    const dir = terraformProcessFolder();
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

export async function terraform(args: string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await run('terraform', [...args, '-no-color'], { cwd, env: terraformEnv(), maxBuffer: 512 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`terraform ${args[0]} failed in ${cwd}:\n${failure.stderr || failure.stdout || failure.message}`);
  }
}
