// Stack waves from cdktf's manifest and the provider override the workflows apply.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { localStateStacks, OVERRIDE_FILE, providerOverride, stackWaves, writeProviderOverride } from '../../../tools/delivery/pipeline-run';
import { copyExampleConfig, editConfigFile } from '../../helpers/config-fixtures';
import { runCli } from '../../helpers/cli';
import { synthConfig, type SynthResult } from '../../helpers/synth';

describe('stackWaves', () => {
  let synth: SynthResult;
  beforeAll(() => {
    synth = synthConfig();
  });

  it('orders the real manifest so that every stack comes after its dependencies', () => {
    const waves = stackWaves(synth.manifest);
    const position = new Map(waves.flatMap((wave, index) => wave.map((stack) => [stack, index] as const)));
    expect([...position.keys()].sort()).toEqual([...synth.stacks.keys()].sort());
    for (const [name, stack] of Object.entries<{ dependencies: string[] }>(synth.manifest.stacks)) {
      for (const dependency of stack.dependencies) expect(position.get(dependency)!).toBeLessThan(position.get(name)!);
    }
    expect(waves[0]).toEqual(['bootstrap']);
    // Independent stacks share a wave: both workloads are planned in parallel.
    expect(waves.find((wave) => wave.includes('workload-analytics-dev'))).toContain('workload-clinical-portal-prod');
  });

  it('leaves out excluded stacks and the dependencies on them', () => {
    const waves = stackWaves(synth.manifest, ['bootstrap']);
    expect(waves.flat()).not.toContain('bootstrap');
    expect(waves[0]).toEqual(['organization']);
  });

  it('leaves out stacks on local state: bootstrap until its state moves into S3', async () => {
    expect(localStateStacks(synth.outdir, synth.manifest)).toEqual(['bootstrap']);
    const result = await runCli(['stack-order', '--outdir', synth.outdir, '--exclude-local-state']);
    expect(result.stdout.split('\n')[0]).toBe('organization');
    const migrated = copyExampleConfig();
    editConfigFile(migrated, 'landing-zone.yaml', /\n\n(pipeline:)/, '\n\nstate:\n  bootstrapStateInS3: true\n\n$1');
    const after = synthConfig(migrated);
    expect(localStateStacks(after.outdir, after.manifest)).toEqual([]);
  });

  it('refuses cycles and unknown dependencies', () => {
    expect(() => stackWaves({ stacks: { a: { dependencies: ['b'] }, b: { dependencies: ['a'] } } })).toThrow(/cycle/);
    expect(() => stackWaves({ stacks: { a: { dependencies: ['z'] } } })).toThrow(/unknown stack z/);
  });

  it('lz stack-order prints one wave per line', async () => {
    const result = await runCli(['stack-order', '--outdir', synth.outdir, '--exclude', 'bootstrap']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')[0]).toBe('organization');
    expect((await runCli(['stack-order', '--outdir', '/nonexistent'])).code).toBe(64);
  });
});

describe('providerOverride', () => {
  let synth: SynthResult;
  beforeAll(() => {
    synth = synthConfig();
  });

  it('switches member-account providers to the plan role in the same account, in both Regions', () => {
    const network = synth.stacks.get('network')!;
    const override = providerOverride(network, { role: 'lz-plan-readonly' });
    expect(override.provider.aws).toHaveLength(2);
    for (const [index, block] of override.provider.aws.entries()) {
      const original = network.provider.aws[index].assume_role[0].role_arn as string;
      expect(block.assume_role[0].role_arn).toBe(original.replace(/lz-execution$/, 'lz-plan-readonly'));
      expect(block.alias).toBe(network.provider.aws[index].alias);
    }
  });

  it('makes management-account providers assume the plan role in the management account', () => {
    const override = providerOverride(synth.stacks.get('organization')!, { role: 'lz-plan-readonly' });
    expect(override.provider.aws[0].assume_role[0].role_arn).toBe('arn:aws:iam::111111111111:role/lz-plan-readonly');
  });

  it('for deployment keeps the execution role and adds the source identity; management stacks need no override', () => {
    const override = providerOverride(synth.stacks.get('network')!, { sourceIdentity: 'alice-0123456789ab' });
    expect(override.provider.aws[0].assume_role[0]).toMatchObject({
      role_arn: expect.stringMatching(/:role\/lz-execution$/),
      source_identity: 'alice-0123456789ab',
    });
    expect(providerOverride(synth.stacks.get('organization')!, { sourceIdentity: 'alice-0123456789ab' })).toBeUndefined();
  });

  it('lz provider-override writes the override file beside cdk.tf.json and validates its arguments', async () => {
    const dir = path.join(synth.outdir, 'stacks/security');
    const result = await runCli(['provider-override', dir, '--role', 'lz-plan-readonly']);
    expect(result.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(dir, OVERRIDE_FILE), 'utf8')).provider.aws[0].assume_role[0].role_arn).toMatch(
      /:role\/lz-plan-readonly$/,
    );
    expect((await runCli(['provider-override', dir, '--role', 'bad role!'])).code).toBe(64);
    expect((await runCli(['provider-override', dir])).code).toBe(64);
    expect(writeProviderOverride(path.join(synth.outdir, 'stacks/organization'), { sourceIdentity: 'alice-01' })).toBe(false);
  });
});
