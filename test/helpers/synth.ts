// Synthesizes the app for a configuration directory into a temporary folder and returns every
// stack's Terraform JSON, so tests assert on exactly what Terraform would receive.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildApp } from '../../stacks/app';
import { loadConfig } from '../../lib/config/load';
import { readSynthOutput, type SynthOutput, type TerraformJson } from '../../tools/synth/output';
import { disableTokenStackTraces, tokenStackTracesRequested } from '../../lib/synth/fast-tokens';

/** The repository root, whether this file runs from test/ (jest) or from dist/test/ (scripts). */
export const PROJECT_ROOT = (() => {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
  }
  throw new Error(`no package.json above ${__dirname}`);
})();

export const EXAMPLE_CONFIG_DIR = path.join(PROJECT_ROOT, 'config');

export type { TerraformJson } from '../../tools/synth/output';
export { readSynthOutput } from '../../tools/synth/output';

export type SynthResult = SynthOutput;

export function synthConfig(configDir: string = EXAMPLE_CONFIG_DIR, outdir?: string): SynthResult {
  // As main.ts does: the same output (test/lib/synth/fast-tokens.test.ts proves it), in less time.
  if (!tokenStackTracesRequested()) disableTokenStackTraces();
  const target = outdir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'lz-synth-'));
  buildApp(loadConfig(configDir), target).app.synth();
  return readSynthOutput(target);
}


/**
 * The log-archive account ID as the synthesized stacks spell it: a literal from configuration, or the
 * organization stack's output for an account it creates (the same expression in every stack).
 */
export function logArchiveAccountIdOf(stacks: ReadonlyMap<string, TerraformJson>): string {
  const id = stacks.get('log-archive')?.provider?.aws?.[0]?.allowed_account_ids?.[0];
  if (typeof id !== 'string') throw new Error('no log-archive stack with a pinned account');
  return id;
}

/**
 * The example configuration leaves the log-archive account to the organization stack, so every
 * synthesized stack names its ID through that stack's output, with this same expression.
 */
export const EXAMPLE_LOG_ARCHIVE_ACCOUNT_ID = '${data.terraform_remote_state.cross-stack-reference-input-organization.outputs.cross-stack-output-aws_organizations_accountaccount-log-archiveid}';

/** Every resource of a given Terraform type in a stack, keyed by resource name. */
export function resourcesOfType(stack: TerraformJson, type: string): Record<string, TerraformJson> {
  return (stack.resource?.[type] ?? {}) as Record<string, TerraformJson>;
}

/** Every resource of every stack, as [stack, type, name, body]. */
export function allResources(stacks: ReadonlyMap<string, TerraformJson>): [string, string, string, TerraformJson][] {
  const out: [string, string, string, TerraformJson][] = [];
  for (const [stackName, stack] of stacks) {
    for (const [type, byName] of Object.entries<Record<string, TerraformJson>>(stack.resource ?? {})) {
      for (const [name, body] of Object.entries(byName)) out.push([stackName, type, name, body]);
    }
  }
  return out;
}
