// The organization conformance pack that finds data stores without a valid backup tier tag (ADR
// 0907): one AWS Config managed rule, REQUIRED_TAGS, with `lz:backup` as its tag key and the three
// tiers as its allowed values, scoped to the backup-eligible resource types it supports. It reports
// what the create-time deny cannot stop: resources made before the SCP, by service-linked roles or
// exempt roles, by restores, S3 buckets, and tags removed or changed later.
import { TIER_TAG_CHECKED_RESOURCE_TYPES, TIER_TAG_CONFIG_RULE } from '../backup-tier-tag';
import { logicalId } from './packs';

/** Organization conformance pack name (unique per Region in the organization). */
export const BACKUP_TIER_TAG_PACK_NAME = 'lz-backup-tier-tag';

/** The pack's CloudFormation template, minified, exactly as sent to PutOrganizationConformancePack. */
export function backupTierTagPackTemplate(): string {
  return JSON.stringify({
    Resources: {
      [logicalId(TIER_TAG_CONFIG_RULE.name)]: {
        Type: 'AWS::Config::ConfigRule',
        Properties: {
          ConfigRuleName: TIER_TAG_CONFIG_RULE.name,
          Description: `Data stores must carry ${TIER_TAG_CONFIG_RULE.inputParameters.tag1Key} = ${TIER_TAG_CONFIG_RULE.inputParameters.tag1Value.replace(/,/g, ' | ')}; without it nothing backs them up.`,
          InputParameters: { ...TIER_TAG_CONFIG_RULE.inputParameters },
          Scope: { ComplianceResourceTypes: [...TIER_TAG_CHECKED_RESOURCE_TYPES] },
          Source: { Owner: 'AWS', SourceIdentifier: TIER_TAG_CONFIG_RULE.sourceIdentifier },
        },
      },
    },
  });
}
