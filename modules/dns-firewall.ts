// Route 53 Resolver DNS Firewall (network account): one rule group built from lib/network/dns-firewall.ts,
// associated directly with the gateway VPC and put into the Route 53 Profile for every spoke. DNS
// queries to the VPC resolver never cross the Network Firewall, so this is the only place where a
// lookup (and DNS tunnelling through the resolver) can be refused. Fail-closed (ADR 0623).
import { Route53ResolverFirewallConfig } from '@cdktf/provider-aws/lib/route53-resolver-firewall-config';
import { Route53ResolverFirewallDomainList } from '@cdktf/provider-aws/lib/route53-resolver-firewall-domain-list';
import { Route53ResolverFirewallRule } from '@cdktf/provider-aws/lib/route53-resolver-firewall-rule';
import { Route53ResolverFirewallRuleGroup } from '@cdktf/provider-aws/lib/route53-resolver-firewall-rule-group';
import { Route53ResolverFirewallRuleGroupAssociation } from '@cdktf/provider-aws/lib/route53-resolver-firewall-rule-group-association';
import { Construct } from 'constructs';
import type { DnsFirewallRuleSpec } from '../lib/network/dns-firewall';

export interface DnsFirewallProps {
  readonly namePrefix: string;
  /** The gateway VPC: associated directly (it is in the network account, like the rule group). */
  readonly vpcId: string;
  readonly rules: readonly DnsFirewallRuleSpec[];
}

/** Priority of the rule group on a VPC (AWS accepts 101-9899 for customer associations). */
export const DNS_FIREWALL_ASSOCIATION_PRIORITY = 1000;

export class DnsFirewall extends Construct {
  readonly ruleGroup: Route53ResolverFirewallRuleGroup;

  constructor(scope: Construct, id: string, props: DnsFirewallProps) {
    super(scope, id);
    this.ruleGroup = new Route53ResolverFirewallRuleGroup(this, 'rule-group', { name: `${props.namePrefix}-dns-firewall` });
    for (const rule of props.rules) {
      const listId =
        rule.list.kind === 'managed'
          ? rule.list.id
          : new Route53ResolverFirewallDomainList(this, `domain-list-${rule.id}`, {
              name: `${props.namePrefix}-${rule.id}`,
              domains: [...rule.list.domains],
            }).id;
      new Route53ResolverFirewallRule(this, `rule-${rule.id}`, {
        name: `${props.namePrefix}-${rule.id}`,
        firewallRuleGroupId: this.ruleGroup.id,
        firewallDomainListId: listId,
        priority: rule.priority,
        action: rule.action,
        // NODATA: the name exists but has no answer, so clients stop instead of retrying elsewhere.
        ...(rule.action === 'BLOCK' ? { blockResponse: 'NODATA' } : {}),
      });
    }
    new Route53ResolverFirewallRuleGroupAssociation(this, 'gateway-association', {
      name: `${props.namePrefix}-gateway`,
      firewallRuleGroupId: this.ruleGroup.id,
      vpcId: props.vpcId,
      priority: DNS_FIREWALL_ASSOCIATION_PRIORITY,
      // Only the rule group's owner can remove the association while this is on.
      mutationProtection: 'ENABLED',
    });
    // Fail-closed (AWS's default, set explicitly so a console change is reverted on the next apply).
    new Route53ResolverFirewallConfig(this, 'gateway-fail-closed', { resourceId: props.vpcId, firewallFailOpen: 'DISABLED' });
  }
}
