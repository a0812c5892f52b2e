// Synthesizes the app for a configuration directory into a temporary folder and returns every
// stack's Terraform JSON, so tests assert on exactly what Terraform would receive.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readSynthOutput, type SynthOutput, type TerraformJson } from '../../tools/synth/output';
import { breakAbandonedLock } from '../../tools/terraform/result-store';

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

/**
 * Synthesizes a configuration directory and reads the result. Within a test run (LZ_TEST_RUN_TMP, set
 * by the global setup) the output is shared by content: the first test file to synthesize a given
 * configuration (every file under the directory, and every LZ_ setting) writes it once into the run
 * folder, and thirty files that read the example estate pay for one synthesis. The stacks and the
 * manifest are read from that shared copy; a folder of the caller's own (`outdir` when given, else a
 * new temporary folder) is copied only when the caller asks for `outdir`, which it may then change
 * freely (tools run in it, provider overrides are written to it). Most callers only read the JSON, so
 * most never pay for the copy.
 */
let folderCopies = 0;

/** How many caller folders this process has filled from the shared synthesis (for the helper's own test). */
export const synthFolderCopies = (): number => folderCopies;

export function synthConfig(configDir: string = EXAMPLE_CONFIG_DIR, outdir?: string): SynthResult {
  const runFolder = process.env.LZ_TEST_RUN_TMP;
  if (!runFolder) {
    const target = outdir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'lz-synth-'));
    synthesizeInto(configDir, target);
    return readSynthOutput(target);
  }
  const cached = sharedSynthesis(configDir, runFolder);
  const { manifest, stacks } = readSynthOutput(cached);
  let copy: string | undefined;
  const ownCopy = (): string => {
    if (copy === undefined) {
      copy = outdir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'lz-synth-'));
      fs.cpSync(cached, copy, { recursive: true });
      folderCopies += 1;
    }
    return copy;
  };
  // A caller that names its folder expects it to exist on return.
  if (outdir !== undefined) ownCopy();
  return {
    manifest,
    stacks,
    get outdir() {
      return ownCopy();
    },
  };
}

/**
 * The run's one synthesis of a configuration: made by the first caller, waited for by the others. It is
 * kept in LZ_SYNTH_STORE when the global setup names one (a store that outlives the run, under
 * node_modules/.cache; ADR 0014), else in the run folder. The key is the configuration and the program:
 * a synthesis is reused only for the same configuration files, LZ_ settings, source of everything the
 * synthesis runs, locked dependencies and Node version.
 */
function sharedSynthesis(configDir: string, runFolder: string): string {
  const store = process.env.LZ_SYNTH_STORE ?? path.join(runFolder, 'synth-cache');
  const cached = path.join(store, `${configurationKey(configDir)}-${programKey().slice(0, 16)}`);
  fs.mkdirSync(store, { recursive: true });
  const lock = `${cached}.lock`;
  let made = false;
  while (!fs.existsSync(cached)) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
    } catch {
      // Another test file is synthesizing this configuration: wait for it (or take over from a run that died).
      if (!breakAbandonedLock(lock)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
      continue;
    }
    try {
      const partial = `${cached}.${process.pid}.partial`;
      try {
        synthesizeInto(configDir, partial);
        fs.renameSync(partial, cached);
        made = true;
      } finally {
        // A synthesis that failed leaves nothing behind in a store that outlives the run.
        fs.rmSync(partial, { recursive: true, force: true });
      }
    } finally {
      fs.rmSync(lock, { force: true });
    }
  }
  // A read counts as use: the store's pruning keeps what runs still read.
  const now = new Date();
  fs.utimesSync(cached, now, now);
  if (process.env.LZ_TEST_STORE_LOG) fs.appendFileSync(process.env.LZ_TEST_STORE_LOG, made ? 'synthesized\n' : 'synthesis-reused\n');
  return cached;
}

/** The folders and files whose content decides what a synthesis writes, besides the configuration. */
export const PROGRAM_SOURCES = [
  'lib',
  'modules',
  'stacks',
  'policies',
  'main.ts',
  'tools/synth/synthesize.ts',
  'package-lock.json',
  'tsconfig.json',
  'test/helpers/synth.ts',
];

let programDigest: string | undefined;

/** A digest of the program that synthesizes: every file of PROGRAM_SOURCES and the Node version, once per process. */
export function programKey(): string {
  if (programDigest === undefined) {
    const hash = createHash('sha256').update(process.version).update('\0');
    const walk = (entry: string): void => {
      const full = path.join(PROJECT_ROOT, entry);
      if (fs.statSync(full).isDirectory()) {
        for (const name of fs.readdirSync(full).sort()) walk(path.join(entry, name));
      } else {
        hash.update(entry).update('\0').update(fs.readFileSync(full)).update('\0');
      }
    };
    for (const source of PROGRAM_SOURCES) walk(source);
    programDigest = hash.digest('hex');
  }
  return programDigest;
}

/**
 * The synthesis itself, as main.ts does it (tools/synth/synthesize.ts): the output is byte-identical
 * to cdktf's own passes (test/lib/synth/fast-synth.test.ts proves it for the example and a
 * 200-account estate), so every test reads exactly what `npm run synth` writes, in about half the
 * CPU. LZ_FRAMEWORK_SYNTH=1 and LZ_TOKEN_STACK_TRACES=1 opt out as they do for main.ts (and key the
 * shared synthesis apart). Loaded on first use so cached readers skip the framework.
 */
function synthesizeInto(configDir: string, target: string): void {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { synthesizeLandingZone } = require('../../tools/synth/synthesize') as typeof import('../../tools/synth/synthesize');
  const { loadConfig } = require('../../lib/config/load') as typeof import('../../lib/config/load');
  /* eslint-enable @typescript-eslint/no-require-imports */
  synthesizeLandingZone(loadConfig(configDir), target);
}

/** LZ_ settings of the test run itself (where things are kept), which no synthesis reads. */
const RUN_BOOKKEEPING = new Set(['LZ_TEST_RUN_TMP', 'LZ_TERRAFORM_CHECK_CACHE', 'LZ_TEST_STORE_LOG', 'LZ_SYNTH_STORE', 'LZ_TEST_STORE']);

/** A digest of everything a synthesis reads: every file under the configuration and the LZ_ settings. */
function configurationKey(configDir: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) hash.update(path.relative(configDir, full)).update('\0').update(fs.readFileSync(full)).update('\0');
    }
  };
  walk(path.resolve(configDir));
  const settings = Object.entries(process.env)
    .filter(([name]) => name.startsWith('LZ_') && !RUN_BOOKKEEPING.has(name))
    .sort(([a], [b]) => a.localeCompare(b));
  hash.update(JSON.stringify(settings));
  return hash.digest('hex');
}

/**
 * Runs `run` with stack traces formatted as V8 formats them, instead of through the source-map hook
 * Jest installs (jest-runner installs source-map-support in the test file's realm and in its own;
 * Node falls back to the latter when the former has no hook, so both must be bypassed). With
 * cdktf's own behaviour every token constructor captures and formats the whole stack
 * (lib/synth/fast-tokens.ts); under the hook each frame of each capture was looked up in source
 * maps, about a third of the CPU of a synthesis with cdktf's own behaviour in a test
 * (`npm run synth` has no such hook). The traces are still captured and formatted, frame by frame
 * with V8's own CallSite text, and never reach the synthesized JSON.
 */
export function withV8StackTraces<T>(run: () => T): T {
  const hook = Error.prepareStackTrace;
  Error.prepareStackTrace = (error, frames) => [String(error), ...frames.map((frame) => `    at ${String(frame)}`)].join('\n');
  try {
    return run();
  } finally {
    Error.prepareStackTrace = hook;
  }
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
export const EXAMPLE_LOG_ARCHIVE_ACCOUNT_ID =
  '${data.terraform_remote_state.cross-stack-reference-input-organization.outputs.cross-stack-output-aws_organizations_accountaccount-log-archiveid}';

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
