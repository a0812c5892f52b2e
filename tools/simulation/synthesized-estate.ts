// Reads the synthesized Terraform JSON of every stack as one estate, and resolves the Terraform
// expressions in it (cross-stack outputs, resource attributes) to the concrete values AWS would see,
// using stand-ins for what only exists after apply (organization ID, created account IDs, key IDs).
// The service-delivery and ordering proofs evaluate policies on these resolved values, so what they
// check is exactly what the stacks would send to AWS, not a hand-written copy of it.

import type { PolicyDocument } from '../../lib/iam-policy';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TerraformJson = Record<string, any>;

export interface EstateStandIns {
  /** Organization ID the organization stack creates (o-...). */
  readonly organizationId: string;
  /** Account ID by account name, for accounts the organization stack creates or adopts. */
  readonly accountIdByName: ReadonlyMap<string, string>;
}

/** A resource of one stack, with its Terraform type and name. */
export interface EstateResource {
  readonly stack: string;
  readonly type: string;
  readonly name: string;
  readonly body: TerraformJson;
}

const EXPRESSION = /\$\{([^{}]*)\}/g;
const REMOTE_OUTPUT = /^data\.terraform_remote_state\.cross-stack-reference-input-([^.]+)\.outputs\.([^.\s]+)$/;
const RESOURCE_ATTRIBUTE = /^([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z0-9_]+)((?:\[\d+\]\.[a-z0-9_]+)*)$/;

export class SynthesizedEstate {
  constructor(
    readonly stacks: ReadonlyMap<string, TerraformJson>,
    private readonly standIns: EstateStandIns,
  ) {}

  /** Every resource of every stack, optionally of one type. */
  resources(type?: string): EstateResource[] {
    const out: EstateResource[] = [];
    for (const [stack, json] of this.stacks) {
      for (const [resourceType, byName] of Object.entries<Record<string, TerraformJson>>(json.resource ?? {})) {
        if (type && resourceType !== type) continue;
        for (const [name, body] of Object.entries(byName)) out.push({ stack, type: resourceType, name, body });
      }
    }
    return out;
  }

  resource(stack: string, type: string, name: string): TerraformJson {
    const body = this.stacks.get(stack)?.resource?.[type]?.[name];
    if (!body) throw new Error(`${stack} has no ${type}.${name}`);
    return body;
  }

  /** The account a stack's providers are pinned to. */
  accountOf(stack: string): string {
    const providers = this.stacks.get(stack)?.provider?.aws ?? [];
    const ids = providers[0]?.allowed_account_ids ?? [];
    if (ids.length !== 1) throw new Error(`stack ${stack} is not pinned to exactly one account`);
    return this.resolve(stack, ids[0]);
  }

  /** The Region of a resource: its provider alias, or the stack's default provider. */
  regionOf(stack: string, body: TerraformJson): string {
    const providers: TerraformJson[] = this.stacks.get(stack)?.provider?.aws ?? [];
    // "aws" is the default provider; "aws.<alias>" a Regional one.
    const alias = typeof body.provider === 'string' && body.provider.startsWith('aws.') ? body.provider.slice('aws.'.length) : undefined;
    const provider = alias ? providers.find((candidate) => candidate.alias === alias) : providers.find((candidate) => !candidate.alias);
    if (!provider) throw new Error(`stack ${stack} has no aws provider ${alias ?? '(default)'}`);
    return provider.region;
  }

  /** Replaces every resolvable ${...} in a string; unresolvable ones become `unresolved(<expression>)`. */
  resolve(stack: string, text: string): string {
    let current = text;
    for (let depth = 0; depth < 10 && current.includes('${'); depth++) {
      const next = current.replace(EXPRESSION, (_, expression: string) => this.resolveExpression(stack, expression.trim()));
      if (next === current) break;
      current = next;
    }
    return current;
  }

  /** Resolves every string inside a value (objects and arrays included). */
  resolveDeep<T>(stack: string, value: T): T {
    if (typeof value === 'string') return this.resolve(stack, value) as T;
    if (Array.isArray(value)) return value.map((item) => this.resolveDeep(stack, item)) as T;
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.resolveDeep(stack, item)])) as T;
    return value;
  }

  /** A policy document attribute (a JSON string with expressions), resolved and parsed. */
  policy(stack: string, text: string): PolicyDocument {
    return JSON.parse(this.resolve(stack, text)) as PolicyDocument;
  }

  private resolveExpression(stack: string, expression: string): string {
    const remote = REMOTE_OUTPUT.exec(expression);
    if (remote) {
      const [, source, output] = remote;
      const value = this.stacks.get(source)?.output?.[output]?.value;
      if (typeof value !== 'string') return `unresolved(${expression})`;
      return this.resolve(source, value);
    }
    const match = RESOURCE_ATTRIBUTE.exec(expression);
    if (!match) return `unresolved(${expression})`;
    const [, type, name, attribute, path] = match;
    const body = this.stacks.get(stack)?.resource?.[type]?.[name];
    if (!body) return `unresolved(${expression})`;
    return this.attribute(stack, type, name, body, `${attribute}${path ?? ''}`) ?? `unresolved(${expression})`;
  }

  /** What an attribute of a not-yet-created resource will be, as far as AWS's naming rules tell. */
  private attribute(stack: string, type: string, name: string, body: TerraformJson, attribute: string): string | undefined {
    const value = (key: string) => (typeof body[key] === 'string' ? this.resolve(stack, body[key]) : undefined);
    const region = () => this.regionOf(stack, body);
    const account = () => this.accountOf(stack);
    switch (type) {
      case 'aws_organizations_organization':
        if (attribute === 'id') return this.standIns.organizationId;
        if (attribute === 'roots[0].id') return 'r-exam';
        if (attribute === 'arn') return `arn:aws:organizations::${account()}:organization/${this.standIns.organizationId}`;
        return undefined;
      case 'aws_organizations_account': {
        if (attribute !== 'id') return undefined;
        return this.standIns.accountIdByName.get(value('name') ?? '');
      }
      case 'aws_organizations_organizational_unit':
        if (attribute === 'arn') return `arn:aws:organizations::${account()}:ou/${this.standIns.organizationId}/ou-${name.toLowerCase()}`;
        if (attribute === 'id') return `ou-${name.toLowerCase()}`;
        return undefined;
      case 'aws_s3_bucket':
        if (attribute === 'id' || attribute === 'bucket') return value('bucket');
        if (attribute === 'arn') return `arn:aws:s3:::${value('bucket')}`;
        return undefined;
      case 'aws_kms_key':
        if (attribute === 'arn') return `arn:aws:kms:${region()}:${account()}:key/${name}`;
        if (attribute === 'key_id' || attribute === 'id') return name;
        return undefined;
      case 'aws_sns_topic':
        if (attribute === 'arn' || attribute === 'id') return `arn:aws:sns:${region()}:${account()}:${value('name')}`;
        return undefined;
      case 'aws_iam_role':
        if (attribute === 'arn') return `arn:aws:iam::${account()}:role/${value('name')}`;
        if (attribute === 'name' || attribute === 'id') return value('name');
        return undefined;
      case 'aws_iam_service_linked_role':
        if (attribute === 'arn') return `arn:aws:iam::${account()}:role/aws-service-role/${value('aws_service_name')}/service-linked-role`;
        return undefined;
      case 'aws_cloudwatch_event_rule':
        if (attribute === 'arn') return `arn:aws:events:${region()}:${account()}:rule/${value('name')}`;
        if (attribute === 'name' || attribute === 'id') return value('name');
        return undefined;
      case 'aws_cloudwatch_metric_alarm':
        if (attribute === 'arn') return `arn:aws:cloudwatch:${region()}:${account()}:alarm:${value('alarm_name')}`;
        return undefined;
      case 'aws_cloudwatch_log_group':
        if (attribute === 'arn') return `arn:aws:logs:${region()}:${account()}:log-group:${value('name')}`;
        if (attribute === 'name' || attribute === 'id') return value('name');
        return undefined;
      case 'aws_cloudtrail':
        if (attribute === 'arn') return `arn:aws:cloudtrail:${region()}:${account()}:trail/${value('name')}`;
        return undefined;
      case 'aws_networkfirewall_firewall':
        if (attribute === 'arn' || attribute === 'id') return `arn:aws:network-firewall:${region()}:${account()}:firewall/${value('name')}`;
        return undefined;
      case 'aws_route53_resolver_query_log_config':
        if (attribute === 'id') return `rqlc-${name.toLowerCase()}`;
        if (attribute === 'arn')
          return `arn:aws:route53resolver:${region()}:${account()}:resolver-query-log-config/rqlc-${name.toLowerCase()}`;
        return undefined;
      default:
        // IDs AWS generates (vpc-..., tgw-...): a stable stand-in that says where it came from.
        if (attribute === 'id') return `${type.replace(/^aws_/, '')}-${name.toLowerCase()}`;
        return undefined;
    }
  }
}
