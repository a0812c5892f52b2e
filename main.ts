// Entry point of `cdktf synth` / `npm run synth`: validate configuration first, and only when it is
// valid build and synthesize the stacks. Invalid configuration prints every problem and writes
// nothing (no cdktf.out), without loading cdktf or the stacks. Before synthesizing, cdktf's per-token
// stack-trace capture is switched off (see lib/synth/fast-tokens.ts), each stack is resolved once
// instead of three times (lib/synth/fast-synth.ts) and `terraform version` runs once, not once per
// imported resource (lib/synth/version-check-once.ts), as for the lz commands
// (tools/synth/synthesize.ts); none changes the output, only time and memory.
import { reportConfigErrors } from './cli/report';
import { type LoadedConfig, loadConfig, resolveConfigDir } from './lib/config/load';
import { useSynthSpeedups } from './tools/synth/synthesize';

function main(): number {
  const configDir = resolveConfigDir();
  let loaded: LoadedConfig | undefined;
  try {
    loaded = loadConfig(configDir);
  } catch (error) {
    return reportConfigErrors(error);
  }
  // cdktf's own CLI sets CDKTF_OUTDIR and prints its own summary; `npm run synth` does not.
  const runByCdktfCli = process.env.CDKTF_OUTDIR !== undefined;
  const outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out';
  useSynthSpeedups();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildApp } = require('./stacks/app') as typeof import('./stacks/app');
  const { app } = buildApp(loaded, outdir);
  // The parsed YAML documents (kept only to give problems a line number) are not needed once the
  // stacks exist; dropping them before synth frees about 5 MB per 1,000 accounts.
  loaded = undefined;
  app.synth();
  if (!runByCdktfCli)
    process.stdout.write(
      synthSummary(
        app.node.children.map((child) => child.node.id),
        outdir,
      ),
    );
  return 0;
}

/** What `npm run synth` wrote and what to do next. */
function synthSummary(stacks: readonly string[], outdir: string): string {
  return [
    `Synthesized ${stacks.length} stacks into ${outdir}/stacks/: ${stacks.join(', ')}`,
    'Next: npm test (unit, simulation and offline Terraform checks), or review changes with `npx lz diff --base origin/main`;',
    'deploy with `npx cdktf deploy <stack>` in the order of `npx lz stack-order` (docs/delivery.md).',
    '',
  ].join('\n');
}

process.exitCode = main();
