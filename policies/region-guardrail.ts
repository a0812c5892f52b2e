// Region guardrail (SCP, root): keeps data and compute in the allowed Regions (eu-west-2 London,
// eu-west-1 Ireland). Global services, whose endpoints live in us-east-1, stay usable.
import type { LandingZoneConfig } from '../lib/config/schema';
import type { PolicyDocument } from '../lib/iam-policy';
import { exemptRoleArns, unlessPrincipal } from './common';
import { CONTROL_TOWER_REGION_DENY_EXEMPTIONS, REMOVED_FROM_REGION_EXEMPTIONS, US_EAST_1_SCOPED_SERVICES } from './data/region-exemptions';

/** The Region where global services' endpoints (and CloudFront's certificates) live. */
export const GLOBAL_SERVICES_REGION = 'us-east-1';

/** Actions exempt from the Region deny: AWS's maintained list minus our deliberate removals. */
export function regionExemptActions(): string[] {
  return CONTROL_TOWER_REGION_DENY_EXEMPTIONS.filter((action) => !REMOVED_FROM_REGION_EXEMPTIONS.includes(action));
}

export function regionGuardrail(config: LandingZoneConfig): PolicyDocument {
  const exempt = unlessPrincipal(exemptRoleArns(config));
  const allowedRegions = [...config.allowedRegions];
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyOutsideAllowedRegions',
        Effect: 'Deny',
        NotAction: regionExemptActions(),
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:RequestedRegion': allowedRegions }, ...exempt },
      },
      {
        // Exempt above, then held to the allowed Regions plus us-east-1 here.
        Sid: 'DenyGlobalHelpersOutsideUsEast1AndAllowed',
        Effect: 'Deny',
        Action: US_EAST_1_SCOPED_SERVICES.map((entry) => entry.action),
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:RequestedRegion': [...allowedRegions, GLOBAL_SERVICES_REGION] }, ...exempt },
      },
    ],
  };
}
