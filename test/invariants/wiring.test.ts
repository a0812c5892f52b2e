// How the stacks fit together: one state per stack in the encrypted S3 backend with S3-native
// locking, providers pinned to their account in both Regions, member accounts reached only through
// the execution role, a dependency order cdktf can deploy, and no data source that reads AWS.
import { synthConfig, type TerraformJson } from '../helpers/synth';
import { assignmentShardOf } from '../../lib/access/assignments';
import { identityAssignmentsStackName } from '../../lib/naming';

/** access.assignmentShards of the example configuration. */
const EXAMPLE_ASSIGNMENT_SHARDS = 4;

const MANAGEMENT_STACKS = ['bootstrap', 'organization', 'management'];
/** Data sources that never call AWS (evaluated locally by Terraform or the provider). */
const LOCAL_DATA_SOURCES = ['terraform_remote_state', 'aws_iam_policy_document'];
/** The one look-up of a resource the stack itself creates (network stack, ADR 0301). */
const OWN_RESOURCE_LOOKUP = 'aws_ec2_transit_gateway_dx_gateway_attachment';

describe('stack wiring (example configuration)', () => {
  const synth = synthConfig();
  const stacks = synth.stacks;

  it('synthesizes the stacks docs/architecture.md lists and one workload stack per account file', () => {
    expect([...stacks.keys()].sort()).toEqual(
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

  it.each([...stacks.keys()])('%s: state backend', (name) => {
    const backend = stacks.get(name)!.terraform.backend;
    if (name === 'bootstrap') {
      expect(backend.local.path).toBe('../../../terraform.bootstrap.tfstate');
      return;
    }
    expect(backend.s3).toEqual({
      bucket: 'exvalley-lz-tfstate-111111111111',
      key: `${name}/terraform.tfstate`,
      region: 'eu-west-2',
      encrypt: true,
      kms_key_id: 'arn:aws:kms:eu-west-2:111111111111:alias/exvalley-lz-tfstate',
      use_lockfile: true,
    });
  });

  it.each([...stacks.keys()])('%s: providers for both Regions, pinned to one account', (name) => {
    // The one other provider allowed: an HSCN-entitled workload stack's `network` provider, through
    // which it adds its own account to the resolver-rule share (ADR 0508), checked just below.
    const providers: TerraformJson[] = stacks
      .get(name)!
      .provider.aws.filter((provider: TerraformJson) => !(name.startsWith('workload-') && provider.alias === 'network'));
    expect(providers.map((provider) => provider.region).sort()).toEqual(['eu-west-1', 'eu-west-2']);
    const accountIds = new Set(providers.map((provider) => JSON.stringify(provider.allowed_account_ids)));
    expect(accountIds.size).toBe(1);
    for (const provider of providers) {
      expect(provider.allowed_account_ids).toHaveLength(1);
      if (MANAGEMENT_STACKS.includes(name) || name === 'pipeline') {
        expect(provider.allowed_account_ids).toEqual(['111111111111']);
        expect(provider.assume_role).toBeUndefined();
      } else {
        expect(provider.assume_role).toHaveLength(1);
        expect(provider.assume_role[0].role_arn).toBe(`arn:aws:iam::${provider.allowed_account_ids[0]}:role/lz-execution`);
      }
    }
  });

  it('a workload stack reaches one other account only: the network account, through its execution role, for the resolver-rule share alone', () => {
    const networkAccount =
      /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-organization\.outputs\.cross-stack-output-aws_organizations_accountaccount-networkid\}$/;
    let seen = 0;
    for (const [name, stack] of stacks) {
      const extra = (stack.provider.aws as TerraformJson[]).filter((provider) => provider.alias === 'network');
      if (extra.length === 0) continue;
      seen += 1;
      expect(name).toMatch(/^workload-/);
      expect(extra).toHaveLength(1);
      expect(extra[0].allowed_account_ids).toEqual([expect.stringMatching(networkAccount)]);
      expect(extra[0].assume_role[0].role_arn).toMatch(/:role\/lz-execution$/);
      const onNetwork = Object.entries<Record<string, TerraformJson>>(stack.resource).flatMap(([type, byName]) =>
        Object.values(byName)
          .filter((body) => body.provider === 'aws.network')
          .map(() => type),
      );
      expect(onNetwork).toEqual(['aws_ram_principal_association']);
    }
    expect(seen).toBe(1); // clinical-portal-prod, the example's one HSCN-entitled account
  });

  it('pins adopted accounts by their literal ID and new accounts by the organization stack output', () => {
    const adopted = stacks.get('workload-analytics-dev')!.provider.aws[0];
    expect(adopted.allowed_account_ids).toEqual(['333333333333']);
    const created = stacks.get('workload-clinical-portal-prod')!.provider.aws[0];
    expect(created.allowed_account_ids[0]).toMatch(/data\.terraform_remote_state\.cross-stack-reference-input-organization\.outputs\./);
  });

  it('orders deployment organization -> log-archive -> network, security -> management -> workloads -> security-organization, with no loops', () => {
    const dependencies = new Map<string, string[]>(
      Object.entries<{ dependencies: string[] }>(synth.manifest.stacks).map(([name, stack]) => [name, stack.dependencies]),
    );
    const order: string[] = [];
    const visiting = new Set<string>();
    const visit = (name: string): void => {
      if (order.includes(name)) return;
      if (visiting.has(name)) throw new Error(`dependency loop through ${name}`);
      visiting.add(name);
      for (const dependency of dependencies.get(name) ?? []) visit(dependency);
      visiting.delete(name);
      order.push(name);
    };
    for (const name of dependencies.keys()) visit(name);
    const before = (a: string, b: string): boolean => order.indexOf(a) < order.indexOf(b);
    expect(before('bootstrap', 'organization')).toBe(true);
    expect(before('organization', 'log-archive')).toBe(true);
    expect(before('log-archive', 'management')).toBe(true);
    expect(before('log-archive', 'network')).toBe(true);
    expect(before('log-archive', 'security')).toBe(true);
    // The security stack's GuardDuty detectors exist before the management stack designates the account.
    expect(before('security', 'management')).toBe(true);
    for (const name of order.filter((stack) => stack.startsWith('workload-'))) {
      expect(before('network', name)).toBe(true);
      expect(before('management', name)).toBe(true);
      // Conformance packs reach an account only after its recorder exists.
      expect(before(name, 'security-organization')).toBe(true);
      // The hub's association and return route need the attachment the workload stack creates (ADR 0620).
      expect(before(name, 'network-routes')).toBe(true);
    }
    // Core stacks never depend on a workload stack (a vend must not touch them), except the leaves
    // that no stack depends on: security-organization (a vend adds only a manifest edge to it),
    // network-routes (a vend adds that spoke's association and return route) and the
    // identity-assignments shards (a vend adds the new account's assignments to one; workload
    // permission sets need the boundary each workload stack creates, so a shard follows the workload
    // stacks of its accounts, ADR 0510). The identity stack (permission sets) follows no workload.
    const shards = order.filter((stack) => stack.startsWith('identity-assignments-'));
    const leaves = ['security-organization', 'network-routes', ...shards];
    for (const name of order.filter((stack) => stack.startsWith('workload-'))) {
      const account = name.slice('workload-'.length);
      const shard = identityAssignmentsStackName(assignmentShardOf(account, EXAMPLE_ASSIGNMENT_SHARDS));
      expect(dependencies.get(shard)).toEqual(expect.arrayContaining(['identity', name]));
    }
    for (const [name, deps] of dependencies) {
      if (!name.startsWith('workload-') && !leaves.includes(name)) expect(deps.filter((dep) => dep.startsWith('workload-'))).toEqual([]);
      for (const leaf of leaves) expect(deps).not.toContain(leaf);
    }
  });

  it('uses no data source that reads AWS (offline plans, and plans that do not depend on look-ups)', () => {
    for (const [name, stack] of stacks) {
      const dataSources = Object.keys(stack.data ?? {});
      const allowed = name === 'network' ? [...LOCAL_DATA_SOURCES, OWN_RESOURCE_LOOKUP] : LOCAL_DATA_SOURCES;
      expect({ stack: name, dataSources: dataSources.filter((type) => !allowed.includes(type)) }).toEqual({ stack: name, dataSources: [] });
    }
  });

  it('looks up only the Direct Connect attachment the network stack itself creates (ADR 0301)', () => {
    // Provider 5.100 does not export that attachment's ID; the look-up takes only references to
    // resources of the same stack and waits for the association, so it never reads anything the
    // stack does not own and an offline plan of a new estate defers it.
    const lookups = Object.values<TerraformJson>(stacks.get('network')!.data?.[OWN_RESOURCE_LOOKUP] ?? {});
    expect(lookups).toHaveLength(1);
    const [lookup] = lookups;
    expect(lookup.dx_gateway_id).toMatch(/^\$\{aws_dx_gateway\.[\w-]+\.id\}$/);
    expect(lookup.transit_gateway_id).toMatch(/^\$\{aws_ec2_transit_gateway\.[\w-]+\.id\}$/);
    expect(lookup.depends_on).toEqual([expect.stringMatching(/^aws_dx_gateway_association\./)]);
  });
});
