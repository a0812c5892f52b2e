// `npm run check:terraform`: synthesize the configuration (LZ_CONFIG_DIR or ./config) and run the
// real Terraform checks over every stack, printing one line per stack. Exit 1 on any failure.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildApp } from '../stacks/app';
import { reportConfigErrors } from '../cli/report';
import { loadConfig, resolveConfigDir } from '../lib/config/load';
import { checkSynthOutput, TerraformUnavailableError } from '../tools/terraform/check';

async function main(): Promise<number> {
  let loaded;
  try {
    loaded = loadConfig(resolveConfigDir());
  } catch (error) {
    return reportConfigErrors(error);
  }
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-check-'));
  buildApp(loaded, outdir).app.synth();
  try {
    const results = await checkSynthOutput(outdir, {
      artifactsDir: path.resolve('test-artifacts/terraform'),
      log: (line) => process.stdout.write(`${line}\n`),
    });
    process.stdout.write(`${results.length} stacks validated and planned offline; plans in test-artifacts/terraform/\n`);
    return 0;
  } catch (error) {
    if (error instanceof TerraformUnavailableError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    process.stderr.write(`${(error as Error).message}\n`);
    return 1;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

main().then((code) => {
  process.exitCode = code;
});
