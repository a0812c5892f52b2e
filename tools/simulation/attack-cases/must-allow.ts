// Normal work that must keep working beside the attacks.
import { TIER_TAGGED_REQUEST_CONTEXT } from '../../../lib/backup-tier-tag';
import { SERVICE_ALLOW_LIST_MUST_ALLOW } from './service-allow-list';
import type { MustAllowCase } from './types';
import { ACC, subnet } from './kit';

const vpc = { 'lambda:VpcIds': 'vpc-0spoke0000000000a', 'lambda:SubnetIds': ['subnet-0spoke000000000a'] };

/** Normal work that must keep working for the same administrator (and the security team). */
export const MUST_ALLOW_CASES: readonly MustAllowCase[] = [
  { work: 'create a Lambda function in the spoke VPC', request: { action: 'lambda:CreateFunction', context: vpc } },
  { work: 'update a Lambda function, staying in the spoke VPC', request: { action: 'lambda:UpdateFunctionConfiguration', context: vpc } },
  {
    work: 'a Lambda function URL with IAM auth',
    request: { action: 'lambda:CreateFunctionUrlConfig', context: { 'lambda:FunctionUrlAuthType': 'AWS_IAM' } },
  },
  {
    work: 'let S3 invoke a function (service principal)',
    request: { action: 'lambda:AddPermission', context: { 'lambda:Principal': 's3.amazonaws.com' } },
  },
  { work: 'create an EKS cluster', request: { action: 'eks:CreateCluster' } },
  { work: 'create an EKS node group', request: { action: 'eks:CreateNodegroup' } },
  {
    work: 'an internal application load balancer',
    request: { action: 'elasticloadbalancing:CreateLoadBalancer', context: { 'elasticloadbalancing:Scheme': 'internal' } },
  },
  { work: 'launch an instance in its own spoke subnet', request: { action: 'ec2:RunInstances', resource: subnet(ACC) } },
  // AWS APIs through the central endpoints (ADR 0625): the workload reads them, never makes its own.
  { work: 'list the VPC endpoints it can see', request: { action: 'ec2:DescribeVpcEndpoints', resource: '*' } },
  { work: "read its VPC's DHCP options", request: { action: 'ec2:DescribeDhcpOptions', resource: '*' } },
  { work: 'read the DNS Firewall rule groups on its VPC', request: { action: 'route53resolver:ListFirewallRuleGroupAssociations' } },
  { work: 'read the Resolver rules associated with its VPC', request: { action: 'route53resolver:ListResolverRuleAssociations' } },
  {
    work: 'start an SSM Session Manager session',
    request: { action: 'ssm:StartSession', resource: `arn:aws:ec2:eu-west-2:${ACC}:instance/i-0123456789abcdef0` },
  },
  { work: 'open the Session Manager data channel', request: { action: 'ssmmessages:OpenDataChannel', resource: '*' } },
  { work: 'create a subnet in its own spoke', request: { action: 'ec2:CreateSubnet' } },
  { work: 'create a security group', request: { action: 'ec2:CreateSecurityGroup' } },
  {
    work: 'a private RDS instance',
    request: { action: 'rds:CreateDBInstance', context: { ...TIER_TAGGED_REQUEST_CONTEXT, 'rds:PubliclyAccessible': 'false' } },
  },
  {
    work: 'an encrypted Aurora cluster',
    request: { action: 'rds:CreateDBCluster', context: { ...TIER_TAGGED_REQUEST_CONTEXT, 'rds:StorageEncrypted': 'true' } },
  },
  {
    work: 'an encrypted EFS file system',
    request: {
      action: 'elasticfilesystem:CreateFileSystem',
      context: { ...TIER_TAGGED_REQUEST_CONTEXT, 'elasticfilesystem:Encrypted': 'true' },
    },
  },
  {
    work: 'write to its own S3 bucket',
    request: { action: 's3:PutObject', resource: 'arn:aws:s3:::exvalley-clinical-portal-uploads/referral.pdf' },
  },
  {
    work: 'send to a queue in another account of the organization',
    request: { action: 'sqs:SendMessage', resource: `arn:aws:sqs:eu-west-2:${ACC}:referrals` },
  },
  {
    work: 'use its KMS key to encrypt',
    request: { action: 'kms:Encrypt', resource: `arn:aws:kms:eu-west-2:${ACC}:key/1234abcd-12ab-34cd-56ef-1234567890ab` },
  },
  {
    work: 'use its KMS key to decrypt',
    request: { action: 'kms:Decrypt', resource: `arn:aws:kms:eu-west-2:${ACC}:key/1234abcd-12ab-34cd-56ef-1234567890ab` },
  },
  {
    work: 'write its own DynamoDB table',
    request: { action: 'dynamodb:PutItem', resource: `arn:aws:dynamodb:eu-west-2:${ACC}:table/appointments` },
  },
  {
    work: 'pull from its own ECR repository',
    request: { action: 'ecr:BatchGetImage', resource: `arn:aws:ecr:eu-west-2:${ACC}:repository/portal` },
  },
  {
    work: 'write application logs',
    request: { action: 'logs:PutLogEvents', resource: `arn:aws:logs:eu-west-2:${ACC}:log-group:/app/portal:log-stream:web-1` },
  },
  {
    work: 'publish to its own event bus',
    request: { action: 'events:PutEvents', resource: `arn:aws:events:eu-west-2:${ACC}:event-bus/default` },
  },
  {
    work: 'a private REST API',
    request: {
      action: 'apigateway:POST',
      resource: 'arn:aws:apigateway:eu-west-2::/restapis',
      context: { 'apigateway:Request/EndpointType': 'PRIVATE' },
    },
  },
  {
    work: 'a private hosted zone for the spoke',
    request: { action: 'route53:CreateHostedZone', region: 'us-east-1', context: { 'route53:VPCs': 'vpc-0spoke0000000000a' } },
  },
  {
    work: 'a CodeBuild project in the spoke VPC',
    request: { action: 'codebuild:CreateProject', context: { 'codebuild:vpcConfig.vpcId': 'vpc-0spoke0000000000a' } },
  },
  { work: 'a Glue job in the spoke VPC', request: { action: 'glue:CreateJob', context: { 'glue:VpcIds': 'vpc-0spoke0000000000a' } } },
  {
    work: 'a SageMaker training job in the spoke VPC',
    request: { action: 'sagemaker:CreateTrainingJob', context: { 'sagemaker:VpcSubnets': 'subnet-0spoke000000000a' } },
  },
  {
    work: 'a SageMaker notebook without direct internet',
    request: { action: 'sagemaker:CreateNotebookInstance', context: { 'sagemaker:DirectInternetAccess': 'Disabled' } },
  },
  { work: 'an SNS email subscription for alerts', request: { action: 'sns:Subscribe', context: { 'sns:Protocol': 'email' } } },
  { work: 'an SNS subscription to its own SQS queue', request: { action: 'sns:Subscribe', context: { 'sns:Protocol': 'sqs' } } },
  {
    work: 'share a resource inside the organization through RAM (a KMS-free resource such as a Route 53 Resolver rule)',
    request: {
      action: 'ram:CreateResourceShare',
      context: { 'ram:RequestedAllowsExternalPrincipals': 'false', 'ram:RequestedResourceType': 'route53resolver:ResolverRule' },
    },
  },
  { work: 'read its own GuardDuty findings', request: { action: 'guardduty:GetFindings' } },
  { work: 'read its own Security Hub findings', request: { action: 'securityhub:GetFindings' } },
  { work: 'read the DNS query log configuration', request: { action: 'route53resolver:ListResolverQueryLogConfigs' } },
  {
    work: 'create an IAM role for an application',
    request: { action: 'iam:CreateRole', region: 'us-east-1', resource: `arn:aws:iam::${ACC}:role/portal-app` },
  },
  { work: 'snapshot its own EBS volume', request: { action: 'ec2:CreateSnapshot' } },
  { work: 'an ECS cluster', request: { action: 'ecs:CreateCluster' } },
  {
    work: 'read secrets',
    request: { action: 'secretsmanager:GetSecretValue', resource: `arn:aws:secretsmanager:eu-west-2:${ACC}:secret:portal-db-AbCdEf` },
  },
  // The security account triages the organization's findings (it is not in the Workloads OU).
  {
    work: 'security account: triage findings (Security Hub)',
    actor: 'security-admin',
    request: { action: 'securityhub:BatchUpdateFindings' },
  },
  { work: 'security account: archive a GuardDuty finding', actor: 'security-admin', request: { action: 'guardduty:ArchiveFindings' } },
  {
    work: 'security account: suppress a known false positive with an automation rule',
    actor: 'security-admin',
    request: { action: 'securityhub:CreateAutomationRule' },
  },
  // Identity Center sign-in (SAML) and AWS services acting for the organization.
  {
    work: 'Identity Center sign-in: SAML role assumption',
    principal: 'arn:aws:iam::{account}:saml-provider/AWSSSO_0123456789abcdef_DO_NOT_DELETE',
    request: {
      action: 'sts:AssumeRoleWithSAML',
      region: 'us-east-1',
      resource: `arn:aws:iam::${ACC}:role/aws-reserved/sso.amazonaws.com/eu-west-2/AWSReservedSSO_AdministratorAccess_0123456789abcdef`,
    },
  },
  {
    work: 'CloudWatch Logs delivers to the workload log group (service principal)',
    actor: 'aws-service',
    servicePrincipal: 'delivery.logs.amazonaws.com',
    request: { action: 'logs:PutLogEvents', resource: `arn:aws:logs:eu-west-2:${ACC}:log-group:/aws/vendedlogs/x:log-stream:y` },
  },
  {
    work: 'EventBridge delivers to the workload bus (service principal)',
    actor: 'aws-service',
    servicePrincipal: 'events.amazonaws.com',
    request: { action: 'events:PutEvents', resource: `arn:aws:events:eu-west-2:${ACC}:event-bus/default` },
  },
  ...SERVICE_ALLOW_LIST_MUST_ALLOW,
];
