// Real Terraform over every synthesized stack of the example configuration: init, validate and an
// offline plan with the real AWS provider. Plan JSON is kept under test-artifacts/terraform/.
import * as path from 'node:path';
import { checkSynthOutput, formatCheckLine, type StackCheckResult } from '../../tools/terraform/check';
import { allResources, synthConfig } from '../helpers/synth';

const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts/terraform');

describe('terraform validate and offline plan of every stack (example configuration)', () => {
  const synth = synthConfig();
  let results: StackCheckResult[];

  beforeAll(async () => {
    results = await checkSynthOutput(synth.outdir, { artifactsDir: ARTIFACTS });
    process.stdout.write(`${results.map(formatCheckLine).join('\n')}\n`);
  });

  it('checks every stack in the manifest', () => {
    expect(results.map((result) => result.stack).sort()).toEqual([...synth.stacks.keys()].sort());
  });

  it('plans to create exactly the resources each stack declares, and nothing else', () => {
    for (const result of results) {
      const declared = allResources(new Map([[result.stack, synth.stacks.get(result.stack)!]]))
        .map(([, type, name]) => `${type}.${name}`)
        .sort();
      // A plan with no resources has no resource_changes at all.
      const planned = ((result.plan.resource_changes ?? []) as { address: string; mode: string; change: { actions: string[] } }[])
        .filter((change) => change.mode === 'managed')
        .map((change) => {
          expect(change.change.actions).toEqual(['create']);
          return change.address;
        })
        .sort();
      expect(planned).toEqual(declared);
      // Only an identity-assignments shard whose accounts have no assignment may be empty: it exists
      // so that removing its last assignment still plans the deletion (ADR 0510).
      if (declared.length > 0) expect(result.resourcesPlanned).toBeGreaterThan(0);
      else expect(result.stack).toMatch(/^identity-assignments-\d\d$/);
    }
  });

  it('sets aside the import of the adopted account and reports it', () => {
    const organization = results.find((result) => result.stack === 'organization')!;
    expect(organization.importsSetAside).toEqual([{ to: 'aws_organizations_account.account-analytics-dev', id: '333333333333' }]);
  });

  it('replaces cross-stack remote state with placeholders in member stacks of new accounts', () => {
    const network = results.find((result) => result.stack === 'network')!;
    expect(network.remoteStatesReplaced).toContain('cross-stack-reference-input-organization');
  });
});
