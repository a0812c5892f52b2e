// Evaluates one request against a real resource policy (a synthesized bucket, key or topic policy),
// the identity policies of the caller when it is a role, and the SCPs and RCPs the guardrail
// catalogue attaches along the OU chain, as AWS would. tools/simulation/simulate.ts answers "do the guardrails
// allow this?" with an open resource policy; this answers "does the estate, as synthesized, let
// this delivery through?".
//
// The engine is @cloud-copilot/iam-simulate (AGPL, development dependency only), loaded lazily.
import type { Simulation } from '@cloud-copilot/iam-simulate';
import type { PolicyDocument, PolicyStatement } from '../../lib/iam-policy';
import { type GuardrailModel, ouChain, SIMULATED_ORGANIZATION_ID, SimulatorUnavailableError } from './simulate';
import { AWS_DEFAULT_POLICY, policiesAttachedTo } from '../../policies/catalogue';

export interface ResourceRequest {
  /** A service principal (delivery.logs.amazonaws.com) or an IAM role ARN of the estate. */
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  /** Account that owns the resource: decides which RCPs apply. */
  readonly resourceAccount: string;
  /** Context keys the calling service sends (aws:SourceArn, s3:x-amz-acl...), on top of the defaults. */
  readonly context: Readonly<Record<string, string | readonly string[]>>;
  /** The synthesized resource policy; undefined when the resource has none. */
  readonly resourcePolicy?: PolicyDocument;
  /** Identity policies of a role principal. */
  readonly identityPolicies?: readonly { name: string; policy: PolicyDocument }[];
  /** Region the request is made in (aws:RequestedRegion), which Region guardrails check. */
  readonly region?: string;
}

export interface ResourceDecision {
  readonly decision: 'Allowed' | 'Denied';
  /** Which policy denied, explicitly or for want of an allow. */
  readonly reasons: readonly string[];
}

const ALLOW_EVERYTHING: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
/**
 * iam-simulate accepts variable context keys only in the slash form (aws:PrincipalTag/Name) and
 * silently drops kms:EncryptionContext:<key>, which would turn every key-policy condition on an
 * encryption context into an implicit deny. Those conditions are therefore decided here, before the
 * engine runs: a statement whose encryption-context condition holds keeps the rest of its condition,
 * one whose condition fails is left out (it cannot apply to the request).
 */
const ENCRYPTION_CONTEXT_KEY = /^kms:EncryptionContext:/i;

function wildcardMatch(pattern: string, value: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return regex.test(value);
}

function encryptionContextHolds(operator: string, expected: string | readonly string[], actual: string | undefined): boolean {
  if (actual === undefined) return false;
  const values = typeof expected === 'string' ? [expected] : expected;
  switch (operator) {
    case 'StringEquals':
    case 'ArnEquals':
      return values.includes(actual);
    case 'StringEqualsIgnoreCase':
      return values.some((value) => value.toLowerCase() === actual.toLowerCase());
    case 'StringLike':
    case 'ArnLike':
      return values.some((value) => wildcardMatch(value, actual));
    default:
      throw new Error(`condition operator ${operator} on an encryption context is not modelled in tools/simulation/resource-policy.ts`);
  }
}

/** The policy with every kms:EncryptionContext condition decided against the request's context. */
export function decideEncryptionContext(
  policy: PolicyDocument | undefined,
  context: Readonly<Record<string, string | readonly string[]>>,
): PolicyDocument | undefined {
  if (!policy) return policy;
  const lookup = new Map(Object.entries(context).map(([key, value]) => [key.toLowerCase(), typeof value === 'string' ? value : value[0]]));
  const statements = (Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement]).flatMap((statement) => {
    const condition = statement.Condition as Record<string, Record<string, string | string[]>> | undefined;
    if (!condition) return [statement];
    const remaining: Record<string, Record<string, string | string[]>> = {};
    for (const [operator, keys] of Object.entries(condition)) {
      for (const [key, expected] of Object.entries(keys)) {
        if (!ENCRYPTION_CONTEXT_KEY.test(key)) remaining[operator] = { ...remaining[operator], [key]: expected };
        else if (!encryptionContextHolds(operator, expected, lookup.get(key.toLowerCase()))) return [];
      }
    }
    if (Object.keys(remaining).length > 0) return [{ ...statement, Condition: remaining }];
    return [Object.fromEntries(Object.entries(statement).filter(([key]) => key !== 'Condition')) as unknown as PolicyStatement];
  });
  return { ...policy, Statement: statements };
}
const SERVICE_PRINCIPAL = /^[a-z0-9.-]+\.amazonaws\.com$/;

type IamSimulate = typeof import('@cloud-copilot/iam-simulate');

async function loadSimulator(): Promise<IamSimulate> {
  try {
    return await import('@cloud-copilot/iam-simulate');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') throw new SimulatorUnavailableError();
    throw error;
  }
}

function orgLevels(
  model: GuardrailModel,
  accountId: string,
  type: 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY',
): Simulation['resourceControlPolicies'] {
  const account = model.accounts.find((candidate) => candidate.accountId === accountId);
  if (!account?.ouPath) return [];
  const levels = ouChain(account.ouPath).map((target) => {
    const attached = policiesAttachedTo(model.catalogue, target, type).map((policy) => ({ name: policy.key, policy: policy.document }));
    // iam-simulate adds RCPFullAWSAccess itself; FullAWSAccess must be given.
    const policies =
      type === 'SERVICE_CONTROL_POLICY'
        ? [{ name: AWS_DEFAULT_POLICY.SERVICE_CONTROL_POLICY, policy: ALLOW_EVERYTHING }, ...attached]
        : attached;
    return { orgIdentifier: target.kind === 'root' ? 'root' : `OU ${target.path}`, policies };
  });
  const accountPolicies =
    type === 'SERVICE_CONTROL_POLICY' ? [{ name: AWS_DEFAULT_POLICY.SERVICE_CONTROL_POLICY, policy: ALLOW_EVERYTHING }] : [];
  return [...levels, { orgIdentifier: `account ${account.name}`, policies: accountPolicies }];
}

export async function evaluateResourceRequest(model: GuardrailModel, request: ResourceRequest): Promise<ResourceDecision> {
  const simulate = await loadSimulator();
  const isService = SERVICE_PRINCIPAL.test(request.principal);
  const principalAccount = isService ? undefined : /^arn:aws:(?:iam|sts)::(\d{12}):/.exec(request.principal)?.[1];
  const inOrganization = (accountId: string | undefined) =>
    accountId !== undefined && model.accounts.some((account) => account.accountId === accountId);
  const context: Record<string, string | string[]> = {
    'aws:SecureTransport': 'true',
    'aws:ResourceAccount': request.resourceAccount,
    'aws:PrincipalIsAWSService': isService ? 'true' : 'false',
  };
  if (inOrganization(request.resourceAccount)) context['aws:ResourceOrgID'] = SIMULATED_ORGANIZATION_ID;
  if (request.region) context['aws:RequestedRegion'] = request.region;
  if (isService) context['aws:PrincipalServiceName'] = request.principal;
  else {
    context['aws:PrincipalArn'] = request.principal;
    if (principalAccount) context['aws:PrincipalAccount'] = principalAccount;
    if (inOrganization(principalAccount)) context['aws:PrincipalOrgID'] = SIMULATED_ORGANIZATION_ID;
  }
  for (const [key, value] of Object.entries(request.context)) context[key] = typeof value === 'string' ? value : [...value];

  const simulation: Simulation = {
    request: {
      principal: request.principal,
      action: request.action,
      resource: { resource: request.resource, accountId: request.resourceAccount },
      contextVariables: context,
    },
    // The simulator cannot read kms:EncryptionContext keys, in identity policies either: decided here.
    identityPolicies: (request.identityPolicies ?? []).map((policy) => ({
      name: policy.name,
      policy: decideEncryptionContext(policy.policy, request.context) ?? policy.policy,
    })),
    // SCPs bind the estate's own roles in member accounts, never AWS service principals.
    serviceControlPolicies: principalAccount ? orgLevels(model, principalAccount, 'SERVICE_CONTROL_POLICY') : [],
    resourceControlPolicies: orgLevels(model, request.resourceAccount, 'RESOURCE_CONTROL_POLICY'),
    resourcePolicy: decideEncryptionContext(request.resourcePolicy, request.context),
  };
  const result = await simulate.runSimulation(simulation, {});
  if (result.resultType === 'error')
    throw new Error(`the simulator rejected ${request.action} on ${request.resource}: ${JSON.stringify(result.errors)}`);
  if (result.overallResult === 'Allowed') return { decision: 'Allowed', reasons: [] };
  const analyses = result.resultType === 'single' ? [result.result.analysis] : result.results.map((entry) => entry.analysis);
  const reasons = analyses
    .filter((analysis) => analysis.result !== 'Allowed')
    .flatMap((analysis) => simulate.getDenialReasons(analysis))
    .map((reason) =>
      reason.denialType === 'Explicit'
        ? `explicit deny in ${reason.policyType} ${reason.policyIdentifier ?? ''} ${reason.statementId ?? `statement ${reason.statementIndex}`}`.replace(
            /\s+/g,
            ' ',
          )
        : `no ${reason.policyType} policy allows it${reason.identifier ? ` (${reason.identifier})` : ''}`,
    );
  return { decision: 'Denied', reasons };
}
