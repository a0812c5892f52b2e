// `npm run bench`: synth wall time and peak memory of the compiled synth program (dist/main.js, as
// `npm run synth` runs it, excluding install and compile) for the example configuration and for
// generated estates of 50, 200 and 1,000 workload accounts. Prints a table; asserts nothing.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EXAMPLE_CONFIG_DIR } from '../test/helpers/synth';
import { generateConfig } from '../test/helpers/config-fixtures';

const MAIN = path.resolve(__dirname, '../main.js');
const HOOK = path.resolve(__dirname, 'peak-memory-hook.js');
const RUNS = Number(process.env.LZ_BENCH_RUNS ?? 3);

interface Measurement {
  readonly seconds: number;
  readonly peakMb: number;
  readonly stacks: number;
}

function synthOnce(configDir: string): Measurement {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-bench-'));
  const rssFile = path.join(work, 'rss');
  const outdir = path.join(work, 'cdktf.out');
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--require', HOOK, MAIN], {
    env: { ...process.env, LZ_CONFIG_DIR: configDir, CDKTF_OUTDIR: outdir, LZ_BENCH_RSS_FILE: rssFile },
    encoding: 'utf8',
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`synth failed for ${configDir}:\n${result.stderr}`);
  const measurement = {
    seconds,
    peakMb: Number(fs.readFileSync(rssFile, 'utf8')) / 1024,
    stacks: fs.readdirSync(path.join(outdir, 'stacks')).length,
  };
  fs.rmSync(work, { recursive: true, force: true });
  return measurement;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const cases: { name: string; dir: () => string; target: string }[] = [
  { name: 'example (2 workload accounts)', dir: () => EXAMPLE_CONFIG_DIR, target: '< 1.5 s, < 250 MB' },
  { name: '50 workload accounts', dir: () => generateConfig(50), target: '' },
  { name: '200 workload accounts', dir: () => generateConfig(200), target: '' },
  { name: '1,000 workload accounts', dir: () => generateConfig(1000), target: '< 30 s, < 1.5 GB' },
];

const rows = cases.map(({ name, dir, target }) => {
  const configDir = dir();
  const runs = Array.from({ length: RUNS }, () => synthOnce(configDir));
  return {
    name,
    stacks: runs[0].stacks,
    seconds: median(runs.map((run) => run.seconds)),
    peakMb: Math.max(...runs.map((run) => run.peakMb)),
    target,
  };
});

process.stdout.write(`Synth of the compiled program (node dist/main.js), median of ${RUNS} runs; peak RSS is the maximum.\n`);
process.stdout.write(`Machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}\n\n`);
process.stdout.write('| configuration | stacks | synth wall time | peak memory | target |\n|---|---:|---:|---:|---|\n');
for (const row of rows) {
  process.stdout.write(`| ${row.name} | ${row.stacks} | ${row.seconds.toFixed(2)} s | ${row.peakMb.toFixed(0)} MB | ${row.target} |\n`);
}
