// The AWS SDK is loaded only by `lz verify`: every other command, and synth, runs without it (the
// SDK clients add hundreds of modules to a process). Checked on the compiled CLI, as users run it
// (npm test compiles first).
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const CLI_MAIN = path.resolve(__dirname, '../../dist/cli/main.js');
const CONFIG_DIR = path.resolve(__dirname, '../../config');

/** Runs the compiled CLI in a fresh process and returns the AWS SDK modules it loaded. */
function sdkModulesLoadedBy(args: readonly string[]): { status: number; sdkModules: string[] } {
  const script = `require(${JSON.stringify(CLI_MAIN)}).run(['node', 'lz', ...${JSON.stringify(args)}]).then((code) => {
    const loaded = Object.keys(require.cache).filter((file) => file.includes('/@aws-sdk/'));
    process.stdout.write(JSON.stringify({ status: code, sdkModules: loaded }));
  });`;
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  const marker = result.stdout.lastIndexOf('{"status"');
  if (marker < 0) throw new Error(`the CLI printed no result: ${result.stderr}`);
  return JSON.parse(result.stdout.slice(marker));
}

describe('lazy loading of the AWS SDK', () => {
  it('lz validate runs without loading any AWS SDK module', () => {
    const { status, sdkModules } = sdkModulesLoadedBy(['validate', '--config', CONFIG_DIR]);
    expect(status).toBe(0);
    expect(sdkModules).toEqual([]);
  });

  it('lz verify --help lists the command without loading the SDK', () => {
    const { status, sdkModules } = sdkModulesLoadedBy(['verify', '--help']);
    expect(status).toBe(0);
    expect(sdkModules).toEqual([]);
  });
});
