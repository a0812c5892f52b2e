// Preloaded (node --require) into a synth process by the benchmark: on exit, writes the process's
// peak resident memory (kilobytes) to the file named by LZ_BENCH_RSS_FILE.
import * as fs from 'node:fs';

const target = process.env.LZ_BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    fs.writeFileSync(target, String(process.resourceUsage().maxRSS));
  });
}
