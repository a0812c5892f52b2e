// Account vending as pure logic: check a vend request against loaded configuration (reporting every
// problem at once, request.ts), allocate the VPC range (allocation.ts), render the account file
// (account-file.ts) and say which stacks change. The command (cli/commands/vend.ts) only adds file
// writing; everything here is testable without touching the disk. This file is the entry point:
// importers take everything from here.
import { type ExpandedAssignment, assignmentShardOf, assignmentsOfAccount } from '../../lib/access/assignments';
import { identityAssignmentsStackName } from '../../lib/naming';
import { ConfigError } from '../../lib/config/diagnostics';
import type { LoadedConfig } from '../../lib/config/load';
import { hscnEntitled, workloadStackName } from '../../lib/config/model';
import type { AccountAdoption, WorkloadAccountConfig } from '../../lib/config/schema';
import { renderAccountYaml } from './account-file';
import { allocateCidr, DEFAULT_VPC_SIZE, VPC_SIZES, type VpcSize } from './allocation';
import { parseConfigRecorderFlag, type VendRequest, VendRequestError, validateVendRequest } from './request';

export { renderAccountYaml } from './account-file';
export { type Allocation, allocateCidr, DEFAULT_VPC_SIZE, type TakenRange, takenRanges, VPC_SIZES, type VpcSize } from './allocation';
export {
  formatVendProblem,
  parseConfigRecorderFlag,
  type VendProblem,
  type VendRequest,
  VendRequestError,
  validateVendRequest,
} from './request';

/** The adoption block a request describes (only for an adopted account). */
function adoptionOf(request: VendRequest): AccountAdoption | undefined {
  if (request.accountId === undefined) return undefined;
  const configRecorders: AccountAdoption['configRecorders'] = {};
  for (const entry of request.configRecorders ?? []) {
    const parsed = parseConfigRecorderFlag(entry);
    if (typeof parsed !== 'string')
      configRecorders[parsed.region as keyof typeof configRecorders] = {
        recorder: parsed.recorder,
        ...(parsed.deliveryChannel ? { deliveryChannel: parsed.deliveryChannel } : {}),
      };
  }
  return { configServiceLinkedRole: request.configRoleExists === true, configRecorders };
}

/** Stacks a change to one account touches: the blast radius the reviewer should expect in the plan. */
export interface StackImpact {
  readonly changed: readonly string[];
  readonly added: readonly string[];
}

/**
 * Stacks a vend touches: organization (the account), network-routes (the spoke's association and
 * return route, ADR 0620, and for HSCN its firewall entitlement entry, ADR 0508), and the one
 * identity-assignments-<nn> shard its name hashes to when the account gets Identity Center
 * assignments (its OU's and its owning team's, ADR 0510): those only. The
 * network stack changes only for the estate's first HSCN entitlement, which adds the pass rules.
 */
export function vendImpact(
  account: Pick<WorkloadAccountConfig, 'name' | 'hscn'>,
  assignmentsStack?: string,
  firstHscnEntitlement = false,
): StackImpact {
  const changed = account.hscn && firstHscnEntitlement ? ['organization', 'network', 'network-routes'] : ['organization', 'network-routes'];
  if (assignmentsStack) changed.push(assignmentsStack);
  return { changed, added: [workloadStackName(account.name)] };
}

export interface VendPlan {
  readonly account: WorkloadAccountConfig;
  readonly size: VpcSize;
  /** File name inside the accounts directory. */
  readonly fileName: string;
  readonly yaml: string;
  readonly impact: StackImpact;
  /** The Identity Center assignments the new account gets (its OU's and its owning team's). */
  readonly assignments: readonly ExpandedAssignment[];
}

/**
 * Checks a request and builds the account it vends. Throws VendRequestError for bad flags (all of
 * them at once) and ConfigError, pointing at network.workloadPool, when the pool is exhausted.
 */
export function planVend(loaded: LoadedConfig, request: VendRequest): VendPlan {
  const problems = validateVendRequest(loaded, request);
  if (problems.length > 0) throw new VendRequestError(problems);
  const size = (request.size ?? DEFAULT_VPC_SIZE) as VpcSize;
  const accounts = loaded.accounts.map((entry) => entry.config);
  const allocation = allocateCidr(loaded.landingZone, accounts, VPC_SIZES[size]);
  if ('exhausted' in allocation) {
    throw new ConfigError([loaded.landingZoneSource.problem(['network', 'workloadPool'], allocation.exhausted)]);
  }
  // Every REQUIRED field was checked present above.
  const account: WorkloadAccountConfig = {
    name: request.name as string,
    email: request.email as string,
    ou: request.ou as string,
    owner: request.owner as string,
    costCentre: request.costCentre as string,
    classification: request.classification as string,
    hscn: request.hscn ?? false,
    cidr: allocation.cidr,
    ...(request.accountId ? { accountId: request.accountId, adoption: adoptionOf(request) } : {}),
    status: 'active',
    // A vended account joins an organization whose Inspector and Macie auto-enable is on (ADR 0704).
    securityServicesEnabledBy: 'organization',
    ...(request.groups && request.groups.length > 0
      ? {
          access: request.groups.map((group) => ({
            group,
            permissionSets: [...(loaded.landingZone.access?.owningTeamPermissionSets ?? [])],
          })),
        }
      : {}),
  };
  const assignments = assignmentsOfAccount(loaded.landingZone, [...accounts, account], account.name);
  return {
    account,
    size,
    fileName: `${account.name}.yaml`,
    yaml: renderAccountYaml(account, size),
    impact: vendImpact(
      account,
      assignments.length > 0
        ? identityAssignmentsStackName(assignmentShardOf(account.name, loaded.landingZone.access!.assignmentShards))
        : undefined,
      hscnEntitled(accounts).length === 0,
    ),
    assignments,
  };
}
