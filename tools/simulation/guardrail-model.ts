// The organization as the guardrail simulator sees it: every account with its OU path and an ID (a
// stable stand-in until the account exists), the guardrail catalogue, and the OU chain AWS walks
// from the root down to an account.
import { CORE_ACCOUNT_KEYS, effectiveOu } from '../../lib/config/model';
import type { LandingZoneConfig, WorkloadAccountConfig } from '../../lib/config/schema';
import { type GuardrailPolicy, type PolicyTarget, guardrailCatalogue, ROOT } from '../../policies/catalogue';

/** Stand-in organization ID: policies name the organization through ${aws:ResourceOrgID}, never by ID. */
export const SIMULATED_ORGANIZATION_ID = 'o-exampleorg01';

export type AccountKind = 'management' | 'core' | 'workload';

export interface SimulatedAccount {
  readonly name: string;
  readonly accountId: string;
  readonly kind: AccountKind;
  /** OU path; undefined for the management account, which sits at the root and no policy applies to. */
  readonly ouPath?: string;
  /** True when configuration has no ID yet (the account is created on first deploy). */
  readonly placeholderId: boolean;
}

export interface GuardrailModel {
  readonly config: LandingZoneConfig;
  readonly catalogue: readonly GuardrailPolicy[];
  readonly accounts: readonly SimulatedAccount[];
}

/** A request the simulator cannot evaluate because of what was asked (unknown account, action...). */
export class SimulationInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SimulationInputError';
  }
}

/** Every account the organization holds, with its OU and an ID (a stable stand-in until it exists). */
export function buildGuardrailModel(config: LandingZoneConfig, workloads: readonly WorkloadAccountConfig[]): GuardrailModel {
  let placeholders = 0;
  const idFor = (accountId: string | undefined) => {
    if (accountId) return { accountId, placeholderId: false };
    placeholders += 1;
    // 9xxxxxxxxxxx never collides with the 111111111111-style IDs of the example configuration.
    return { accountId: `9${String(placeholders).padStart(11, '0')}`, placeholderId: true };
  };
  const accounts: SimulatedAccount[] = [
    { name: 'management', kind: 'management', accountId: config.managementAccount.accountId, placeholderId: false },
  ];
  for (const key of CORE_ACCOUNT_KEYS) {
    const core = config.coreAccounts[key];
    accounts.push({ name: core.name, kind: 'core', ouPath: core.ou, ...idFor(core.accountId) });
  }
  for (const account of workloads) {
    accounts.push({ name: account.name, kind: 'workload', ouPath: effectiveOu(account), ...idFor(account.accountId) });
  }
  // After the workloads, so that adding the backup section leaves their placeholder IDs as they were.
  if (config.backup) {
    const backup = config.backup.account;
    accounts.push({ name: backup.name, kind: 'core', ouPath: backup.ou, ...idFor(backup.accountId) });
  }
  return { config, catalogue: guardrailCatalogue(config), accounts };
}

export function findAccount(model: GuardrailModel, name: string): SimulatedAccount {
  const account = model.accounts.find((candidate) => candidate.name === name);
  if (!account) {
    throw new SimulationInputError(
      `unknown account ${name}; known accounts: ${model.accounts.map((candidate) => candidate.name).join(', ')}`,
    );
  }
  return account;
}

/** Root first, then each OU down the path: the order AWS evaluates and iam-simulate expects. */
export function ouChain(ouPath: string): PolicyTarget[] {
  const parts = ouPath.split('/');
  return [ROOT, ...parts.map((_, index): PolicyTarget => ({ kind: 'ou', path: parts.slice(0, index + 1).join('/') }))];
}

/** How a level of the OU chain is named in simulation output: root or OU <path>. */
export function levelLabel(target: PolicyTarget): string {
  return target.kind === 'root' ? 'root' : `OU ${target.path}`;
}
