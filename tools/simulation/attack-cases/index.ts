// The adversarial suite's data (issue 12): what a hostile workload administrator tries, which
// promise each attempt tests, and the guardrail statement that must stop it; plus the normal work
// that must keep working. test/attacks/ runs every row through the real OU chains with the same
// simulator as `lz simulate`, as the workload account's AdministratorAccess (IAM Identity Center)
// role, never the execution or break-glass role. docs/threat-model.md counts these rows.
//
// Expectations are written here from the threat model, never read back from the policies: a policy
// change that reopens a path fails the suite. In strings, {account} is the attacked workload
// account's ID and {outside} an account of another organization.
//
// The rows are grouped by issue path in the files of this folder; this file composes them in the order
// the threat model lists the paths.
import { NETWORK_SHARE_ATTACKS, SERVICE_ALLOW_LIST_ATTACKS } from './service-allow-list';
import { DNS_AND_ENDPOINT_BYPASS_ATTACKS } from './dns-and-endpoint-bypass';
import { DNS_RESIDENCY_AND_DETECTION_ATTACKS } from './dns-residency-detection';
import { IDENTITY_AND_PERIMETER_ATTACKS } from './identity-and-perimeter';
import { NETWORK_PATH_ATTACKS } from './network-paths';
import { OWN_INTERNET_PATH_ATTACKS } from './own-internet-paths';
import { SHARING_ATTACKS } from './sharing-paths';
import type { AttackCase } from './types';

export type * from './types';
export { DECLARATIVE_ATTACK_CASES } from './declarative';
export { MUST_ALLOW_CASES } from './must-allow';

export const ATTACK_CASES: readonly AttackCase[] = [
  ...NETWORK_PATH_ATTACKS,
  ...SHARING_ATTACKS,
  ...OWN_INTERNET_PATH_ATTACKS,
  ...IDENTITY_AND_PERIMETER_ATTACKS,
  ...DNS_RESIDENCY_AND_DETECTION_ATTACKS,
  // Paths 5 and 6: the service allow-list; subnets shared through RAM (service-allow-list.ts).
  ...SERVICE_ALLOW_LIST_ATTACKS,
  ...NETWORK_SHARE_ATTACKS,
  // Paths 9 and 10: DNS around DNS Firewall; VPC endpoints of the workload's own (ADR 0625).
  ...DNS_AND_ENDPOINT_BYPASS_ATTACKS,
];
