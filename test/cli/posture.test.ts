// `lz posture`: the table and scores, the exit status against securityPosture.minimumScores, and
// configuration errors reported as file:line before anything is evaluated.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EXIT_CONFIG_INVALID, EXIT_OK, EXIT_POSTURE_BELOW_THRESHOLD } from '../../cli/exit-codes';
import { runCli } from '../helpers/cli';
import { copyExampleConfig, editConfigFile } from '../helpers/config-fixtures';
import { EXAMPLE_CONFIG_DIR, synthConfig } from '../helpers/synth';

describe('lz posture', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-posture-'));
  beforeAll(() => {
    synthConfig(EXAMPLE_CONFIG_DIR, outdir);
  });
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  it('prints every control with its result and the two scores against the thresholds', async () => {
    const result = await runCli(['posture', '--config', EXAMPLE_CONFIG_DIR, '--outdir', outdir]);
    expect(result.stdout).toMatch(/^PASSED {2}Account\.1 /m);
    expect(result.stdout).toMatch(/^PASSED {2}EC2\.23 .*\n {8}suppressed: 1 finding\(s\) by exvalley-lz-hub-transit-gateway-auto-accept$/m);
    expect(result.stdout).toMatch(
      /^AWS Foundational Security Best Practices v1\.0\.0: [\d.]+% \(\d+ of \d+ controls pass\), (meets|BELOW) the threshold of 90%$/m,
    );
    expect(result.stdout).toMatch(
      /^CIS AWS Foundations Benchmark v3\.0\.0: [\d.]+% \(\d+ of \d+ controls pass\), (meets|BELOW) the threshold of 95%$/m,
    );
  });

  it('exits 0 when both scores meet the configured thresholds, and 5 when one is below', async () => {
    const json = JSON.parse((await runCli(['posture', '--config', EXAMPLE_CONFIG_DIR, '--outdir', outdir, '--json'])).stdout);
    const [fsbp, cis] = json.scores.map((score: { score: number }) => score.score);
    const withThresholds = (fsbpMinimum: number, cisMinimum: number) => {
      const dir = copyExampleConfig();
      editConfigFile(
        dir,
        'landing-zone.yaml',
        'minimumScores: { fsbp: 90, cis: 95 }',
        `minimumScores: { fsbp: ${fsbpMinimum}, cis: ${cisMinimum} }`,
      );
      return dir;
    };
    expect((await runCli(['posture', '--config', withThresholds(fsbp, cis), '--outdir', outdir])).code).toBe(EXIT_OK);
    // Thresholds at the example's scores, on an estate without alternate contacts (Account.1 fails in every account).
    const withoutContacts = withThresholds(fsbp, cis);
    editConfigFile(withoutContacts, 'landing-zone.yaml', /\n {2}alternateContacts:\n[\s\S]*?(?=\n {2}minimumScores)/, '');
    expect((await runCli(['posture', '--config', withoutContacts])).code).toBe(EXIT_POSTURE_BELOW_THRESHOLD);
  });

  it('exits 66 with a message, not a stack trace, when --outdir is not a synth output', async () => {
    const result = await runCli(['posture', '--config', EXAMPLE_CONFIG_DIR, '--outdir', os.tmpdir()]);
    expect(result.code).toBe(66);
    expect(result.stderr).toMatch(/^lz: .* is not a cdktf synth output/);
  });

  it('reports an invalid contact with file:line: field and exits 2 without printing a table', async () => {
    const dir = copyExampleConfig();
    editConfigFile(dir, 'landing-zone.yaml', 'phone: +44 20 7946 0000', 'phone: call the SOC');
    const result = await runCli(['posture', '--config', dir, '--outdir', outdir]);
    expect(result.code).toBe(EXIT_CONFIG_INVALID);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/landing-zone\.yaml:\d+: securityPosture\.alternateContacts\.security\.phone: must be 1-25 digits/);
  });
});
