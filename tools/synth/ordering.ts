// Ordering of the synthesized estate: Terraform orders creation only along references and
// depends_on inside a stack, and cdktf orders stacks only along the manifest's dependencies. An
// attribute that names a resource of this project by a literal string (a bucket name, a role ARN...)
// gives Terraform no edge, so the resource can be created before what it names and fail on a first
// deploy. This finds every such literal and says whether an edge covers it anyway.
import type { EstateResource, SynthesizedEstate, TerraformJson } from '../simulation/synthesized-estate';

export type NamedKind = 'bucket' | 'role' | 'key-alias' | 'topic' | 'log-group';

/** A name this project gives a resource it creates, with where it lives (names repeat across accounts and Regions). */
export interface CreatedName {
  readonly kind: NamedKind;
  /** The name exactly as synthesized (it may contain a cross-stack expression such as an account ID). */
  readonly name: string;
  /** Account and Region of the resource, resolved (buckets are global; roles are per account). */
  readonly account: string;
  readonly region: string;
  readonly creator: EstateResource;
}

/** Which attribute gives each kind its name. */
const NAME_ATTRIBUTE: Readonly<Record<string, { kind: NamedKind; attribute: string }>> = {
  aws_s3_bucket: { kind: 'bucket', attribute: 'bucket' },
  aws_iam_role: { kind: 'role', attribute: 'name' },
  aws_kms_alias: { kind: 'key-alias', attribute: 'name' },
  aws_sns_topic: { kind: 'topic', attribute: 'name' },
  aws_cloudwatch_log_group: { kind: 'log-group', attribute: 'name' },
};

/** Attributes that name nothing Terraform must create first. */
const NON_REFERENCING_KEYS = new Set([
  '//',
  'tags',
  'tags_all',
  'depends_on',
  'lifecycle',
  'provider',
  'description',
  'alarm_description',
  'provisioner',
  // Security Hub automation-rule criteria are filters over findings: AWS compares strings and never
  // looks the resource up, so a suppression may name a bucket a later stack creates.
  'criteria',
]);

export interface LiteralReference {
  readonly at: EstateResource;
  /** Path of the attribute, such as target_bucket or policy.Statement[2].Principal. */
  readonly attribute: string;
  readonly value: string;
  readonly names: CreatedName;
  /** The edge that orders the two anyway, or none. */
  readonly orderedBy: 'same-stack-dependency' | 'stack-dependency' | 'none';
}

export function createdNames(estate: SynthesizedEstate): CreatedName[] {
  return Object.entries(NAME_ATTRIBUTE).flatMap(([type, { kind, attribute }]) =>
    estate
      .resources(type)
      .filter((resource) => typeof resource.body[attribute] === 'string' && !/^\$\{[^}]*\}$/.test(resource.body[attribute]))
      .map((creator) => ({
        kind,
        name: creator.body[attribute] as string,
        account: estate.accountOf(creator.stack),
        region: estate.regionOf(creator.stack, creator.body),
        creator,
      })),
  );
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Where the attribute that might name a resource is: its value is read in this account and Region. */
export interface Referrer {
  readonly account: string;
  readonly region: string;
}

/**
 * Does a value name the resource literally, as its name (read in the referrer's account and Region)
 * or inside the ARN AWS gives it (whose account and Region must be the resource's)?
 */
export function namesLiterally(
  value: string,
  created: Pick<CreatedName, 'kind' | 'name' | 'account' | 'region'>,
  referrer: Referrer,
): boolean {
  const sameAccount = (account: string) => account === created.account;
  const sameRegion = (region: string) => region === created.region;
  if (value === created.name) {
    if (created.kind === 'bucket') return true;
    return sameAccount(referrer.account) && (created.kind === 'role' || sameRegion(referrer.region));
  }
  const name = escape(created.name);
  switch (created.kind) {
    case 'bucket':
      return new RegExp(`^arn:aws:s3:::${name}(/|$)`).test(value);
    case 'role': {
      const match = new RegExp(`^arn:aws:iam::([^:]*):role/(?:.*/)?${name}$`).exec(value);
      return match !== null && sameAccount(match[1]);
    }
    case 'key-alias':
    case 'topic':
    case 'log-group': {
      const service = { 'key-alias': 'kms', topic: 'sns', 'log-group': 'logs' }[created.kind];
      const resource = created.kind === 'log-group' ? `log-group:${name}(:.*)?` : name;
      const match = new RegExp(`^arn:aws:${service}:([^:]*):([^:]*):${resource}$`).exec(value);
      return match !== null && sameRegion(match[1]) && sameAccount(match[2]);
    }
  }
}

/** Stacks each stack depends on, directly or through others, from the cdktf manifest. */
export function stackDependencies(manifest: TerraformJson): Map<string, Set<string>> {
  const direct = new Map<string, string[]>(
    Object.entries<TerraformJson>(manifest.stacks).map(([name, stack]) => [name, stack.dependencies ?? []]),
  );
  const closure = new Map<string, Set<string>>();
  const visit = (name: string): Set<string> => {
    const known = closure.get(name);
    if (known) return known;
    const all = new Set<string>();
    closure.set(name, all);
    for (const dependency of direct.get(name) ?? []) {
      all.add(dependency);
      for (const transitive of visit(dependency)) all.add(transitive);
    }
    return all;
  };
  for (const name of direct.keys()) visit(name);
  return closure;
}

const REFERENCE = /\$\{(?!data\.|var\.|local\.)([a-z0-9_]+)\.([A-Za-z0-9_-]+)[.[}]/g;

/** Resources a resource waits for inside its stack: depends_on and expression references, transitively. */
function sameStackDependencies(stack: TerraformJson, start: string): Set<string> {
  const direct = (address: string): string[] => {
    const [type, name] = address.split('.');
    const body = stack.resource?.[type]?.[name];
    if (!body) return [];
    const explicit: string[] = body.depends_on ?? [];
    const referenced = [...JSON.stringify(body).matchAll(REFERENCE)].map(([, refType, refName]) => `${refType}.${refName}`);
    return [...explicit, ...referenced];
  };
  const seen = new Set<string>();
  const queue = direct(start);
  while (queue.length > 0) {
    const next = queue.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    queue.push(...direct(next));
  }
  return seen;
}

/** Strings of a value with their attribute paths; a JSON policy document contributes its principals only. */
function strings(value: unknown, path: string): { path: string; value: string }[] {
  if (typeof value === 'string') {
    if (value.trimStart().startsWith('{') && value.includes('"Statement"')) {
      try {
        const document = JSON.parse(value);
        // Resource and Condition ARNs need not exist; a principal must, or AWS rejects the policy.
        const statements: TerraformJson[] = [document.Statement].flat();
        return statements.flatMap((statement, index) => strings(statement.Principal ?? {}, `${path}.Statement[${index}].Principal`));
      } catch {
        return [{ path, value }];
      }
    }
    return [{ path, value }];
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => strings(item, `${path}[${index}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) =>
      NON_REFERENCING_KEYS.has(key) ? [] : strings(item, path ? `${path}.${key}` : key),
    );
  }
  return [];
}

/** Every attribute of the estate that names a project-created resource by a literal string. */
export function literalReferences(estate: SynthesizedEstate, manifest: TerraformJson): LiteralReference[] {
  const names = createdNames(estate);
  const dependsOn = stackDependencies(manifest);
  const found: LiteralReference[] = [];
  for (const resource of estate.resources()) {
    const address = `${resource.type}.${resource.name}`;
    const referrer = { account: estate.accountOf(resource.stack), region: estate.regionOf(resource.stack, resource.body) };
    // The attribute that gives a resource its name defines it (the same name may exist in other accounts).
    const definingAttribute = NAME_ATTRIBUTE[resource.type]?.attribute;
    let waitsFor: Set<string> | undefined;
    for (const { path, value } of strings(resource.body, '')) {
      if (path === definingAttribute) continue;
      // Account IDs of created accounts are cross-stack expressions: compare resolved values.
      const resolved = value.includes('${data.terraform_remote_state') ? estate.resolve(resource.stack, value) : value;
      for (const created of names) {
        if (!namesLiterally(value, created, referrer) && !namesLiterally(resolved, created, referrer)) continue;
        let orderedBy: LiteralReference['orderedBy'] = 'none';
        if (created.creator.stack === resource.stack) {
          waitsFor ??= sameStackDependencies(estate.stacks.get(resource.stack) ?? {}, address);
          if (waitsFor.has(`${created.creator.type}.${created.creator.name}`)) orderedBy = 'same-stack-dependency';
        } else if (dependsOn.get(resource.stack)?.has(created.creator.stack)) {
          orderedBy = 'stack-dependency';
        }
        found.push({ at: resource, attribute: path, value, names: created, orderedBy });
      }
    }
  }
  return found;
}
