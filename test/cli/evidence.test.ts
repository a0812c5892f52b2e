// `lz evidence`: writes the pack into an empty folder (or over a previous pack), limits the matrices to
// one framework on request, records test outcomes from a Jest result file, exits EXIT_DENIED when a
// provided control's test failed, and refuses bad flags before doing any work.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EXIT_BAD_PLAN, EXIT_CANNOT_CREATE, EXIT_DENIED, EXIT_NO_INPUT, EXIT_USAGE } from '../../cli/exit-codes';
import { runCli } from '../helpers/cli';
import { EXAMPLE_CONFIG_DIR, PROJECT_ROOT, synthConfig } from '../helpers/synth';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-evidence-cli-'));
const synthDir = path.join(scratch, 'synth');
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const TRAIL_TEST = 'has one organization, multi-Region trail with global events and log file validation';
const RETENTION_TEST = 'uses the configured CloudWatch retention';

describe('lz evidence', () => {
  beforeAll(() => {
    synthConfig(EXAMPLE_CONFIG_DIR, synthDir);
  });

  it('writes one framework matrix with test outcomes from a Jest result file, and fails when a cited test failed', async () => {
    const out = path.join(scratch, 'pack');
    fs.mkdirSync(out);
    const results = path.join(scratch, 'jest.json');
    const file = path.join(PROJECT_ROOT, 'test/stacks/management-stack.test.ts');
    fs.writeFileSync(
      results,
      JSON.stringify({
        testResults: [
          {
            name: file,
            assertionResults: [
              { title: TRAIL_TEST, status: 'failed' },
              { title: RETENTION_TEST, status: 'passed' },
            ],
          },
        ],
      }),
    );
    const result = await runCli([
      'evidence',
      '--config',
      EXAMPLE_CONFIG_DIR,
      '--synth',
      synthDir,
      '--out',
      out,
      '--framework',
      'ndg',
      '--test-results',
      results,
      '--commit',
      'abc123',
    ]);
    expect(result.code).toBe(EXIT_DENIED);
    expect(result.stderr).toContain(`organization-trail: test failed: test/stacks/management-stack.test.ts "${TRAIL_TEST}"`);
    const files = fs.readdirSync(out);
    expect(files).toContain('matrix-ndg.md');
    expect(files).not.toContain('matrix-caf.md');
    const readme = fs.readFileSync(path.join(out, 'README.md'), 'utf8');
    expect(readme).toContain('- Commit: abc123');
    expect(readme).toContain('## Not backed');
    expect(fs.readFileSync(path.join(out, 'controls.md'), 'utf8')).toContain(`"${TRAIL_TEST}": failed`);

    // Over the previous pack, without the failing results and for every framework: exit 0, all matrices.
    const again = await runCli(['evidence', '--config', EXAMPLE_CONFIG_DIR, '--synth', synthDir, '--out', out, '--no-commit']);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(fs.readdirSync(out)).toEqual(
      expect.arrayContaining(['matrix-ndg.md', 'matrix-caf.md', 'matrix-dspt.md', 'matrix-ncsc-csp.md', 'matrix-gxp.md']),
    );
    expect(fs.readFileSync(path.join(out, 'README.md'), 'utf8')).toContain('- Commit: not recorded');
  }, 120_000);

  it('refuses bad flags before any work, each with its own exit status', async () => {
    const empty = path.join(scratch, 'empty');
    fs.mkdirSync(empty);
    const notJson = path.join(scratch, 'not.json');
    fs.writeFileSync(notJson, '{"numTests": 1}');
    const call = (...args: string[]) => runCli(['evidence', '--config', EXAMPLE_CONFIG_DIR, ...args]);
    expect((await call('--out', empty, '--framework', 'iso27001')).code).toBe(EXIT_USAGE);
    expect((await call('--out', empty, '--test-results', path.join(scratch, 'missing.json'))).code).toBe(EXIT_NO_INPUT);
    expect((await call('--out', empty, '--test-results', notJson)).code).toBe(EXIT_BAD_PLAN);
    const busy = await call('--out', PROJECT_ROOT);
    expect(busy.code).toBe(EXIT_CANNOT_CREATE);
    expect(busy.stderr).toMatch(/is not empty and does not hold a previous evidence pack/);
    expect((await call('--out', path.join(scratch, 'does-not-exist'))).code).toBe(EXIT_CANNOT_CREATE);
    expect(fs.readdirSync(empty)).toEqual([]);
  });
});
