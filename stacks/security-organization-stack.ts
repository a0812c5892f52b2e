// Organization-wide settings applied from the security account (the delegated administrator) once
// every member account's baseline exists: the NCSC organization conformance packs, which AWS can
// deploy only into accounts that already record with AWS Config, and GuardDuty's organization
// configuration, which needs the designation the management stack makes after the security stack
// has created its own detector (docs/decisions/0205-security-services-ordering.md). Amazon Inspector
// and Amazon Macie auto-enable for accounts that join later, and Macie's sensitive data discovery
// job over patient-data buckets of every account (ADR 0704), are here for the same reason: they need
// the delegated administrator designation and every member. The job's results repository is the
// security stack's.
//
// The stack depends on every member stack. A vend adds a dependency edge in the cdktf manifest and
// nothing to this stack's Terraform, so vending never changes this stack's plan.
import { ConfigOrganizationConformancePack } from '@cdktf/provider-aws/lib/config-organization-conformance-pack';
import { GuarddutyOrganizationConfiguration } from '@cdktf/provider-aws/lib/guardduty-organization-configuration';
import { GuarddutyOrganizationConfigurationFeature } from '@cdktf/provider-aws/lib/guardduty-organization-configuration-feature';
import { Inspector2OrganizationConfiguration } from '@cdktf/provider-aws/lib/inspector2-organization-configuration';
import { Macie2OrganizationConfiguration } from '@cdktf/provider-aws/lib/macie2-organization-configuration';
import type { Construct } from 'constructs';
import { regionCode } from '../lib/config/model';
import type { LandingZoneConfig } from '../lib/config/schema';
import { BACKUP_TIER_TAG_PACK_NAME, backupTierTagPackTemplate } from '../lib/conformance/backup-tier-tag-pack';
import { buildConformancePacks } from '../lib/conformance/packs';
import { GUARDDUTY_FEATURES, guardDutyFeatureId } from '../lib/guardduty';
import { discoveryJobPlan } from '../lib/macie';
import { SensitiveDataDiscoveryJob } from '../modules/sensitive-data-discovery';
import { LandingZoneStack } from './landing-zone-stack';

export interface SecurityOrganizationStackProps {
  readonly config: LandingZoneConfig;
  /** The security account (literal or cross-stack reference). */
  readonly accountId: string;
  /** The security account's GuardDuty detector ID per Region (security stack, cross-stack reference). */
  readonly guardDutyDetectorIds: Readonly<Record<string, string>>;
  /**
   * VPCs allowed an internet gateway (the network account's gateway VPC), for the conformance rule
   * internet-gateway-authorized-vpc-only; see docs/decisions/0203-conformance-packs.md.
   * @default none: the rule then reports every internet gateway
   */
  readonly authorizedInternetGatewayVpcIds?: readonly string[];
  /**
   * Accounts the backup tier tag check (conformance pack lz-backup-tier-tag, ADR 0907) leaves out:
   * the platform accounts, whose data stores the landing zone itself makes and protects otherwise.
   * @default no tier tag check (configuration without a backup section)
   */
  readonly backupTierTagExcludedAccountIds?: readonly string[];
}

/**
 * How long the provider waits for an organization conformance pack. AWS deploys the pack into every
 * member account one after another, and from a delegated administrator provider 5.100's waiter can
 * sit at CREATE_IN_PROGRESS long after the default 10 minutes (hashicorp/terraform-provider-aws#24545).
 */
export const CONFORMANCE_PACK_TIMEOUTS = { create: '60m', update: '60m', delete: '30m' } as const;

export class SecurityOrganizationStack extends LandingZoneStack {
  readonly conformancePacks: ConfigOrganizationConformancePack[] = [];
  readonly guardDutyOrganizationConfigurations: GuarddutyOrganizationConfiguration[] = [];
  /** Macie's discovery job per Region, when configuration asks for it. */
  readonly sensitiveDataDiscoveryJobs: SensitiveDataDiscoveryJob[] = [];

  constructor(scope: Construct, id: string, props: SecurityOrganizationStackProps) {
    super(scope, id, { config: props.config, target: { accountId: props.accountId, assumeExecutionRole: true } });

    this.regionalProviders.forEach(({ region, provider }, index) => {
      const code = regionCode(region);
      const detectorId = props.guardDutyDetectorIds[region];
      if (detectorId === undefined)
        throw new Error(`no GuardDuty detector ID for ${region}; the security stack creates one per allowed Region`);

      // GuardDuty: every member, present and future, enabled with every protection plan.
      const organizationConfiguration = new GuarddutyOrganizationConfiguration(this, `guardduty-organization-${code}`, {
        provider,
        detectorId,
        autoEnableOrganizationMembers: 'ALL',
      });
      this.guardDutyOrganizationConfigurations.push(organizationConfiguration);
      for (const feature of GUARDDUTY_FEATURES) {
        new GuarddutyOrganizationConfigurationFeature(this, `guardduty-organization-${guardDutyFeatureId(feature.name)}-${code}`, {
          provider,
          detectorId,
          name: feature.name,
          autoEnable: 'ALL',
          additionalConfiguration: feature.additional?.map((name) => ({ name, autoEnable: 'ALL' })),
          dependsOn: [organizationConfiguration],
        });
      }

      // Inspector and Macie: every account that joins the organization from now on is enabled by
      // AWS as it joins. Accounts already in the organization enabled themselves in their baselines
      // (ADR 0703); this auto-enable covers only new members, which therefore skip that (ADR 0704).
      new Inspector2OrganizationConfiguration(this, `inspector-organization-${code}`, {
        provider,
        autoEnable: { ec2: true, ecr: true, lambda: true, lambdaCode: true },
      });
      new Macie2OrganizationConfiguration(this, `macie-organization-${code}`, { provider, autoEnable: true });
      // Macie's patient-data discovery job over every member's buckets; its results repository is
      // the security stack's (this account's own export configuration).
      const plan = discoveryJobPlan(props.config);
      if (plan) {
        this.sensitiveDataDiscoveryJobs.push(
          new SensitiveDataDiscoveryJob(this, `sensitive-data-discovery-${code}`, {
            provider,
            jobName: `${props.config.organization.namePrefix}-lz-patient-data-discovery`,
            plan,
          }),
        );
      }

      // Organization conformance packs: after every member stack (so every recorder exists), by the
      // stack dependencies the composition root adds.
      for (const pack of buildConformancePacks({
        homeRegion: index === 0,
        authorizedInternetGatewayVpcIds: props.authorizedInternetGatewayVpcIds,
      })) {
        this.conformancePacks.push(
          new ConfigOrganizationConformancePack(this, `conformance-pack-${pack.name}-${code}`, {
            provider,
            name: pack.name,
            templateBody: pack.templateBody,
            inputParameter: Object.entries(pack.inputParameters).map(([parameterName, parameterValue]) => ({
              parameterName,
              parameterValue,
            })),
            timeouts: { ...CONFORMANCE_PACK_TIMEOUTS },
          }),
        );
      }
      // Data stores without a valid lz:backup tag, in every account but the excluded platform ones.
      if (props.backupTierTagExcludedAccountIds) {
        this.conformancePacks.push(
          new ConfigOrganizationConformancePack(this, `conformance-pack-${BACKUP_TIER_TAG_PACK_NAME}-${code}`, {
            provider,
            name: BACKUP_TIER_TAG_PACK_NAME,
            templateBody: backupTierTagPackTemplate(),
            excludedAccounts: [...props.backupTierTagExcludedAccountIds],
            timeouts: { ...CONFORMANCE_PACK_TIMEOUTS },
          }),
        );
      }
    });
  }
}
