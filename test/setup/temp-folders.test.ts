// The test run keeps its temporary files in one folder that global-teardown.js removes: every worker
// must see it as its temporary directory, or folders would be left behind in the system's.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

describe('the test run environment', () => {
  it('go under the run folder that the teardown removes', () => {
    const runRoot = process.env.LZ_TEST_RUN_TMP;
    expect(runRoot).toMatch(/lz-test-run-/);
    expect(os.tmpdir()).toBe(runRoot);
    const made = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-probe-'));
    expect(path.dirname(made)).toBe(runRoot);
    fs.rmSync(made, { recursive: true });
  });

  it('cannot reach AWS: no instance-metadata credential source, no real profile or credentials file', () => {
    expect(process.env.AWS_EC2_METADATA_DISABLED).toBe('true');
    expect(process.env.AWS_CONFIG_FILE).toBe('/dev/null');
    expect(process.env.AWS_SHARED_CREDENTIALS_FILE).toBe('/dev/null');
    expect(process.env.AWS_PROFILE).toBeUndefined();
  });
});
