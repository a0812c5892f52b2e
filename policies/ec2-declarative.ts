// EC2 declarative policies (AWS Organizations policy type DECLARATIVE_POLICY_EC2). Unlike an SCP,
// a declarative policy sets the account attribute itself in every Region and the account cannot
// change it by any API, so there is nothing to exempt and no SCP slot is used. Syntax: AWS
// Organizations user guide, "Declarative policy syntax and examples" (ec2_attributes, @@assign).
//
// - ec2-baseline (root): EBS snapshots and AMIs cannot be made public (issue 12, path 4), the
//   serial console is off, and new instances default to IMDSv2 only.
// - vpc-block-public-access (every OU except Infrastructure): VPC Block Public Access in
//   bidirectional mode with no exclusions, so an internet gateway (the default VPC's, or any other)
//   carries no traffic in either direction (issue 12, path 2). The Infrastructure OU holds the network
//   account, whose gateway VPC is the estate's one inspected internet edge and needs its internet
//   gateway; it is left out rather than given an exclusion that every account could then use.

/** Declarative policy content: the management-policy syntax, with @@assign at each leaf. */
export interface Ec2DeclarativePolicy {
  readonly ec2_attributes: Readonly<Record<string, unknown>>;
}

const assign = (value: string) => ({ '@@assign': value });

export function ec2Baseline(): Ec2DeclarativePolicy {
  return {
    ec2_attributes: {
      exception_message: assign('Blocked by the landing zone EC2 baseline (declarative policy): see docs/threat-model.md'),
      snapshot_block_public_access: { state: assign('block_all_sharing') },
      image_block_public_access: { state: assign('block_new_sharing') },
      serial_console_access: { status: assign('disabled') },
      instance_metadata_defaults: {
        http_tokens: assign('required'),
        http_put_response_hop_limit: assign('2'),
        http_endpoint: assign('no_preference'),
        instance_metadata_tags: assign('no_preference'),
      },
    },
  };
}

export function vpcBlockPublicAccess(): Ec2DeclarativePolicy {
  return {
    ec2_attributes: {
      exception_message: assign('Blocked by VPC Block Public Access (landing zone): internet traffic goes through the gateway VPC only'),
      vpc_block_public_access: {
        internet_gateway_block: { mode: assign('block_bidirectional'), exclusions_allowed: assign('disabled') },
      },
    },
  };
}

/**
 * What an account's effective EC2 attributes are, given the declarative policies on its OU chain
 * (root first). Later levels' @@assign override earlier ones, as AWS's inheritance does when no
 * parent restricts child operators; this landing zone never sets @@operators_allowed_for_child_policies.
 */
export function effectiveEc2Attributes(chain: readonly Ec2DeclarativePolicy[]): Record<string, string> {
  const effective: Record<string, string> = {};
  const walk = (node: unknown, path: string) => {
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (typeof record['@@assign'] === 'string') {
      effective[path] = record['@@assign'];
      return;
    }
    for (const [key, child] of Object.entries(record)) walk(child, path ? `${path}.${key}` : key);
  };
  for (const policy of chain) walk(policy.ec2_attributes, '');
  return effective;
}
