// AWS Network Firewall in the gateway VPC: stateful, strict order, default drop, with the rule
// groups of lib/network/firewall-rules.ts and flow and alert logs to the log archive. It sits before both
// NAT gateways, so it sees the spokes' original addresses and can enforce HSCN entitlement.
import { NetworkfirewallFirewall } from '@cdktf/provider-aws/lib/networkfirewall-firewall';
import { NetworkfirewallFirewallPolicy } from '@cdktf/provider-aws/lib/networkfirewall-firewall-policy';
import { NetworkfirewallLoggingConfiguration } from '@cdktf/provider-aws/lib/networkfirewall-logging-configuration';
import { NetworkfirewallRuleGroup } from '@cdktf/provider-aws/lib/networkfirewall-rule-group';
import { Fn, TerraformLocal } from 'cdktf';
import { Construct } from 'constructs';
import { type FirewallRuleGroupSpec, STATEFUL_DEFAULT_ACTIONS } from '../lib/network/firewall-rules';
import { NETWORK_LOG_DESTINATIONS } from '../lib/logging/delivery';

export interface EgressFirewallProps {
  readonly namePrefix: string;
  readonly vpcId: string;
  /** One firewall subnet per zone; the firewall gets one endpoint in each. */
  readonly subnetIds: readonly string[];
  readonly ruleGroups: readonly FirewallRuleGroupSpec[];
  /**
   * ARN of the prefix list behind each IP set reference the rule groups name (`ipSetReferences`).
   * @default none: a rule group that names a reference then fails synth
   */
  readonly ipSetReferenceArns?: Readonly<Record<string, string>>;
  /** Spokes, for rules and managed groups that use HOME_NET (which otherwise means this VPC only). */
  readonly homeNet: readonly string[];
  readonly logBucketName: string;
}

/** Fixed at creation (changing it replaces the group); entitlement changes edit IP sets, not rules. */
const RULE_GROUP_CAPACITY = 1000;

export class EgressFirewall extends Construct {
  readonly firewall: NetworkfirewallFirewall;
  private readonly endpointsBySubnet: TerraformLocal;

  constructor(scope: Construct, id: string, props: EgressFirewallProps) {
    super(scope, id);
    const referenceArn = (key: string): string => {
      const arn = props.ipSetReferenceArns?.[key];
      if (!arn) throw new Error(`firewall rule group refers to IP set reference @${key}, which has no prefix list`);
      return arn;
    };
    const groups = props.ruleGroups.map(
      (spec) =>
        [
          spec,
          new NetworkfirewallRuleGroup(this, `rule-group-${spec.id}`, {
            name: `${props.namePrefix}-${spec.id}`,
            description: spec.description,
            type: 'STATEFUL',
            capacity: RULE_GROUP_CAPACITY,
            ruleGroup: {
              statefulRuleOptions: { ruleOrder: 'STRICT_ORDER' },
              ruleVariables: {
                ipSets: Object.entries(spec.variables).map(([key, definition]) => ({ key, ipSet: { definition: [...definition] } })),
              },
              // Network Firewall re-reads a referenced prefix list whenever its entries change
              // (Network Firewall Developer Guide, "IP set references"): no rule group update needed.
              ...((spec.ipSetReferences ?? []).length > 0
                ? {
                    referenceSets: {
                      ipSetReferences: spec.ipSetReferences!.map((key) => ({ key, ipSetReference: [{ referenceArn: referenceArn(key) }] })),
                    },
                  }
                : {}),
              rulesSource: { rulesString: spec.rules.join('\n') },
            },
          }),
        ] as const,
    );

    const policy = new NetworkfirewallFirewallPolicy(this, 'policy', {
      name: `${props.namePrefix}-gateway`,
      firewallPolicy: {
        // Stateless rules are not used: everything goes to the stateful engine.
        statelessDefaultActions: ['aws:forward_to_sfe'],
        statelessFragmentDefaultActions: ['aws:forward_to_sfe'],
        statefulEngineOptions: { ruleOrder: 'STRICT_ORDER', streamExceptionPolicy: 'DROP' },
        statefulDefaultActions: [...STATEFUL_DEFAULT_ACTIONS],
        statefulRuleGroupReference: groups.map(([spec, group]) => ({ priority: spec.priority, resourceArn: group.arn })),
        policyVariables: { ruleVariables: [{ key: 'HOME_NET', ipSet: { definition: [...props.homeNet] } }] },
      },
    });

    this.firewall = new NetworkfirewallFirewall(this, 'firewall', {
      name: `${props.namePrefix}-gateway`,
      vpcId: props.vpcId,
      firewallPolicyArn: policy.arn,
      subnetMapping: props.subnetIds.map((subnetId) => ({ subnetId })),
      deleteProtection: true,
      subnetChangeProtection: true,
      firewallPolicyChangeProtection: false,
    });

    new NetworkfirewallLoggingConfiguration(this, 'logging', {
      firewallArn: this.firewall.arn,
      loggingConfiguration: {
        logDestinationConfig: (
          [
            ['FLOW', NETWORK_LOG_DESTINATIONS.firewallFlowLogs],
            ['ALERT', NETWORK_LOG_DESTINATIONS.firewallAlertLogs],
          ] as const
        ).map(([logType, destination]) => ({
          logType,
          logDestinationType: 'S3',
          logDestination: { bucketName: props.logBucketName, prefix: destination.prefix },
        })),
      },
    });

    // The endpoint of each zone is only known from the firewall's status; look it up by subnet.
    const address = `${this.firewall.terraformResourceType}.${this.firewall.friendlyUniqueId}`;
    this.endpointsBySubnet = new TerraformLocal(
      this,
      'endpoints-by-subnet',
      `\${{ for state in ${address}.firewall_status[0].sync_states : state.attachment[0].subnet_id => state.attachment[0].endpoint_id }}`,
    );
  }

  /** The firewall endpoint in the zone of the given firewall subnet. */
  endpointIdFor(firewallSubnetId: string): string {
    return Fn.lookup(this.endpointsBySubnet.expression, firewallSubnetId);
  }
}
