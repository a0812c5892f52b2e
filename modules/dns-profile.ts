// The estate's Route 53 Profile (network account): the central endpoints' private hosted zones and the
// DNS Firewall rule group, shared through RAM with the Workloads OU. Each workload stack associates the
// profile with its own VPC (a VPC takes one profile), so vending adds nothing to the network stack.
// https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/profiles.html,
// https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/sharing-profiles.html
import { RamPrincipalAssociation } from '@cdktf/provider-aws/lib/ram-principal-association';
import { RamResourceAssociation } from '@cdktf/provider-aws/lib/ram-resource-association';
import { RamResourceShare } from '@cdktf/provider-aws/lib/ram-resource-share';
import { Route53ProfilesProfile } from '@cdktf/provider-aws/lib/route53profiles-profile';
import { Route53ProfilesResourceAssociation } from '@cdktf/provider-aws/lib/route53profiles-resource-association';
import { Construct } from 'constructs';
import { DNS_FIREWALL_ASSOCIATION_PRIORITY } from './dns-firewall';

export interface DnsProfileProps {
  readonly namePrefix: string;
  /** Private hosted zones by a stable key (the service name), each put into the profile. */
  readonly hostedZones: readonly { readonly key: string; readonly arn: string }[];
  /**
   * ARN of the DNS Firewall rule group every spoke gets.
   * @default no rule group in the profile
   */
  readonly firewallRuleGroupArn?: string;
  readonly workloadsOuArn: string;
}

export class DnsProfile extends Construct {
  readonly profile: Route53ProfilesProfile;

  constructor(scope: Construct, id: string, props: DnsProfileProps) {
    super(scope, id);
    this.profile = new Route53ProfilesProfile(this, 'profile', { name: `${props.namePrefix}-spokes` });
    for (const zone of props.hostedZones) {
      new Route53ProfilesResourceAssociation(this, `zone-${zone.key}`, {
        name: `${props.namePrefix}-${zone.key}`,
        profileId: this.profile.id,
        resourceArn: zone.arn,
      });
    }
    if (props.firewallRuleGroupArn) {
      new Route53ProfilesResourceAssociation(this, 'dns-firewall', {
        name: `${props.namePrefix}-dns-firewall`,
        profileId: this.profile.id,
        resourceArn: props.firewallRuleGroupArn,
        resourceProperties: JSON.stringify({ priority: DNS_FIREWALL_ASSOCIATION_PRIORITY }),
      });
    }
    // Read-only sharing (RAM's default permission for profiles): spokes can associate the profile with
    // their VPCs but not change what is in it.
    const share = new RamResourceShare(this, 'share', { name: `${props.namePrefix}-route53-profile`, allowExternalPrincipals: false });
    new RamResourceAssociation(this, 'share-profile', { resourceShareArn: share.arn, resourceArn: this.profile.arn });
    new RamPrincipalAssociation(this, 'share-workloads-ou', { resourceShareArn: share.arn, principal: props.workloadsOuArn });
  }
}
