// Service allow-list (SCP, one per OU that configuration gives a list): every AWS service outside
// the OU's list is denied (issue 12, path 5: "an explicit allow-list of services for the Workloads
// OU, configurable per OU"). The per-service denies in workload-internet-services still decide for
// the services they name; this policy stops the services nobody has reviewed at all (GameLift,
// Bedrock, Snowball, DataSync, WorkSpaces, SES...), so a new AWS service is unusable in a workload
// account until a reviewed configuration change adds it. lib/guardrails/service-allow-list.ts holds
// the lists and says why each service is on them.
import type { PolicyDocument } from '../lib/iam-policy';
import type { LandingZoneConfig } from '../lib/config/schema';
import { READ_ONLY_ACTIONS, type ServiceAllowList } from '../lib/guardrails/service-allow-list';
import { exemptRoleArns, planReadOnlyRoleArn, unlessPrincipal } from './common';

/** Catalogue key of an OU's allow-list policy: stable for an OU path (renaming the OU replaces it). */
export function serviceAllowListKey(ouPath: string): string {
  return `service-allow-list-${ouPath.toLowerCase().replace(/\//g, '-')}`;
}

export function serviceAllowListPolicy(config: LandingZoneConfig, list: ServiceAllowList): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        // NotAction with service:* entries keeps the policy short (about 15 characters a service)
        // and covers actions AWS adds to an allowed service later. The read-only plan role is
        // exempt as well: pull-request plans read every resource the execution role deployed,
        // whatever service it belongs to, and its own policy is read-only (policies/common.ts).
        Sid: 'DenyServicesOutsideAllowList',
        Effect: 'Deny',
        NotAction: [...list.services.map((service) => `${service}:*`), ...READ_ONLY_ACTIONS],
        Resource: '*',
        Condition: unlessPrincipal([...exemptRoleArns(config), planReadOnlyRoleArn()]),
      },
    ],
  };
}
