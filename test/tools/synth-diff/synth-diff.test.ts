// lz diff on real synth outputs: the example configuration against a copy that vends an account,
// changes a policy (a renamed break-glass role changes guardrail and pipeline policies) and drops
// the second Region; plus one run through git (`--base HEAD`).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { changedPaths, diffSynthOutputs, renderSynthDiff, synthAtRef, type StackDiff } from '../../../tools/synth-diff/synth-diff';
import { runCli } from '../../helpers/cli';
import { copyExampleConfig, editConfigFile } from '../../helpers/config-fixtures';
import { synthConfig } from '../../helpers/synth';

const VEND = `name: radiology-prod
email: aws-radiology-prod@example.nhs.uk
ou: Workloads/Production
owner: radiology-team@example.nhs.uk
costCentre: CC-3001
classification: OFFICIAL-SENSITIVE
hscn: false
cidr: 100.64.16.0/22
status: active
`;

function byStack(diffs: readonly StackDiff[]): Map<string, StackDiff> {
  return new Map(diffs.map((diff) => [diff.stack, diff]));
}

describe('diffSynthOutputs on two real synth outputs', () => {
  let diffs: Map<string, StackDiff>;
  let baseDir: string;
  let headDir: string;

  beforeAll(() => {
    baseDir = synthConfig().outdir;
    const config = copyExampleConfig();
    fs.writeFileSync(path.join(config, 'accounts', 'radiology-prod.yaml'), VEND);
    editConfigFile(config, 'landing-zone.yaml', 'breakGlass: LandingZoneBreakGlass', 'breakGlass: LandingZoneEmergencyAccess');
    editConfigFile(config, 'landing-zone.yaml', 'allowedRegions: [eu-west-2, eu-west-1]', 'allowedRegions: [eu-west-2]');
    headDir = synthConfig(config).outdir;
    // A bucket deleted from the code: the state bucket's construct removed from the head output,
    // as a pull request deleting the SecureBucket would synthesize it.
    const bootstrapFile = path.join(headDir, 'stacks/bootstrap/cdk.tf.json');
    const bootstrap = JSON.parse(fs.readFileSync(bootstrapFile, 'utf8'));
    for (const name of Object.keys(bootstrap.resource.aws_s3_bucket))
      if (name.startsWith('state-bucket')) delete bootstrap.resource.aws_s3_bucket[name];
    fs.writeFileSync(bootstrapFile, JSON.stringify(bootstrap));
    diffs = byStack(diffSynthOutputs(baseDir, headDir));
  });

  it('a vend adds the workload stack and the account in the organization stack', () => {
    expect(diffs.get('workload-radiology-prod')?.status).toBe('added');
    expect(diffs.get('workload-radiology-prod')?.added).toEqual(expect.arrayContaining(['aws_iam_role.baseline_plan-role_F7FA1BE3']));
    const organization = diffs.get('organization');
    expect(organization?.status).toBe('changed');
    expect(organization?.added).toContain('aws_organizations_account.account-radiology-prod');
  });

  it('a policy change is reported with the changed statement path inside the policy document', () => {
    const pipeline = diffs.get('pipeline');
    const guard = pipeline?.changed.find((change) => change.address === 'aws_iam_role_policy.apply-role-guard');
    expect(guard?.paths).toEqual(['policy{Statement[2].Resource}']);
    const plan = pipeline?.changed.find((change) => change.address === 'aws_iam_role_policy.plan-role-policy');
    expect(plan?.paths).toEqual(['policy{Statement[5].Resource[1]}']);
  });

  it('a removed bucket and the resources of a dropped Region are reported as removed', () => {
    const bootstrap = diffs.get('bootstrap');
    expect(bootstrap?.status).toBe('changed');
    expect(bootstrap?.removed).toEqual(['aws_s3_bucket.state-bucket_828F7150']);
    const workload = diffs.get('workload-clinical-portal-prod');
    expect(workload?.removed).toContainEqual(expect.stringMatching(/^aws_default_vpc\.baseline_default-vpc-euw1_vpc_[0-9A-F]{8}$/));
    expect(workload?.removed.some((address) => address.includes('euw1'))).toBe(true);
    expect(workload?.removed.every((address) => address.includes('euw1'))).toBe(true);
    expect(workload?.settingsChanged.some((setting) => setting.startsWith('provider.aws'))).toBe(true);
  });

  it('identical outputs give no changes', () => {
    const same = diffSynthOutputs(baseDir, baseDir);
    expect(same.every((diff) => diff.status === 'unchanged')).toBe(true);
    expect(renderSynthDiff(same, 'origin/main')).toContain('No stack changes');
  });

  it('renders the removal first and names every changed stack', () => {
    const markdown = renderSynthDiff([...diffs.values()], 'origin/main');
    expect(markdown).toContain('| workload-radiology-prod | added |');
    expect(markdown).toContain('- **removed** `aws_s3_bucket.state-bucket_828F7150`');
    expect(markdown).toContain('`policy{Statement[2].Resource}`');
  });

  it('compares policy documents by content, not by their formatting', () => {
    expect(changedPaths('{"a": [1, 2]}', '{"a":[1,2]}')).toEqual([]);
    expect(changedPaths({ policy: '{"Statement":[{"Action":"s3:Get*"}]}' }, { policy: '{"Statement":[{"Action":"s3:*"}]}' })).toEqual([
      'policy{Statement[0].Action}',
    ]);
    expect(changedPaths({ a: 1 }, { a: 1, b: 2 })).toEqual(['b']);
  });
});

describe('lz diff through git', () => {
  it('synthesizes a git ref from an archive and reports the difference to the working tree', async () => {
    // The base uses a configuration (outside the repository) that vends one more account.
    const config = copyExampleConfig();
    fs.writeFileSync(path.join(config, 'accounts', 'radiology-prod.yaml'), VEND);
    const base = synthAtRef('HEAD', { configDir: config });
    try {
      const diffs = byStack(diffSynthOutputs(base.outdir, synthConfig().outdir));
      expect(diffs.get('workload-radiology-prod')?.status).toBe('removed');
      expect(diffs.get('organization')?.removed).toContain('aws_organizations_account.account-radiology-prod');
      // Only main.ts and what it imports were compiled for the synthesis, not the ref's tests.
      expect(fs.existsSync(path.join(base.root, 'src', 'dist', 'main.js'))).toBe(true);
      expect(fs.existsSync(path.join(base.root, 'src', 'dist', 'test'))).toBe(false);
    } finally {
      fs.rmSync(base.root, { recursive: true, force: true });
    }
    expect(fs.existsSync(base.root)).toBe(false);
  });

  it('refuses an unknown ref and a missing --base', async () => {
    const unknown = await runCli(['diff', '--base', 'no-such-ref-xyz']);
    expect(unknown.code).toBe(64);
    expect(unknown.stderr).toContain('git ref no-such-ref-xyz does not exist');
    expect((await runCli(['diff'])).code).toBe(64);
  });
});
