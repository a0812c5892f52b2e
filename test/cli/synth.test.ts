// The synth entry point as a user runs it: the compiled program (npm test compiles first), a config
// directory from LZ_CONFIG_DIR, and no output at all when the configuration is invalid.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { copyExampleConfig, editConfigFile } from '../helpers/config-fixtures';

const MAIN = path.resolve(__dirname, '../../dist/main.js');

function synthIn(configDir: string): { status: number | null; stdout: string; stderr: string; cwd: string } {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-synth-cwd-'));
  const result = spawnSync(process.execPath, [MAIN], { cwd, env: { ...process.env, LZ_CONFIG_DIR: configDir }, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, cwd };
}

describe('synth (dist/main.js)', () => {
  it('writes every stack for a valid configuration selected with LZ_CONFIG_DIR', () => {
    const result = synthIn(copyExampleConfig());
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const stacks = fs.readdirSync(path.join(result.cwd, 'cdktf.out', 'stacks')).sort();
    expect(stacks).toEqual(
      expect.arrayContaining([
        'bootstrap',
        'log-archive',
        'management',
        'network',
        'organization',
        'security',
        'workload-analytics-dev',
        'workload-clinical-portal-prod',
      ]),
    );
  });

  it.each([
    [
      'two accounts sharing an email',
      'accounts/analytics-dev.yaml',
      'aws-analytics-dev@',
      'aws-clinical-portal-prod@',
      /clinical-portal-prod\.yaml:3: email: /,
    ],
    [
      'an overlapping CIDR',
      'accounts/analytics-dev.yaml',
      '100.64.8.0/22',
      '100.64.0.0/22',
      /clinical-portal-prod\.yaml:9: cidr: 100\.64\.0\.0\/21 overlaps 100\.64\.0\.0\/22 of account analytics-dev \(.*analytics-dev\.yaml:9\)/,
    ],
  ])('exits non-zero on %s, with file:line messages, no stack trace and no cdktf.out', (_name, file, from, to, expected) => {
    const dir = copyExampleConfig();
    editConfigFile(dir, file, from, to);
    const result = synthIn(dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(expected);
    expect(result.stderr).toMatch(/nothing was synthesized or written/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(path.join(result.cwd, 'cdktf.out'))).toBe(false);
  });
});
