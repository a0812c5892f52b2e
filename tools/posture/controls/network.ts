// EC2 controls: the estate's VPCs and the default VPC in every Region, network ACLs, endpoints, the Transit Gateway and VPN.
import { refersTo, type EstateResource } from '../estate';
import { type ControlFinding, type ControlContext, type PostureControl, ref, ofType, accountFinding, pass, fail } from './kit';

// VPCs: the ones the estate creates and the default VPC AWS creates in every Region of every account.

/** A VPC in one account and Region: one the estate creates, the default VPC it adopts, or the default VPC AWS made that no resource mentions. */
interface VpcView {
  readonly label: string;
  readonly resource?: EstateResource;
  readonly isDefault: boolean;
}

/**
 * The tag (key and value) a resource carries when it removes the default VPC of its account and
 * Region: the estimator then counts no default VPC there. Whatever deletes default VPCs must carry it.
 */
export const DEFAULT_VPC_REMOVED_TAG = { key: 'lz:default-vpc', value: 'removed' } as const;

/**
 * AWS creates a default VPC (with a public subnet in each zone) in every Region of every new account
 * (https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html). It is there whether or not
 * the estate mentions it, unless a resource in that account and Region carries DEFAULT_VPC_REMOVED_TAG.
 */
function vpcsOf(context: ControlContext): VpcView[] {
  const vpcs: VpcView[] = ofType(context.resources, 'aws_vpc').map((resource) => ({ label: resource.address, resource, isDefault: false }));
  const adopted = ofType(context.resources, 'aws_default_vpc');
  const deleted = context.resources.some((resource) => resource.body.tags?.[DEFAULT_VPC_REMOVED_TAG.key] === DEFAULT_VPC_REMOVED_TAG.value);
  if (deleted) return vpcs;
  if (adopted.length > 0) return [...vpcs, ...adopted.map((resource) => ({ label: resource.address, resource, isDefault: true }))];
  return [...vpcs, { label: `default VPC (created by AWS in ${context.region})`, isDefault: true }];
}

function attachedTo(context: ControlContext, type: string, attribute: string, vpc: VpcView): EstateResource[] {
  const target = vpc.resource;
  if (!target) return [];
  return ofType(context.resources, type).filter((resource) => refersTo(resource, resource.body[attribute], target));
}

const NACL_ADMIN_PORTS = [22, 3389];

interface NaclRule {
  action?: string;
  protocol?: string | number;
  from_port?: number;
  to_port?: number;
  cidr_block?: string;
}

/** Whether an ingress rule allows 0.0.0.0/0 to port 22 or 3389 (protocol -1 or TCP covering the port). */
function allowsAdminPortsFromAnywhere(rule: NaclRule): boolean {
  if (`${rule.action}`.toLowerCase() !== 'allow' || rule.cidr_block !== '0.0.0.0/0') return false;
  const protocol = `${rule.protocol}`.toLowerCase();
  if (protocol === '-1' || protocol === 'all') return true;
  if (protocol !== 'tcp' && protocol !== '6') return false;
  return NACL_ADMIN_PORTS.some((port) => (rule.from_port ?? 0) <= port && port <= (rule.to_port ?? 65535));
}

export const NETWORK_CONTROLS: readonly PostureControl[] = [
  {
    id: 'EC2.2',
    title: 'VPC default security groups should not allow inbound or outbound traffic',
    standards: ['FSBP', 'CIS-3.0'],
    reference: ref('ec2', 'EC2.2'),
    scope: 'regional',
    evaluate: (context) =>
      vpcsOf(context).map((vpc) => {
        const closed = attachedTo(context, 'aws_default_security_group', 'vpc_id', vpc).some(
          (group) =>
            Array.isArray(group.body.ingress) &&
            group.body.ingress.length === 0 &&
            Array.isArray(group.body.egress) &&
            group.body.egress.length === 0,
        );
        return closed
          ? pass(vpc.label, 'AwsEc2SecurityGroup')
          : fail(
              vpc.label,
              'AwsEc2SecurityGroup',
              'its default security group keeps the rules AWS creates (all outbound, inbound from itself)',
            );
      }),
  },
  {
    id: 'EC2.6',
    title: 'VPC flow logging should be enabled in all VPCs',
    standards: ['FSBP', 'CIS-3.0'],
    reference: ref('ec2', 'EC2.6'),
    scope: 'regional',
    evaluate: (context) =>
      vpcsOf(context).map((vpc) =>
        attachedTo(context, 'aws_flow_log', 'vpc_id', vpc).some(
          (log) => log.body.traffic_type === 'ALL' || log.body.traffic_type === 'REJECT',
        )
          ? pass(vpc.label, 'AwsEc2Vpc')
          : fail(vpc.label, 'AwsEc2Vpc', vpc.isDefault ? 'default VPC without a flow log' : 'no flow log capturing rejected traffic'),
      ),
  },
  {
    id: 'EC2.7',
    title: 'EBS default encryption should be enabled',
    standards: ['FSBP', 'CIS-3.0'],
    reference: ref('ec2', 'EC2.7'),
    scope: 'regional',
    evaluate: (context) => [
      ofType(context.resources, 'aws_ebs_encryption_by_default').some((setting) => setting.body.enabled === true)
        ? accountFinding(context, 'PASSED')
        : accountFinding(context, 'FAILED', 'EBS encryption by default is off'),
    ],
  },
  {
    id: 'EC2.10',
    title: 'Amazon EC2 should be configured to use VPC endpoints that are created for the Amazon EC2 service',
    standards: ['FSBP'],
    reference: ref('ec2', 'EC2.10'),
    scope: 'regional',
    evaluate: (context) => vpcEndpointFindings(context, 'ec2'),
  },
  {
    id: 'EC2.15',
    title: 'EC2 subnets should not automatically assign public IP addresses',
    standards: ['FSBP'],
    reference: ref('ec2', 'EC2.15'),
    scope: 'regional',
    evaluate: (context) => {
      const findings = ofType(context.resources, 'aws_subnet').map((subnet) =>
        subnet.body.map_public_ip_on_launch === true
          ? fail(subnet.address, 'AwsEc2Subnet', 'map_public_ip_on_launch is true')
          : pass(subnet.address, 'AwsEc2Subnet'),
      );
      // The default VPC's subnets assign public IPv4 addresses unless the estate turns it off.
      for (const vpc of vpcsOf(context).filter((candidate) => candidate.isDefault)) {
        const defaultSubnets = ofType(context.resources, 'aws_default_subnet');
        const neutralised = defaultSubnets.length > 0 && defaultSubnets.every((subnet) => subnet.body.map_public_ip_on_launch === false);
        findings.push(
          neutralised
            ? pass(`${vpc.label} subnets`, 'AwsEc2Subnet')
            : fail(`${vpc.label} subnets`, 'AwsEc2Subnet', 'the default subnets assign public IP addresses'),
        );
      }
      return findings;
    },
  },
  {
    id: 'EC2.21',
    title: 'Network ACLs should not allow ingress from 0.0.0.0/0 to port 22 or port 3389',
    standards: ['FSBP', 'CIS-3.0'],
    reference: ref('ec2', 'EC2.21'),
    scope: 'regional',
    evaluate: (context) => {
      const findings: ControlFinding[] = [];
      for (const vpc of vpcsOf(context)) {
        // Every VPC has a default network ACL; AWS's allows all inbound traffic.
        const managed = vpc.resource
          ? ofType(context.resources, 'aws_default_network_acl').filter((acl) =>
              refersTo(acl, acl.body.default_network_acl_id, vpc.resource as EstateResource),
            )
          : [];
        if (managed.length === 0) {
          findings.push(
            fail(`${vpc.label} default network ACL`, 'AwsEc2NetworkAcl', 'the default network ACL AWS creates allows all inbound traffic'),
          );
          continue;
        }
        for (const acl of managed) {
          const open = ((acl.body.ingress ?? []) as NaclRule[]).some(allowsAdminPortsFromAnywhere);
          findings.push(
            open ? fail(acl.address, 'AwsEc2NetworkAcl', 'allows 0.0.0.0/0 to port 22 or 3389') : pass(acl.address, 'AwsEc2NetworkAcl'),
          );
        }
      }
      for (const acl of ofType(context.resources, 'aws_network_acl')) {
        const open = ((acl.body.ingress ?? []) as NaclRule[]).some(allowsAdminPortsFromAnywhere);
        findings.push(
          open ? fail(acl.address, 'AwsEc2NetworkAcl', 'allows 0.0.0.0/0 to port 22 or 3389') : pass(acl.address, 'AwsEc2NetworkAcl'),
        );
      }
      return findings;
    },
  },
  {
    id: 'EC2.23',
    title: 'Amazon EC2 Transit Gateways should not automatically accept VPC attachment requests',
    standards: ['FSBP'],
    reference: ref('ec2', 'EC2.23'),
    scope: 'regional',
    evaluate: (context) =>
      ofType(context.resources, 'aws_ec2_transit_gateway').map((gateway) =>
        gateway.body.auto_accept_shared_attachments === 'enable'
          ? fail(gateway.address, 'AwsEc2TransitGateway', 'auto_accept_shared_attachments is enable')
          : pass(gateway.address, 'AwsEc2TransitGateway'),
      ),
  },
  {
    id: 'EC2.171',
    title: 'EC2 VPN connections should have logging enabled',
    standards: [],
    reference: ref('ec2', 'EC2.171'),
    scope: 'regional',
    evaluate: (context) =>
      ofType(context.resources, 'aws_vpn_connection').map((vpn) => {
        const logged = [vpn.body.tunnel1_log_options, vpn.body.tunnel2_log_options].every(
          (options) => options?.cloudwatch_log_options?.log_enabled === true,
        );
        return logged
          ? pass(vpn.address, 'AwsEc2VpnConnection')
          : fail(vpn.address, 'AwsEc2VpnConnection', 'tunnel logging to CloudWatch Logs is off on at least one tunnel');
      }),
  },
  {
    id: 'EC2.172',
    title: 'EC2 VPC Block Public Access settings should block internet gateway traffic',
    standards: [],
    reference: ref('ec2', 'EC2.172'),
    scope: 'regional',
    evaluate: (context) => {
      const options = ofType(context.resources, 'aws_vpc_block_public_access_options')[0];
      if (!options) return [accountFinding(context, 'FAILED', 'VPC Block Public Access is off')];
      return [
        options.body.internet_gateway_block_mode && options.body.internet_gateway_block_mode !== 'off'
          ? accountFinding(context, 'PASSED')
          : accountFinding(context, 'FAILED', 'internet_gateway_block_mode is off'),
      ];
    },
  },
  ...(
    [
      ['EC2.55', 'ecr.api', 'ECR API'],
      ['EC2.56', 'ecr.dkr', 'Docker Registry'],
      ['EC2.57', 'ssm', 'Systems Manager'],
      ['EC2.58', 'ssm-contacts', 'Systems Manager Incident Manager Contacts'],
      ['EC2.60', 'ssm-incidents', 'Systems Manager Incident Manager'],
    ] as const
  ).map(([id, service, name]): PostureControl => ({
    id,
    title: `VPCs should be configured with an interface endpoint for ${name}`,
    standards: [],
    reference: ref('ec2', id),
    scope: 'regional',
    evaluate: (context) => vpcEndpointFindings(context, service),
  })),
];

function vpcEndpointFindings(context: ControlContext, service: string): ControlFinding[] {
  return vpcsOf(context).map((vpc) => {
    const endpoints = attachedTo(context, 'aws_vpc_endpoint', 'vpc_id', vpc).filter(
      (endpoint) => typeof endpoint.body.service_name === 'string' && endpoint.body.service_name.endsWith(`.${service}`),
    );
    return endpoints.length > 0 ? pass(vpc.label, 'AwsEc2Vpc') : fail(vpc.label, 'AwsEc2Vpc', `no interface endpoint for ${service}`);
  });
}
