// The checked-in example scenarios under config/examples/: each loads and validates, synthesizes,
// and shows what its README line and header comment say. test/terraform/examples.test.ts plans them
// offline with real Terraform.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfig } from '../../lib/config/load';
import { EXAMPLE_SCENARIOS, EXAMPLES_DIR, type ExampleScenario as Scenario } from '../helpers/examples';
import { allResources, PROJECT_ROOT, resourcesOfType, type SynthResult, synthConfig, type TerraformJson } from '../helpers/synth';

const synthesized = new Map<Scenario, SynthResult>();
function synthOf(scenario: Scenario): SynthResult {
  let result = synthesized.get(scenario);
  if (!result) {
    result = synthConfig(path.join(EXAMPLES_DIR, scenario));
    synthesized.set(scenario, result);
  }
  return result;
}
afterAll(() => {
  for (const { outdir } of synthesized.values()) fs.rmSync(outdir, { recursive: true, force: true });
});

const typesIn = (stack: TerraformJson): string[] => Object.keys(stack.resource ?? {});
// Distinct Regions of a stack's AWS providers (a workload stack also has a home-Region provider for the network account).
const regionsOf = (stack: TerraformJson): string[] =>
  [...new Set(((stack.provider?.aws ?? []) as { region: string }[]).map((provider) => provider.region))].sort();
const HSCN_EDGE_TYPES = [
  'aws_dx_gateway',
  'aws_dx_hosted_transit_virtual_interface_accepter',
  'aws_vpn_connection',
  'aws_customer_gateway',
  'aws_route53_resolver_rule',
];

describe('config/examples', () => {
  it('holds exactly the scenarios tested here, each described in the README', () => {
    const folders = fs
      .readdirSync(EXAMPLES_DIR, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(folders.sort()).toEqual([...EXAMPLE_SCENARIOS]);
    const readme = fs.readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
    for (const scenario of EXAMPLE_SCENARIOS) expect(readme).toContain(`config/examples/${scenario}/`);
  });

  it.each(EXAMPLE_SCENARIOS)('%s validates, synthesizes every stack, and points its files at the JSON Schemas', (scenario) => {
    const dir = path.join(EXAMPLES_DIR, scenario);
    const config = loadConfig(dir);
    const { stacks } = synthOf(scenario);
    const expected = [
      'bootstrap',
      'organization',
      'log-archive',
      'management',
      'network',
      'security',
      'security-organization',
      'network-routes',
      'pipeline',
      ...config.accounts.map(({ config: account }) => `workload-${account.name}`),
    ];
    expect([...stacks.keys()].sort()).toEqual(expected.sort());
    expect(fs.readFileSync(path.join(dir, 'landing-zone.yaml'), 'utf8')).toContain('$schema=../../schema/landing-zone.schema.json');
    for (const file of fs.readdirSync(path.join(dir, 'accounts'))) {
      expect(fs.readFileSync(path.join(dir, 'accounts', file), 'utf8')).toContain('$schema=../../../schema/workload-account.schema.json');
    }
  });

  it('no-hscn: no HSCN edge at all, and spokes still leave only through the central firewall and NAT', () => {
    const { stacks } = synthOf('no-hscn');
    const network = stacks.get('network')!;
    expect(typesIn(network).filter((type) => HSCN_EDGE_TYPES.includes(type))).toEqual([]);
    expect(Object.keys(resourcesOfType(network, 'aws_networkfirewall_firewall'))).toHaveLength(1);
    expect(Object.keys(resourcesOfType(network, 'aws_nat_gateway')).length).toBeGreaterThan(0);
    for (const [name, stack] of stacks) {
      if (!name.startsWith('workload-')) continue;
      expect(Object.keys(resourcesOfType(stack, 'aws_ec2_transit_gateway_vpc_attachment'))).toHaveLength(1);
      expect(typesIn(stack)).not.toContain('aws_route53_resolver_rule_association');
      expect(typesIn(stack)).not.toContain('aws_internet_gateway');
    }
  });

  it('hscn-vpn-only: a VPN to the provider and a Direct Connect gateway, but no transit VIF', () => {
    const network = synthOf('hscn-vpn-only').stacks.get('network')!;
    expect(Object.keys(resourcesOfType(network, 'aws_vpn_connection'))).toHaveLength(1);
    expect(Object.values(resourcesOfType(network, 'aws_customer_gateway')).map((gateway) => gateway.ip_address)).toEqual(['192.0.2.10']);
    expect(Object.keys(resourcesOfType(network, 'aws_dx_gateway'))).toHaveLength(1);
    expect(typesIn(network)).not.toContain('aws_dx_hosted_transit_virtual_interface_accepter');
    expect(typesIn(synthOf('hscn-vpn-only').stacks.get('workload-clinical-portal-prod')!)).toContain(
      'aws_route53_resolver_rule_association',
    );
  });

  it('single-region: all providers of every stack in one Region, no log replication, and the Region guardrail allows eu-west-2 alone', () => {
    const { stacks } = synthOf('single-region');
    for (const [name, stack] of stacks) expect({ name, regions: regionsOf(stack) }).toEqual({ name, regions: ['eu-west-2'] });
    expect(typesIn(stacks.get('log-archive')!)).not.toContain('aws_s3_bucket_replication_configuration');
    const regionGuardrail = Object.entries(resourcesOfType(stacks.get('organization')!, 'aws_organizations_policy')).find(([name]) =>
      name.includes('region-guardrail'),
    )![1];
    const statement = JSON.parse(regionGuardrail.content).Statement.find(
      (candidate: TerraformJson) => candidate.Sid === 'DenyOutsideAllowedRegions',
    );
    expect(statement.Condition.StringNotEquals['aws:RequestedRegion']).toEqual(['eu-west-2']);
  });

  it('suspended-account: the account sits in the Suspended OU, has no hub attachment, is blackholed and not HSCN-entitled', () => {
    const { stacks } = synthOf('suspended-account');
    const account = resourcesOfType(stacks.get('organization')!, 'aws_organizations_account')['account-legacy-pas-prod'];
    expect(account.parent_id).toBe('${aws_organizations_organizational_unit.ou-suspended.id}');
    expect(typesIn(stacks.get('workload-legacy-pas-prod')!)).not.toContain('aws_ec2_transit_gateway_vpc_attachment');
    expect(typesIn(stacks.get('workload-clinical-portal-prod')!)).toContain('aws_ec2_transit_gateway_vpc_attachment');
    const network = stacks.get('network')!;
    const blackholes = Object.values(resourcesOfType(network, 'aws_ec2_transit_gateway_route')).filter((route) => route.blackhole === true);
    expect(blackholes.map((route) => route.destination_cidr_block)).toContain('100.64.8.0/22');
    // The firewall's entitled sources are the entries of a prefix list, one per entitled active spoke, kept in network-routes (ADR 0508).
    const entitled = Object.values(resourcesOfType(stacks.get('network-routes')!, 'aws_ec2_managed_prefix_list_entry')).map(
      (entry) => entry.cidr,
    );
    expect(entitled).toContain('100.64.0.0/21');
    expect(entitled).not.toContain('100.64.8.0/22');
  });

  it('adopted-account: the existing core and workload accounts are imported, the others created', () => {
    const organization = synthOf('adopted-account').stacks.get('organization')!;
    expect(organization.import).toEqual([
      { id: '222222222222', to: 'aws_organizations_account.account-security' },
      { id: '333333333333', to: 'aws_organizations_account.account-patient-records-prod' },
    ]);
    const accounts = allResources(new Map([['organization', organization]])).filter(([, type]) => type === 'aws_organizations_account');
    expect(accounts.map(([, , name]) => name).sort()).toEqual([
      'account-log-archive',
      'account-network',
      'account-patient-records-prod',
      'account-security',
    ]);
  });
});
