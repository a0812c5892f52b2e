// DNS Firewall and the Route 53 Profile: the rule group's order (allow list, block list, managed
// threat lists), fail-closed on the gateway VPC and every attached spoke, the profile shared with the
// Workloads OU only and holding the endpoint zones and the rule group, and each spoke associating it.
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Testing, TerraformStack } from 'cdktf';
import { loadConfig } from '../../lib/config/load';
import { dnsFirewallDomainMatches, dnsFirewallDomains, dnsFirewallRules } from '../../lib/network/dns-firewall';
import { spokeLayout } from '../../lib/network/layout';
import { DnsFirewall } from '../../modules/dns-firewall';
import { DnsProfile } from '../../modules/dns-profile';
import { WorkloadSpoke } from '../../modules/workload-spoke';
import { EXAMPLE_CONFIG_DIR, resourcesOfType, type TerraformJson } from '../helpers/synth';

const loaded = loadConfig(EXAMPLE_CONFIG_DIR);
const lz = loaded.landingZone;
const withLists = {
  ...lz,
  network: {
    ...lz.network,
    dnsFirewall: { ...lz.network.dnsFirewall, allowedDomains: ['updates.example.org'], blockedDomains: ['.exfil.example', 'c2.example'] },
  },
};

function synth(build: (stack: TerraformStack) => void): TerraformJson {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  new AwsProvider(stack, 'aws', { region: 'eu-west-2' });
  build(stack);
  return JSON.parse(Testing.synth(stack));
}

describe('DNS Firewall rules (lib/network/dns-firewall.ts)', () => {
  it('puts the allow list first, then the block list, then each managed threat list by its Regional ID', () => {
    const rules = dnsFirewallRules(withLists);
    expect(rules.map((rule) => [rule.priority, rule.action, rule.list.kind === 'managed' ? rule.list.id : rule.id])).toEqual([
      [100, 'ALLOW', 'allowed-domains'],
      [200, 'BLOCK', 'blocked-domains'],
      ...lz.network.dnsFirewall.managedThreatLists.map((list, index) => [300 + index * 10, 'BLOCK', list.id]),
    ]);
  });

  it('spells a leading-dot domain as the name and its subdomains, as DNS Firewall needs', () => {
    expect(dnsFirewallDomains(['.exfil.example', 'c2.example'])).toEqual(['exfil.example', '*.exfil.example', 'c2.example']);
    expect(dnsFirewallDomainMatches('*.exfil.example', 'data.exfil.example')).toBe(true);
    expect(dnsFirewallDomainMatches('*.exfil.example', 'exfil.example')).toBe(false);
    expect(dnsFirewallDomainMatches('exfil.example', 'exfil.example.')).toBe(true);
    expect(dnsFirewallDomainMatches('exfil.example', 'notexfil.example')).toBe(false);
  });
});

describe('DnsFirewall', () => {
  const stack = synth(
    (scope) => new DnsFirewall(scope, 'dns-firewall', { namePrefix: 'ex', vpcId: 'vpc-gateway', rules: dnsFirewallRules(withLists) }),
  );

  it('blocks with NODATA and allows without a block response', () => {
    const rules = Object.values(resourcesOfType(stack, 'aws_route53_resolver_firewall_rule'));
    for (const rule of rules) expect(rule.block_response).toBe(rule.action === 'BLOCK' ? 'NODATA' : undefined);
    const managed = rules.filter((rule) => !String(rule.firewall_domain_list_id).startsWith('${'));
    expect(managed.map((rule) => rule.firewall_domain_list_id)).toEqual(lz.network.dnsFirewall.managedThreatLists.map((list) => list.id));
    const lists = Object.values(resourcesOfType(stack, 'aws_route53_resolver_firewall_domain_list'));
    expect(lists.map((list) => list.domains)).toEqual([['updates.example.org'], ['exfil.example', '*.exfil.example', 'c2.example']]);
  });

  it('is associated with the gateway VPC under mutation protection, and the gateway VPC fails closed', () => {
    const [association] = Object.values(resourcesOfType(stack, 'aws_route53_resolver_firewall_rule_group_association'));
    expect(association).toMatchObject({ vpc_id: 'vpc-gateway', mutation_protection: 'ENABLED' });
    expect(Object.values(resourcesOfType(stack, 'aws_route53_resolver_firewall_config'))).toEqual([
      expect.objectContaining({ resource_id: 'vpc-gateway', firewall_fail_open: 'DISABLED' }),
    ]);
  });
});

describe('DnsProfile', () => {
  const stack = synth(
    (scope) =>
      new DnsProfile(scope, 'dns-profile', {
        namePrefix: 'ex',
        hostedZones: [
          { key: 'sts', arn: 'arn:zone-sts' },
          { key: 's3', arn: 'arn:zone-s3' },
        ],
        firewallRuleGroupArn: 'arn:rule-group',
        workloadsOuArn: 'arn:ou-workloads',
      }),
  );

  it('holds the endpoint zones and the DNS Firewall rule group', () => {
    const associations = Object.values(resourcesOfType(stack, 'aws_route53profiles_resource_association'));
    expect(associations.map((association) => association.resource_arn).sort()).toEqual(['arn:rule-group', 'arn:zone-s3', 'arn:zone-sts']);
    expect(JSON.parse(associations.find((association) => association.resource_arn === 'arn:rule-group')!.resource_properties)).toEqual({
      priority: 1000,
    });
  });

  it('is shared with the Workloads OU only, never outside the organization', () => {
    expect(Object.values(resourcesOfType(stack, 'aws_ram_resource_share'))).toEqual([
      expect.objectContaining({ allow_external_principals: false }),
    ]);
    expect(Object.values(resourcesOfType(stack, 'aws_ram_principal_association')).map((association) => association.principal)).toEqual([
      'arn:ou-workloads',
    ]);
  });
});

describe('WorkloadSpoke and the profile', () => {
  const account = loaded.accounts[0].config;
  const spoke = (attached: boolean) =>
    synth(
      (scope) =>
        new WorkloadSpoke(scope, 'spoke', {
          name: account.name,
          layout: spokeLayout(lz, account),
          attached,
          transitGatewayId: 'tgw-hub',
          resolverRuleIds: {},
          queryLogConfigId: 'rqlc-1',
          dnsProfileId: 'rp-1',
          flowLogDestinationArn: 'arn:aws:s3:::logs/vpc',
        }),
    );

  it('associates the profile with its own VPC and fails closed while attached', () => {
    const stack = spoke(true);
    expect(Object.values(resourcesOfType(stack, 'aws_route53profiles_association'))).toEqual([
      expect.objectContaining({ profile_id: 'rp-1', resource_id: expect.stringMatching(/aws_vpc\..*\.id/) }),
    ]);
    expect(Object.values(resourcesOfType(stack, 'aws_route53_resolver_firewall_config'))).toEqual([
      expect.objectContaining({ firewall_fail_open: 'DISABLED' }),
    ]);
    // Query logging is associated alongside (the shared configuration), so blocked queries are logged too.
    expect(Object.keys(resourcesOfType(stack, 'aws_route53_resolver_query_log_config_association'))).toHaveLength(1);
  });

  it('keeps neither while suspended (the share ends with the OU move; nothing routes anyway)', () => {
    const stack = spoke(false);
    expect(resourcesOfType(stack, 'aws_route53profiles_association')).toEqual({});
    expect(resourcesOfType(stack, 'aws_route53_resolver_firewall_config')).toEqual({});
  });
});
