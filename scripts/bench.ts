// `npm run bench`: synth wall time and peak memory of the compiled synth program (dist/main.js, as
// `npm run synth` and `cdktf synth` run it, excluding install and compile) against the framework's
// floor, for the example configuration and generated estates of 50, 200 and 1,000 workload accounts.
//
// The floor (scripts/bench-floor.ts) is a bare cdktf program generated from our own synthesized
// output of that size: the same stacks, providers, resource types, counts and attributes, on the
// unmodified framework. Ours and the floor run alternately in the same process tree, RUNS times each
// (LZ_BENCH_RUNS, default 3); the table shows medians and their ratio. On a shared machine the
// absolute times are noisy, the ratio is the figure. LZ_BENCH_SIZES (e.g. "example,50") picks sizes.
// Prints a table; asserts only that the floor reproduces our resource counts per stack.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EXAMPLE_CONFIG_DIR } from '../test/helpers/synth';
import { generateConfig } from '../test/helpers/config-fixtures';
import { resourceCounts, writeFloorProgram } from './bench-floor';

const MAIN = path.resolve(__dirname, '../main.js');
const HOOK = path.resolve(__dirname, 'peak-memory-hook.js');
const RUNS = Number(process.env.LZ_BENCH_RUNS ?? 3);

interface Measurement {
  /** Wall time of the whole process, start-up included. */
  readonly seconds: number;
  /** User + system CPU time of the process: unlike wall time, not inflated by waiting for a core. */
  readonly cpuSeconds: number;
  readonly peakMb: number;
}

/** Runs one synth program (ours or the floor) into `outdir` and measures it. */
function synthOnce(program: string, outdir: string, configDir: string): Measurement {
  fs.rmSync(outdir, { recursive: true, force: true });
  const rssFile = `${outdir}.rss`;
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--require', HOOK, program], {
    env: { ...process.env, LZ_CONFIG_DIR: configDir, CDKTF_OUTDIR: outdir, LZ_BENCH_RSS_FILE: rssFile },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`${program} failed for ${configDir}:\n${result.stderr}`);
  const usage = JSON.parse(fs.readFileSync(rssFile, 'utf8')) as { maxRssKb: number; cpuMicros: number };
  return { seconds, cpuSeconds: usage.cpuMicros / 1e6, peakMb: usage.maxRssKb / 1024 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function sameCounts(ours: Map<string, Map<string, number>>, floor: Map<string, Map<string, number>>): string | undefined {
  if (ours.size !== floor.size) return `${ours.size} stacks vs ${floor.size}`;
  for (const [stack, byType] of ours) {
    const other = floor.get(stack);
    if (!other) return `floor has no stack ${stack}`;
    for (const [type, count] of byType) if (other.get(type) !== count) return `${stack}: ${type} ${count} vs ${other.get(type)}`;
    if (other.size !== byType.size) return `${stack}: ${byType.size} types vs ${other.size}`;
  }
  return undefined;
}

const cases: { key: string; name: string; dir: () => string; target?: { ratio: number; memory: boolean } }[] = [
  { key: 'example', name: 'example (2 workload accounts)', dir: () => EXAMPLE_CONFIG_DIR, target: { ratio: 1.2, memory: false } },
  { key: '50', name: '50 workload accounts', dir: () => generateConfig(50) },
  { key: '200', name: '200 workload accounts', dir: () => generateConfig(200) },
  { key: '1000', name: '1,000 workload accounts', dir: () => generateConfig(1000), target: { ratio: 1.0, memory: true } },
];
const wanted = process.env.LZ_BENCH_SIZES?.split(',');

const rows = cases
  .filter(({ key }) => !wanted || wanted.includes(key))
  .map(({ name, dir, target }) => {
    const configDir = dir();
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-bench-'));
    try {
      const oursOut = path.join(work, 'ours.out');
      const floorOut = path.join(work, 'floor.out');
      const floorProgram = path.join(work, 'floor.js');
      // Warm-up run of each, which also yields the estate the floor is generated from and a check
      // that the floor builds the same resources.
      synthOnce(MAIN, oursOut, configDir);
      const expected = resourceCounts(oursOut);
      writeFloorProgram(oursOut, floorProgram);
      synthOnce(floorProgram, floorOut, configDir);
      const mismatch = sameCounts(expected, resourceCounts(floorOut));
      if (mismatch) throw new Error(`bench floor does not reproduce the estate (${name}): ${mismatch}`);
      const resources = [...expected.values()].reduce((sum, byType) => sum + [...byType.values()].reduce((a, b) => a + b, 0), 0);
      const ours: Measurement[] = [];
      const floor: Measurement[] = [];
      for (let run = 0; run < RUNS; run += 1) {
        ours.push(synthOnce(MAIN, oursOut, configDir));
        floor.push(synthOnce(floorProgram, floorOut, configDir));
      }
      const row = {
        name,
        stacks: expected.size,
        resources,
        oursSeconds: median(ours.map((m) => m.seconds)),
        floorSeconds: median(floor.map((m) => m.seconds)),
        oursCpu: median(ours.map((m) => m.cpuSeconds)),
        floorCpu: median(floor.map((m) => m.cpuSeconds)),
        oursMb: median(ours.map((m) => m.peakMb)),
        floorMb: median(floor.map((m) => m.peakMb)),
        target,
      };
      const each = (runs: Measurement[]) =>
        runs.map((m) => `${m.seconds.toFixed(2)}s/${m.cpuSeconds.toFixed(2)}cpu/${m.peakMb.toFixed(0)}MB`).join(' ');
      process.stderr.write(`${name}: ours ${each(ours)}; floor ${each(floor)}\n`);
      return row;
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
      if (configDir !== EXAMPLE_CONFIG_DIR) fs.rmSync(configDir, { recursive: true, force: true });
    }
  });

process.stdout.write(
  `Synth of the compiled program (node dist/main.js) against the bare-framework floor, alternating, median of ${RUNS} runs each.\n`,
);
process.stdout.write(`Machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}\n\n`);
process.stdout.write(
  'Wall time is the figure of the targets; CPU time (user + system) is shown because a shared machine inflates wall time.\n\n',
);
process.stdout.write(
  '| configuration | stacks | resources | ours | floor | time ratio | ours CPU | floor CPU | CPU ratio | ours peak | floor peak | memory ratio | target |\n',
);
process.stdout.write('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n');
for (const row of rows) {
  const timeRatio = row.oursSeconds / row.floorSeconds;
  const memoryRatio = row.oursMb / row.floorMb;
  const target = row.target
    ? `time ≤ ${row.target.ratio.toFixed(1)}${row.target.memory ? ', memory ≤ 1.0' : ''}: ${
        timeRatio <= row.target.ratio && (!row.target.memory || memoryRatio <= 1) ? 'met' : 'NOT met'
      }`
    : '';
  process.stdout.write(
    `| ${row.name} | ${row.stacks} | ${row.resources} | ${row.oursSeconds.toFixed(2)} s | ${row.floorSeconds.toFixed(2)} s | ${timeRatio.toFixed(2)} | ` +
      `${row.oursCpu.toFixed(2)} s | ${row.floorCpu.toFixed(2)} s | ${(row.oursCpu / row.floorCpu).toFixed(2)} | ` +
      `${row.oursMb.toFixed(0)} MB | ${row.floorMb.toFixed(0)} MB | ${memoryRatio.toFixed(2)} | ${target} |\n`,
  );
}
