// Workload internet services (SCP, Workloads OU): AWS services that reach, or are reached from,
// the internet on their own path, never through the spoke and the inspected gateway (issue 12,
// path 5), and the detection a workload administrator could quietly suppress (issue 12, Medium).
// Per service the choice is either deny, or allow only with the condition that keeps the service
// inside the VPC. docs/threat-model.md lists each decision and why.
import type { LandingZoneConfig } from '../lib/config/schema';
import type { PolicyDocument } from '../lib/iam-policy';
import { exemptRoleArns, unlessPrincipal } from './common';

/** Services whose only mode puts a public endpoint or an internet egress outside the VPC: denied. */
export const OWN_INTERNET_PATH_ACTIONS: readonly string[] = [
  'apprunner:CreateService',
  'apprunner:CreateVpcIngressConnection',
  'lightsail:Create*',
  'amplify:CreateApp',
  'amplify:CreateDomainAssociation',
  'cloudfront:CreateDistribution',
  'cloudfront:CopyDistribution',
  'cloudfront:UpdateDistribution',
  'transfer:CreateServer',
  'transfer:UpdateServer',
  'emr-serverless:CreateApplication',
  'states:InvokeHTTPEndpoint',
  'events:CreateApiDestination',
  'events:CreateConnection',
  'firehose:CreateDeliveryStream',
  'firehose:UpdateDestination',
];

/** Suppressing or blinding the organization's findings from inside a workload account. */
export const FINDING_SUPPRESSION_ACTIONS: readonly string[] = [
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
];

export function workloadInternetServices(config: LandingZoneConfig): PolicyDocument {
  const exempt = unlessPrincipal(exemptRoleArns(config));
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'DenyServicesWithOwnInternetPath', Effect: 'Deny', Action: [...OWN_INTERNET_PATH_ACTIONS], Resource: '*', Condition: exempt },
      { Sid: 'DenyFindingSuppression', Effect: 'Deny', Action: [...FINDING_SUPPRESSION_ACTIONS], Resource: '*', Condition: exempt },
      {
        // AWS Lambda developer guide, "Using IAM condition keys for VPC settings": a function
        // outside a VPC reaches the internet on Lambda's own network.
        Sid: 'DenyLambdaOutsideVpc',
        Effect: 'Deny',
        Action: ['lambda:CreateFunction', 'lambda:UpdateFunctionConfiguration'],
        Resource: '*',
        Condition: { Null: { 'lambda:VpcIds': 'true' }, ...exempt },
      },
      {
        Sid: 'DenyBuildsOutsideVpc',
        Effect: 'Deny',
        Action: ['codebuild:CreateProject', 'codebuild:UpdateProject'],
        Resource: '*',
        Condition: { Null: { 'codebuild:vpcConfig.vpcId': 'true' }, ...exempt },
      },
      {
        Sid: 'DenyGlueOutsideVpc',
        Effect: 'Deny',
        Action: ['glue:CreateJob', 'glue:UpdateJob', 'glue:CreateSession'],
        Resource: '*',
        Condition: { Null: { 'glue:VpcIds': 'true' }, ...exempt },
      },
      {
        Sid: 'DenySageMakerNotebookInternet',
        Effect: 'Deny',
        Action: ['sagemaker:CreateNotebookInstance'],
        Resource: '*',
        Condition: { StringEquals: { 'sagemaker:DirectInternetAccess': 'Enabled' }, ...exempt },
      },
      {
        Sid: 'DenySageMakerStudioInternet',
        Effect: 'Deny',
        Action: ['sagemaker:CreateDomain', 'sagemaker:UpdateDomain'],
        Resource: '*',
        Condition: { StringEquals: { 'sagemaker:AppNetworkAccessType': 'PublicInternetOnly' }, ...exempt },
      },
      {
        Sid: 'DenySageMakerJobsOutsideVpc',
        Effect: 'Deny',
        Action: [
          'sagemaker:CreateTrainingJob',
          'sagemaker:CreateProcessingJob',
          'sagemaker:CreateModel',
          'sagemaker:CreateHyperParameterTuningJob',
        ],
        Resource: '*',
        Condition: { Null: { 'sagemaker:VpcSubnets': 'true' }, ...exempt },
      },
      {
        Sid: 'DenyHttpSubscriptions',
        Effect: 'Deny',
        Action: 'sns:Subscribe',
        Resource: '*',
        Condition: { StringEquals: { 'sns:Protocol': ['http', 'https'] }, ...exempt },
      },
    ],
  };
}
