// Nothing is lost: every resource whose destruction would lose an account, audit logs, keys or
// state carries prevent_destroy, in every stack, found by type so that resources added later are
// covered too. Checked for the example and for a generated estate.
import { allResources, synthConfig, type TerraformJson } from '../helpers/synth';
import { generateConfig } from '../helpers/config-fixtures';
import { PROTECTED_TYPES, SELECTIVELY_PROTECTED_RESOURCE_TYPES } from '../../lib/protection';

function unprotected(stacks: ReadonlyMap<string, TerraformJson>): string[] {
  return allResources(stacks)
    .filter(([, type]) => PROTECTED_TYPES.has(type))
    .filter(([, , , body]) => body.lifecycle?.prevent_destroy !== true)
    .map(([stack, type, name]) => `${stack}: ${type}.${name}`);
}

describe('protection against accidental destruction', () => {
  it.each([
    ['the example configuration', () => synthConfig()],
    ['a generated estate of 30 workload accounts', () => synthConfig(generateConfig(30))],
  ])('every protected resource in %s has prevent_destroy', (_name, synth) => {
    const { stacks } = synth();
    const protectedCount = allResources(stacks).filter(([, type]) => PROTECTED_TYPES.has(type)).length;
    expect(protectedCount).toBeGreaterThan(0);
    expect(unprotected(stacks)).toEqual([]);
  });

  it('detects a protected resource that lacks prevent_destroy (the check itself can fail)', () => {
    const stacks = new Map([
      [
        'example',
        { resource: { aws_s3_bucket: { logs: { bucket: 'x' } }, aws_kms_key: { key: { lifecycle: { prevent_destroy: true } } } } },
      ],
    ]);
    expect(unprotected(stacks)).toEqual(['example: aws_s3_bucket.logs']);
  });

  it('protects exactly the types in lib/protection.ts: every type synthesized with prevent_destroy is on one of its two lists, and every listed type occurs', () => {
    const stacks = new Map([
      ...synthConfig().stacks,
      ...[...synthConfig(generateConfig(3)).stacks].map(([name, stack]) => [`generated/${name}`, stack] as const),
    ]);
    const synthesizedWithPreventDestroy = new Set(
      allResources(stacks)
        .filter(([, , , body]) => body.lifecycle?.prevent_destroy === true)
        .map(([, type]) => type),
    );
    expect([...synthesizedWithPreventDestroy].sort()).toEqual(
      [...PROTECTED_TYPES, ...Object.keys(SELECTIVELY_PROTECTED_RESOURCE_TYPES)].sort(),
    );
  });

  it('never lets Terraform close an account', () => {
    const { stacks } = synthConfig();
    const accounts = allResources(stacks).filter(([, type]) => type === 'aws_organizations_account');
    expect(accounts.length).toBeGreaterThan(0);
    for (const [, , , body] of accounts) expect(body.close_on_deletion).toBe(false);
  });
});
