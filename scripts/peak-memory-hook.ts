// Preloaded (node --require) into a synth process by the benchmark: on exit, writes the process's
// peak resident memory (kilobytes) and CPU time (user + system, microseconds) to the file named by
// LZ_BENCH_RSS_FILE, as JSON. CPU time is reported next to wall time because the benchmark
// machine is shared: wall time includes waiting for a core, CPU time does not.
import * as fs from 'node:fs';

const target = process.env.LZ_BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    fs.writeFileSync(target, JSON.stringify({ maxRssKb: usage.maxRSS, cpuMicros: usage.userCPUTime + usage.systemCPUTime }));
  });
}
