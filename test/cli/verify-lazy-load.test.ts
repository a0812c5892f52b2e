// The AWS SDK is loaded only by `lz verify`: every other command, and synth, runs without it (the
// SDK clients add hundreds of modules to a process). Likewise cdktf and the provider classes (more
// than half of `lz --help`'s CPU time before) are loaded only by the commands that synthesize. Checked
// on the compiled CLI, as users run it (npm test compiles first).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { copyExampleConfig, editConfigFile } from '../helpers/config-fixtures';

const CLI_MAIN = path.resolve(__dirname, '../../dist/cli/main.js');
const SYNTH_MAIN = path.resolve(__dirname, '../../dist/main.js');
const CONFIG_DIR = path.resolve(__dirname, '../../config');

/** Runs the compiled CLI in a fresh process and returns the files of every module it loaded. */
function modulesLoadedBy(args: readonly string[]): { status: number; modules: string[] } {
  const script = `require(${JSON.stringify(CLI_MAIN)}).run(['node', 'lz', ...${JSON.stringify(args)}]).then((code) => {
    process.stdout.write(JSON.stringify({ status: code, modules: Object.keys(require.cache) }));
  });`;
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  const marker = result.stdout.lastIndexOf('{"status"');
  if (marker < 0) throw new Error(`the CLI printed no result: ${result.stderr}`);
  return JSON.parse(result.stdout.slice(marker));
}

/** The AWS SDK modules a CLI call loads. */
function sdkModulesLoadedBy(args: readonly string[]): { status: number; sdkModules: string[] } {
  const { status, modules } = modulesLoadedBy(args);
  return { status, sdkModules: modules.filter((file) => file.includes('/@aws-sdk/')) };
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

describe('lazy loading of cdktf and the provider classes', () => {
  it('lz validate and lz --help load neither; lz access, which synthesizes, loads both', () => {
    const framework = (modules: string[]) => modules.filter((file) => /\/node_modules\/(cdktf|@cdktf\/provider-aws)\//.test(file));
    for (const args of [['validate', '--config', CONFIG_DIR], ['--help']]) {
      const { status, modules } = modulesLoadedBy(args);
      expect({ args, status, frameworkModules: framework(modules) }).toEqual({ args, status: 0, frameworkModules: [] });
    }
    // The check can see them: a command that synthesizes loads both.
    const access = framework(modulesLoadedBy(['access', '--config', CONFIG_DIR]).modules);
    expect(access.some((file) => file.includes('/node_modules/cdktf/'))).toBe(true);
    expect(access.some((file) => file.includes('/@cdktf/provider-aws/'))).toBe(true);
  });

  it('synth (dist/main.js) reports an invalid configuration without loading either', () => {
    const configDir = copyExampleConfig();
    editConfigFile(configDir, 'accounts/analytics-dev.yaml', '100.64.8.0/22', '100.64.0.0/22');
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-synth-lazy-'));
    const script = `process.on('exit', () => process.stdout.write(JSON.stringify(Object.keys(require.cache)))); require(${JSON.stringify(SYNTH_MAIN)});`;
    const result = spawnSync(process.execPath, ['-e', script], {
      cwd,
      env: { ...process.env, LZ_CONFIG_DIR: configDir },
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/overlaps/);
    const modules: string[] = JSON.parse(result.stdout);
    expect(modules.some((file) => file.endsWith(`${path.sep}config${path.sep}load.js`))).toBe(true);
    expect(modules.filter((file) => /\/node_modules\/(cdktf|@cdktf\/provider-aws)\//.test(file))).toEqual([]);
  });
});
