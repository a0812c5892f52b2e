// Adversarial cases for the per-OU service allow-list (issue 12, path 5) and for network resources
// shared through RAM (path 6), imported into tools/simulation/attack-cases/ so that the suite in
// test/attacks/ runs them through the real OU chains like every other row. As there, expectations
// come from the threat model, never from the policies. {account} is the acting account's ID.
import { BACKUP_SERVICE_ROLE } from '../../../lib/backup';
import type { AttackCase, AttackRequest, IsolationPromise, MustAllowCase } from './types';

const ALLOW_LIST_POLICY = 'service-allow-list-workloads';
const ALLOW_LIST_STATEMENT = 'DenyServicesOutsideAllowList';

const outsideList =
  (promise: IsolationPromise) =>
  (attempt: string, action: string): AttackCase => ({
    promise,
    path: '5',
    attempt: `${attempt} (a service outside the Workloads allow-list)`,
    request: { action },
    deniedBy: [ALLOW_LIST_POLICY, ALLOW_LIST_STATEMENT],
  });
const ownInternet = outsideList('internet-only-via-gateway');
const leavesEstate = outsideList('inside-organization');
const residency = outsideList('data-residency');

/** Services nobody has reviewed for patient data: denied because they are not on the list at all. */
export const SERVICE_ALLOW_LIST_ATTACKS: readonly AttackCase[] = [
  ownInternet('a GameLift fleet (public game servers)', 'gamelift:CreateFleet'),
  ownInternet('upload a GameLift build', 'gamelift:CreateBuild'),
  ownInternet('list Lightsail instances (Lightsail reads, not only its Create* calls)', 'lightsail:GetInstances'),
  ownInternet('open public ports on a Lightsail instance', 'lightsail:OpenInstancePublicPorts'),
  ownInternet('deploy an existing Amplify app', 'amplify:StartDeployment'),
  ownInternet('list Amplify apps', 'amplify:ListApps'),
  ownInternet('an AppStream stack (streamed desktops from the internet)', 'appstream:CreateStack'),
  ownInternet('an AppStream fleet', 'appstream:CreateFleet'),
  ownInternet('WorkSpaces desktops', 'workspaces:CreateWorkspaces'),
  ownInternet('a WorkSpaces Secure Browser portal', 'workspaces-web:CreatePortal'),
  ownInternet('an Amazon Connect contact centre', 'connect:CreateInstance'),
  ownInternet('an IoT rule posting to an HTTP endpoint', 'iot:CreateTopicRule'),
  ownInternet('an IoT thing connecting from the internet', 'iot:CreateThing'),
  ownInternet('an Elastic Beanstalk environment (public load balancer and addresses)', 'elasticbeanstalk:CreateEnvironment'),
  ownInternet('a Cloud9 environment with a public IP', 'cloud9:CreateEnvironmentEC2'),
  ownInternet('a CloudShell environment (its own internet access)', 'cloudshell:CreateEnvironment'),
  ownInternet('a publicly accessible OpenSearch domain', 'es:CreateDomain'),
  ownInternet('an MSK cluster with public access', 'kafka:CreateClusterV2'),
  ownInternet('an Amazon MQ broker with a public endpoint', 'mq:CreateBroker'),
  ownInternet('a publicly accessible Redshift cluster', 'redshift:CreateCluster'),
  ownInternet('a publicly accessible Redshift Serverless workgroup', 'redshift-serverless:CreateWorkgroup'),
  ownInternet('a public AppSync GraphQL API', 'appsync:CreateGraphqlApi'),
  ownInternet('an IVS channel (public live streaming)', 'ivs:CreateChannel'),
  ownInternet('a Storage Gateway activated from outside', 'storagegateway:ActivateGateway'),
  leavesEstate('email patient letters out through SES', 'ses:SendEmail'),
  leavesEstate('raw email with attachments through SES', 'ses:SendRawEmail'),
  leavesEstate('text messages through End User Messaging', 'sms-voice:SendTextMessage'),
  leavesEstate('a Pinpoint project messaging the public', 'mobiletargeting:CreateApp'),
  leavesEstate('a Snowball job (data leaves on a device)', 'snowball:CreateJob'),
  leavesEstate('a DataSync task to any location', 'datasync:CreateTask'),
  leavesEstate('a DataSync location', 'datasync:CreateLocationS3'),
  leavesEstate('a DMS replication instance', 'dms:CreateReplicationInstance'),
  leavesEstate('a DMS endpoint to an outside database', 'dms:CreateEndpoint'),
  leavesEstate('an AppFlow flow to a SaaS application', 'appflow:CreateFlow'),
  leavesEstate('a connection to an outside Git host', 'codestar-connections:CreateConnection'),
  leavesEstate('a replication template for an outside migration', 'mgn:CreateReplicationConfigurationTemplate'),
  leavesEstate('SimpleDB (no VPC endpoint, no encryption choice)', 'sdb:PutAttributes'),
  residency('send patient text to a foundation model (cross-Region inference)', 'bedrock:InvokeModel'),
  residency('fine-tune a model on patient data', 'bedrock:CreateModelCustomizationJob'),
  residency('an Amazon Q Business application indexing records', 'qbusiness:CreateApplication'),
  residency('a Kendra index of clinical documents', 'kendra:CreateIndex'),
];

const subnetShare = (principal: string): AttackRequest['context'] => ({
  'ram:RequestedResourceType': 'ec2:Subnet',
  'ram:RequestedAllowsExternalPrincipals': 'false',
  'ram:Principal': principal,
});
const WORKLOADS_OU_ARN = 'arn:aws:organizations::111111111111:ou/o-exampleorg01/ou-work-workloads';
const NON_ENTITLED_ACCOUNT = '210987654323';

/** Subnets shared through RAM, from both sides: denied at the root, so no account can share one. */
export const NETWORK_SHARE_ATTACKS: readonly AttackCase[] = [
  ...['ram:CreateResourceShare', 'ram:AssociateResourceShare'].flatMap((action): AttackCase[] => [
    {
      promise: 'internet-only-via-gateway',
      path: '6',
      from: 'sandbox',
      attempt: `share a Sandbox subnet into the Workloads OU (${action}, from a Sandbox account)`,
      request: { action, context: subnetShare(WORKLOADS_OU_ARN) },
      deniedBy: ['estate-integrity', 'DenyNetworkResourceShares'],
    },
    {
      promise: 'internet-only-via-gateway',
      path: '6',
      from: 'sandbox',
      attempt: `share a Sandbox VPC's prefix list with a workload account (${action}, from a Sandbox account)`,
      request: { action, context: { 'ram:RequestedResourceType': 'ec2:PrefixList', 'ram:Principal': NON_ENTITLED_ACCOUNT } },
      deniedBy: ['estate-integrity', 'DenyNetworkResourceShares'],
    },
    {
      promise: 'hscn-entitlement',
      path: '6',
      attempt: `share an entitled spoke's subnet with a non-entitled account (${action})`,
      request: { action, context: subnetShare(NON_ENTITLED_ACCOUNT) },
      deniedBy: ['estate-integrity', 'DenyNetworkResourceShares'],
    },
  ]),
];

const spokeVpc = 'vpc-0spoke0000000000a';

/** Normal work the allow-list must leave alone, and the shares the network account still makes. */
export const SERVICE_ALLOW_LIST_MUST_ALLOW: readonly MustAllowCase[] = [
  { work: 'start a Step Functions execution', request: { action: 'states:StartExecution' } },
  {
    work: 'put a record on its own Kinesis stream',
    request: { action: 'kinesis:PutRecord', resource: 'arn:aws:kinesis:eu-west-2:{account}:stream/events' },
  },
  { work: 'send X-Ray traces', request: { action: 'xray:PutTraceSegments' } },
  { work: 'an ElastiCache cluster', request: { action: 'elasticache:CreateCacheCluster' } },
  { work: 'an Athena query over its own data', request: { action: 'athena:StartQueryExecution' } },
  { work: 'read an SSM parameter', request: { action: 'ssm:GetParameter' } },
  { work: 'Session Manager agent channel (ec2messages)', request: { action: 'ec2messages:GetMessages' } },
  { work: 'connect to RDS with IAM database authentication', request: { action: 'rds-db:connect' } },
  { work: 'invoke its private REST API', request: { action: 'execute-api:Invoke' } },
  { work: 'request an ACM certificate for an internal load balancer', request: { action: 'acm:RequestCertificate' } },
  { work: 'run an ECS task', request: { action: 'ecs:RunTask' } },
  { work: 'an EC2 Auto Scaling group', request: { action: 'autoscaling:CreateAutoScalingGroup' } },
  { work: 'a CloudWatch metric', request: { action: 'cloudwatch:PutMetricData' } },
  { work: 'check who it is (STS)', request: { action: 'sts:GetCallerIdentity', region: 'us-east-1' } },
  { work: 'describe its organization', request: { action: 'organizations:DescribeOrganization', region: 'us-east-1' } },
  { work: 'read its account information', request: { action: 'account:GetAccountInformation', region: 'us-east-1' } },
  { work: 'deploy a CloudFormation stack of its own', request: { action: 'cloudformation:CreateStack' } },
  {
    work: 'a Lambda function in the spoke VPC, by the VPC key',
    request: { action: 'lambda:CreateFunction', region: 'eu-west-1', context: { 'lambda:VpcIds': spokeVpc } },
  },
  // AWS Backup's service role in the account (lz-backup, an ordinary role: SCPs apply to it).
  ...[
    'backup:StartBackupJob',
    'ec2:CreateSnapshot',
    'rds:CreateDBSnapshot',
    'dynamodb:CreateBackup',
    'elasticfilesystem:Backup',
    'tag:GetResources',
    'kms:CreateGrant',
  ].map((action): MustAllowCase => ({
    work: `AWS Backup's service role: ${action}`,
    principal: `arn:aws:iam::{account}:role/${BACKUP_SERVICE_ROLE}`,
    request: { action },
  })),
  // The network account's own RAM shares, made by the execution role, still work under the root deny.
  {
    work: 'network account: share the Transit Gateway with the Workloads OU (execution role)',
    actor: 'network-execution-role',
    request: {
      action: 'ram:CreateResourceShare',
      context: {
        'ram:RequestedResourceType': 'ec2:TransitGateway',
        'ram:RequestedAllowsExternalPrincipals': 'false',
        'ram:Principal': WORKLOADS_OU_ARN,
      },
    },
  },
  {
    work: 'network account: add the Transit Gateway to its share (execution role)',
    actor: 'network-execution-role',
    request: { action: 'ram:AssociateResourceShare', context: { 'ram:RequestedResourceType': 'ec2:TransitGateway' } },
  },
  {
    work: 'network account: share the HSCN Resolver rules with entitled spokes (execution role)',
    actor: 'network-execution-role',
    request: {
      action: 'ram:CreateResourceShare',
      context: { 'ram:RequestedResourceType': 'route53resolver:ResolverRule', 'ram:RequestedAllowsExternalPrincipals': 'false' },
    },
  },
];
