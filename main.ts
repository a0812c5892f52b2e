// Entry point of `cdktf synth` / `npm run synth`: validate configuration first, and only when it is
// valid build and synthesize the stacks. Invalid configuration prints every problem and writes
// nothing (no cdktf.out).
import { buildApp } from './stacks/app';
import { reportConfigErrors } from './cli/report';
import { loadConfig, resolveConfigDir } from './lib/config/load';

function main(): number {
  const configDir = resolveConfigDir();
  let loaded;
  try {
    loaded = loadConfig(configDir);
  } catch (error) {
    return reportConfigErrors(error);
  }
  const outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out';
  buildApp(loaded, outdir).app.synth();
  return 0;
}

process.exitCode = main();
