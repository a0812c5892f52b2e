// DNS and AWS APIs as a workload account's administrator meets them (issue 12, items 9 and 10): every
// spoke resolves AWS API names to the central interface endpoints through the estate's Route 53
// Profile and reaches them without the internet; an AWS name outside the endpoints, or another
// customer's resource under .amazonaws.com, is dropped at the firewall; DNS Firewall refuses listed
// domains in every spoke. Every case names the promise it tests; the negative control re-creates the
// egress list before the endpoints (with .amazonaws.com) and shows the same SNI then passes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfig } from '../../lib/config/load';
import { endpointServiceName, endpointZoneName } from '../../lib/network/aws-endpoints';
import {
  buildDnsModel,
  buildNetworkModel,
  endpointAddress,
  resolve,
  ruleGroupsFor,
  trace,
  withoutDnsProfile,
  type DnsAnswer,
  type NetworkModel,
} from '../../tools/network/reachability';
import type { Json } from '../../tools/network/reachability/model';
import { copyExampleConfig, editConfigFile } from '../helpers/config-fixtures';
import { EXAMPLE_CONFIG_DIR, synthConfig } from '../helpers/synth';

const lz = loadConfig(EXAMPLE_CONFIG_DIR).landingZone;
const region = lz.homeRegion;
const stacks: ReadonlyMap<string, Json> = synthConfig(EXAMPLE_CONFIG_DIR).stacks;
const network = buildNetworkModel(stacks, { learnedHscnRoutes: lz.network.hscn!.prefixes });
const dns = buildDnsModel(stacks);

const SPOKES = [
  { name: 'clinical-portal-prod', stack: 'workload-clinical-portal-prod', host: '100.64.1.10' },
  { name: 'analytics-dev', stack: 'workload-analytics-dev', host: '100.64.8.10' },
];
const ATTACKER = SPOKES[1];
// Where a public AWS name resolves: a public address outside every estate range (documentation range).
const PUBLIC_AWS_ADDRESS = '203.0.113.200';
const MANAGED = lz.network.dnsFirewall.managedThreatLists[0];
const managedListContents = { [MANAGED.id]: ['known-c2.example'] };

function vpcKeyOf(model: NetworkModel, stackName: string): string {
  const vpc = [...model.vpcs.values()].find((candidate) => candidate.key.startsWith(`${stackName}/`));
  if (!vpc) throw new Error(`no VPC in ${stackName}`);
  return vpc.key;
}
const gatewayVpc = vpcKeyOf(network, 'network');

function endpointOf(answer: DnsAnswer): Extract<DnsAnswer, { outcome: 'endpoint' }> {
  if (answer.outcome !== 'endpoint') throw new Error(`expected an endpoint, got ${JSON.stringify(answer)}`);
  return answer;
}

describe('promise: AWS APIs are reached through the central endpoints, never the internet (must allow)', () => {
  const cases = SPOKES.flatMap((spoke) => lz.network.awsEndpoints.services.map((service) => [spoke.name, service, spoke] as const));

  it.each(cases)(
    '%s resolves %s to the central endpoint and reaches it on 443 without crossing the firewall or a NAT',
    (_name, service, spoke) => {
      const answer = endpointOf(resolve(dns, vpcKeyOf(network, spoke.stack), endpointZoneName(region, service)));
      expect(answer.service).toBe(endpointServiceName(region, service));
      const verdict = trace(network, { from: spoke.host, to: endpointAddress(network, answer), port: 443 });
      expect(verdict.allowed).toBe(true);
      expect(verdict.exit).toMatchObject({ kind: 'vpc', vpcKey: gatewayVpc, subnet: expect.stringContaining('-gateway-endpoints-') });
      expect(verdict.crossedFirewall).toBe(false);
      expect(verdict.natGateways).toEqual([]);
      // The endpoint's reply goes straight back to the spoke through the Transit Gateway.
      const reply = trace(network, { from: endpointAddress(network, answer), to: spoke.host, port: 443 });
      expect(reply.exit).toMatchObject({ kind: 'vpc', vpc: spoke.name });
    },
  );

  it.each([
    ['a bucket (virtual-hosted style)', `pd-records.s3.${region}.amazonaws.com`, 's3'],
    ['an ECR registry', `111111111111.dkr.ecr.${region}.amazonaws.com`, 'ecr.dkr'],
  ])('names under a zone resolve to the endpoint too: %s', (_label, name, service) => {
    expect(endpointOf(resolve(dns, vpcKeyOf(network, ATTACKER.stack), name)).service).toBe(endpointServiceName(region, service));
  });

  it('the gateway VPC resolves the same names (the zones are associated with it)', () => {
    expect(endpointOf(resolve(dns, gatewayVpc, endpointZoneName(region, 'sts'))).service).toBe(endpointServiceName(region, 'sts'));
  });
});

describe('promise: internet egress is limited to configured domains; .amazonaws.com is not one of them', () => {
  it.each([
    ['an AWS API without a central endpoint', `dynamodb.${region}.amazonaws.com`],
    ["another customer's bucket on the global S3 name", 'attacker-bucket.s3.amazonaws.com'],
    ["another customer's bucket in another Region", 'attacker-bucket.s3.us-east-1.amazonaws.com'],
    ["another customer's load balancer", 'attacker-alb-1234567890.eu-west-2.elb.amazonaws.com'],
    ["another customer's API Gateway", 'abcdef1234.execute-api.eu-west-2.amazonaws.com'],
    ['the global STS endpoint', 'sts.amazonaws.com'],
  ])('%s resolves publicly and the firewall drops the TLS connection (%s)', (_label, name) => {
    expect(resolve(dns, vpcKeyOf(network, ATTACKER.stack), name)).toEqual({ outcome: 'public' });
    const verdict = trace(network, { from: ATTACKER.host, to: PUBLIC_AWS_ADDRESS, port: 443, domain: name });
    expect(verdict.allowed).toBe(false);
    expect(verdict.crossedFirewall).toBe(true);
  });

  it("negative control: with .amazonaws.com in allowedDomains (the example before the endpoints) another customer's bucket is reachable", () => {
    const dir = copyExampleConfig();
    editConfigFile(dir, 'landing-zone.yaml', 'allowedDomains: [.nhs.uk', 'allowedDomains: [.amazonaws.com, .nhs.uk');
    const before = buildNetworkModel(synthConfig(dir).stacks, { learnedHscnRoutes: lz.network.hscn!.prefixes });
    expect(
      trace(before, { from: ATTACKER.host, to: PUBLIC_AWS_ADDRESS, port: 443, domain: 'attacker-bucket.s3.amazonaws.com' }).allowed,
    ).toBe(true);
  });

  it('a name inside an endpoint zone with no record gets NXDOMAIN, not the internet', () => {
    expect(resolve(dns, vpcKeyOf(network, ATTACKER.stack), `fips.sts.${region}.amazonaws.com`)).toEqual({
      outcome: 'nxdomain',
      zone: `sts.${region}.amazonaws.com`,
    });
  });
});

describe('promise: DNS Firewall refuses listed domains in every spoke and the gateway VPC', () => {
  const vpcs = [...SPOKES.map((spoke) => [spoke.name, spoke.stack] as const), ['gateway', 'network'] as const];

  it.each(vpcs)('%s: a configured blocked domain and its subdomains are blocked', (_name, stack) => {
    for (const name of ['exfil.example', 'chunk1.payload.exfil.example']) {
      expect(resolve(dns, vpcKeyOf(network, stack), name)).toMatchObject({
        outcome: 'blocked',
        rule: expect.stringContaining('blocked-domains'),
      });
    }
  });

  it.each(vpcs)('%s: a name in an AWS managed threat list is blocked (list referenced by its Regional ID)', (_name, stack) => {
    expect(resolve(dns, vpcKeyOf(network, stack), 'known-c2.example', { managedListContents })).toMatchObject({
      outcome: 'blocked',
      rule: expect.stringContaining('managed-'),
    });
  });

  it.each(vpcs)('%s: fails closed (a query DNS Firewall cannot judge is refused)', (_name, stack) => {
    expect(dns.failOpen.get(vpcKeyOf(network, stack))).toBe('DISABLED');
  });

  it("every attached spoke gets exactly the gateway's rule group, through the profile", () => {
    const gatewayGroups = ruleGroupsFor(dns, gatewayVpc).map((group) => group.key);
    for (const spoke of SPOKES) expect(ruleGroupsFor(dns, vpcKeyOf(network, spoke.stack)).map((group) => group.key)).toEqual(gatewayGroups);
  });

  it('an unlisted domain resolves normally (must allow)', () => {
    expect(resolve(dns, vpcKeyOf(network, ATTACKER.stack), 'www.digital.nhs.uk', { managedListContents })).toEqual({ outcome: 'public' });
  });
});

describe("promise: stepping outside the estate's DNS gains the administrator nothing", () => {
  const attacked = withoutDnsProfile(stacks, ATTACKER.stack);
  const attackedDns = buildDnsModel(attacked);
  const attackedNetwork = buildNetworkModel(attacked, { learnedHscnRoutes: lz.network.hscn!.prefixes });

  it('without the profile AWS names resolve publicly, and the firewall drops them: no way to AWS that skips the endpoint policies', () => {
    expect(resolve(attackedDns, vpcKeyOf(attackedNetwork, ATTACKER.stack), endpointZoneName(region, 's3'))).toEqual({ outcome: 'public' });
    expect(
      trace(attackedNetwork, { from: ATTACKER.host, to: PUBLIC_AWS_ADDRESS, port: 443, domain: endpointZoneName(region, 's3') }).allowed,
    ).toBe(false);
  });

  it("without the profile a blocked domain resolves, but a connection to it still meets the firewall's domain list", () => {
    expect(resolve(attackedDns, vpcKeyOf(attackedNetwork, ATTACKER.stack), 'exfil.example')).toEqual({ outcome: 'public' });
    expect(trace(attackedNetwork, { from: ATTACKER.host, to: PUBLIC_AWS_ADDRESS, port: 443, domain: 'exfil.example' }).allowed).toBe(false);
  });
});

describe("promise: vending a spoke adds nothing to the network stack's endpoints, zones or DNS Firewall", () => {
  it("a new non-HSCN account changes none of the network stack's endpoint, zone, profile or DNS Firewall resources", () => {
    const dir = copyExampleConfig();
    fs.writeFileSync(
      path.join(dir, 'accounts', 'records-dev.yaml'),
      [
        'name: records-dev',
        'email: aws-records-dev@example.nhs.uk',
        'ou: Workloads/NonProduction',
        'owner: records-team@example.nhs.uk',
        'costCentre: CC-2078',
        'classification: OFFICIAL',
        'hscn: false',
        'cidr: 100.64.12.0/22',
        '',
      ].join('\n'),
    );
    const vended = synthConfig(dir).stacks;
    expect(vended.has('workload-records-dev')).toBe(true);
    const dnsTypes = [
      'aws_vpc_endpoint',
      'aws_route53_zone',
      'aws_route53_record',
      'aws_route53profiles_profile',
      'aws_route53profiles_resource_association',
      'aws_ram_principal_association',
      'aws_route53_resolver_firewall_rule_group',
      'aws_route53_resolver_firewall_rule',
      'aws_route53_resolver_firewall_domain_list',
      'aws_route53_resolver_firewall_rule_group_association',
      'aws_route53_resolver_firewall_config',
      'aws_security_group',
    ];
    const slice = (json: Json) => Object.fromEntries(dnsTypes.map((type) => [type, json.resource?.[type] ?? {}]));
    expect(slice(vended.get('network')!)).toEqual(slice(stacks.get('network')!));
    // The new spoke associates the profile itself.
    expect(buildDnsModel(vended).profileOfVpc.size).toBe(dns.profileOfVpc.size + 1);
  });
});
