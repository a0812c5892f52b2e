// Ordering: no attribute names a resource this project creates by a literal string unless an edge
// Terraform or cdktf can see (a reference or depends_on in the stack, a stack dependency in the
// manifest) creates it first; and every stack that needs another stack's execution role, recorders
// or shares depends on it. Checked on the synthesized estate, so a new literal anywhere is caught.
import { loadConfig } from '../../lib/config/load';
import { buildGuardrailModel, SIMULATED_ORGANIZATION_ID } from '../../tools/simulation/simulate';
import { SynthesizedEstate } from '../../tools/simulation/synthesized-estate';
import { createdNames, literalReferences, namesLiterally, stackDependencies } from '../../tools/synth/ordering';
import { EXAMPLE_CONFIG_DIR, synthConfig } from '../helpers/synth';

const loaded = loadConfig(EXAMPLE_CONFIG_DIR);
const model = buildGuardrailModel(
  loaded.landingZone,
  loaded.accounts.map((account) => account.config),
);
const synth = synthConfig();
const estate = new SynthesizedEstate(synth.stacks, {
  organizationId: SIMULATED_ORGANIZATION_ID,
  accountIdByName: new Map(model.accounts.map((account) => [account.name, account.accountId])),
});
const dependsOn = stackDependencies(synth.manifest);
const describe_ = (reference: ReturnType<typeof literalReferences>[number]) =>
  `${reference.at.stack}/${reference.at.type}.${reference.at.name} ${reference.attribute} names ${reference.names.kind} ${reference.names.name} of ${reference.names.creator.stack} literally`;

describe('ordering of the synthesized estate', () => {
  it('knows the names the estate gives its buckets, roles, key aliases, topics and log groups', () => {
    const kinds = new Set(createdNames(estate).map((created) => created.kind));
    expect([...kinds].sort()).toEqual(['bucket', 'key-alias', 'log-group', 'role', 'topic']);
    // The matcher recognises names and the ARNs AWS builds from them, and nothing looser.
    const here = { account: '111111111111', region: 'eu-west-2' };
    const role = { kind: 'role', name: 'lz-a', ...here } as const;
    expect(namesLiterally('arn:aws:s3:::exvalley-lz-x/prefix/', { kind: 'bucket', name: 'exvalley-lz-x', ...here }, here)).toBe(true);
    expect(namesLiterally('exvalley-lz-x/', { kind: 'bucket', name: 'exvalley-lz-x', ...here }, here)).toBe(false);
    expect(namesLiterally('arn:aws:iam::111111111111:role/lz-a', role, here)).toBe(true);
    expect(namesLiterally('arn:aws:iam::111111111111:role/lz-ab', role, here)).toBe(false);
    // The same role name in another account is another role.
    expect(namesLiterally('arn:aws:iam::222222222222:role/lz-a', role, here)).toBe(false);
    expect(namesLiterally('lz-a', role, { account: '222222222222', region: 'eu-west-2' })).toBe(false);
    // A key alias ARN names the alias of its own Region only.
    const alias = { kind: 'key-alias', name: 'alias/x', ...here } as const;
    expect(namesLiterally('arn:aws:kms:eu-west-2:111111111111:alias/x', alias, here)).toBe(true);
    expect(namesLiterally('arn:aws:kms:eu-west-1:111111111111:alias/x', alias, here)).toBe(false);
  });

  it('names no project resource by a literal string unless an edge orders it (reference or depends_on in the stack, dependency in the manifest)', () => {
    const unordered = literalReferences(estate, synth.manifest).filter((reference) => reference.orderedBy === 'none');
    expect(unordered.map(describe_)).toEqual([]);
  });

  it('still sees literals that an edge covers (the check is not vacuous)', () => {
    const covered = literalReferences(estate, synth.manifest);
    // The organization trail names the log-archive bucket; the management stack depends on log-archive.
    expect(covered.some((reference) => reference.at.type === 'aws_cloudtrail' && reference.orderedBy === 'stack-dependency')).toBe(true);
  });

  it('deploys every member-account stack after the stack that creates its execution role', () => {
    const creators = [...synth.stacks]
      .filter(([, stack]) => Object.keys(stack.resource?.aws_cloudformation_stack_set_instance ?? {}).length > 0)
      .map(([name]) => name);
    expect(creators.length).toBeGreaterThan(0);
    for (const [name, stack] of synth.stacks) {
      const assumes = (stack.provider?.aws ?? []).some((provider: { assume_role?: unknown[] }) => (provider.assume_role ?? []).length > 0);
      if (!assumes) continue;
      for (const creator of creators) expect([name, dependsOn.get(name)?.has(creator)]).toEqual([name, true]);
    }
  });

  it('deploys organization conformance packs after every member account recorder', () => {
    const recorderStacks = [...synth.stacks]
      .filter(([, stack]) => Object.keys(stack.resource?.aws_config_configuration_recorder_status ?? {}).length > 0)
      .map(([name]) => name);
    const packStacks = [...synth.stacks]
      .filter(([, stack]) => Object.keys(stack.resource?.aws_config_organization_conformance_pack ?? {}).length > 0)
      .map(([name]) => name);
    expect(packStacks.length).toBeGreaterThan(0);
    const missing = packStacks.flatMap((pack) =>
      recorderStacks
        .filter((recorder) => recorder !== pack && !dependsOn.get(pack)?.has(recorder))
        .map((recorder) => `${pack} before ${recorder}`),
    );
    expect(missing).toEqual([]);
  });
});
