// Which account and Region a synthesized resource lands in, read from the stack's own provider
// blocks (region and allowed_account_ids), so tests reason about the real deployment target.
import type { TerraformJson } from './synth';
import { identityAssignmentsStackName } from '../../lib/naming';

export interface DeploymentTarget {
  /** Account ID, or a stable name for an account the organization stack creates. */
  readonly account: string;
  readonly region: string;
}

/**
 * A stable key for an account: literal IDs stay as they are; a cross-stack reference to an account
 * the organization stack creates becomes the name of the organization stack's output, which is the
 * same in every stack that refers to that account.
 */
export function accountKey(allowedAccountId: string): string {
  const output = /outputs\.(cross-stack-output-[\w.-]+)\}/.exec(allowedAccountId);
  return output ? `organization:${output[1]}` : allowedAccountId;
}

/** Deployment target of every provider configuration of a stack, keyed as resources refer to them. */
export function providerTargets(stack: TerraformJson): Map<string, DeploymentTarget> {
  const targets = new Map<string, DeploymentTarget>();
  for (const provider of (stack.provider?.aws ?? []) as TerraformJson[]) {
    const key = provider.alias ? `aws.${provider.alias}` : 'aws';
    const allowed = provider.allowed_account_ids as string[];
    if (!allowed || allowed.length !== 1) throw new Error(`provider ${key} must pin exactly one account`);
    targets.set(key, { account: accountKey(allowed[0]), region: provider.region });
  }
  return targets;
}

export function resourceTarget(stack: TerraformJson, resource: TerraformJson): DeploymentTarget {
  const target = providerTargets(stack).get(resource.provider ?? 'aws');
  if (!target) throw new Error(`resource uses unknown provider ${resource.provider}`);
  return target;
}

/** The Terraform address a reference like ${aws_s3_bucket.x.id} points at, or undefined. */
export function referencedAddress(value: unknown, type: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = new RegExp(`\\$\\{${type}\\.([^.}]+)\\.`).exec(value);
  return match ? match[1] : undefined;
}

/**
 * Stacks that carry no account baseline: the management account's bootstrap, organization and
 * pipeline stacks, and stacks that work inside an account whose own stack carries its baseline
 * (security-organization, identity and the identity-assignments shards in the security account,
 * network-routes in the network account). Shard names cover the schema's largest shard count.
 */
export const STACKS_WITHOUT_ACCOUNT_BASELINE: readonly string[] = [
  'bootstrap',
  'organization',
  'pipeline',
  'security-organization',
  'network-routes',
  'identity',
  ...Array.from({ length: 64 }, (_, shard) => identityAssignmentsStackName(shard)),
];
