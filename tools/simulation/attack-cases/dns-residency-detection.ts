// Paths 10 and 11 and the medium list: DNS logging and firewall, Region-exempt services, suppressing detection, logging.
import type { AttackCase } from './types';
import { deny } from './kit';

export const DNS_RESIDENCY_AND_DETECTION_ATTACKS: readonly AttackCase[] = [
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
    'route53profiles:DisassociateProfile',
  ].flatMap((action) =>
    ['eu-west-2', 'eu-west-1'].map((region) =>
      deny(
        action.includes('QueryLog') ? 'logging-cannot-be-disabled' : 'internet-only-via-gateway',
        '10',
        'estate-integrity',
        'DenyDnsProtectionChanges',
      )(`${action.split(':')[1]} in ${region}`, { action, region }),
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
  ].map(([action, attempt]) =>
    deny('data-residency', '11', 'estate-integrity', 'DenyRegionExemptDataStores')(attempt, { action, region: 'us-east-1' }),
  ),
  deny(
    'data-residency',
    '11',
    'estate-integrity',
    'DenyPublicHostedZones',
  )('a public hosted zone', { action: 'route53:CreateHostedZone', region: 'us-east-1' }),

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
    deny(
      'detection-cannot-be-suppressed',
      'medium',
      'workload-internet-services',
      'DenyFindingSuppression',
    )(`${action.split(':')[1]} on its own findings`, {
      action,
      region: action.startsWith('access-analyzer') ? 'us-east-1' : 'eu-west-2',
    }),
  ),
  ...['ec2:ModifyEbsDefaultKmsKeyId', 'ec2:ResetEbsDefaultKmsKeyId'].flatMap((action) =>
    ['eu-west-2', 'eu-west-1'].map((region) =>
      deny(
        'encrypted-at-rest',
        'medium',
        'estate-integrity',
        'DenyEbsDefaultKeyChanges',
      )(`${action.split(':')[1]} in ${region}`, { action, region }),
    ),
  ),
  // Logging stays on (baseline protection, already in place; kept here so the promise is tested whole).
  ...[
    'ec2:DeleteFlowLogs',
    'cloudtrail:StopLogging',
    'config:StopConfigurationRecorder',
    'guardduty:DeleteDetector',
    'securityhub:DisableSecurityHub',
  ].map((action) =>
    deny('logging-cannot-be-disabled', 'medium', 'baseline-protection', 'DenyAuditTampering')(`${action.split(':')[1]}`, { action }),
  ),
];
