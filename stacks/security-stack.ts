// Organization-wide detection from the security (audit) account, the delegated administrator: Config
// aggregator, this account's GuardDuty detector, Security Hub central configuration, IAM Access
// Analyzer, high-severity findings routed to an encrypted alert topic, and the repository of Macie's
// sensitive data discovery results. What must wait for every
// member account (conformance packs, GuardDuty organization configuration) is in the
// security-organization stack (docs/decisions/0205-security-services-ordering.md).
import { AccessanalyzerAnalyzer } from '@cdktf/provider-aws/lib/accessanalyzer-analyzer';
import { ConfigConfigurationAggregator } from '@cdktf/provider-aws/lib/config-configuration-aggregator';
import { GuarddutyDetector } from '@cdktf/provider-aws/lib/guardduty-detector';
import { GuarddutyDetectorFeature } from '@cdktf/provider-aws/lib/guardduty-detector-feature';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { SecurityhubConfigurationPolicy } from '@cdktf/provider-aws/lib/securityhub-configuration-policy';
import { SecurityhubConfigurationPolicyAssociation } from '@cdktf/provider-aws/lib/securityhub-configuration-policy-association';
import { SecurityhubFindingAggregator } from '@cdktf/provider-aws/lib/securityhub-finding-aggregator';
import { SecurityhubOrganizationConfiguration } from '@cdktf/provider-aws/lib/securityhub-organization-configuration';
import type { Construct } from 'constructs';
import { RESTORE_ALERTS_ROLE, securityAlertTopicName } from '../lib/backup';
import { regionCode } from '../lib/config/model';
import { GUARDDUTY_FEATURES, guardDutyFeatureId } from '../lib/guardduty';
import { discoveryJobPlan } from '../lib/macie';
import { landingZoneRoleName, macieResultsBucketName, macieResultsKeyAliasName, securityAccessLogBucketName } from '../lib/naming';
import { acceptedExceptions } from '../lib/security-hub-exceptions';
import { AlertTopic } from '../modules/alert-topic';
import { SecurityHubSuppressions } from '../modules/security-hub-suppressions';
import { MacieResultsRepository } from '../modules/sensitive-data-discovery';
import { MemberAccountStack, type MemberAccountStackProps } from './member-account-stack';

export interface SecurityStackProps extends MemberAccountStackProps {
  /** The organization root ID (r-...), cross-stack reference: Security Hub's policy applies to it. */
  readonly organizationRootId: string;
  /** The network account (literal or cross-stack reference): the Transit Gateway exception is scoped to it. */
  readonly networkAccountId: string;
}

export { GUARDDUTY_FEATURES } from '../lib/guardduty';

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
  /**
   * This account's GuardDuty detector per Region. Created here, before the management stack designates
   * this account GuardDuty delegated administrator, so there is no detector yet that AWS made itself.
   */
  readonly guardDutyDetectors = new Map<string, GuarddutyDetector>();
  /** Macie's discovery results repository per Region, when configuration asks for the discovery job. */
  readonly macieResults: MacieResultsRepository[] = [];

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
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'config.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'aws:SourceAccount': this.accountId } },
          },
        ],
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

    const discovery = discoveryJobPlan(config);
    this.regionalProviders.forEach(({ region, provider }, index) => {
      const code = regionCode(region);
      const isHome = index === 0;

      // Where Macie keeps the discovery results of the security-organization stack's job (ADR 0704).
      if (discovery) {
        this.macieResults.push(
          new MacieResultsRepository(this, `macie-results-${code}`, {
            provider,
            region,
            accountId: this.accountId,
            bucketName: macieResultsBucketName(config, region, this.accountId),
            accessLogBucketName: securityAccessLogBucketName(config, region, this.accountId),
            accessLogRetentionDays: config.logging.objectLock.retentionDays + 1,
            validationWindowDays: config.logging.validationWindowDays,
            keyAliasName: macieResultsKeyAliasName(config),
            macieAccount: this.baseline.securitySettings.get(region)?.macie,
          }),
        );
      }

      // GuardDuty: this account's own detector and plans. The organization configuration (every
      // member auto-enabled) follows the designation, in the security-organization stack.
      const detector = new GuarddutyDetector(this, `guardduty-detector-${code}`, {
        provider,
        enable: true,
        findingPublishingFrequency: 'FIFTEEN_MINUTES',
      });
      this.guardDutyDetectors.set(region, detector);
      for (const feature of GUARDDUTY_FEATURES) {
        new GuarddutyDetectorFeature(this, `guardduty-detector-${guardDutyFeatureId(feature.name)}-${code}`, {
          provider,
          detectorId: detector.id,
          name: feature.name,
          status: 'ENABLED',
          additionalConfiguration: feature.additional?.map((name) => ({ name, status: 'ENABLED' })),
        });
      }

      // No aws_securityhub_account: designating this account Security Hub delegated administrator (the
      // organization stack) has already enabled Security Hub here, and under central configuration the
      // configuration policy below governs every account, this one included.

      new AccessanalyzerAnalyzer(this, `access-analyzer-${code}`, {
        provider,
        analyzerName: `${prefix}-lz-organization`,
        type: 'ORGANIZATION',
      });

      const alerts = new AlertTopic(this, `alerts-${code}`, {
        provider,
        region,
        accountId: this.accountId,
        topicName: securityAlertTopicName(config),
        keyAliasName: `alias/${prefix}-lz-alerts`,
        emails: config.logging.alertEmails,
        // Restore results from the backup account's rule (home Region, where restore tests run).
        crossAccountPublishers:
          isHome && config.backup && props.backupAccountId
            ? [{ accountId: props.backupAccountId, roleArn: `arn:aws:iam::${props.backupAccountId}:role/${RESTORE_ALERTS_ROLE}` }]
            : undefined,
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
    // With a single allowed Region there is nothing to link, and SPECIFIED_REGIONS refuses an empty
    // list: central configuration still needs the aggregator to mark its home Region (NO_REGIONS).
    const linkedRegions = config.allowedRegions.filter((region) => region !== config.homeRegion);
    const aggregator = new SecurityhubFindingAggregator(this, 'securityhub-finding-aggregator', {
      provider: home.provider,
      ...(linkedRegions.length > 0 ? { linkingMode: 'SPECIFIED_REGIONS', specifiedRegions: linkedRegions } : { linkingMode: 'NO_REGIONS' }),
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
    // Accepted exceptions, each suppressed for exactly the resources it covers (ADR 0702).
    new SecurityHubSuppressions(this, 'securityhub-suppressions', {
      provider: home.provider,
      namePrefix: prefix,
      exceptions: acceptedExceptions(config, {
        networkAccountId: props.networkAccountId,
        logArchiveAccountId: props.logArchiveAccountId,
        securityAccountId: this.accountId,
        backupAccountId: props.backupAccountId,
      }),
      // The access-log buckets the S3.9 exception names by ARN exist before the rule names them.
      dependsOn: [organizationConfiguration, ...this.macieResults.map((repository) => repository.accessLogs.bucket.bucket)],
    });
    new SecurityhubConfigurationPolicyAssociation(this, 'securityhub-policy-root', {
      provider: home.provider,
      policyId: policy.id,
      targetId: props.organizationRootId,
    });
  }
}
