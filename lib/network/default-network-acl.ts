// The rules of every landing-zone VPC's default network ACL (the only ACL its subnets use): all
// traffic passes, as with AWS's default ACL, except that nothing from anywhere (0.0.0.0/0) may reach
// SSH (22) or RDP (3389). Security groups and the gateway firewall remain the controls that decide
// what flows; this removes the one thing Security Hub EC2.21 (CIS 5.1) forbids
// (https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-21). The ranges are
// written as allows around the two ports rather than as denies, because the control reads allow
// rules for 0.0.0.0/0 and does not weigh rule order.

export interface NetworkAclRule {
  readonly ruleNo: number;
  readonly protocol: string;
  readonly fromPort: number;
  readonly toPort: number;
  readonly cidrBlock: string;
  readonly action: 'allow' | 'deny';
}

/** Private and shared address space every VPC-to-VPC and VPC-to-HSCN path uses, allowed on any port. */
export const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'] as const;

export const ADMIN_PORTS = [22, 3389] as const;

export function defaultNetworkAclIngress(): NetworkAclRule[] {
  const anywhere = '0.0.0.0/0';
  return [
    ...PRIVATE_RANGES.map((cidrBlock, index): NetworkAclRule => ({
      ruleNo: 100 + index * 10,
      protocol: '-1',
      fromPort: 0,
      toPort: 0,
      cidrBlock,
      action: 'allow',
    })),
    { ruleNo: 200, protocol: 'tcp', fromPort: 0, toPort: 21, cidrBlock: anywhere, action: 'allow' },
    { ruleNo: 210, protocol: 'tcp', fromPort: 23, toPort: 3388, cidrBlock: anywhere, action: 'allow' },
    { ruleNo: 220, protocol: 'tcp', fromPort: 3390, toPort: 65535, cidrBlock: anywhere, action: 'allow' },
    { ruleNo: 230, protocol: 'udp', fromPort: 0, toPort: 65535, cidrBlock: anywhere, action: 'allow' },
    { ruleNo: 240, protocol: 'icmp', fromPort: 0, toPort: 0, cidrBlock: anywhere, action: 'allow' },
  ];
}

export function defaultNetworkAclEgress(): NetworkAclRule[] {
  return [{ ruleNo: 100, protocol: '-1', fromPort: 0, toPort: 0, cidrBlock: '0.0.0.0/0', action: 'allow' }];
}
