// Entry point of `cdktf synth` / `npm run synth`: validate configuration first, and only when it is
// valid build and synthesize the stacks. Invalid configuration prints every problem and writes
// nothing (no cdktf.out). cdktf's per-token stack-trace capture is switched off first (see
// lib/synth/fast-tokens.ts); it changes no output, only time and memory.
import { buildApp } from './lib/app';
import { reportConfigErrors } from './lib/cli/report';
import { type LoadedConfig, loadConfig, resolveConfigDir } from './lib/config/load';
import { disableTokenStackTraces, tokenStackTracesRequested } from './lib/synth/fast-tokens';

function main(): number {
  if (!tokenStackTracesRequested()) disableTokenStackTraces();
  const configDir = resolveConfigDir();
  let loaded: LoadedConfig | undefined;
  try {
    loaded = loadConfig(configDir);
  } catch (error) {
    return reportConfigErrors(error);
  }
  const outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out';
  const { app } = buildApp(loaded, outdir);
  // The parsed YAML documents (kept only to give problems a line number) are not needed once the
  // stacks exist; dropping them before synth frees about 5 MB per 1,000 accounts.
  loaded = undefined;
  app.synth();
  return 0;
}

process.exitCode = main();
