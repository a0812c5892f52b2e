// The test run keeps its temporary files in one folder that global-teardown.js removes: every worker
// must see it as its temporary directory, or folders would be left behind in the system's.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

describe('temporary folders of the test run', () => {
  it('go under the run folder that the teardown removes', () => {
    const runRoot = process.env.LZ_TEST_RUN_TMP;
    expect(runRoot).toMatch(/lz-test-run-/);
    expect(os.tmpdir()).toBe(runRoot);
    const made = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-probe-'));
    expect(path.dirname(made)).toBe(runRoot);
    fs.rmSync(made, { recursive: true });
  });
});
