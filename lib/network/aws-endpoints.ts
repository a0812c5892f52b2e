// The AWS APIs the spokes reach through central interface endpoints in the gateway VPC, as data:
// each service's endpoint name, the DNS names the spokes resolve to it (private hosted zones in the
// Route 53 Profile, docs/network-isolation.md) and the endpoint policy that keeps it to the
// organization. Pure functions of configuration; the network stack builds them, the reachability
// proof and `lz posture` read them back from the synthesized JSON.

/**
 * How far an endpoint policy can fence a service.
 * - `identity-and-resource`: callers and the resources they touch must both be in the organization
 *   (aws:PrincipalOrgID and aws:ResourceOrgID), plus AWS service principals.
 * - `identity`: callers must be in the organization; resources are not fenced because the service's
 *   normal work reads AWS-owned resources (SSM documents, public AMIs, AWS-managed ECR images), which
 *   carry no organization ID. The resource perimeter for these is the RCP's and SCP's job.
 */
export type EndpointPerimeter = 'identity-and-resource' | 'identity';

export interface AwsEndpointService {
  /** The configuration name, the last part of the endpoint service name (com.amazonaws.<region>.<name>). */
  readonly name: string;
  /** What the service is for, for reviewers and the connection summary. */
  readonly purpose: string;
  /** The hosted zone name (before the Region is filled in): {region} is replaced. */
  readonly zone: string;
  /** Whether the zone also needs a wildcard record (names under it: buckets, registries). */
  readonly wildcard: boolean;
  readonly perimeter: EndpointPerimeter;
  /** Where the DNS name and the endpoint policy behaviour come from. */
  readonly reference: string;
}

const PRIVATELINK_SERVICES = 'https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-privatelink-support.html';

/**
 * Every service the schema accepts. The DNS names are the Regional names the SDKs and CLIs use by
 * default (STS: the Regional endpoint, which current SDKs use by default; the global sts.amazonaws.com
 * is not covered and would leave through the firewall, where it is now dropped).
 */
export const AWS_ENDPOINT_SERVICES: readonly AwsEndpointService[] = [
  {
    name: 'sts',
    purpose: 'temporary credentials (role assumption, web identity for EKS and Lambda)',
    zone: 'sts.{region}.amazonaws.com',
    wildcard: false,
    perimeter: 'identity-and-resource',
    reference: 'https://github.com/aws-samples/data-perimeter-policy-examples/blob/main/vpc_endpoint_policies/sts_endpoint_policy.json',
  },
  {
    name: 'kms',
    purpose: 'encryption keys',
    zone: 'kms.{region}.amazonaws.com',
    wildcard: false,
    perimeter: 'identity-and-resource',
    reference: 'https://docs.aws.amazon.com/kms/latest/developerguide/kms-vpc-endpoint.html',
  },
  {
    name: 'secretsmanager',
    purpose: 'application secrets',
    zone: 'secretsmanager.{region}.amazonaws.com',
    wildcard: false,
    perimeter: 'identity-and-resource',
    reference: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/vpc-endpoint-overview.html',
  },
  {
    name: 'logs',
    purpose: 'CloudWatch Logs (agents, Lambda, containers)',
    zone: 'logs.{region}.amazonaws.com',
    wildcard: false,
    perimeter: 'identity',
    reference: PRIVATELINK_SERVICES,
  },
  {
    name: 'monitoring',
    purpose: 'CloudWatch metrics',
    zone: 'monitoring.{region}.amazonaws.com',
    wildcard: false,
    perimeter: 'identity',
    reference: PRIVATELINK_SERVICES,
  },
  {
    name: 'ssm',
    purpose: 'Systems Manager (Session Manager, patching, parameters)',
    zone: 'ssm.{region}.amazonaws.com',
    wildcard: false,
    perimeter: 'identity',
    reference: 'https://github.com/aws-samples/data-perimeter-policy-examples/blob/main/vpc_endpoint_policies/ssm_endpoint_policy.json',
  },
  {
    name: 'ssmmessages',
    purpose: 'Session Manager channels',
    zone: 'ssmmessages.{region}.amazonaws.com',
    wildcard: false,
    perimeter: 'identity',
    reference: 'https://docs.aws.amazon.com/systems-manager/latest/userguide/setup-create-vpc.html',
  },
  {
    name: 'ec2messages',
    purpose: 'SSM Agent messages',
    zone: 'ec2messages.{region}.amazonaws.com',
    wildcard: false,
    perimeter: 'identity',
    reference: 'https://docs.aws.amazon.com/systems-manager/latest/userguide/setup-create-vpc.html',
  },
  {
    name: 'ec2',
    purpose: 'EC2 API (EKS nodes, autoscaling, the SSM Agent)',
    zone: 'ec2.{region}.amazonaws.com',
    wildcard: false,
    perimeter: 'identity',
    reference: 'https://github.com/aws-samples/data-perimeter-policy-examples/blob/main/vpc_endpoint_policies/ec2_endpoint_policy.json',
  },
  {
    name: 'ecr.api',
    purpose: 'ECR registry API',
    zone: 'api.ecr.{region}.amazonaws.com',
    wildcard: false,
    perimeter: 'identity',
    reference: 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html',
  },
  {
    name: 'ecr.dkr',
    purpose: 'ECR image pulls (<account>.dkr.ecr.<region>.amazonaws.com)',
    zone: 'dkr.ecr.{region}.amazonaws.com',
    wildcard: true,
    perimeter: 'identity',
    reference: 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html',
  },
  {
    name: 's3',
    purpose: 'S3 (buckets, and the ECR image layers AWS stores in S3)',
    zone: 's3.{region}.amazonaws.com',
    wildcard: true,
    perimeter: 'identity-and-resource',
    reference: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/privatelink-interface-endpoints.html',
  },
  {
    name: 'dynamodb',
    purpose: 'DynamoDB (interface endpoint; a gateway endpoint is not reachable across the Transit Gateway)',
    zone: 'dynamodb.{region}.amazonaws.com',
    wildcard: false,
    perimeter: 'identity-and-resource',
    reference: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/privatelink-interface-endpoints.html',
  },
  {
    name: 'sqs',
    purpose: 'SQS queues',
    zone: 'sqs.{region}.amazonaws.com',
    wildcard: false,
    perimeter: 'identity-and-resource',
    reference: PRIVATELINK_SERVICES,
  },
  {
    name: 'sns',
    purpose: 'SNS topics',
    zone: 'sns.{region}.amazonaws.com',
    wildcard: false,
    perimeter: 'identity-and-resource',
    reference: PRIVATELINK_SERVICES,
  },
  {
    name: 'events',
    purpose: 'EventBridge',
    zone: 'events.{region}.amazonaws.com',
    wildcard: false,
    perimeter: 'identity',
    reference: PRIVATELINK_SERVICES,
  },
  {
    name: 'lambda',
    purpose: 'Lambda invoke API',
    zone: 'lambda.{region}.amazonaws.com',
    wildcard: false,
    perimeter: 'identity',
    reference: PRIVATELINK_SERVICES,
  },
  {
    name: 'elasticloadbalancing',
    purpose: 'ELB API (EKS load balancer controller)',
    zone: 'elasticloadbalancing.{region}.amazonaws.com',
    wildcard: false,
    perimeter: 'identity',
    reference: PRIVATELINK_SERVICES,
  },
  {
    name: 'autoscaling',
    purpose: 'EC2 Auto Scaling API (EKS cluster autoscaler)',
    zone: 'autoscaling.{region}.amazonaws.com',
    wildcard: false,
    perimeter: 'identity',
    reference: PRIVATELINK_SERVICES,
  },
  {
    name: 'eks',
    purpose: 'EKS API',
    zone: 'eks.{region}.amazonaws.com',
    wildcard: false,
    perimeter: 'identity',
    reference: PRIVATELINK_SERVICES,
  },
];

export const AWS_ENDPOINT_SERVICE_NAMES = AWS_ENDPOINT_SERVICES.map((service) => service.name) as [string, ...string[]];

/**
 * The default set: what an EC2, container or Lambda workload needs to start, be managed by Session
 * Manager, pull images, read secrets and keys and write logs and metrics. Each is an hourly charge
 * per zone (docs/network-isolation.md, "Cost"), so services a trust does not use are left for it to add.
 */
export const DEFAULT_AWS_ENDPOINT_SERVICES = [
  'sts',
  'kms',
  'logs',
  'monitoring',
  'ssm',
  'ssmmessages',
  'ec2messages',
  'ec2',
  'ecr.api',
  'ecr.dkr',
  'secretsmanager',
  's3',
] as const;

/** One address per endpoint per zone; a /27 endpoint subnet has 27 usable addresses (AWS reserves five). */
export const MAX_AWS_ENDPOINT_SERVICES = 27;

export function awsEndpointService(name: string): AwsEndpointService {
  const service = AWS_ENDPOINT_SERVICES.find((candidate) => candidate.name === name);
  if (!service) throw new Error(`unknown AWS endpoint service ${name}`);
  return service;
}

/** com.amazonaws.<region>.<name>, the endpoint service name the VPC API takes. */
export function endpointServiceName(region: string, name: string): string {
  return `com.amazonaws.${region}.${name}`;
}

/** The private hosted zone that answers for the service in the spokes, e.g. sts.eu-west-2.amazonaws.com. */
export function endpointZoneName(region: string, name: string): string {
  return awsEndpointService(name).zone.replace('{region}', region);
}

/**
 * AWS-owned buckets that workloads read through the S3 endpoint as part of normal work; they belong to
 * no organization, so the resource fence names them. From the data-perimeter examples (VPC endpoint
 * policies, "AllowRequestsToAWSOwnedResources"): ECR image layers, SSM Agent and patching, Amazon Linux
 * repositories, the CloudWatch agent.
 */
export function awsOwnedBucketsReadThroughS3(region: string): string[] {
  return [
    `arn:aws:s3:::prod-${region}-starport-layer-bucket/*`,
    `arn:aws:s3:::aws-ssm-${region}/*`,
    `arn:aws:s3:::amazon-ssm-${region}/*`,
    `arn:aws:s3:::amazon-ssm-packages-${region}/*`,
    `arn:aws:s3:::${region}-birdwatcher-prod/*`,
    `arn:aws:s3:::aws-ssm-document-attachments-${region}/*`,
    `arn:aws:s3:::patch-baseline-snapshot-${region}/*`,
    `arn:aws:s3:::al2023-repos-${region}-de612dc2/*`,
    `arn:aws:s3:::amazonlinux-2-repos-${region}/*`,
    `arn:aws:s3:::amazoncloudwatch-agent-${region}/*`,
  ];
}

/**
 * The endpoint policy: the most a request through the endpoint may do, whatever IAM allows. Based on
 * AWS's data-perimeter examples (https://github.com/aws-samples/data-perimeter-policy-examples,
 * vpc_endpoint_policies/). `organizationId` may be a Terraform reference.
 */
export function endpointPolicy(region: string, name: string, organizationId: string): object {
  const service = awsEndpointService(name);
  const org = { 'aws:PrincipalOrgID': organizationId };
  const statements: object[] = [
    {
      Sid: service.perimeter === 'identity' ? 'OrganizationPrincipals' : 'OrganizationPrincipalsToOrganizationResources',
      Effect: 'Allow',
      Principal: '*',
      Action: '*',
      Resource: '*',
      Condition: { StringEquals: service.perimeter === 'identity' ? org : { ...org, 'aws:ResourceOrgID': organizationId } },
    },
    // AWS services rarely call from inside a VPC, but some do on the caller's behalf (CloudFormation
    // custom resources, presigned URLs made by a service principal).
    {
      Sid: 'AwsServicePrincipals',
      Effect: 'Allow',
      Principal: '*',
      Action: '*',
      Resource: '*',
      Condition: { Bool: { 'aws:PrincipalIsAWSService': 'true' } },
    },
  ];
  if (name === 'sts') {
    // EKS pods (IRSA) and OIDC federation call AssumeRoleWithWebIdentity unsigned: there is no
    // principal organization yet, only the role being assumed, which must be ours.
    statements.push({
      Sid: 'FederationIntoOrganizationRoles',
      Effect: 'Allow',
      Principal: { Federated: '*' },
      Action: ['sts:AssumeRoleWithWebIdentity', 'sts:AssumeRoleWithSAML'],
      Resource: '*',
      Condition: { StringEquals: { 'aws:ResourceOrgID': organizationId } },
    });
  }
  if (name === 's3') {
    // Image layers, agents and OS packages live in AWS-owned buckets, some read unsigned.
    statements.push({
      Sid: 'ReadAwsOwnedBuckets',
      Effect: 'Allow',
      Principal: '*',
      Action: ['s3:GetObject'],
      Resource: awsOwnedBucketsReadThroughS3(region),
    });
  }
  return { Version: '2012-10-17', Statement: statements };
}
