// Turns a synthesized stack into one that the real AWS provider can validate and plan without AWS:
// local state instead of the S3 backend, fake credentials with every AWS call skipped, the
// cross-stack remote state replaced by placeholder defaults, and `import` blocks (adoption of
// existing accounts, which needs AWS to read them) set aside and reported.
import { createHash } from 'node:crypto';

export type { TerraformJson } from '../synth/output';
import type { TerraformJson } from '../synth/output';

export interface SetAsideImport {
  readonly to: string;
  readonly id: string;
}

export interface OfflineStack {
  readonly json: TerraformJson;
  /** Import blocks removed because an import needs to read AWS; the plan shows them as creates. */
  readonly importsSetAside: readonly SetAsideImport[];
  /** Remote-state data sources replaced by placeholder defaults. */
  readonly remoteStatesReplaced: readonly string[];
}

const REMOTE_STATE_REFERENCE = /data\.terraform_remote_state\.([\w-]+)\.outputs\.([\w-]+)/g;
const CROSS_STACK_INPUT_PREFIX = 'cross-stack-reference-input-';
const PLACEHOLDER_ACCOUNT = '111111111111';

/** File name and content of the empty state that replaced remote states read. */
export const EMPTY_REMOTE_STATE_FILE = 'offline-empty-remote.tfstate';
export const EMPTY_REMOTE_STATE = JSON.stringify({
  version: 4,
  terraform_version: '1.11.0',
  serial: 1,
  lineage: 'offline-plan',
  outputs: {},
  resources: [],
});

/**
 * Prepares a stack for an offline plan. `stacks` holds every stack of the synth output by name, so
 * that a placeholder for a cross-stack value can be shaped like the value it stands for.
 */
export function prepareOfflineStack(stack: TerraformJson, stacks: ReadonlyMap<string, TerraformJson>): OfflineStack {
  const json: TerraformJson = structuredClone(stack);

  if (json.terraform?.backend) {
    delete json.terraform.backend;
  }

  for (const provider of providerBlocks(json, 'aws')) {
    // Assuming the execution role would call STS; allowed_account_ids needs the caller's identity.
    // Both are asserted on the synthesized JSON by the unit tests instead.
    delete provider.assume_role;
    delete provider.allowed_account_ids;
    Object.assign(provider, {
      access_key: 'offline-plan-placeholder',
      secret_key: 'offline-plan-placeholder',
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: true,
      skip_region_validation: true,
    });
  }

  const importsSetAside: SetAsideImport[] = (json.import ?? []).map((block: { to: string; id: string }) => ({
    to: block.to,
    id: block.id,
  }));
  delete json.import;

  const remoteStatesReplaced: string[] = [];
  const remoteStates: Record<string, TerraformJson> = json.data?.terraform_remote_state ?? {};
  if (Object.keys(remoteStates).length > 0) {
    const referenced = new Map<string, Set<string>>();
    for (const match of JSON.stringify(stack).matchAll(REMOTE_STATE_REFERENCE)) {
      const outputs = referenced.get(match[1]) ?? new Set<string>();
      outputs.add(match[2]);
      referenced.set(match[1], outputs);
    }
    for (const [name, remoteState] of Object.entries(remoteStates)) {
      const producer = name.startsWith(CROSS_STACK_INPUT_PREFIX) ? stacks.get(name.slice(CROSS_STACK_INPUT_PREFIX.length)) : undefined;
      const defaults: Record<string, unknown> = {};
      for (const output of referenced.get(name) ?? []) {
        defaults[output] = placeholderFor(output, producer?.output?.[output]?.value);
      }
      remoteStates[name] = {
        backend: 'local',
        // An empty state (written beside the stack): every output falls back to its default.
        config: { path: EMPTY_REMOTE_STATE_FILE },
        defaults,
        ...(remoteState.workspace ? { workspace: remoteState.workspace } : {}),
      };
      remoteStatesReplaced.push(name);
    }
  }

  return { json, importsSetAside, remoteStatesReplaced };
}

function providerBlocks(json: TerraformJson, name: string): TerraformJson[] {
  const blocks = json.provider?.[name];
  if (!blocks) return [];
  return Array.isArray(blocks) ? blocks : [blocks];
}

/** Resource-ID prefixes AWS uses, so that placeholders pass the provider's own validation. */
const ID_PREFIXES: Readonly<Record<string, string>> = {
  aws_ec2_transit_gateway: 'tgw-',
  aws_ec2_transit_gateway_route_table: 'tgw-rtb-',
  aws_ec2_transit_gateway_vpc_attachment: 'tgw-attach-',
  aws_ec2_managed_prefix_list: 'pl-',
  aws_vpc: 'vpc-',
  aws_subnet: 'subnet-',
  aws_security_group: 'sg-',
  aws_route53_resolver_rule: 'rslvr-rr-',
  aws_route53_resolver_query_log_config: 'rslvr-rqlc-',
  aws_route53_resolver_endpoint: 'rslvr-out-',
  aws_organizations_organization: 'o-',
  aws_organizations_organizational_unit: 'ou-',
  aws_organizations_policy: 'p-',
};

function digest(text: string, length: number, alphabet: 'hex' | 'digits'): string {
  const hex = createHash('sha256').update(text).digest('hex');
  if (alphabet === 'hex') return hex.slice(0, length);
  return BigInt(`0x${hex.slice(0, 15)}`)
    .toString()
    .padStart(length, '7')
    .slice(0, length);
}

/**
 * A value shaped like the real one: 12-digit account IDs for accounts, ARNs for ARNs, prefixed IDs
 * for resources whose IDs the provider validates. Deterministic, so plans are reproducible.
 */
export function placeholderFor(outputName: string, producerExpression: unknown): string {
  // The organization root (r-...), which Security Hub's configuration policy is associated with.
  if (typeof producerExpression === 'string' && /^\$\{aws_organizations_organization\.[\w-]+\.roots\[0\]\.id\}$/.test(producerExpression)) {
    return `r-${digest(outputName, 4, 'hex')}`;
  }
  const match = typeof producerExpression === 'string' ? /^\$\{([\w]+)\.([\w-]+)\.([\w]+)\}$/.exec(producerExpression) : null;
  const [type, attribute] = match ? [match[1], match[3]] : ['unknown', 'id'];
  if (type === 'aws_organizations_account' && (attribute === 'id' || attribute === 'account_id')) {
    return `9${digest(outputName, 11, 'digits')}`;
  }
  if (type === 'aws_organizations_organization' && attribute === 'id') {
    return `o-${digest(outputName, 10, 'hex')}`;
  }
  if (type === 'aws_organizations_organizational_unit') {
    const ouId = `ou-${digest(outputName, 4, 'hex')}-${digest(`${outputName}/ou`, 8, 'hex')}`;
    return attribute === 'arn' ? `arn:aws:organizations::${PLACEHOLDER_ACCOUNT}:ou/o-placeholder/${ouId}` : ouId;
  }
  if (type === 'aws_kms_key' && attribute === 'arn') {
    return `arn:aws:kms:eu-west-2:${PLACEHOLDER_ACCOUNT}:key/${digest(outputName, 8, 'hex')}-0000-4000-8000-${digest(outputName, 12, 'hex')}`;
  }
  if (attribute === 'arn') {
    const service = type.replace(/^aws_/, '').split('_')[0];
    return `arn:aws:${service}:eu-west-2:${PLACEHOLDER_ACCOUNT}:placeholder/${digest(outputName, 12, 'hex')}`;
  }
  const prefix = ID_PREFIXES[type] ?? 'placeholder-';
  return `${prefix}${digest(outputName, 17, 'hex')}`;
}
