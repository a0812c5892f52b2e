// Synthesizes the landing zone as `npm run synth` (main.ts) does: cdktf's token stack-trace capture
// off (lib/synth/fast-tokens.ts), each stack resolved once (lib/synth/fast-synth.ts) and
// `terraform version` run once (lib/synth/version-check-once.ts). None changes the output
// (test/lib/synth/fast-synth.test.ts), only CPU and memory: a 500-account estate's `app.synth()`
// took 12.2 CPU seconds with cdktf's own passes and 7.1 with these (ADR 0012). Used by every command
// that synthesizes for itself (lz diff, lz affected, lz verify, the reachability matrix) and by the
// tests' synth helper. LZ_FRAMEWORK_SYNTH=1 and LZ_TOKEN_STACK_TRACES=1 opt out as for main.ts.
import type { LoadedConfig } from '../../lib/config/load';
import { disableTokenStackTraces, tokenStackTracesRequested } from '../../lib/synth/fast-tokens';
import { enableSinglePassSynth, frameworkSynthRequested } from '../../lib/synth/fast-synth';
import { checkBinaryVersionsOnce } from '../../lib/synth/version-check-once';
import { buildApp } from '../../stacks/app';

/**
 * Builds the app from validated configuration and synthesizes it into `outdir`. The single-pass
 * synth and the once-only version check are put back afterwards, so a caller that later
 * synthesizes something else gets cdktf's own behaviour; the token stack traces stay off, as in
 * main.ts.
 */
export function synthesizeLandingZone(loaded: LoadedConfig, outdir: string): void {
  if (!tokenStackTracesRequested()) disableTokenStackTraces();
  const restores = frameworkSynthRequested() ? [] : [enableSinglePassSynth(), checkBinaryVersionsOnce()];
  try {
    buildApp(loaded, outdir).app.synth();
  } finally {
    for (const restore of restores.reverse()) restore();
  }
}
