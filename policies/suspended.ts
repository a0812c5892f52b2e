// Suspended OU (SCP): a quarantined or closing account can do nothing, except through the
// execution role (to tidy up or re-home it) and the break-glass role (incident response).
import type { LandingZoneConfig } from '../lib/config/schema';
import type { PolicyDocument } from '../lib/iam-policy';
import { exemptRoleArns, unlessPrincipal } from './common';

export function suspended(config: LandingZoneConfig): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: 'DenyAllWhileSuspended', Effect: 'Deny', Action: '*', Resource: '*', Condition: unlessPrincipal(exemptRoleArns(config)) }],
  };
}
