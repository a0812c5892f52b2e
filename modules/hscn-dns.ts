// DNS towards HSCN: a Route 53 Resolver outbound endpoint in the HSCN-numbered subnets (so that the
// HSCN DNS servers see, and can answer, an HSCN address), FORWARD rules for the configured NHS
// domains, in a RAM share. The share's principals, the HSCN-entitled accounts only, are each added by
// that account's own workload stack (docs/decisions/0508-vend-touches-four-stacks.md), so that
// entitling an account never changes the stack that holds this construct.
import { RamResourceAssociation } from '@cdktf/provider-aws/lib/ram-resource-association';
import { RamResourceShare } from '@cdktf/provider-aws/lib/ram-resource-share';
import { Route53ResolverEndpoint } from '@cdktf/provider-aws/lib/route53-resolver-endpoint';
import { Route53ResolverRule } from '@cdktf/provider-aws/lib/route53-resolver-rule';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Construct } from 'constructs';

export interface HscnDnsProps {
  readonly namePrefix: string;
  readonly vpcId: string;
  /** HSCN-numbered subnets in at least two zones; the endpoint uses the first two. */
  readonly subnetIds: readonly string[];
  readonly dnsServers: readonly string[];
  readonly forwardedDomains: readonly string[];
}

export class HscnDns extends Construct {
  readonly endpoint: Route53ResolverEndpoint;
  /** The share of the FORWARD rules; principals are added by the entitled accounts' workload stacks. */
  readonly share: RamResourceShare;
  /** FORWARD rules by domain. */
  readonly rules = new Map<string, Route53ResolverRule>();

  constructor(scope: Construct, id: string, props: HscnDnsProps) {
    super(scope, id);
    if (props.subnetIds.length < 2) throw new Error('the Resolver outbound endpoint needs HSCN subnets in two zones');
    const securityGroup = new SecurityGroup(this, 'endpoint-security-group', {
      name: `${props.namePrefix}-hscn-dns-outbound`,
      description: 'Resolver outbound endpoint: DNS to the HSCN DNS servers only',
      vpcId: props.vpcId,
      ingress: [],
      // HSCN DNS answers over UDP and falls back to TCP for large answers; both are needed.
      egress: props.dnsServers.flatMap((server) =>
        (['tcp', 'udp'] as const).map((protocol) => ({
          description: `DNS to HSCN server ${server}`,
          protocol,
          fromPort: 53,
          toPort: 53,
          cidrBlocks: [`${server}/32`],
          ipv6CidrBlocks: [],
          prefixListIds: [],
          securityGroups: [],
          selfAttribute: false,
        })),
      ),
      revokeRulesOnDelete: true,
    });
    this.endpoint = new Route53ResolverEndpoint(this, 'outbound-endpoint', {
      name: `${props.namePrefix}-hscn-outbound`,
      direction: 'OUTBOUND',
      securityGroupIds: [securityGroup.id],
      ipAddress: props.subnetIds.slice(0, 2).map((subnetId) => ({ subnetId })),
      protocols: ['Do53'],
    });

    const share = (this.share = new RamResourceShare(this, 'share', {
      name: `${props.namePrefix}-hscn-resolver-rules`,
      allowExternalPrincipals: false,
    }));
    for (const domain of props.forwardedDomains) {
      const key = domain.replace(/\./g, '-');
      const rule = new Route53ResolverRule(this, `forward-${key}`, {
        name: `${props.namePrefix}-hscn-${key}`,
        domainName: domain,
        ruleType: 'FORWARD',
        resolverEndpointId: this.endpoint.id,
        targetIp: props.dnsServers.map((ip) => ({ ip, port: 53 })),
      });
      this.rules.set(domain, rule);
      new RamResourceAssociation(this, `share-forward-${key}`, { resourceShareArn: share.arn, resourceArn: rule.arn });
    }
  }
}
