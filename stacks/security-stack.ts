// Organization-wide detection and compliance from the security (audit) account, the delegated
// administrator: Config aggregator and NCSC conformance packs, GuardDuty, Security Hub (central
// configuration), IAM Access Analyzer, and high-severity findings routed to an encrypted alert topic.
import { AccessanalyzerAnalyzer } from '@cdktf/provider-aws/lib/accessanalyzer-analyzer';
import { ConfigConfigurationAggregator } from '@cdktf/provider-aws/lib/config-configuration-aggregator';
import { ConfigOrganizationConformancePack } from '@cdktf/provider-aws/lib/config-organization-conformance-pack';
import { GuarddutyDetector } from '@cdktf/provider-aws/lib/guardduty-detector';
import { GuarddutyDetectorFeature } from '@cdktf/provider-aws/lib/guardduty-detector-feature';
import { GuarddutyOrganizationConfiguration } from '@cdktf/provider-aws/lib/guardduty-organization-configuration';
import { GuarddutyOrganizationConfigurationFeature } from '@cdktf/provider-aws/lib/guardduty-organization-configuration-feature';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { SecurityhubAccount } from '@cdktf/provider-aws/lib/securityhub-account';
import { SecurityhubConfigurationPolicy } from '@cdktf/provider-aws/lib/securityhub-configuration-policy';
import { SecurityhubConfigurationPolicyAssociation } from '@cdktf/provider-aws/lib/securityhub-configuration-policy-association';
import { SecurityhubFindingAggregator } from '@cdktf/provider-aws/lib/securityhub-finding-aggregator';
import { SecurityhubOrganizationConfiguration } from '@cdktf/provider-aws/lib/securityhub-organization-configuration';
import type { Construct } from 'constructs';
import { regionCode } from '../lib/config/model';
import { buildConformancePacks } from '../lib/conformance/packs';
import { landingZoneRoleName } from '../lib/naming';
import { AlertTopic } from '../modules/alert-topic';
import { MemberAccountStack, type MemberAccountStackProps } from './member-account-stack';

export interface SecurityStackProps extends MemberAccountStackProps {
  /** The organization root ID (r-...), cross-stack reference: Security Hub's policy applies to it. */
  readonly organizationRootId: string;
  /**
   * VPCs allowed an internet gateway (the network account's gateway VPC), for the conformance rule
   * internet-gateway-authorized-vpc-only. Pass the network stack's gateway VPC ID once it exists;
   * see docs/decisions/0203-conformance-packs.md.
   */
  readonly authorizedInternetGatewayVpcIds?: readonly string[];
}

/** GuardDuty protection plans enabled for every account (RUNTIME_MONITORING supersedes EKS-only runtime). */
export const GUARDDUTY_FEATURES: readonly { name: string; additional?: readonly string[] }[] = [
  { name: 'S3_DATA_EVENTS' },
  { name: 'EKS_AUDIT_LOGS' },
  { name: 'EBS_MALWARE_PROTECTION' },
  { name: 'RDS_LOGIN_EVENTS' },
  { name: 'LAMBDA_NETWORK_LOGS' },
  { name: 'RUNTIME_MONITORING', additional: ['EKS_ADDON_MANAGEMENT', 'ECS_FARGATE_AGENT_MANAGEMENT', 'EC2_AGENT_MANAGEMENT'] },
];

/** GuardDuty severity from which a finding is "high" (7.0-8.9 high, 9.0+ critical). */
export const HIGH_SEVERITY = 7;

export function securityHubStandardArns(region: string): string[] {
  return [
    `arn:aws:securityhub:${region}::standards/aws-foundational-security-best-practices/v/1.0.0`,
    `arn:aws:securityhub:${region}::standards/cis-aws-foundations-benchmark/v/3.0.0`,
  ];
}

export class SecurityStack extends MemberAccountStack {
  readonly aggregator: ConfigConfigurationAggregator;
  readonly conformancePacks: ConfigOrganizationConformancePack[] = [];

  constructor(scope: Construct, id: string, props: SecurityStackProps) {
    super(scope, id, props);
    const { config } = props;
    const prefix = config.organization.namePrefix;
    const home = this.regionalProviders[0];

    // AWS Config: one aggregated view of every account in every allowed Region.
    const aggregatorRole = new IamRole(this, 'config-aggregator-role', {
      provider: home.provider,
      name: landingZoneRoleName('config-aggregator'),
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'config.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': this.accountId } } }],
      }),
    });
    const aggregatorPolicy = new IamRolePolicyAttachment(this, 'config-aggregator-policy', {
      provider: home.provider,
      role: aggregatorRole.name,
      policyArn: 'arn:aws:iam::aws:policy/service-role/AWSConfigRoleForOrganizations',
    });
    this.aggregator = new ConfigConfigurationAggregator(this, 'config-aggregator', {
      provider: home.provider,
      name: `${prefix}-lz-organization`,
      organizationAggregationSource: { regions: [...config.allowedRegions], roleArn: aggregatorRole.arn },
      dependsOn: [aggregatorPolicy],
    });

    const securityHubAccounts: SecurityhubAccount[] = [];
    this.regionalProviders.forEach(({ region, provider }, index) => {
      const code = regionCode(region);
      const isHome = index === 0;

      // Organization conformance packs, after this account's recorder runs in the Region. Core
      // accounts' recorders come from stacks this one depends on; workload accounts' recorders
      // are applied with their own stacks (see docs/decisions/0203-conformance-packs.md).
      for (const pack of buildConformancePacks({ homeRegion: isHome, authorizedInternetGatewayVpcIds: props.authorizedInternetGatewayVpcIds })) {
        this.conformancePacks.push(
          new ConfigOrganizationConformancePack(this, `conformance-pack-${pack.name}-${code}`, {
            provider,
            name: pack.name,
            templateBody: pack.templateBody,
            inputParameter: Object.entries(pack.inputParameters).map(([parameterName, parameterValue]) => ({ parameterName, parameterValue })),
            dependsOn: [this.baseline.configRecorder.statuses[index]],
          }),
        );
      }

      // GuardDuty: this account's detector first, then every member auto-enabled with every plan.
      const detector = new GuarddutyDetector(this, `guardduty-detector-${code}`, { provider, enable: true, findingPublishingFrequency: 'FIFTEEN_MINUTES' });
      const organizationConfiguration = new GuarddutyOrganizationConfiguration(this, `guardduty-organization-${code}`, {
        provider,
        detectorId: detector.id,
        autoEnableOrganizationMembers: 'ALL',
      });
      for (const feature of GUARDDUTY_FEATURES) {
        const featureId = feature.name.toLowerCase().replace(/_/g, '-');
        new GuarddutyOrganizationConfigurationFeature(this, `guardduty-organization-${featureId}-${code}`, {
          provider,
          detectorId: detector.id,
          name: feature.name,
          autoEnable: 'ALL',
          additionalConfiguration: feature.additional?.map((name) => ({ name, autoEnable: 'ALL' })),
          dependsOn: [organizationConfiguration],
        });
        new GuarddutyDetectorFeature(this, `guardduty-detector-${featureId}-${code}`, {
          provider,
          detectorId: detector.id,
          name: feature.name,
          status: 'ENABLED',
          additionalConfiguration: feature.additional?.map((name) => ({ name, status: 'ENABLED' })),
        });
      }

      securityHubAccounts.push(
        new SecurityhubAccount(this, `securityhub-${code}`, {
          provider,
          // Standards come from the central configuration policy below, for every account alike.
          enableDefaultStandards: false,
          controlFindingGenerator: 'SECURITY_CONTROL',
          autoEnableControls: true,
        }),
      );

      new AccessanalyzerAnalyzer(this, `access-analyzer-${code}`, { provider, analyzerName: `${prefix}-lz-organization`, type: 'ORGANIZATION' });

      const alerts = new AlertTopic(this, `alerts-${code}`, {
        provider,
        region,
        accountId: this.accountId,
        topicName: `${prefix}-lz-security-findings`,
        keyAliasName: `alias/${prefix}-lz-alerts`,
        emails: config.logging.alertEmails,
      });
      alerts.route('guardduty-high-severity', 'GuardDuty finding of high or critical severity in any account', {
        source: ['aws.guardduty'],
        'detail-type': ['GuardDuty Finding'],
        detail: { severity: [{ numeric: ['>=', HIGH_SEVERITY] }] },
      });
      if (isHome) {
        // The finding aggregator brings the other Region's findings here, so one rule sees all;
        // GuardDuty's own findings are already routed directly above.
        alerts.route('securityhub-high-severity', 'New high or critical Security Hub finding in any account or Region', {
          source: ['aws.securityhub'],
          'detail-type': ['Security Hub Findings - Imported'],
          detail: {
            findings: {
              Severity: { Label: ['HIGH', 'CRITICAL'] },
              Workflow: { Status: ['NEW'] },
              RecordState: ['ACTIVE'],
              ProductName: [{ 'anything-but': 'GuardDuty' }],
            },
          },
        });
      }
    });

    // Security Hub central configuration: the home Region aggregates the others, and one policy
    // (FSBP + CIS v3.0) applies to every account under the root in every linked Region.
    const aggregator = new SecurityhubFindingAggregator(this, 'securityhub-finding-aggregator', {
      provider: home.provider,
      linkingMode: 'SPECIFIED_REGIONS',
      specifiedRegions: config.allowedRegions.filter((region) => region !== config.homeRegion),
      dependsOn: securityHubAccounts,
    });
    const organizationConfiguration = new SecurityhubOrganizationConfiguration(this, 'securityhub-organization', {
      provider: home.provider,
      autoEnable: false,
      autoEnableStandards: 'NONE',
      organizationConfiguration: { configurationType: 'CENTRAL' },
      dependsOn: [aggregator],
    });
    const policy = new SecurityhubConfigurationPolicy(this, 'securityhub-policy', {
      provider: home.provider,
      name: `${prefix}-lz-baseline`,
      description: 'AWS Foundational Security Best Practices and CIS AWS Foundations Benchmark v3.0 in every account and allowed Region',
      configurationPolicy: {
        serviceEnabled: true,
        enabledStandardArns: securityHubStandardArns(config.homeRegion),
        securityControlsConfiguration: { disabledControlIdentifiers: [] },
      },
      dependsOn: [organizationConfiguration],
    });
    new SecurityhubConfigurationPolicyAssociation(this, 'securityhub-policy-root', {
      provider: home.provider,
      policyId: policy.id,
      targetId: props.organizationRootId,
    });
  }
}
