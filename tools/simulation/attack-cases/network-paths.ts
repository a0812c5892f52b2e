// Paths 1, 2, 3 and 6: address space, a second internet edge, foreign endpoints and other private paths around the hub.
import type { AttackCase } from './types';
import { deny, OUT, subnet, vpcEndpoint } from './kit';

// Path 1: a new address space on the hub (HSCN without entitlement, hijacking a spoke or HSCN prefix).
const addressSpace = deny('hscn-entitlement', '1', 'workload-network', 'DenyNetworkPathsOutsideHub');
const hub = deny('hscn-entitlement', '1', 'workload-network', 'DenyNetworkPathsOutsideHub');
// Paths 2, 6: internet and private paths that bypass the hub.
const edge = deny('internet-only-via-gateway', '2', 'workload-network', 'DenyNetworkPathsOutsideHub');
const bypass = deny('internet-only-via-gateway', '6', 'workload-network', 'DenyNetworkPathsOutsideHub');

export const NETWORK_PATH_ATTACKS: readonly AttackCase[] = [
  // --- Path 1: address space and the hub -------------------------------------------------------
  addressSpace('secondary CIDR inside an entitled spoke (100.64.0.0/24)', { action: 'ec2:AssociateVpcCidrBlock' }),
  addressSpace('secondary CIDR inside an HSCN prefix', { action: 'ec2:AssociateVpcCidrBlock', region: 'eu-west-1' }),
  addressSpace('IPv6 CIDR on the spoke (a second, unfiltered address family)', { action: 'ec2:AssociateSubnetCidrBlock' }),
  addressSpace('a second VPC with an overlapping range', { action: 'ec2:CreateVpc' }),
  addressSpace('a second VPC in the other allowed Region', { action: 'ec2:CreateVpc', region: 'eu-west-1' }),
  addressSpace('bring its own address range', { action: 'ec2:ProvisionByoipCidr' }),
  addressSpace('advertise its own address range', { action: 'ec2:AdvertiseByoipCidr' }),
  addressSpace('take a range from an IPAM pool', { action: 'ec2:AllocateIpamPoolCidr' }),
  addressSpace('create a public IPv4 pool', { action: 'ec2:CreatePublicIpv4Pool' }),
  hub('attach a second VPC to the Transit Gateway', { action: 'ec2:CreateTransitGatewayVpcAttachment' }),
  hub('move its attachment to the entitled route table', { action: 'ec2:AssociateTransitGatewayRouteTable' }),
  hub('propagate its CIDR into the gateway route table', { action: 'ec2:EnableTransitGatewayRouteTablePropagation' }),
  hub('add a static route on the hub', { action: 'ec2:CreateTransitGatewayRoute' }),
  hub('replace a hub route', { action: 'ec2:ReplaceTransitGatewayRoute' }),
  hub('remove the HSCN blackhole', { action: 'ec2:DeleteTransitGatewayRoute' }),
  hub('modify its attachment (appliance mode, subnets)', { action: 'ec2:ModifyTransitGatewayVpcAttachment' }),
  hub('create its own route table on the hub', { action: 'ec2:CreateTransitGatewayRouteTable' }),
  hub('accept a peering attachment', { action: 'ec2:AcceptTransitGatewayPeeringAttachment' }),
  hub('create a Transit Gateway of its own', { action: 'ec2:CreateTransitGateway' }),
  hub('create a Transit Gateway Connect peer', { action: 'ec2:CreateTransitGatewayConnectPeer' }),
  hub('disassociate its attachment', { action: 'ec2:DisassociateTransitGatewayRouteTable' }),
  hub('disable propagation to hide its route', { action: 'ec2:DisableTransitGatewayRouteTablePropagation' }),
  hub('create a multicast domain on the hub', { action: 'ec2:CreateTransitGatewayMulticastDomain' }),

  // --- Path 2: a second, uninspected internet edge ---------------------------------------------
  edge('create an internet gateway', { action: 'ec2:CreateInternetGateway' }),
  edge('attach an internet gateway (the default VPC one, re-attached)', { action: 'ec2:AttachInternetGateway' }),
  edge('create an egress-only internet gateway (IPv6)', { action: 'ec2:CreateEgressOnlyInternetGateway' }),
  edge('create a carrier gateway', { action: 'ec2:CreateCarrierGateway' }),
  edge('allocate an Elastic IP', { action: 'ec2:AllocateAddress' }),
  edge('allocate an Elastic IP in eu-west-1', { action: 'ec2:AllocateAddress', region: 'eu-west-1' }),
  edge('associate an Elastic IP with an instance', { action: 'ec2:AssociateAddress' }),
  edge('create a Global Accelerator in front of its instances', { action: 'globalaccelerator:CreateAccelerator', region: 'us-west-2' }),
  edge('add a Global Accelerator endpoint group', { action: 'globalaccelerator:CreateEndpointGroup', region: 'us-west-2' }),
  edge('create an EC2 Instance Connect endpoint (SSH from the internet)', { action: 'ec2:CreateInstanceConnectEndpoint' }),
  edge('create a Verified Access instance', { action: 'ec2:CreateVerifiedAccessInstance' }),
  edge('create a Verified Access endpoint', { action: 'ec2:CreateVerifiedAccessEndpoint' }),
  edge('create a Verified Access trust provider', { action: 'ec2:CreateVerifiedAccessTrustProvider' }),
  ...['application', 'network', 'gateway'].map((type) =>
    deny(
      'internet-only-via-gateway',
      '2',
      'workload-network',
      'DenyInternetFacingLoadBalancers',
    )(`an internet-facing ${type} load balancer`, {
      action: 'elasticloadbalancing:CreateLoadBalancer',
      context: { 'elasticloadbalancing:Scheme': 'internet-facing', 'elasticloadbalancing:Type': type },
    }),
  ),
  deny(
    'internet-only-via-gateway',
    '2',
    'workload-network',
    'DenyInternetFacingLoadBalancers',
  )('an internet-facing load balancer in eu-west-1', {
    action: 'elasticloadbalancing:CreateLoadBalancer',
    region: 'eu-west-1',
    context: { 'elasticloadbalancing:Scheme': 'internet-facing' },
  }),

  // --- Path 3: private endpoints to someone else's service; publishing one ----------------------
  ...[OUT, '123456789012', 'aws-marketplace'].map((owner) =>
    deny(
      'internet-only-via-gateway',
      '3',
      'workload-network',
      'DenyOwnVpcEndpoints',
    )(`an interface endpoint to a service owned by ${owner === OUT ? 'an outsider' : owner}`, {
      action: 'ec2:CreateVpcEndpoint',
      resource: vpcEndpoint,
      context: { 'ec2:VpceServiceOwner': owner, 'ec2:VpceServiceName': 'com.amazonaws.vpce.eu-west-2.vpce-svc-0123456789abcdef0' },
    }),
  ),
  deny(
    'internet-only-via-gateway',
    '3',
    'workload-network',
    'DenyOwnVpcEndpoints',
  )('a Gateway Load Balancer endpoint to an outsider appliance', {
    action: 'ec2:CreateVpcEndpoint',
    resource: vpcEndpoint,
    context: { 'ec2:VpceServiceOwner': OUT, 'ec2:VPCEndpointType': 'GatewayLoadBalancer' },
  }),
  deny(
    'internet-only-via-gateway',
    '3',
    'workload-network',
    'DenyOwnVpcEndpoints',
  )('an endpoint whose owner the request does not state', {
    action: 'ec2:CreateVpcEndpoint',
    resource: vpcEndpoint,
  }),
  deny(
    'inside-organization',
    '3',
    'workload-network',
    'DenyNetworkPathsOutsideHub',
  )('publish an endpoint service', { action: 'ec2:CreateVpcEndpointServiceConfiguration' }),
  deny(
    'inside-organization',
    '3',
    'workload-network',
    'DenyNetworkPathsOutsideHub',
  )('allow everyone to connect to its endpoint service', { action: 'ec2:ModifyVpcEndpointServicePermissions' }),
  deny(
    'inside-organization',
    '3',
    'workload-network',
    'DenyNetworkPathsOutsideHub',
  )('accept an outsider endpoint connection', { action: 'ec2:AcceptVpcEndpointConnections' }),

  // --- Path 6: other private paths ---------------------------------------------------------------
  bypass('peer with an outsider VPC', { action: 'ec2:CreateVpcPeeringConnection' }),
  bypass('accept an outsider peering request', { action: 'ec2:AcceptVpcPeeringConnection' }),
  bypass('create a virtual private gateway', { action: 'ec2:CreateVpnGateway' }),
  bypass('attach a virtual private gateway', { action: 'ec2:AttachVpnGateway' }),
  bypass('create a site-to-site VPN', { action: 'ec2:CreateVpnConnection' }),
  bypass('register a customer gateway', { action: 'ec2:CreateCustomerGateway' }),
  bypass('propagate VPN routes', { action: 'ec2:EnableVgwRoutePropagation' }),
  bypass('create a Client VPN endpoint', { action: 'ec2:CreateClientVpnEndpoint' }),
  bypass('order a Direct Connect connection', { action: 'directconnect:CreateConnection' }),
  bypass('create a private virtual interface', { action: 'directconnect:CreatePrivateVirtualInterface' }),
  bypass('accept a Direct Connect gateway association proposal', { action: 'directconnect:AcceptDirectConnectGatewayAssociationProposal' }),
  bypass('associate a Direct Connect gateway', { action: 'directconnect:AssociateVirtualInterface' }),
  bypass('mirror traffic to an outsider target', { action: 'ec2:CreateTrafficMirrorTarget' }),
  bypass('create a traffic mirror session', { action: 'ec2:CreateTrafficMirrorSession' }),
  bypass('create a traffic mirror filter', { action: 'ec2:CreateTrafficMirrorFilter' }),
  bypass('join a Cloud WAN core network', { action: 'networkmanager:CreateVpcAttachment', region: 'us-west-2' }),
  bypass('create a Cloud WAN global network', { action: 'networkmanager:CreateGlobalNetwork', region: 'us-west-2' }),
  bypass('create a Cloud WAN core network', { action: 'networkmanager:CreateCoreNetwork', region: 'us-west-2' }),
  bypass('accept a Cloud WAN attachment', { action: 'networkmanager:AcceptAttachment', region: 'us-west-2' }),
  bypass('create a Cloud WAN Connect peer', { action: 'networkmanager:CreateConnectPeer', region: 'us-west-2' }),
  bypass('associate its VPC with a Lattice service network', { action: 'vpc-lattice:CreateServiceNetworkVpcAssociation' }),
  bypass('create a Lattice resource gateway', { action: 'vpc-lattice:CreateResourceGateway' }),
  ...['ec2:RunInstances', 'ec2:CreateNetworkInterface'].flatMap((action) => [
    deny(
      'internet-only-via-gateway',
      '6',
      'workload-network',
      'DenyInterfacesInOtherAccountsSubnets',
    )(`${action} in a Sandbox subnet shared in through RAM`, {
      action,
      resource: subnet('210987654321'),
      context: { 'aws:ResourceAccount': '210987654321' },
    }),
    deny(
      'hscn-entitlement',
      '6',
      'workload-network',
      'DenyInterfacesInOtherAccountsSubnets',
    )(`${action} in an entitled spoke's subnet shared through RAM`, {
      action,
      resource: subnet('210987654322'),
      context: { 'aws:ResourceAccount': '210987654322' },
    }),
    deny(
      'inside-organization',
      '6',
      'workload-network',
      'DenyInterfacesInOtherAccountsSubnets',
    )(`${action} in an outsider's shared subnet`, {
      action,
      resource: subnet(OUT),
      context: { 'aws:ResourceAccount': OUT, 'aws:ResourceOrgID': 'o-attacker0001' },
    }),
  ]),
  ...['ec2:Subnet', 'ec2:TransitGateway', 'ec2:PrefixList', 'vpc-lattice:ServiceNetwork', 'vpc-lattice:ResourceConfiguration'].flatMap(
    (type) =>
      ['ram:CreateResourceShare', 'ram:AssociateResourceShare'].map((action) =>
        deny(
          'internet-only-via-gateway',
          '6',
          'estate-integrity',
          'DenyNetworkResourceShares',
        )(`share a ${type} with another account (${action})`, {
          action,
          context: { 'ram:RequestedResourceType': type, 'ram:RequestedAllowsExternalPrincipals': 'false' },
        }),
      ),
  ),
];
