// The network stack's key resources, asserted on the synthesized Terraform JSON of the example and
// of edited copies: hub route tables, gateway VPC routing per zone, firewall, HSCN edge and DNS.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cidr, rangeContains } from '../../lib/network/cidr';
import { loadConfig } from '../../lib/config/load';
import { logBucketName } from '../../lib/naming';
import { copyExampleConfig, editConfigFile } from '../helpers/config-fixtures';
import { EXAMPLE_CONFIG_DIR, EXAMPLE_LOG_ARCHIVE_ACCOUNT_ID, type TerraformJson, resourcesOfType, synthConfig } from '../helpers/synth';

const lz = loadConfig(EXAMPLE_CONFIG_DIR).landingZone;
const hscn = lz.network.hscn!;

function network(dir: string = EXAMPLE_CONFIG_DIR): TerraformJson {
  return synthConfig(dir).stacks.get('network')!;
}

/** The resource body a "${type.name.attr}" reference points at, in the same stack. */
function deref(stack: TerraformJson, ref: string): TerraformJson {
  const match = /^\$\{(?:data\.)?([\w]+)\.([\w-]+)\./.exec(ref);
  if (!match) throw new Error(`not a reference: ${ref}`);
  return ref.startsWith('${data.') ? stack.data[match[1]][match[2]] : stack.resource[match[1]][match[2]];
}

function byName(stack: TerraformJson, type: string, name: string): [string, TerraformJson] {
  const found = Object.entries(resourcesOfType(stack, type)).find(([, body]) => body.tags?.Name === name || body.name === name);
  if (!found) throw new Error(`no ${type} named ${name}`);
  return found;
}

function tgwRoutes(stack: TerraformJson, table: string): { destination: string; target: string }[] {
  const [key] = byName(stack, 'aws_ec2_transit_gateway_route_table', `${lz.organization.namePrefix}-${table}`);
  return Object.values(resourcesOfType(stack, 'aws_ec2_transit_gateway_route'))
    .filter((route) => route.transit_gateway_route_table_id.includes(key))
    .map((route) => ({
      destination: route.destination_cidr_block,
      target: route.blackhole ? 'blackhole' : route.transit_gateway_attachment_id,
    }))
    .sort((a, b) => a.destination.localeCompare(b.destination));
}

describe('network stack', () => {
  const stack = network();
  const [gatewayAttachmentKey] = Object.keys(resourcesOfType(stack, 'aws_ec2_transit_gateway_vpc_attachment'));
  const gatewayAttachmentRef = `\${aws_ec2_transit_gateway_vpc_attachment.${gatewayAttachmentKey}.id}`;

  it('creates the Transit Gateway with the configured ASN, auto-accept, and default tables redirected', () => {
    const [tgw] = Object.values(resourcesOfType(stack, 'aws_ec2_transit_gateway'));
    expect(tgw).toMatchObject({
      amazon_side_asn: lz.network.transitGatewayAsn,
      auto_accept_shared_attachments: 'enable',
      default_route_table_association: 'enable',
      default_route_table_propagation: 'enable',
      dns_support: 'enable',
    });
    const [association] = Object.values(resourcesOfType(stack, 'aws_ec2_transit_gateway_default_route_table_association'));
    const [propagation] = Object.values(resourcesOfType(stack, 'aws_ec2_transit_gateway_default_route_table_propagation'));
    expect(deref(stack, association.transit_gateway_route_table_id).tags.Name).toBe('exvalley-spokes');
    // Spokes propagate only into `advertised`, which no attachment is associated with (ADR 0620).
    expect(deref(stack, propagation.transit_gateway_route_table_id).tags.Name).toBe('exvalley-advertised');
    expect(tgwRoutes(stack, 'advertised')).toEqual([]);
    const associatedTables = Object.values(resourcesOfType(stack, 'aws_ec2_transit_gateway_route_table_association')).map(
      (a) => deref(stack, a.transit_gateway_route_table_id).tags.Name,
    );
    expect(associatedTables).not.toContain('exvalley-advertised');
  });

  it('routes entitled spokes only to the gateway, with the pool and private supernets blackholed', () => {
    expect(tgwRoutes(stack, 'spokes-hscn')).toEqual(
      [
        { destination: '0.0.0.0/0', target: gatewayAttachmentRef },
        ...hscn.prefixes.map((prefix) => ({ destination: prefix, target: gatewayAttachmentRef })),
        ...[lz.network.workloadPool, '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map((destination) => ({
          destination,
          target: 'blackhole',
        })),
      ].sort((a, b) => a.destination.localeCompare(b.destination)),
    );
  });

  it('blackholes every HSCN prefix for spokes that are not entitled (structural entitlement)', () => {
    expect(tgwRoutes(stack, 'spokes')).toEqual(
      [
        { destination: '0.0.0.0/0', target: gatewayAttachmentRef },
        ...[...new Set([lz.network.workloadPool, '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', ...hscn.prefixes])].map(
          (destination) => ({ destination, target: 'blackhole' }),
        ),
      ].sort((a, b) => a.destination.localeCompare(b.destination)),
    );
  });

  it('has only a static default blackhole in the gateway table, and only the HSCN allocation in hscn-transport', () => {
    expect(tgwRoutes(stack, 'gateway')).toEqual([{ destination: '0.0.0.0/0', target: 'blackhole' }]);
    expect(tgwRoutes(stack, 'hscn-transport')).toEqual([{ destination: hscn.allocation, target: gatewayAttachmentRef }]);
  });

  it('associates the gateway, Direct Connect and VPN attachments explicitly with their own tables', () => {
    const associations = Object.values(resourcesOfType(stack, 'aws_ec2_transit_gateway_route_table_association')).map((a) => [
      a.transit_gateway_attachment_id
        .split('.')
        [a.transit_gateway_attachment_id.startsWith('${data.') ? 2 : 1].replace(/_[0-9A-F]{8}$/, ''),
      deref(stack, a.transit_gateway_route_table_id).tags.Name,
      a.replace_existing_association ?? false,
    ]);
    expect(associations.sort()).toEqual(
      [
        ['gateway_attachment', 'exvalley-gateway', false],
        ['hscn-edge_dx-attachment', 'exvalley-hscn-transport', true],
        ['hscn-edge_vpn', 'exvalley-hscn-transport', true],
      ].sort(),
    );
    // What HSCN advertises reaches `gateway` by explicit propagation of the two edge attachments only.
    const propagations = Object.values(resourcesOfType(stack, 'aws_ec2_transit_gateway_route_table_propagation')).map((p) => [
      p.transit_gateway_attachment_id
        .split('.')
        [p.transit_gateway_attachment_id.startsWith('${data.') ? 2 : 1].replace(/_[0-9A-F]{8}$/, ''),
      deref(stack, p.transit_gateway_route_table_id).tags.Name,
    ]);
    expect(propagations.sort()).toEqual(
      [
        ['hscn-edge_dx-attachment', 'exvalley-gateway'],
        ['hscn-edge_vpn', 'exvalley-gateway'],
      ].sort(),
    );
    const [attachment] = Object.values(resourcesOfType(stack, 'aws_ec2_transit_gateway_vpc_attachment'));
    expect(attachment).toMatchObject({
      appliance_mode_support: 'enable',
      transit_gateway_default_route_table_association: false,
      transit_gateway_default_route_table_propagation: false,
    });
  });

  it('shares the Transit Gateway with the Workloads OU of the organization stack only', () => {
    const shares = Object.values(resourcesOfType(stack, 'aws_ram_resource_share'));
    expect(shares.every((share) => share.allow_external_principals === false)).toBe(true);
    const principals = Object.values(resourcesOfType(stack, 'aws_ram_principal_association')).map((p) => p.principal as string);
    const ouPrincipals = principals.filter((principal) =>
      /organization\.outputs\.cross-stack-output-aws_organizations_organizational_unitou-workloadsarn\}$/.test(principal),
    );
    expect(ouPrincipals).toHaveLength(3); // the Transit Gateway, the query-log configuration and the Route 53 Profile
  });

  it('numbers the gateway VPC subnets by zone ID, with HSCN subnets inside the allocation', () => {
    const [vpc] = Object.values(resourcesOfType(stack, 'aws_vpc'));
    expect(vpc.cidr_block).toBe(lz.network.gatewayVpcCidr);
    const [secondary] = Object.values(resourcesOfType(stack, 'aws_vpc_ipv4_cidr_block_association'));
    expect(secondary.cidr_block).toBe(hscn.allocation);
    const subnets = Object.values(resourcesOfType(stack, 'aws_subnet'));
    expect(subnets).toHaveLength(lz.network.availabilityZones.length * 5); // TGW, firewall, public, HSCN, AWS endpoints
    for (const subnet of subnets) {
      expect(subnet.availability_zone).toBeUndefined();
      expect(lz.network.availabilityZones).toContain(subnet.availability_zone_id);
      const parent = subnet.tags.Name.includes('-hscn-') ? hscn.allocation : lz.network.gatewayVpcCidr;
      expect(rangeContains(cidr(parent), cidr(subnet.cidr_block))).toBe(true);
    }
  });

  it('routes each zone of the gateway VPC as docs/hscn-gateway.md lists', () => {
    const routes = Object.values(resourcesOfType(stack, 'aws_route'));
    const prefixListRef = `\${aws_ec2_managed_prefix_list.${Object.keys(resourcesOfType(stack, 'aws_ec2_managed_prefix_list'))[0]}.id}`;
    for (const zone of lz.network.availabilityZones) {
      const table = (purpose: string) => {
        const [key] = byName(stack, 'aws_route_table', `exvalley-gateway-${purpose}-${zone}`);
        return routes
          .filter((route) => route.route_table_id.includes(key))
          .map((route) => {
            const destination = route.destination_prefix_list_id === prefixListRef ? 'hscn-prefix-list' : route.destination_cidr_block;
            const target = route.nat_gateway_id
              ? deref(stack, route.nat_gateway_id).tags.Name
              : route.transit_gateway_id
                ? 'tgw'
                : route.gateway_id
                  ? 'igw'
                  : /subnet-firewall-([\w-]+?)_/.exec(route.vpc_endpoint_id)?.[1]
                    ? `firewall-${/subnet-firewall-([\w-]+?)_/.exec(route.vpc_endpoint_id)![1]}`
                    : 'unknown';
            return `${destination} -> ${target}`;
          })
          .sort();
      };
      expect(table('tgw')).toEqual([`0.0.0.0/0 -> firewall-${zone}`]);
      expect(table('firewall')).toEqual(
        [
          `0.0.0.0/0 -> exvalley-public-nat-${zone}`,
          `${lz.network.workloadPool} -> tgw`,
          `hscn-prefix-list -> exvalley-hscn-nat-${zone}`,
        ].sort(),
      );
      expect(table('hscn')).toEqual([`${lz.network.workloadPool} -> firewall-${zone}`, 'hscn-prefix-list -> tgw'].sort());
      expect(table('public')).toEqual([`0.0.0.0/0 -> igw`, `${lz.network.workloadPool} -> firewall-${zone}`].sort());
      // Endpoint replies go straight back to the spokes; no default route, so nothing leaves from here.
      expect(table('endpoints')).toEqual([`${lz.network.workloadPool} -> tgw`]);
    }
  });

  it('places private NAT gateways in the HSCN subnets and public ones (with Elastic IPs) in the public subnets', () => {
    for (const nat of Object.values(resourcesOfType(stack, 'aws_nat_gateway'))) {
      const subnet = deref(stack, nat.subnet_id);
      if (nat.connectivity_type === 'private') {
        expect(rangeContains(cidr(hscn.allocation), cidr(subnet.cidr_block))).toBe(true);
        expect(nat.allocation_id).toBeUndefined();
      } else {
        expect(subnet.tags.Name).toContain('-public-');
        expect(nat.allocation_id).toMatch(/aws_eip\./);
      }
    }
  });

  it('runs a strict-order, default-drop firewall whose HSCN entitlement refers to a prefix list the network stack leaves empty', () => {
    const [policy] = Object.values(resourcesOfType(stack, 'aws_networkfirewall_firewall_policy'));
    expect(policy.firewall_policy.stateful_engine_options.rule_order).toBe('STRICT_ORDER');
    expect(policy.firewall_policy.stateful_default_actions).toContain('aws:drop_established');
    expect(policy.firewall_policy.stateless_default_actions).toEqual(['aws:forward_to_sfe']);
    const [, group] = byName(stack, 'aws_networkfirewall_rule_group', 'exvalley-hscn-entitlement');
    const sets = Object.fromEntries(group.rule_group.rule_variables.ip_sets.map((set: TerraformJson) => [set.key, set.ip_set.definition]));
    expect(sets).toEqual({ HSCN_PREFIXES: hscn.prefixes });
    // The entitled sources are an IP set reference (@HSCN_ENTITLED) to a customer-managed prefix list
    // with no in-line entries: network-routes adds one entry per entitled spoke (ADR 0508).
    const [reference] = group.rule_group.reference_sets.ip_set_references;
    expect(reference.key).toBe('HSCN_ENTITLED');
    const list = deref(stack, reference.ip_set_reference[0].reference_arn);
    expect(list).toMatchObject({ name: 'exvalley-hscn-entitled-sources', address_family: 'IPv4', max_entries: 1000 });
    expect(list.entry).toBeUndefined();
    expect(group.rule_group.rules_source.rules_string.split('\n').filter((rule: string) => rule.startsWith('pass '))).toEqual(
      hscn.allowedPorts.map(({ protocol, port }) =>
        expect.stringMatching(new RegExp(`^pass ${protocol.toLowerCase()} @HSCN_ENTITLED any -> \\$HSCN_PREFIXES ${port} `)),
      ),
    );
    const [logging] = Object.values(resourcesOfType(stack, 'aws_networkfirewall_logging_configuration'));
    const destinations = logging.logging_configuration.log_destination_config;
    expect(destinations.map((d: TerraformJson) => d.log_type).sort()).toEqual(['ALERT', 'FLOW']);
    for (const destination of destinations)
      expect(destination.log_destination.bucketName).toBe(logBucketName(lz, 'network', lz.homeRegion, EXAMPLE_LOG_ARCHIVE_ACCOUNT_ID));
  });

  it('advertises exactly the HSCN allocation from the Direct Connect gateway and accepts the configured VIF', () => {
    const [gateway] = Object.values(resourcesOfType(stack, 'aws_dx_gateway'));
    expect(gateway.amazon_side_asn).toBe(String(lz.network.directConnectGatewayAsn));
    const [association] = Object.values(resourcesOfType(stack, 'aws_dx_gateway_association'));
    expect(association.allowed_prefixes).toEqual([hscn.allocation]);
    const [accepter] = Object.values(resourcesOfType(stack, 'aws_dx_hosted_transit_virtual_interface_accepter'));
    expect(accepter.virtual_interface_id).toBe(hscn.directConnect.transitVifId);
    // The VIF (and so BGP) comes up only once the Direct Connect attachment is in hscn-transport.
    expect(accepter.depends_on).toEqual([expect.stringMatching(/^aws_ec2_transit_gateway_route_table_association\.hub_dx-association_/)]);
    const [customerGateway] = Object.values(resourcesOfType(stack, 'aws_customer_gateway'));
    expect(customerGateway).toMatchObject({ bgp_asn: String(hscn.vpn!.customerGatewayAsn), ip_address: hscn.vpn!.customerGatewayIp });
    const [vpn] = Object.values(resourcesOfType(stack, 'aws_vpn_connection'));
    expect(vpn.static_routes_only).toBe(false);
    // AWS generates the pre-shared keys into Secrets Manager; none is written in code.
    expect(vpn.preshared_key_storage).toBe('SecretsManager');
    expect(Object.keys(vpn).filter((key) => /preshared_key$/.test(key))).toEqual([]);
    // Both edge attachments are created only after the default association and propagation are
    // redirected, so they never use the table AWS made by itself (gateway gets their routes by explicit propagation).
    const redirect = [
      expect.stringMatching(/^aws_ec2_transit_gateway_default_route_table_association\.hub_default-association-spokes_/),
      expect.stringMatching(/^aws_ec2_transit_gateway_default_route_table_propagation\.hub_default-propagation-advertised_/),
    ];
    expect(association.depends_on).toEqual(redirect);
    expect(vpn.depends_on).toEqual(redirect);
    const [, prefixList] = byName(stack, 'aws_ec2_managed_prefix_list', 'exvalley-hscn');
    expect(prefixList.entry.map((entry: TerraformJson) => entry.cidr)).toEqual(hscn.prefixes);
  });

  it('forwards the NHS domains from HSCN subnets in two zones, in a share whose principals this stack does not list', () => {
    const [endpoint] = Object.values(resourcesOfType(stack, 'aws_route53_resolver_endpoint'));
    expect(endpoint.direction).toBe('OUTBOUND');
    expect(endpoint.ip_address).toHaveLength(2);
    const zones = endpoint.ip_address.map((ip: TerraformJson) => deref(stack, ip.subnet_id));
    expect(new Set(zones.map((s: TerraformJson) => s.availability_zone_id)).size).toBe(2);
    for (const subnet of zones) expect(rangeContains(cidr(hscn.allocation), cidr(subnet.cidr_block))).toBe(true);
    const securityGroup = deref(stack, endpoint.security_group_ids[0]);
    expect(securityGroup.ingress).toEqual([]);
    expect(
      securityGroup.egress.map((rule: TerraformJson) => `${rule.protocol}/${rule.from_port}-${rule.to_port} ${rule.cidr_blocks}`).sort(),
    ).toEqual(hscn.dnsServers.flatMap((server) => [`tcp/53-53 ${server}/32`, `udp/53-53 ${server}/32`]).sort());
    const rules = Object.values(resourcesOfType(stack, 'aws_route53_resolver_rule'));
    expect(rules.map((rule) => rule.domain_name)).toEqual(hscn.forwardedDomains);
    for (const rule of rules) expect(rule.target_ip.map((t: TerraformJson) => t.ip)).toEqual(hscn.dnsServers);
    const [shareKey] = byName(stack, 'aws_ram_resource_share', 'exvalley-hscn-resolver-rules');
    const principals = Object.values(resourcesOfType(stack, 'aws_ram_principal_association')).filter((p) =>
      p.resource_share_arn.includes(shareKey),
    );
    // Each entitled account's own workload stack adds it (test/stacks/workload-stack.test.ts, ADR 0508).
    expect(principals).toEqual([]);
  });

  it('sends Transit Gateway and gateway VPC flow logs and resolver query logs to the log archive', () => {
    const bucket = `arn:aws:s3:::${logBucketName(lz, 'network', lz.homeRegion, EXAMPLE_LOG_ARCHIVE_ACCOUNT_ID)}/`;
    // The account baseline's default-VPC flow logs (one per Region, each to its own Region's bucket) aside.
    const flowLogs = Object.values(resourcesOfType(stack, 'aws_flow_log')).filter(
      (log) => !String(log.vpc_id ?? '').includes('aws_default_vpc'),
    );
    expect(flowLogs.filter((log) => log.transit_gateway_id)).toHaveLength(1);
    expect(flowLogs.filter((log) => log.vpc_id)).toHaveLength(1);
    for (const log of flowLogs) expect(log.log_destination.startsWith(bucket)).toBe(true);
    const [queryLogs] = Object.values(resourcesOfType(stack, 'aws_route53_resolver_query_log_config'));
    expect(queryLogs.destination_arn.startsWith(bucket)).toBe(true);
  });
});

describe('network stack without an HSCN edge', () => {
  const dir = copyExampleConfig();
  editConfigFile(dir, 'landing-zone.yaml', /\n {2}hscn:\n[\s\S]*?(?=\n\S)/, '');
  editConfigFile(dir, 'accounts/clinical-portal-prod.yaml', 'hscn: true', 'hscn: false');
  const stack = network(dir);

  it('builds the hub and internet egress with nothing towards HSCN', () => {
    for (const type of [
      'aws_dx_gateway',
      'aws_vpn_connection',
      'aws_customer_gateway',
      'aws_route53_resolver_endpoint',
      'aws_ec2_managed_prefix_list',
      'aws_vpc_ipv4_cidr_block_association',
    ]) {
      expect({ type, count: Object.keys(resourcesOfType(stack, type)).length }).toEqual({ type, count: 0 });
    }
    expect(Object.values(resourcesOfType(stack, 'aws_nat_gateway')).every((nat) => nat.connectivity_type === 'public')).toBe(true);
    expect(tgwRoutes(stack, 'hscn-transport')).toEqual([]);
    expect(tgwRoutes(stack, 'spokes').map((route) => route.destination)).toContain('10.0.0.0/8');
    expect(Object.keys(resourcesOfType(stack, 'aws_networkfirewall_rule_group'))).toHaveLength(1);
  });
});

describe('vending and the network stack', () => {
  const baseline = network();
  const withAccount = (hscnEntitled: boolean): TerraformJson => {
    const dir = copyExampleConfig();
    fs.writeFileSync(
      path.join(dir, 'accounts', 'new-service.yaml'),
      [
        'name: new-service',
        'email: aws-new-service@example.nhs.uk',
        'ou: Workloads/Production',
        'owner: team@example.nhs.uk',
        'costCentre: CC-9',
        'classification: OFFICIAL',
        `hscn: ${hscnEntitled}`,
        'cidr: 100.64.16.0/24',
        '',
      ].join('\n'),
    );
    return network(dir);
  };

  it('does not change at all when an account without HSCN is vended', () => {
    expect(withAccount(false)).toEqual(baseline);
  });

  it('does not change at all when an HSCN-entitled account is vended (its entitlement lives in network-routes and its own stack)', () => {
    expect(withAccount(true)).toEqual(baseline);
  });
});

describe('network alerts', () => {
  const stack = network();

  it('alerts on any hub routing change made by anyone but the execution role', () => {
    const [rule] = Object.values(resourcesOfType(stack, 'aws_cloudwatch_event_rule')).filter((r) => r.name === 'lz-hub-routing-changes');
    const pattern = JSON.parse(rule.event_pattern);
    expect(pattern.detail.eventName).toEqual(
      expect.arrayContaining([
        'CreateTransitGatewayRoute',
        'EnableTransitGatewayRouteTablePropagation',
        'AssociateTransitGatewayRouteTable',
      ]),
    );
    expect(pattern.detail.$or).toEqual([
      { userIdentity: { type: [{ 'anything-but': 'AssumedRole' }] } },
      { userIdentity: { sessionContext: { sessionIssuer: { userName: [{ 'anything-but': lz.roles.execution }] } } } },
    ]);
    const [target] = Object.values(resourcesOfType(stack, 'aws_cloudwatch_event_target'));
    const [topic] = Object.entries(resourcesOfType(stack, 'aws_sns_topic'));
    expect(topic[1].name).toBe(`${lz.organization.namePrefix}-lz-network-alerts`);
    expect(target.arn).toBe(`\${aws_sns_topic.${topic[0]}.arn}`);
  });
});
