// The Organizations tag policy (policy type TAG_POLICY) that keeps the backup tier tag to its key
// and values: `lz:backup` spelt exactly so, with a value of critical, standard or none, enforced on
// the resource types the tiers back up. Syntax: AWS Organizations User Guide, "Tag policy syntax".
import { BACKUP_TAG_KEY, BACKUP_TIERS } from '../lib/backup';
import type { LandingZoneConfig } from '../lib/config/schema';

/** AWS Organizations quota "Maximum size of a policy document": tag policies 10,000 characters. */
export const MAX_TAG_POLICY_CHARACTERS = 10_000;

/**
 * Resource types on which a non-compliant lz:backup value is refused at tagging time. Tag policies
 * enforce only on the types AWS lists as supporting enforcement (Tagging AWS Resources User Guide,
 * "Services and resource types that support enforcement"); elsewhere non-compliance is reported.
 */
export const ENFORCED_RESOURCE_TYPES = [
  'dynamodb:table',
  'ec2:volume',
  'ec2:instance',
  'rds:db',
  'rds:cluster',
  's3:bucket',
  'elasticfilesystem:file-system',
] as const;

export interface TagPolicy {
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly document: Record<string, unknown>;
}

export function backupTagPolicy(config: LandingZoneConfig): TagPolicy {
  // The policy's own key for the tag (letters, digits, hyphens only in the policy key), with tag_key
  // giving the exact capitalisation AWS enforces.
  return {
    key: 'backup-tag',
    name: `${config.organization.namePrefix}-lz-backup-tag`,
    description: `Tag ${BACKUP_TAG_KEY} takes only ${BACKUP_TIERS.join(', ')}`,
    document: {
      tags: {
        [BACKUP_TAG_KEY]: {
          tag_key: { '@@assign': BACKUP_TAG_KEY },
          tag_value: { '@@assign': [...BACKUP_TIERS] },
          enforced_for: { '@@assign': [...ENFORCED_RESOURCE_TYPES] },
        },
      },
    },
  };
}

export function tagPolicyContent(policy: TagPolicy): string {
  return JSON.stringify(policy.document);
}

/** Syntax and size problems of a tag policy (empty when valid). */
export function checkTagPolicy(policy: TagPolicy): string[] {
  const problems: string[] = [];
  const size = tagPolicyContent(policy).length;
  if (size > MAX_TAG_POLICY_CHARACTERS) problems.push(`${policy.key} is ${size} characters; at most ${MAX_TAG_POLICY_CHARACTERS}`);
  const tags = (policy.document.tags ?? {}) as Record<string, Record<string, { '@@assign'?: unknown }>>;
  for (const [name, body] of Object.entries(tags)) {
    const key = body.tag_key?.['@@assign'];
    if (typeof key !== 'string' || key.toLowerCase() !== name.toLowerCase())
      problems.push(`${policy.key}: tags.${name}.tag_key must assign the same key as its name`);
    for (const element of Object.keys(body))
      if (!['tag_key', 'tag_value', 'enforced_for'].includes(element))
        problems.push(`${policy.key}: tags.${name}.${element} is not a tag policy element`);
    const values = body.tag_value?.['@@assign'];
    if (!Array.isArray(values) || values.length === 0) problems.push(`${policy.key}: tags.${name}.tag_value must assign a list of values`);
    const enforced = body.enforced_for?.['@@assign'];
    if (
      enforced !== undefined &&
      (!Array.isArray(enforced) || enforced.some((type) => typeof type !== 'string' || !/^[a-z0-9-]+:[A-Za-z0-9-]+$/.test(type)))
    ) {
      problems.push(`${policy.key}: tags.${name}.enforced_for must assign service:resourceType entries`);
    }
  }
  return problems;
}
