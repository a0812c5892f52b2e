// Path 5: services with their own internet path.
import type { AttackCase } from './types';
import { deny } from './kit';

export const OWN_INTERNET_PATH_ATTACKS: readonly AttackCase[] = [
  // --- Path 5: services with their own internet path ---------------------------------------------
  ...['lambda:CreateFunction', 'lambda:UpdateFunctionConfiguration'].flatMap((action) => [
    deny('internet-only-via-gateway', '5', 'workload-internet-services', 'DenyLambdaOutsideVpc')(`${action} outside any VPC`, { action }),
    deny(
      'internet-only-via-gateway',
      '5',
      'workload-internet-services',
      'DenyLambdaOutsideVpc',
    )(`${action} outside any VPC in eu-west-1`, { action, region: 'eu-west-1' }),
  ]),
  ...['lambda:CreateFunctionUrlConfig', 'lambda:UpdateFunctionUrlConfig'].map((action) =>
    deny(
      'internet-only-via-gateway',
      '5',
      'workload-data-sharing',
      'DenyUnauthenticatedFunctionUrls',
    )(`${action} with auth type NONE`, { action, context: { 'lambda:FunctionUrlAuthType': 'NONE' } }),
  ),
  deny(
    'inside-organization',
    '5',
    'workload-data-sharing',
    'DenyLambdaOpenToEveryone',
  )('lambda:AddPermission to principal *', { action: 'lambda:AddPermission', context: { 'lambda:Principal': '*' } }),
  ...['REGIONAL', 'EDGE'].flatMap((type) =>
    ['apigateway:POST', 'apigateway:PUT', 'apigateway:PATCH'].map((action) =>
      deny(
        'internet-only-via-gateway',
        '5',
        'workload-network',
        'DenyPublicApis',
      )(`a ${type} REST API (${action})`, {
        action,
        resource:
          action === 'apigateway:POST' ? 'arn:aws:apigateway:eu-west-2::/restapis' : 'arn:aws:apigateway:eu-west-2::/restapis/a1b2c3d4e5',
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
  ].map(([action, attempt, region]) =>
    deny('internet-only-via-gateway', '5', 'workload-internet-services', 'DenyServicesWithOwnInternetPath')(attempt, { action, region }),
  ),
  ...['codebuild:CreateProject', 'codebuild:UpdateProject'].map((action) =>
    deny('internet-only-via-gateway', '5', 'workload-internet-services', 'DenyBuildsOutsideVpc')(`${action} without a VPC`, { action }),
  ),
  ...['glue:CreateJob', 'glue:UpdateJob', 'glue:CreateSession'].map((action) =>
    deny('internet-only-via-gateway', '5', 'workload-internet-services', 'DenyGlueOutsideVpc')(`${action} without a VPC`, { action }),
  ),
  deny(
    'internet-only-via-gateway',
    '5',
    'workload-internet-services',
    'DenySageMakerNotebookInternet',
  )('a notebook with direct internet access', {
    action: 'sagemaker:CreateNotebookInstance',
    context: { 'sagemaker:DirectInternetAccess': 'Enabled' },
  }),
  ...['sagemaker:CreateDomain', 'sagemaker:UpdateDomain'].map((action) =>
    deny(
      'internet-only-via-gateway',
      '5',
      'workload-internet-services',
      'DenySageMakerStudioInternet',
    )(`${action} with PublicInternetOnly`, { action, context: { 'sagemaker:AppNetworkAccessType': 'PublicInternetOnly' } }),
  ),
  ...[
    'sagemaker:CreateTrainingJob',
    'sagemaker:CreateProcessingJob',
    'sagemaker:CreateModel',
    'sagemaker:CreateHyperParameterTuningJob',
  ].map((action) =>
    deny(
      'internet-only-via-gateway',
      '5',
      'workload-internet-services',
      'DenySageMakerJobsOutsideVpc',
    )(`${action} without VPC subnets`, { action }),
  ),
  ...['http', 'https'].map((protocol) =>
    deny(
      'inside-organization',
      '5',
      'workload-internet-services',
      'DenyHttpSubscriptions',
    )(`an SNS ${protocol} subscription to an outside endpoint`, {
      action: 'sns:Subscribe',
      context: { 'sns:Protocol': protocol, 'sns:Endpoint': 'https://collector.example.com/hook' },
    }),
  ),
];
