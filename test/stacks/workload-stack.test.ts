// The workload spoke in each workload-<name> stack: private subnets in configured zone IDs, small
// TGW subnets, everything to the Transit Gateway, nothing else out; suspended accounts isolated.
import { cidr, rangeContains, rangesOverlap } from '../../lib/network/cidr';
import { loadConfig } from '../../lib/config/load';
import { logBucketName } from '../../lib/naming';
import { copyExampleConfig, editConfigFile } from '../helpers/config-fixtures';
import { EXAMPLE_CONFIG_DIR, EXAMPLE_LOG_ARCHIVE_ACCOUNT_ID, type TerraformJson, resourcesOfType, synthConfig } from '../helpers/synth';

const lz = loadConfig(EXAMPLE_CONFIG_DIR).landingZone;
const NETWORK_OUTPUT = /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-network\.outputs\.cross-stack-output-(\S+)\}$/;

function spokeResources(stack: TerraformJson, type: string): TerraformJson[] {
  return Object.entries(resourcesOfType(stack, type))
    .filter(([name]) => name.startsWith('spoke_'))
    .map(([, body]) => body);
}

describe('workload spoke', () => {
  const { stacks } = synthConfig();
  const clinical = stacks.get('workload-clinical-portal-prod')!;
  const analytics = stacks.get('workload-analytics-dev')!;

  it('builds the VPC from the account CIDR with private and /28 TGW subnets in the configured zone IDs', () => {
    const [vpc] = spokeResources(clinical, 'aws_vpc');
    expect(vpc.cidr_block).toBe('100.64.0.0/21');
    const subnets = spokeResources(clinical, 'aws_subnet');
    const tgw = subnets.filter((s) => s.tags.Name.includes('-tgw-'));
    const privateSubnets = subnets.filter((s) => s.tags.Name.includes('-private-'));
    expect(tgw.map((s) => s.availability_zone_id).sort()).toEqual([...lz.network.availabilityZones].sort());
    expect(privateSubnets.map((s) => s.availability_zone_id).sort()).toEqual([...lz.network.availabilityZones].sort());
    for (const subnet of subnets) {
      expect(subnet.availability_zone).toBeUndefined();
      expect(rangeContains(cidr(vpc.cidr_block), cidr(subnet.cidr_block))).toBe(true);
      for (const other of subnets) if (other !== subnet) expect(rangesOverlap(cidr(other.cidr_block), cidr(subnet.cidr_block))).toBe(false);
    }
    for (const subnet of tgw) expect(cidr(subnet.cidr_block).prefixLength).toBe(28);
    // The TGW subnets sit at the very end of the range.
    expect(Math.max(...tgw.map((s) => Number(cidr(s.cidr_block).last)))).toBe(Number(cidr(vpc.cidr_block).last));
  });

  it('sends everything to the Transit Gateway of the network stack and has no other way out', () => {
    const routes = spokeResources(clinical, 'aws_route');
    expect(routes).toHaveLength(1);
    expect(routes[0].destination_cidr_block).toBe('0.0.0.0/0');
    expect(NETWORK_OUTPUT.exec(routes[0].transit_gateway_id)?.[1]).toMatch(/^aws_ec2_transit_gateway/);
    for (const type of [
      'aws_internet_gateway',
      'aws_nat_gateway',
      'aws_egress_only_internet_gateway',
      'aws_vpc_peering_connection',
      'aws_vpn_gateway',
    ]) {
      expect(Object.keys(resourcesOfType(clinical, type))).toHaveLength(0);
    }
    const [attachment] = spokeResources(clinical, 'aws_ec2_transit_gateway_vpc_attachment');
    expect(attachment.transit_gateway_id).toBe(routes[0].transit_gateway_id);
    expect(attachment.subnet_ids).toHaveLength(lz.network.availabilityZones.length);
    // A shared Transit Gateway decides association and propagation; the spoke must not try.
    expect(attachment.transit_gateway_default_route_table_association).toBeUndefined();
    expect(attachment.appliance_mode_support).toBeUndefined();
  });

  it('closes the default security group and logs flows to the log archive', () => {
    const [sg] = spokeResources(clinical, 'aws_default_security_group');
    expect(sg).toMatchObject({ ingress: [], egress: [] });
    const [flowLog] = spokeResources(clinical, 'aws_flow_log');
    expect(
      flowLog.log_destination.startsWith(`arn:aws:s3:::${logBucketName(lz, 'network', lz.homeRegion, EXAMPLE_LOG_ARCHIVE_ACCOUNT_ID)}/`),
    ).toBe(true);
    expect(flowLog.traffic_type).toBe('ALL');
  });

  it('refuses SSH and RDP from anywhere in the default network ACL and allows everything else (EC2.21)', () => {
    const [acl] = spokeResources(clinical, 'aws_default_network_acl');
    expect(acl.default_network_acl_id).toMatch(/^\$\{aws_vpc\.spoke_vpc_\w+\.default_network_acl_id\}$/);
    const fromAnywhere = (acl.ingress as TerraformJson[]).filter((rule) => rule.cidr_block === '0.0.0.0/0');
    for (const port of [22, 3389]) {
      expect(
        fromAnywhere.filter(
          (rule) => rule.protocol === '-1' || (rule.protocol === 'tcp' && rule.from_port <= port && port <= rule.to_port),
        ),
      ).toEqual([]);
    }
    // Every other TCP port, and UDP, stay open as with AWS's default ACL.
    for (const port of [0, 21, 23, 443, 3388, 3390, 65535])
      expect(fromAnywhere.some((rule) => rule.protocol === 'tcp' && rule.from_port <= port && port <= rule.to_port)).toBe(true);
    expect(fromAnywhere.some((rule) => rule.protocol === 'udp')).toBe(true);
    expect(acl.egress).toEqual([{ action: 'allow', cidr_block: '0.0.0.0/0', from_port: 0, protocol: '-1', rule_no: 100, to_port: 0 }]);
    expect(acl.lifecycle.ignore_changes).toEqual(['subnet_ids']);
  });

  it('associates the HSCN resolver rules only in entitled accounts, and query logging in every attached spoke', () => {
    const rules = spokeResources(clinical, 'aws_route53_resolver_rule_association');
    expect(rules).toHaveLength(lz.network.hscn!.forwardedDomains.length);
    expect(NETWORK_OUTPUT.exec(rules[0].resolver_rule_id)?.[1]).toMatch(/^aws_route53_resolver_rule/);
    expect(spokeResources(analytics, 'aws_route53_resolver_rule_association')).toHaveLength(0);
    for (const stack of [clinical, analytics])
      expect(spokeResources(stack, 'aws_route53_resolver_query_log_config_association')).toHaveLength(1);
  });

  it('adds an entitled account to the HSCN resolver-rule share itself, through a network-account provider, before associating the rules', () => {
    // The share (network stack) lists no principals; this stack adds its own account, so that an HSCN
    // vend never changes the network stack and the rules are shared before this VPC associates them (ADR 0508).
    const sharing = Object.values(resourcesOfType(clinical, 'aws_ram_principal_association'));
    expect(sharing).toHaveLength(1);
    const [association] = sharing;
    expect(NETWORK_OUTPUT.exec(association.resource_share_arn)?.[1]).toMatch(/^aws_ram_resource_sharehscn-dns_share_/);
    expect(association.principal).toMatch(/aws_organizations_accountaccount-clinical-portal-prodid\}$/);
    expect(association.provider).toBe('aws.network');
    const provider = clinical.provider.aws.find((candidate: TerraformJson) => candidate.alias === 'network');
    expect(provider.allowed_account_ids).toEqual([expect.stringMatching(/aws_organizations_accountaccount-networkid\}$/)]);
    expect(provider.assume_role).toEqual([
      expect.objectContaining({ role_arn: expect.stringMatching(/^arn:aws:iam::\$\{.*account-networkid\}:role\/lz-execution$/) }),
    ]);
    expect(provider.region).toBe(lz.homeRegion);
    for (const rule of spokeResources(clinical, 'aws_route53_resolver_rule_association'))
      expect(rule.depends_on).toEqual(['aws_ram_principal_association.hscn-resolver-rule-sharing']);
    // Not entitled: no share principal and no network-account provider at all.
    expect(resourcesOfType(analytics, 'aws_ram_principal_association')).toEqual({});
    expect(analytics.provider.aws.map((candidate: TerraformJson) => candidate.alias ?? 'default')).not.toContain('network');
  });
});

describe('suspended workload spoke', () => {
  const dir = copyExampleConfig();
  editConfigFile(dir, 'accounts/clinical-portal-prod.yaml', 'status: active', 'status: suspended');
  const stack = synthConfig(dir).stacks.get('workload-clinical-portal-prod')!;

  it('keeps the VPC but has no attachment, no route out and no HSCN DNS', () => {
    expect(spokeResources(stack, 'aws_vpc')).toHaveLength(1);
    expect(spokeResources(stack, 'aws_ec2_transit_gateway_vpc_attachment')).toHaveLength(0);
    expect(spokeResources(stack, 'aws_route')).toHaveLength(0);
    expect(spokeResources(stack, 'aws_route53_resolver_rule_association')).toHaveLength(0);
    expect(resourcesOfType(stack, 'aws_ram_principal_association')).toEqual({});
    expect(spokeResources(stack, 'aws_flow_log')).toHaveLength(1);
  });

  it('drops the query-log association: the configuration is shared only with the Workloads OU, which a suspended account leaves', () => {
    expect(spokeResources(stack, 'aws_route53_resolver_query_log_config_association')).toHaveLength(0);
  });
});
