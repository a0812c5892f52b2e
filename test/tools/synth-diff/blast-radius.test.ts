// The blast-radius rule of account vending, proven on the synthesized Terraform: a vend without HSCN
// changes only `organization` and adds `workload-<name>`; an HSCN vend may additionally change only
// `network`. Every stack's JSON is compared before and after, for the example and for 500 accounts.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TerraformJson } from '../../../tools/synth/output';
import { type BlastRadius, blastRadius, compareStack } from '../../../tools/synth-diff/blast-radius';
import { assignmentShardOf } from '../../../lib/access/assignments';
import { loadConfig } from '../../../lib/config/load';
import { identityAssignmentsStackName } from '../../../lib/naming';
import { type VendRequest, planVend } from '../../../tools/vending/vending';
import { copyExampleConfig, generateConfig } from '../../helpers/config-fixtures';
import { synthConfig } from '../../helpers/synth';

function vendInto(dir: string, request: VendRequest): string {
  const plan = planVend(loadConfig(dir), request);
  fs.writeFileSync(path.join(dir, 'accounts', plan.fileName), plan.yaml);
  return plan.account.name;
}

/** A copy of a configuration folder in a new temporary folder. */
function copyOf(dir: string): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-config-'));
  fs.cpSync(dir, copy, { recursive: true });
  return copy;
}

function describeRadius(label: string, radius: BlastRadius): string {
  const changed = radius.changedStacks.map(
    (stack) =>
      `${stack.stack} (+${stack.added.length} ~${stack.changed.length} -${stack.removed.length}: ${[...stack.added.map((a) => `+${a}`), ...stack.changed.map((c) => `~${c}`), ...stack.removed.map((r) => `-${r}`)].join(', ')})`,
  );
  return `${label}: added stacks [${radius.addedStacks.join(', ')}], changed stacks [${changed.join('; ')}], removed [${radius.removedStacks.join(', ')}], ${radius.unchangedStacks} stacks byte-for-byte unchanged`;
}

/** Identity Center assignments on one account (construct IDs start assignment-<account>-, stacks/identity-assignments-stack.ts). */
const assignmentAddress = (account: string) => new RegExp(`^aws_ssoadmin_account_assignment\\.assignment-${account}-[A-Za-z]`);

/** The assignment shard stack an account's rows live in (ADR 0510; the example and the generated estates have 4 shards). */
const shardOf = (account: string): string => identityAssignmentsStackName(assignmentShardOf(account, 4));

/**
 * The account's shard gained exactly `count` assignments, all on the new account, and changed nothing
 * else (a shard that was empty also starts reading the identity and organization stacks' outputs).
 */
function expectOnlyNewAssignments(radius: BlastRadius, account: string, count: number): void {
  const shard = radius.changedStacks.find((stack) => stack.stack === shardOf(account))!;
  expect(shard.changed).toEqual([]);
  expect(shard.removed).toEqual([]);
  const added = shard.added.filter(
    (address) => !/^data\.terraform_remote_state\.cross-stack-reference-input-(identity|organization)$/.test(address),
  );
  expect(added).toHaveLength(count);
  for (const address of added) expect(address).toMatch(assignmentAddress(account));
}

/** Assignments every Workloads/Production account gets from the example's access.assignments (OU Workloads). */
const OU_ASSIGNMENTS = 5;

const request = (name: string, hscn: boolean): VendRequest => ({
  name,
  email: `aws-${name}@example.nhs.uk`,
  ou: 'Workloads/Production',
  owner: 'records-team@example.nhs.uk',
  costCentre: 'CC-3100',
  classification: 'OFFICIAL-SENSITIVE',
  hscn,
});

describe.each([
  ['example configuration', () => copyExampleConfig()],
  ['500 workload accounts', () => generateConfig(500)],
])('blast radius of a vend: %s', (label, makeConfig) => {
  let base: string;
  let before: ReadonlyMap<string, TerraformJson>;
  let beforeManifest: TerraformJson;
  beforeAll(() => {
    base = makeConfig();
    const synth = synthConfig(base);
    before = synth.stacks;
    beforeManifest = synth.manifest;
  });

  /** network-routes gains the new spoke's association (table by entitlement) and its return route in gateway, and nothing else changes there. */
  function expectSpokeRoutingAdded(
    radius: ReturnType<typeof blastRadius>,
    after: ReadonlyMap<string, TerraformJson>,
    name: string,
    entitled: boolean,
  ): void {
    const routes = radius.changedStacks.find((stack) => stack.stack === 'network-routes')!;
    expect(routes.removed).toEqual([]);
    expect(routes.changed).toEqual([]);
    const resources = routes.added.filter((address) => !address.startsWith('data.'));
    // An entitled spoke also gets its CIDR into the firewall's HSCN entitlement prefix list (ADR 0508).
    const entitlement = entitled ? [`aws_ec2_managed_prefix_list_entry.spoke-routing_hscn-entitled-${name}`] : [];
    expect(resources.map((address) => address.replace(/_[0-9A-F]{8}$/, '')).sort()).toEqual([
      ...entitlement,
      `aws_ec2_transit_gateway_route.spoke-routing_gateway-to-${name}`,
      `aws_ec2_transit_gateway_route_table_association.spoke-routing_association-${name}`,
    ]);
    // The only data source it gains is the remote state of the new workload stack (its attachment ID).
    for (const address of routes.added.filter((a) => a.startsWith('data.'))) expect(address).toContain(`workload-${name}`);
    const association = Object.entries<TerraformJson>(
      after.get('network-routes')!.resource.aws_ec2_transit_gateway_route_table_association,
    ).find(([key]) => key.includes(`association-${name}`))![1];
    expect(association.transit_gateway_route_table_id).toMatch(entitled ? /spokes-hscn/ : /route-table-spokes(?!-hscn)/);
  }

  it('a vend without HSCN changes only organization (the new account), network-routes (its spoke) and its identity-assignments shard (its OU assignments), and adds only workload-<name>', () => {
    const dir = copyOf(base);
    const name = vendInto(dir, request('new-service', false));
    const synth = synthConfig(dir);
    const after = synth.stacks;
    const radius = blastRadius(before, after);
    // security-organization (conformance packs) must follow the new account's recorder: the vend adds
    // exactly that one dependency edge in the manifest, and not a byte of its Terraform changes.
    const dependencies = (manifest: TerraformJson, stack: string): string[] => manifest.stacks[stack].dependencies;
    expect(dependencies(synth.manifest, 'security-organization').sort()).toEqual(
      [...dependencies(beforeManifest, 'security-organization'), `workload-${name}`].sort(),
    );
    expect(after.get('security-organization')).toEqual(before.get('security-organization'));
    process.stdout.write(`${describeRadius(`${label}, vend without HSCN`, radius)}\n`);

    expect(radius.addedStacks).toEqual([`workload-${name}`]);
    expect(radius.removedStacks).toEqual([]);
    expect(radius.changedStacks.map((stack) => stack.stack).sort()).toEqual(['network-routes', 'organization', shardOf(name)].sort());
    expect(radius.unchangedStacks).toBe(before.size - 3);
    expectSpokeRoutingAdded(radius, after, name, false);
    expectOnlyNewAssignments(radius, name, OU_ASSIGNMENTS);
    const organization = radius.changedStacks.find((stack) => stack.stack === 'organization')!;
    // Only additions for the new account; nothing existing is modified or removed.
    expect(organization.changed).toEqual([]);
    expect(organization.removed).toEqual([]);
    expect(organization.added).toContain(`aws_organizations_account.account-${name}`);
    // The account, and the output through which workload-<name> learns the new account's ID.
    for (const address of organization.added) expect(address).toContain(`account-${name}`);
    // The new stack is complete: it holds the account baseline like every other workload stack.
    expect(Object.keys(after.get(`workload-${name}`)?.resource ?? {}).length).toBeGreaterThan(0);
  });

  it("a vend with --group adds exactly the new account's assignments: its OU's and the owning team's", () => {
    const dir = copyOf(base);
    const plan = planVend(loadConfig(dir), { ...request('team-service', false), groups: ['clinical-portal-engineers'] });
    fs.writeFileSync(path.join(dir, 'accounts', plan.fileName), plan.yaml);
    const radius = blastRadius(before, synthConfig(dir).stacks);
    process.stdout.write(`${describeRadius(`${label}, vend with --group`, radius)}\n`);
    expect(radius.addedStacks).toEqual(['workload-team-service']);
    expect(radius.changedStacks.map((stack) => stack.stack).sort()).toEqual(
      ['network-routes', 'organization', shardOf('team-service')].sort(),
    );
    // Two owning-team permission sets (access.owningTeamPermissionSets) on top of the OU's.
    expectOnlyNewAssignments(radius, 'team-service', OU_ASSIGNMENTS + 2);
    expect(plan.assignments).toHaveLength(OU_ASSIGNMENTS + 2);
    expect(plan.impact.changed).toEqual(['organization', 'network-routes', shardOf('team-service')]);
    const identity = radius.changedStacks.find((stack) => stack.stack === shardOf('team-service'))!;
    for (const permissionSet of ['WorkloadAdministrator', 'WorkloadDeveloper']) {
      expect(identity.added).toContainEqual(
        expect.stringMatching(
          new RegExp(`^aws_ssoadmin_account_assignment\\.assignment-team-service-${permissionSet}-clinical-portal-engineers`),
        ),
      );
    }
  });

  it('adopting an existing account changes only organization (the account and its import), network-routes and its identity-assignments shard, and adds workload-<name>', () => {
    const dir = copyOf(base);
    const name = vendInto(dir, {
      ...request('adopted-service', false),
      accountId: '444444444444',
      configRoleExists: true,
      configRecorders: ['eu-west-2=default,default'],
    });
    const after = synthConfig(dir).stacks;
    const radius = blastRadius(before, after);
    process.stdout.write(`${describeRadius(`${label}, adoption`, radius)}\n`);
    expect(radius.addedStacks).toEqual([`workload-${name}`]);
    expect(radius.changedStacks.map((stack) => stack.stack).sort()).toEqual(['network-routes', 'organization', shardOf(name)].sort());
    expectSpokeRoutingAdded(radius, after, name, false);
    expectOnlyNewAssignments(radius, name, OU_ASSIGNMENTS);
    const organization = radius.changedStacks.find((stack) => stack.stack === 'organization')!;
    // The import list is one top-level block: it appears or changes, by gaining this account's import only.
    expect([...organization.added, ...organization.changed].filter((address) => address !== 'import')).toEqual([
      `aws_organizations_account.account-${name}`,
    ]);
    expect(organization.removed).toEqual([]);
    const importsBefore: unknown[] = before.get('organization')?.import ?? [];
    const importsAfter: unknown[] = after.get('organization')?.import ?? [];
    expect(importsAfter).toHaveLength(importsBefore.length + 1);
    expect(importsAfter).toEqual(
      expect.arrayContaining([...importsBefore, { to: `aws_organizations_account.account-${name}`, id: '444444444444' }]),
    );
  });

  it('an HSCN vend leaves the network stack alone: its entitlement is one more entry in network-routes', () => {
    const dir = copyOf(base);
    const name = vendInto(dir, request('new-hscn-service', true));
    const after = synthConfig(dir).stacks;
    const radius = blastRadius(before, after);
    process.stdout.write(`${describeRadius(`${label}, vend with HSCN`, radius)}\n`);

    expect(radius.addedStacks).toEqual([`workload-${name}`]);
    expect(radius.removedStacks).toEqual([]);
    expect(radius.changedStacks.map((stack) => stack.stack).sort()).toEqual(['network-routes', 'organization', shardOf(name)].sort());
    expectSpokeRoutingAdded(radius, after, name, true);
    expectOnlyNewAssignments(radius, name, OU_ASSIGNMENTS);
    const organization = radius.changedStacks.find((stack) => stack.stack === 'organization')!;
    expect(organization.changed).toEqual([]);
    expect(organization.removed).toEqual([]);
    // The firewall's entitled sources gain the new CIDR as a prefix-list entry in network-routes (ADR 0508).
    const routes = radius.changedStacks.find((stack) => stack.stack === 'network-routes')!;
    expect(routes.added).toContainEqual(
      expect.stringMatching(new RegExp(`^aws_ec2_managed_prefix_list_entry\\.spoke-routing_hscn-entitled-${name}_`)),
    );
  });
});

describe('blast radius of a suspension (example configuration)', () => {
  it('moves the account to the Suspended OU in organization and touches nothing outside organization, network and its own stack', () => {
    const base = copyExampleConfig();
    const before = synthConfig(base).stacks;
    const dir = copyOf(base);
    const file = path.join(dir, 'accounts', 'clinical-portal-prod.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('status: active', 'status: suspended'));
    const after = synthConfig(dir).stacks;
    const radius = blastRadius(before, after);
    process.stdout.write(`${describeRadius('example configuration, suspension of clinical-portal-prod', radius)}\n`);
    expect(radius.addedStacks).toEqual([]);
    expect(radius.removedStacks).toEqual([]);
    for (const stack of radius.changedStacks)
      expect(['organization', 'network', 'network-routes', shardOf('clinical-portal-prod'), 'workload-clinical-portal-prod']).toContain(
        stack.stack,
      );
    // The suspended spoke loses its association and return route (it has no attachment any more) and
    // its CIDR leaves the firewall's HSCN entitlement prefix list.
    const routes = radius.changedStacks.find((stack) => stack.stack === 'network-routes')!;
    expect(
      routes.removed
        .filter((address) => !address.startsWith('data.'))
        .map((address) => address.replace(/_[0-9A-F]{8}$/, ''))
        .sort(),
    ).toEqual([
      'aws_ec2_managed_prefix_list_entry.spoke-routing_hscn-entitled-clinical-portal-prod',
      'aws_ec2_transit_gateway_route.spoke-routing_gateway-to-clinical-portal-prod',
      'aws_ec2_transit_gateway_route_table_association.spoke-routing_association-clinical-portal-prod',
    ]);
    // A quarantined account keeps no human access: its shard loses exactly that account's assignments.
    const identity = radius.changedStacks.find((stack) => stack.stack === shardOf('clinical-portal-prod'))!;
    expect(identity.added).toEqual([]);
    expect(identity.changed).toEqual([]);
    expect(identity.removed).toHaveLength(OU_ASSIGNMENTS + 2);
    for (const address of identity.removed) expect(address).toMatch(assignmentAddress('clinical-portal-prod'));
    const organization = radius.changedStacks.find((stack) => stack.stack === 'organization')!;
    expect(organization).toEqual({
      stack: 'organization',
      added: [],
      removed: [],
      changed: ['aws_organizations_account.account-clinical-portal-prod'],
    });
    const account = after.get('organization')?.resource.aws_organizations_account['account-clinical-portal-prod'];
    expect(account.parent_id).toBe('${aws_organizations_organizational_unit.ou-suspended.id}');
    // The account and everything in its own stack stay: suspension removes nothing stateful.
    for (const stack of radius.changedStacks)
      expect(stack.removed.filter((address) => /^aws_(s3_bucket|kms_key|organizations_account)\./.test(address))).toEqual([]);
  });
});

describe('blastRadius', () => {
  it('names added, removed and changed addresses and ignores cdktf metadata only inside blocks', () => {
    const before = new Map([
      ['a', { '//': { x: 1 }, resource: { t: { one: { v: 1 }, two: { v: 2 } } }, output: { o: { value: 1 } } }],
      ['b', { resource: { t: { one: { v: 1, '//': { path: 'p' } } } } }],
      ['gone', {}],
    ]);
    const after = new Map([
      ['a', { '//': { x: 1 }, resource: { t: { one: { v: 9 }, three: { v: 3 } } }, output: { o: { value: 1 } }, data: { d: { n: {} } } }],
      ['b', { resource: { t: { one: { v: 1, '//': { path: 'q' } } } } }],
      ['new', {}],
    ]);
    const radius = blastRadius(before, after);
    expect(radius.addedStacks).toEqual(['new']);
    expect(radius.removedStacks).toEqual(['gone']);
    expect(radius.changedStacks).toEqual([
      { stack: 'a', added: ['data.d.n', 't.three'], removed: ['t.two'], changed: ['t.one'] },
      // Metadata differs, so the stack is listed, but no Terraform address changed.
      { stack: 'b', added: [], removed: [], changed: [] },
    ]);
    expect(compareStack('a', before.get('a')!, before.get('a')!)).toEqual({ stack: 'a', added: [], removed: [], changed: [] });
  });
});
