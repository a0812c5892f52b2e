// The adversarial suite's data (issue 12): what a hostile workload administrator tries, which
// promise each attempt tests, and the guardrail statement that must stop it; plus the normal work
// that must keep working. test/attacks/ runs every row through the real OU chains with the same
// simulator as `lz simulate`, as the workload account's AdministratorAccess (IAM Identity Center)
// role, never the execution or break-glass role. docs/threat-model.md counts these rows.
//
// Expectations are written here from the threat model, never read back from the policies: a policy
// change that reopens a path fails the suite. In strings, {account} is the attacked workload
// account's ID and {outside} an account of another organization.
import { NETWORK_SHARE_ATTACKS, SERVICE_ALLOW_LIST_ATTACKS, SERVICE_ALLOW_LIST_MUST_ALLOW } from './service-allow-list-cases';

/** The promises the landing zone makes about isolation (docs/threat-model.md). */
export type IsolationPromise =
  | 'hscn-entitlement'
  | 'internet-only-via-gateway'
  | 'data-residency'
  | 'inside-organization'
  | 'logging-cannot-be-disabled'
  | 'detection-cannot-be-suppressed'
  | 'encrypted-at-rest';

/** The path of issue 12 the attempt belongs to. */
export type IssuePath = '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '10' | '11' | 'medium';

export interface AttackRequest {
  readonly action: string;
  /** Default eu-west-2 (an allowed Region: the attack must be stopped by isolation, not by Region). */
  readonly region?: string;
  readonly resource?: string;
  readonly context?: Readonly<Record<string, string | readonly string[]>>;
}

export interface AttackCase {
  readonly promise: IsolationPromise;
  readonly path: IssuePath;
  /** What the attacker is trying to achieve, in a few words. */
  readonly attempt: string;
  readonly request: AttackRequest;
  /** The catalogue policy and statement Sid that must deny it. */
  readonly deniedBy: readonly [policy: string, statement: string];
  /** Where the attacker sits: a workload account (default) or a Sandbox account (attacks on workloads from outside their OU). */
  readonly from?: 'workload' | 'sandbox';
}

/** An attempt an EC2 declarative policy stops: the account attribute is fixed, so the call fails. */
export interface DeclarativeAttackCase {
  readonly promise: IsolationPromise;
  readonly path: IssuePath;
  readonly attempt: string;
  /** The API call that fails. */
  readonly action: string;
  /** Declarative policy key and the effective attribute (dotted path under ec2_attributes) and value that stop it. */
  readonly enforcedBy: readonly [policy: string, attribute: string, value: string];
}

export type Actor = 'workload-admin' | 'security-admin' | 'aws-service' | 'network-execution-role';

export interface MustAllowCase {
  readonly work: string;
  /** Who does it: the workload administrator (default), the security account's administrator, an AWS service principal, or the execution role in the network account. */
  readonly actor?: Actor;
  /** For aws-service: the service principal. */
  readonly servicePrincipal?: string;
  /** Principal ARN for a federated caller (SAML or OIDC provider), overriding the actor. */
  readonly principal?: string;
  /** The account whose resource is acted on: the workload (default) or the security account. */
  readonly resourceAccount?: 'workload' | 'security';
  readonly request: AttackRequest;
}

const OUT = '{outside}';
const ACC = '{account}';
const deny = (promise: IsolationPromise, path: IssuePath, policy: string, statement: string) => (attempt: string, request: AttackRequest): AttackCase => ({
  promise,
  path,
  attempt,
  request,
  deniedBy: [policy, statement],
});
const subnet = (account: string) => `arn:aws:ec2:eu-west-2:${account}:subnet/subnet-0abc1234def567890`;
const vpcEndpoint = `arn:aws:ec2:eu-west-2:${ACC}:vpc-endpoint/*`;
const outsideResource = { 'aws:ResourceOrgID': 'o-attacker0001', 'aws:ResourceAccount': OUT };
const noOrgResource = { 'aws:ResourceOrgID': '', 'aws:ResourceAccount': OUT };

// Path 1: a new address space on the hub (HSCN without entitlement, hijacking a spoke or HSCN prefix).
const addressSpace = deny('hscn-entitlement', '1', 'workload-network', 'DenyNetworkPathsOutsideHub');
const hub = deny('hscn-entitlement', '1', 'workload-network', 'DenyNetworkPathsOutsideHub');
// Paths 2, 6: internet and private paths that bypass the hub.
const edge = deny('internet-only-via-gateway', '2', 'workload-network', 'DenyNetworkPathsOutsideHub');
const bypass = deny('internet-only-via-gateway', '6', 'workload-network', 'DenyNetworkPathsOutsideHub');

export const ATTACK_CASES: readonly AttackCase[] = [
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
    deny('internet-only-via-gateway', '2', 'workload-network', 'DenyInternetFacingLoadBalancers')(`an internet-facing ${type} load balancer`, {
      action: 'elasticloadbalancing:CreateLoadBalancer',
      context: { 'elasticloadbalancing:Scheme': 'internet-facing', 'elasticloadbalancing:Type': type },
    }),
  ),
  deny('internet-only-via-gateway', '2', 'workload-network', 'DenyInternetFacingLoadBalancers')('an internet-facing load balancer in eu-west-1', {
    action: 'elasticloadbalancing:CreateLoadBalancer',
    region: 'eu-west-1',
    context: { 'elasticloadbalancing:Scheme': 'internet-facing' },
  }),

  // --- Path 3: private endpoints to someone else's service; publishing one ----------------------
  ...[OUT, '123456789012', 'aws-marketplace'].map((owner) =>
    deny('internet-only-via-gateway', '3', 'workload-network', 'DenyEndpointsToNonAwsServices')(`an interface endpoint to a service owned by ${owner === OUT ? 'an outsider' : owner}`, {
      action: 'ec2:CreateVpcEndpoint',
      resource: vpcEndpoint,
      context: { 'ec2:VpceServiceOwner': owner, 'ec2:VpceServiceName': 'com.amazonaws.vpce.eu-west-2.vpce-svc-0123456789abcdef0' },
    }),
  ),
  deny('internet-only-via-gateway', '3', 'workload-network', 'DenyEndpointsToNonAwsServices')('a Gateway Load Balancer endpoint to an outsider appliance', {
    action: 'ec2:CreateVpcEndpoint',
    resource: vpcEndpoint,
    context: { 'ec2:VpceServiceOwner': OUT, 'ec2:VPCEndpointType': 'GatewayLoadBalancer' },
  }),
  deny('internet-only-via-gateway', '3', 'workload-network', 'DenyEndpointsToNonAwsServices')('an endpoint whose owner the request does not state', {
    action: 'ec2:CreateVpcEndpoint',
    resource: vpcEndpoint,
  }),
  deny('inside-organization', '3', 'workload-network', 'DenyNetworkPathsOutsideHub')('publish an endpoint service', { action: 'ec2:CreateVpcEndpointServiceConfiguration' }),
  deny('inside-organization', '3', 'workload-network', 'DenyNetworkPathsOutsideHub')('allow everyone to connect to its endpoint service', { action: 'ec2:ModifyVpcEndpointServicePermissions' }),
  deny('inside-organization', '3', 'workload-network', 'DenyNetworkPathsOutsideHub')('accept an outsider endpoint connection', { action: 'ec2:AcceptVpcEndpointConnections' }),

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
    deny('internet-only-via-gateway', '6', 'workload-network', 'DenyInterfacesInOtherAccountsSubnets')(`${action} in a Sandbox subnet shared in through RAM`, {
      action,
      resource: subnet('210987654321'),
      context: { 'aws:ResourceAccount': '210987654321' },
    }),
    deny('hscn-entitlement', '6', 'workload-network', 'DenyInterfacesInOtherAccountsSubnets')(`${action} in an entitled spoke's subnet shared through RAM`, {
      action,
      resource: subnet('210987654322'),
      context: { 'aws:ResourceAccount': '210987654322' },
    }),
    deny('inside-organization', '6', 'workload-network', 'DenyInterfacesInOtherAccountsSubnets')(`${action} in an outsider's shared subnet`, {
      action,
      resource: subnet(OUT),
      context: { 'aws:ResourceAccount': OUT, 'aws:ResourceOrgID': 'o-attacker0001' },
    }),
  ]),
  ...['ec2:Subnet', 'ec2:TransitGateway', 'ec2:PrefixList', 'vpc-lattice:ServiceNetwork', 'vpc-lattice:ResourceConfiguration'].flatMap((type) =>
    ['ram:CreateResourceShare', 'ram:AssociateResourceShare'].map((action) =>
      deny('internet-only-via-gateway', '6', 'estate-integrity', 'DenyNetworkResourceShares')(`share a ${type} with another account (${action})`, {
        action,
        context: { 'ram:RequestedResourceType': type, 'ram:RequestedAllowsExternalPrincipals': 'false' },
      }),
    ),
  ),

  // --- Path 4: snapshots, images, backups and shares leave the organization ----------------------
  ...[
    ['an outsider account', OUT],
    ['another account by ID', ['210987654321', OUT]],
  ].flatMap(([whom, userId]) =>
    ['eu-west-2', 'eu-west-1'].map((region) =>
      deny('inside-organization', '4', 'workload-data-sharing', 'DenySnapshotSharing')(`share an EBS snapshot with ${whom as string} in ${region}`, { action: 'ec2:ModifySnapshotAttribute', region, context: { 'ec2:Add/userId': userId } }),
    ),
  ),
  ...['eu-west-2', 'eu-west-1'].map((region) =>
    deny('inside-organization', '4', 'workload-data-sharing', 'DenyPublicSnapshotSharing')(`make an EBS snapshot public in ${region}`, { action: 'ec2:ModifySnapshotAttribute', region, context: { 'ec2:Add/group': 'all' } }),
  ),
  ...['eu-west-2', 'eu-west-1'].map((region) =>
    deny('inside-organization', '4', 'workload-data-sharing', 'DenySharingWithoutOrgCondition')(`share an AMI (launch permission) in ${region}`, { action: 'ec2:ModifyImageAttribute', region }),
  ),
  ...[
    ['rds:ModifyDBSnapshotAttribute', 'share an RDS snapshot (public or cross-account)'],
    ['rds:ModifyDBClusterSnapshotAttribute', 'share an Aurora cluster snapshot'],
    ['redshift:AuthorizeSnapshotAccess', 'share a Redshift snapshot'],
    ['redshift:AuthorizeDataShare', 'authorize a Redshift data share to another account'],
    ['backup:PutBackupVaultAccessPolicy', 'open a Backup vault to outsiders'],
    ['lambda:AddLayerVersionPermission', 'publish a Lambda layer to everyone'],
    ['sns:AddPermission', 'let an outsider publish or subscribe to a topic'],
    ['glue:PutResourcePolicy', 'open the Glue Data Catalog to another account'],
  ].map(([action, attempt]) => deny('inside-organization', '4', 'workload-data-sharing', 'DenySharingWithoutOrgCondition')(attempt, { action })),
  ...['ram:CreateResourceShare', 'ram:UpdateResourceShare'].map((action) =>
    deny('inside-organization', '4', 'workload-data-sharing', 'DenyResourceSharesOutsideOrg')(`RAM share that allows external principals (${action})`, {
      action,
      context: { 'ram:RequestedAllowsExternalPrincipals': 'true' },
    }),
  ),
  ...['rds:CreateDBCluster', 'rds:RestoreDBClusterFromS3', 'rds:CreateBlueGreenDeployment'].flatMap((action) =>
    ['eu-west-2', 'eu-west-1'].map((region) =>
      deny('encrypted-at-rest', '4', 'workload-data-sharing', 'DenyUnencryptedDatabases')(`${action} unencrypted in ${region}`, { action, region, context: { 'rds:StorageEncrypted': 'false' } }),
    ),
  ),
  ...['rds:CreateDBInstance', 'rds:CreateDBInstanceReadReplica', 'rds:RestoreDBInstanceFromDBSnapshot', 'rds:RestoreDBInstanceFromS3', 'rds:RestoreDBInstanceToPointInTime'].map((action) =>
    deny('internet-only-via-gateway', '4', 'workload-network', 'DenyPublicDatabases')(`${action} publicly accessible`, { action, context: { 'rds:PubliclyAccessible': 'true' } }),
  ),
  deny('encrypted-at-rest', '4', 'workload-data-sharing', 'DenyUnencryptedFileSystems')('an unencrypted EFS file system', { action: 'elasticfilesystem:CreateFileSystem', context: { 'elasticfilesystem:Encrypted': 'false' } }),

  // --- Path 5: services with their own internet path ---------------------------------------------
  ...['lambda:CreateFunction', 'lambda:UpdateFunctionConfiguration'].flatMap((action) => [
    deny('internet-only-via-gateway', '5', 'workload-internet-services', 'DenyLambdaOutsideVpc')(`${action} outside any VPC`, { action }),
    deny('internet-only-via-gateway', '5', 'workload-internet-services', 'DenyLambdaOutsideVpc')(`${action} outside any VPC in eu-west-1`, { action, region: 'eu-west-1' }),
  ]),
  ...['lambda:CreateFunctionUrlConfig', 'lambda:UpdateFunctionUrlConfig'].map((action) =>
    deny('internet-only-via-gateway', '5', 'workload-data-sharing', 'DenyUnauthenticatedFunctionUrls')(`${action} with auth type NONE`, { action, context: { 'lambda:FunctionUrlAuthType': 'NONE' } }),
  ),
  deny('inside-organization', '5', 'workload-data-sharing', 'DenyLambdaOpenToEveryone')('lambda:AddPermission to principal *', { action: 'lambda:AddPermission', context: { 'lambda:Principal': '*' } }),
  ...['REGIONAL', 'EDGE'].flatMap((type) =>
    ['apigateway:POST', 'apigateway:PUT', 'apigateway:PATCH'].map((action) =>
      deny('internet-only-via-gateway', '5', 'workload-network', 'DenyPublicApis')(`a ${type} REST API (${action})`, {
        action,
        resource: action === 'apigateway:POST' ? 'arn:aws:apigateway:eu-west-2::/restapis' : 'arn:aws:apigateway:eu-west-2::/restapis/a1b2c3d4e5',
        context: { 'apigateway:Request/EndpointType': type },
      }),
    ),
  ),
  // HTTP and WebSocket APIs (always public) are denied by DenyHttpAndWebSocketApis on /apis; the
  // simulator's IAM data has no /apis resource for apigateway:POST, so
  // test/policies/isolation-policies.test.ts checks that statement's shape instead.
  ...[
    ['cloudfront:CreateDistribution', 'a CloudFront distribution', 'us-east-1'],
    ['cloudfront:CopyDistribution', 'copy a CloudFront distribution', 'us-east-1'],
    ['cloudfront:UpdateDistribution', 'point a distribution at an internal origin', 'us-east-1'],
    ['apprunner:CreateService', 'an App Runner service (public by default)', 'eu-west-1'],
    ['apprunner:CreateVpcIngressConnection', 'an App Runner ingress into the VPC', 'eu-west-1'],
    ['lightsail:CreateInstances', 'a Lightsail instance', 'eu-west-2'],
    ['lightsail:CreateContainerService', 'a Lightsail container service', 'eu-west-2'],
    ['lightsail:CreateLoadBalancer', 'a Lightsail load balancer', 'eu-west-2'],
    ['amplify:CreateApp', 'an Amplify app', 'eu-west-2'],
    ['amplify:CreateDomainAssociation', 'an Amplify custom domain', 'eu-west-2'],
    ['transfer:CreateServer', 'a public Transfer Family server', 'eu-west-2'],
    ['transfer:UpdateServer', 'switch a Transfer server to a public endpoint', 'eu-west-2'],
    ['emr-serverless:CreateApplication', 'an EMR Serverless application with internet access', 'eu-west-2'],
    ['states:InvokeHTTPEndpoint', 'a Step Functions HTTP task to an outside API', 'eu-west-2'],
    ['events:CreateApiDestination', 'an EventBridge API destination', 'eu-west-2'],
    ['events:CreateConnection', 'an EventBridge connection to an outside API', 'eu-west-2'],
    ['firehose:CreateDeliveryStream', 'a Firehose stream to an HTTP endpoint', 'eu-west-2'],
    ['firehose:UpdateDestination', 'repoint a Firehose stream to an HTTP endpoint', 'eu-west-2'],
  ].map(([action, attempt, region]) => deny('internet-only-via-gateway', '5', 'workload-internet-services', 'DenyServicesWithOwnInternetPath')(attempt, { action, region })),
  ...['codebuild:CreateProject', 'codebuild:UpdateProject'].map((action) =>
    deny('internet-only-via-gateway', '5', 'workload-internet-services', 'DenyBuildsOutsideVpc')(`${action} without a VPC`, { action }),
  ),
  ...['glue:CreateJob', 'glue:UpdateJob', 'glue:CreateSession'].map((action) =>
    deny('internet-only-via-gateway', '5', 'workload-internet-services', 'DenyGlueOutsideVpc')(`${action} without a VPC`, { action }),
  ),
  deny('internet-only-via-gateway', '5', 'workload-internet-services', 'DenySageMakerNotebookInternet')('a notebook with direct internet access', {
    action: 'sagemaker:CreateNotebookInstance',
    context: { 'sagemaker:DirectInternetAccess': 'Enabled' },
  }),
  ...['sagemaker:CreateDomain', 'sagemaker:UpdateDomain'].map((action) =>
    deny('internet-only-via-gateway', '5', 'workload-internet-services', 'DenySageMakerStudioInternet')(`${action} with PublicInternetOnly`, { action, context: { 'sagemaker:AppNetworkAccessType': 'PublicInternetOnly' } }),
  ),
  ...['sagemaker:CreateTrainingJob', 'sagemaker:CreateProcessingJob', 'sagemaker:CreateModel', 'sagemaker:CreateHyperParameterTuningJob'].map((action) =>
    deny('internet-only-via-gateway', '5', 'workload-internet-services', 'DenySageMakerJobsOutsideVpc')(`${action} without VPC subnets`, { action }),
  ),
  ...['http', 'https'].map((protocol) =>
    deny('inside-organization', '5', 'workload-internet-services', 'DenyHttpSubscriptions')(`an SNS ${protocol} subscription to an outside endpoint`, {
      action: 'sns:Subscribe',
      context: { 'sns:Protocol': protocol, 'sns:Endpoint': 'https://collector.example.com/hook' },
    }),
  ),

  // --- Path 7: outsiders become organization principals -------------------------------------------
  ...[
    ['iam:CreateOpenIDConnectProvider', 'trust an outside OIDC issuer'],
    ['iam:AddClientIDToOpenIDConnectProvider', 'add an audience to an OIDC provider'],
    ['iam:UpdateOpenIDConnectProviderThumbprint', 'repoint an OIDC provider'],
    ['iam:CreateSAMLProvider', 'trust an outside SAML identity provider'],
    ['iam:UpdateSAMLProvider', 'swap the metadata of a SAML provider'],
  ].map(([action, attempt]) => deny('inside-organization', '7', 'workload-data-sharing', 'DenySharingWithoutOrgCondition')(attempt, { action, region: 'us-east-1' })),
  ...[
    ['rolesanywhere:CreateTrustAnchor', 'trust an outside certificate authority (Roles Anywhere)'],
    ['rolesanywhere:UpdateTrustAnchor', 'swap a Roles Anywhere trust anchor'],
    ['rolesanywhere:CreateProfile', 'a Roles Anywhere profile for an outside CA'],
    ['cognito-identity:CreateIdentityPool', 'an identity pool with unauthenticated access'],
    ['cognito-identity:UpdateIdentityPool', 'turn on unauthenticated identities'],
    ['cognito-identity:SetIdentityPoolRoles', 'give guest identities a role'],
  ].map(([action, attempt]) => deny('inside-organization', '7', 'workload-data-sharing', 'DenySharingWithoutOrgCondition')(attempt, { action })),

  // --- Path 8: the resource perimeter for insiders -----------------------------------------------
  ...[
    ['s3:PutObject', 'arn:aws:s3:::attacker-bucket/export.csv'],
    ['s3:PutObjectAcl', 'arn:aws:s3:::attacker-bucket/export.csv'],
    ['s3:ReplicateObject', 'arn:aws:s3:::attacker-bucket/export.csv'],
    ['s3:ReplicateTags', 'arn:aws:s3:::attacker-bucket/export.csv'],
    ['s3:ReplicateDelete', 'arn:aws:s3:::attacker-bucket/export.csv'],
    ['sqs:SendMessage', `arn:aws:sqs:eu-west-2:${OUT}:drop`],
    ['sns:Publish', `arn:aws:sns:eu-west-2:${OUT}:drop`],
    ['kinesis:PutRecord', `arn:aws:kinesis:eu-west-2:${OUT}:stream/drop`],
    ['kinesis:PutRecords', `arn:aws:kinesis:eu-west-2:${OUT}:stream/drop`],
    ['firehose:PutRecord', `arn:aws:firehose:eu-west-2:${OUT}:deliverystream/drop`],
    ['firehose:PutRecordBatch', `arn:aws:firehose:eu-west-2:${OUT}:deliverystream/drop`],
    ['dynamodb:PutItem', `arn:aws:dynamodb:eu-west-2:${OUT}:table/drop`],
    ['dynamodb:BatchWriteItem', `arn:aws:dynamodb:eu-west-2:${OUT}:table/drop`],
    ['logs:PutLogEvents', `arn:aws:logs:eu-west-2:${OUT}:log-group:drop:log-stream:x`],
    ['events:PutEvents', `arn:aws:events:eu-west-2:${OUT}:event-bus/drop`],
  ].flatMap(([action, resource]) => [
    deny('inside-organization', '8', 'workload-data-sharing', 'DenyWritesOutsideOrg')(`${action} into another organization's resource`, { action, resource, context: outsideResource }),
    deny('inside-organization', '8', 'workload-data-sharing', 'DenyWritesOutsideOrg')(`${action} into a standalone account's resource`, { action, resource, context: noOrgResource }),
  ]),
  deny('data-residency', '8', 'workload-data-sharing', 'DenyWritesOutsideOrg')('replicate patient data to an outside bucket in eu-west-1', {
    action: 's3:ReplicateObject',
    region: 'eu-west-1',
    resource: 'arn:aws:s3:::attacker-bucket-ireland/export.csv',
    context: outsideResource,
  }),

  // --- Path 10 (API part): DNS logging and DNS Firewall --------------------------------------------
  ...[
    'route53resolver:DisassociateResolverQueryLogConfig',
    'route53resolver:DeleteResolverQueryLogConfig',
    'route53resolver:PutResolverQueryLogConfigPolicy',
    'route53resolver:DisassociateFirewallRuleGroup',
    'route53resolver:UpdateFirewallRuleGroupAssociation',
    'route53resolver:DeleteFirewallRuleGroup',
    'route53resolver:DeleteFirewallRule',
    'route53resolver:UpdateFirewallRule',
    'route53resolver:DeleteFirewallDomainList',
    'route53resolver:UpdateFirewallDomains',
    'route53resolver:UpdateFirewallConfig',
    'route53resolver:PutFirewallRuleGroupPolicy',
  ].flatMap((action) =>
    ['eu-west-2', 'eu-west-1'].map((region) =>
      deny(action.includes('QueryLog') ? 'logging-cannot-be-disabled' : 'internet-only-via-gateway', '10', 'estate-integrity', 'DenyDnsProtectionChanges')(`${action.split(':')[1]} in ${region}`, { action, region }),
    ),
  ),

  // --- Path 11: Region-exempt services that store data elsewhere ------------------------------------
  ...[
    ['ecr-public:CreateRepository', 'a world-readable ECR Public repository'],
    ['ecr-public:PutImage', 'push an image to ECR Public'],
    ['ecr-public:InitiateLayerUpload', 'upload a layer to ECR Public'],
    ['ecr-public:SetRepositoryPolicy', 'open an ECR Public repository policy'],
    ['chime:CreateMeeting', 'a Chime SDK meeting (media outside the Regions)'],
    ['chime:CreateAppInstance', 'a Chime SDK messaging instance'],
    ['devicefarm:CreateProject', 'a Device Farm project (us-west-2 only)'],
    ['devicefarm:CreateUpload', 'upload an app to Device Farm'],
    ['config:PutConfigurationAggregator', 'an aggregator copying configuration to another Region or account'],
    ['config:PutAggregationAuthorization', 'authorize an outside aggregator'],
    ['cloudfront:CreateFunction', 'a CloudFront function (runs at every edge)'],
    ['cloudfront:UpdateFunction', 'change a CloudFront function'],
    ['cloudfront:CreateKeyValueStore', 'a CloudFront KeyValueStore (replicated worldwide)'],
    ['chatbot:CreateSlackChannelConfiguration', 'a Chatbot channel posting findings to Slack'],
    ['chatbot:CreateMicrosoftTeamsChannelConfiguration', 'a Chatbot channel posting to Teams'],
  ].map(([action, attempt]) => deny('data-residency', '11', 'estate-integrity', 'DenyRegionExemptDataStores')(attempt, { action, region: 'us-east-1' })),
  deny('data-residency', '11', 'estate-integrity', 'DenyPublicHostedZones')('a public hosted zone', { action: 'route53:CreateHostedZone', region: 'us-east-1' }),

  // --- Medium: suppressing detection; the default EBS key -------------------------------------------
  ...[
    'securityhub:BatchUpdateFindings',
    'securityhub:UpdateFindings',
    'securityhub:DisableImportFindingsForProduct',
    'securityhub:CreateAutomationRule',
    'securityhub:CreateAutomationRuleV2',
    'guardduty:ArchiveFindings',
    'guardduty:CreateTrustedEntitySet',
    'guardduty:UpdateTrustedEntitySet',
    'guardduty:UpdateMalwareScanSettings',
    'guardduty:DeleteMalwareProtectionPlan',
    'guardduty:UpdateMalwareProtectionPlan',
    'inspector2:CreateFilter',
    'inspector2:UpdateFilter',
    'inspector2:Disable',
    'macie2:CreateFindingsFilter',
    'macie2:UpdateFindingsFilter',
    'access-analyzer:UpdateFindings',
    'access-analyzer:ApplyArchiveRule',
  ].map((action) =>
    deny('detection-cannot-be-suppressed', 'medium', 'workload-internet-services', 'DenyFindingSuppression')(`${action.split(':')[1]} on its own findings`, {
      action,
      region: action.startsWith('access-analyzer') ? 'us-east-1' : 'eu-west-2',
    }),
  ),
  ...['ec2:ModifyEbsDefaultKmsKeyId', 'ec2:ResetEbsDefaultKmsKeyId'].flatMap((action) =>
    ['eu-west-2', 'eu-west-1'].map((region) => deny('encrypted-at-rest', 'medium', 'estate-integrity', 'DenyEbsDefaultKeyChanges')(`${action.split(':')[1]} in ${region}`, { action, region })),
  ),
  // Logging stays on (baseline protection, already in place; kept here so the promise is tested whole).
  ...['ec2:DeleteFlowLogs', 'cloudtrail:StopLogging', 'config:StopConfigurationRecorder', 'guardduty:DeleteDetector', 'securityhub:DisableSecurityHub'].map((action) =>
    deny('logging-cannot-be-disabled', 'medium', 'baseline-protection', 'DenyAuditTampering')(`${action.split(':')[1]}`, { action }),
  ),

  // --- Paths 5 and 6: the service allow-list; subnets shared through RAM (service-allow-list-cases.ts)
  ...SERVICE_ALLOW_LIST_ATTACKS,
  ...NETWORK_SHARE_ATTACKS,
];

/** Attempts an EC2 declarative policy stops (the attribute is fixed for the account in every Region). */
export const DECLARATIVE_ATTACK_CASES: readonly DeclarativeAttackCase[] = [
  { promise: 'internet-only-via-gateway', path: '2', attempt: 'use the default VPC internet gateway (instance with a public IP)', action: 'ec2:RunInstances', enforcedBy: ['vpc-block-public-access', 'vpc_block_public_access.internet_gateway_block.mode', 'block_bidirectional'] },
  { promise: 'internet-only-via-gateway', path: '2', attempt: 'egress through an egress-only internet gateway', action: 'ec2:CreateRoute', enforcedBy: ['vpc-block-public-access', 'vpc_block_public_access.internet_gateway_block.mode', 'block_bidirectional'] },
  { promise: 'internet-only-via-gateway', path: '2', attempt: 'turn VPC Block Public Access off', action: 'ec2:ModifyVpcBlockPublicAccessOptions', enforcedBy: ['vpc-block-public-access', 'vpc_block_public_access.internet_gateway_block.mode', 'block_bidirectional'] },
  { promise: 'internet-only-via-gateway', path: '2', attempt: 'exclude a subnet from VPC Block Public Access', action: 'ec2:CreateVpcBlockPublicAccessExclusion', enforcedBy: ['vpc-block-public-access', 'vpc_block_public_access.internet_gateway_block.exclusions_allowed', 'disabled'] },
  { promise: 'inside-organization', path: '4', attempt: 'make an EBS snapshot public', action: 'ec2:ModifySnapshotAttribute', enforcedBy: ['ec2-baseline', 'snapshot_block_public_access.state', 'block_all_sharing'] },
  { promise: 'inside-organization', path: '4', attempt: 'turn EBS snapshot block public access off', action: 'ec2:DisableSnapshotBlockPublicAccess', enforcedBy: ['ec2-baseline', 'snapshot_block_public_access.state', 'block_all_sharing'] },
  { promise: 'inside-organization', path: '4', attempt: 'make an AMI public', action: 'ec2:ModifyImageAttribute', enforcedBy: ['ec2-baseline', 'image_block_public_access.state', 'block_new_sharing'] },
  { promise: 'inside-organization', path: '4', attempt: 'turn AMI block public access off', action: 'ec2:DisableImageBlockPublicAccess', enforcedBy: ['ec2-baseline', 'image_block_public_access.state', 'block_new_sharing'] },
  { promise: 'logging-cannot-be-disabled', path: 'medium', attempt: 'reach an instance through the serial console (no network, no flow log)', action: 'ec2:EnableSerialConsoleAccess', enforcedBy: ['ec2-baseline', 'serial_console_access.status', 'disabled'] },
  { promise: 'inside-organization', path: 'medium', attempt: 'launch with IMDSv1 by default (credential theft by SSRF)', action: 'ec2:ModifyInstanceMetadataDefaults', enforcedBy: ['ec2-baseline', 'instance_metadata_defaults.http_tokens', 'required'] },
];

const vpc = { 'lambda:VpcIds': 'vpc-0spoke0000000000a', 'lambda:SubnetIds': ['subnet-0spoke000000000a'] };

/** Normal work that must keep working for the same administrator (and the security team). */
export const MUST_ALLOW_CASES: readonly MustAllowCase[] = [
  { work: 'create a Lambda function in the spoke VPC', request: { action: 'lambda:CreateFunction', context: vpc } },
  { work: 'update a Lambda function, staying in the spoke VPC', request: { action: 'lambda:UpdateFunctionConfiguration', context: vpc } },
  { work: 'a Lambda function URL with IAM auth', request: { action: 'lambda:CreateFunctionUrlConfig', context: { 'lambda:FunctionUrlAuthType': 'AWS_IAM' } } },
  { work: 'let S3 invoke a function (service principal)', request: { action: 'lambda:AddPermission', context: { 'lambda:Principal': 's3.amazonaws.com' } } },
  { work: 'create an EKS cluster', request: { action: 'eks:CreateCluster' } },
  { work: 'create an EKS node group', request: { action: 'eks:CreateNodegroup' } },
  { work: 'an internal application load balancer', request: { action: 'elasticloadbalancing:CreateLoadBalancer', context: { 'elasticloadbalancing:Scheme': 'internal' } } },
  { work: 'launch an instance in its own spoke subnet', request: { action: 'ec2:RunInstances', resource: subnet(ACC) } },
  { work: 'an interface endpoint to an AWS service (SSM)', request: { action: 'ec2:CreateVpcEndpoint', resource: vpcEndpoint, context: { 'ec2:VpceServiceOwner': 'amazon', 'ec2:VpceServiceName': 'com.amazonaws.eu-west-2.ssm' } } },
  { work: 'start an SSM Session Manager session', request: { action: 'ssm:StartSession', resource: `arn:aws:ec2:eu-west-2:${ACC}:instance/i-0123456789abcdef0` } },
  { work: 'open the Session Manager data channel', request: { action: 'ssmmessages:OpenDataChannel', resource: '*' } },
  { work: 'create a subnet in its own spoke', request: { action: 'ec2:CreateSubnet' } },
  { work: 'create a security group', request: { action: 'ec2:CreateSecurityGroup' } },
  { work: 'a private RDS instance', request: { action: 'rds:CreateDBInstance', context: { 'rds:PubliclyAccessible': 'false' } } },
  { work: 'an encrypted Aurora cluster', request: { action: 'rds:CreateDBCluster', context: { 'rds:StorageEncrypted': 'true' } } },
  { work: 'an encrypted EFS file system', request: { action: 'elasticfilesystem:CreateFileSystem', context: { 'elasticfilesystem:Encrypted': 'true' } } },
  { work: 'write to its own S3 bucket', request: { action: 's3:PutObject', resource: 'arn:aws:s3:::exvalley-clinical-portal-uploads/referral.pdf' } },
  { work: 'send to a queue in another account of the organization', request: { action: 'sqs:SendMessage', resource: `arn:aws:sqs:eu-west-2:${ACC}:referrals` } },
  { work: 'use its KMS key to encrypt', request: { action: 'kms:Encrypt', resource: `arn:aws:kms:eu-west-2:${ACC}:key/1234abcd-12ab-34cd-56ef-1234567890ab` } },
  { work: 'use its KMS key to decrypt', request: { action: 'kms:Decrypt', resource: `arn:aws:kms:eu-west-2:${ACC}:key/1234abcd-12ab-34cd-56ef-1234567890ab` } },
  { work: 'write its own DynamoDB table', request: { action: 'dynamodb:PutItem', resource: `arn:aws:dynamodb:eu-west-2:${ACC}:table/appointments` } },
  { work: 'pull from its own ECR repository', request: { action: 'ecr:BatchGetImage', resource: `arn:aws:ecr:eu-west-2:${ACC}:repository/portal` } },
  { work: 'write application logs', request: { action: 'logs:PutLogEvents', resource: `arn:aws:logs:eu-west-2:${ACC}:log-group:/app/portal:log-stream:web-1` } },
  { work: 'publish to its own event bus', request: { action: 'events:PutEvents', resource: `arn:aws:events:eu-west-2:${ACC}:event-bus/default` } },
  { work: 'a private REST API', request: { action: 'apigateway:POST', resource: 'arn:aws:apigateway:eu-west-2::/restapis', context: { 'apigateway:Request/EndpointType': 'PRIVATE' } } },
  { work: 'a private hosted zone for the spoke', request: { action: 'route53:CreateHostedZone', region: 'us-east-1', context: { 'route53:VPCs': 'vpc-0spoke0000000000a' } } },
  { work: 'a CodeBuild project in the spoke VPC', request: { action: 'codebuild:CreateProject', context: { 'codebuild:vpcConfig.vpcId': 'vpc-0spoke0000000000a' } } },
  { work: 'a Glue job in the spoke VPC', request: { action: 'glue:CreateJob', context: { 'glue:VpcIds': 'vpc-0spoke0000000000a' } } },
  { work: 'a SageMaker training job in the spoke VPC', request: { action: 'sagemaker:CreateTrainingJob', context: { 'sagemaker:VpcSubnets': 'subnet-0spoke000000000a' } } },
  { work: 'a SageMaker notebook without direct internet', request: { action: 'sagemaker:CreateNotebookInstance', context: { 'sagemaker:DirectInternetAccess': 'Disabled' } } },
  { work: 'an SNS email subscription for alerts', request: { action: 'sns:Subscribe', context: { 'sns:Protocol': 'email' } } },
  { work: 'an SNS subscription to its own SQS queue', request: { action: 'sns:Subscribe', context: { 'sns:Protocol': 'sqs' } } },
  { work: 'share a resource inside the organization through RAM (a KMS-free resource such as a Route 53 Resolver rule)', request: { action: 'ram:CreateResourceShare', context: { 'ram:RequestedAllowsExternalPrincipals': 'false', 'ram:RequestedResourceType': 'route53resolver:ResolverRule' } } },
  { work: 'read its own GuardDuty findings', request: { action: 'guardduty:GetFindings' } },
  { work: 'read its own Security Hub findings', request: { action: 'securityhub:GetFindings' } },
  { work: 'read the DNS query log configuration', request: { action: 'route53resolver:ListResolverQueryLogConfigs' } },
  { work: 'create an IAM role for an application', request: { action: 'iam:CreateRole', region: 'us-east-1', resource: `arn:aws:iam::${ACC}:role/portal-app` } },
  { work: 'snapshot its own EBS volume', request: { action: 'ec2:CreateSnapshot' } },
  { work: 'an ECS cluster', request: { action: 'ecs:CreateCluster' } },
  { work: 'read secrets', request: { action: 'secretsmanager:GetSecretValue', resource: `arn:aws:secretsmanager:eu-west-2:${ACC}:secret:portal-db-AbCdEf` } },
  // The security account triages the organization's findings (it is not in the Workloads OU).
  { work: 'security account: triage findings (Security Hub)', actor: 'security-admin', request: { action: 'securityhub:BatchUpdateFindings' } },
  { work: 'security account: archive a GuardDuty finding', actor: 'security-admin', request: { action: 'guardduty:ArchiveFindings' } },
  { work: 'security account: suppress a known false positive with an automation rule', actor: 'security-admin', request: { action: 'securityhub:CreateAutomationRule' } },
  // Identity Center sign-in (SAML) and AWS services acting for the organization.
  { work: 'Identity Center sign-in: SAML role assumption', principal: 'arn:aws:iam::{account}:saml-provider/AWSSSO_0123456789abcdef_DO_NOT_DELETE', request: { action: 'sts:AssumeRoleWithSAML', region: 'us-east-1', resource: `arn:aws:iam::${ACC}:role/aws-reserved/sso.amazonaws.com/eu-west-2/AWSReservedSSO_AdministratorAccess_0123456789abcdef` } },
  { work: 'CloudWatch Logs delivers to the workload log group (service principal)', actor: 'aws-service', servicePrincipal: 'delivery.logs.amazonaws.com', request: { action: 'logs:PutLogEvents', resource: `arn:aws:logs:eu-west-2:${ACC}:log-group:/aws/vendedlogs/x:log-stream:y` } },
  { work: 'EventBridge delivers to the workload bus (service principal)', actor: 'aws-service', servicePrincipal: 'events.amazonaws.com', request: { action: 'events:PutEvents', resource: `arn:aws:events:eu-west-2:${ACC}:event-bus/default` } },
  ...SERVICE_ALLOW_LIST_MUST_ALLOW,
];
