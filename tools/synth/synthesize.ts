// In-process synthesis for the `lz` commands that need the synthesized Terraform (access, backup-report,
// connection-summary, evidence, posture, diff, affected, verify): the same output as `npm run synth`
// (main.ts), made the same way.
//
// Why one function: the commands used to call `buildApp(...).app.synth()` with cdktf's defaults, so
// each of them spawned `terraform version` once per imported resource (six times for the example
// estate) and resolved every stack three times, where main.ts does neither (lib/synth/). Measured on
// the example estate, in one process: 0.8-0.9 s of CPU plus six `terraform version` processes per
// synthesis before; 0.4-0.5 s after, with two `terraform version` runs in the process's first
// synthesis and none in later ones.
//
// The stacks, cdktf and the provider classes are required inside the function, not at the top:
// commands that never synthesize (validate, vend, plan-report, ...) do not load them (`lz --help`
// went from 1.16 to 0.52 s of CPU).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { LoadedConfig } from '../../lib/config/load';
import { readSynthOutput, type TerraformJson } from './output';

/**
 * Switches on what main.ts switches on before it synthesizes: no per-token stack traces (unless
 * LZ_TOKEN_STACK_TRACES=1), one resolve pass per stack and one `terraform version` per process (unless
 * LZ_FRAMEWORK_SYNTH=1). None changes the output (test/lib/synth/ proves it). Returns what puts cdktf's
 * own passes and version check back; each is a no-op when they were already switched on.
 */
function switchOnSpeedups(): (() => void)[] {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const tokens = require('../../lib/synth/fast-tokens') as typeof import('../../lib/synth/fast-tokens');
  const singlePass = require('../../lib/synth/fast-synth') as typeof import('../../lib/synth/fast-synth');
  const versionCheck = require('../../lib/synth/version-check-once') as typeof import('../../lib/synth/version-check-once');
  /* eslint-enable @typescript-eslint/no-require-imports */
  if (!tokens.tokenStackTracesRequested()) tokens.disableTokenStackTraces();
  return singlePass.frameworkSynthRequested() ? [] : [singlePass.enableSinglePassSynth(), versionCheck.checkBinaryVersionsOnce()];
}

/** Switches main.ts's speed-ups on for the rest of the process (main.ts and every `lz` command). */
export function useSynthSpeedups(): void {
  switchOnSpeedups();
}

/** Synthesizes the estate into `outdir` (cdktf's manifest.json and stacks/<stack>/cdk.tf.json). */
export function synthesizeInto(loaded: LoadedConfig, outdir: string): void {
  useSynthSpeedups();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildApp } = require('../../stacks/app') as typeof import('../../stacks/app');
  buildApp(loaded, outdir).app.synth();
}

/** Synthesizes the estate into a temporary directory, removed afterwards, and returns every stack's Terraform JSON. */
export function synthesizeStacks(loaded: LoadedConfig): Map<string, TerraformJson> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-synth-'));
  try {
    synthesizeInto(loaded, outdir);
    return new Map(readSynthOutput(outdir).stacks);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * Synthesizes like synthesizeInto, but puts cdktf's own single-pass synth and version check back
 * afterwards (token stack traces stay off, as in main.ts): for the tests' synth helper, whose test
 * files may later synthesize a single stack with cdktf's own behaviour (Testing.synth). A 500-account
 * estate's `app.synth()` took 12.2 CPU seconds with cdktf's own passes and 7.1 with these (ADR 0012).
 */
export function synthesizeLandingZone(loaded: LoadedConfig, outdir: string): void {
  const restores = switchOnSpeedups();
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { buildApp } = require('../../stacks/app') as typeof import('../../stacks/app');
    buildApp(loaded, outdir).app.synth();
  } finally {
    for (const restore of restores.reverse()) restore();
  }
}
