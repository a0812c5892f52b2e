// Turns `terraform show -json` plans (every JSON plan format Terraform has produced: 0.1 to 1.2)
// into one Markdown pull-request comment that makes the dangerous part of a change impossible to
// miss: destroys and replacements with Terraform's reason, changes to guardrails, audit, keys,
// landing-zone roles and HSCN routing, and a verdict a workflow can act on. Pure functions only:
// reading files and exit codes belong to the command in cli/commands/plan-report.ts.
import { LANDING_ZONE_ROLE_PREFIX } from '../../lib/naming';

/** The rows of the summary table, in the order reviewers read them. */
export const CHANGE_KINDS = ['create', 'update', 'replace', 'delete', 'import', 'move', 'forget', 'no-op'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];
/** Primary action of one resource instance; import and move are flags on top of it. */
export type PrimaryAction = 'create' | 'update' | 'replace' | 'delete' | 'forget' | 'no-op' | 'read' | 'unknown';

/** The comment must fit GitHub's limit on an issue or pull-request comment body. */
export const GITHUB_COMMENT_LIMIT = 65536;
/** First line of every report, so a workflow can find and update its own comment. */
export const REPORT_MARKER = '<!-- lz-plan-report -->';

/**
 * Resource types that carry `prevent_destroy` in this design (docs/architecture.md, Conventions: every stateful resource).
 * Terraform refuses to destroy them while their configuration exists, but a pull request that
 * deletes the configuration (or a `removed` block with destroy) slips past it: the report catches
 * that by type, because the lifecycle setting is not part of the JSON plan.
 */
export const PROTECTED_TYPES: ReadonlySet<string> = new Set([
  'aws_organizations_organization',
  'aws_organizations_organizational_unit',
  'aws_organizations_account',
  'aws_s3_bucket',
  'aws_kms_key',
  'aws_kms_replica_key',
  'aws_cloudwatch_log_group',
  'aws_s3_bucket_object_lock_configuration',
]);

export interface SecurityCategory {
  readonly label: string;
  readonly matches: (change: { type: string; names: readonly string[] }, options: RoleMatchOptions) => boolean;
}

export interface RoleMatchOptions {
  /** Names of IAM roles that belong to the landing zone beyond the `lz-` prefix (execution, break-glass). */
  readonly landingZoneRoleNames?: readonly string[];
}

const typeIn =
  (...types: string[]) =>
  (change: { type: string }) =>
    types.includes(change.type);
const typePrefix =
  (...prefixes: string[]) =>
  (change: { type: string }) =>
    prefixes.some((prefix) => change.type.startsWith(prefix));

const IAM_ROLE_TYPES = new Set([
  'aws_iam_role',
  'aws_iam_role_policy',
  'aws_iam_role_policy_attachment',
  'aws_iam_role_policies_exclusive',
  'aws_iam_role_policy_attachments_exclusive',
  'aws_iam_policy',
  'aws_iam_policy_attachment',
]);

function isLandingZoneIamChange(change: { type: string; names: readonly string[] }, options: RoleMatchOptions): boolean {
  if (!IAM_ROLE_TYPES.has(change.type)) return false;
  const extra = new Set(options.landingZoneRoleNames ?? []);
  return change.names.some((name) => name.startsWith(LANDING_ZONE_ROLE_PREFIX) || extra.has(name));
}

/** Changes a security (or network) reviewer must look at, whatever the action. */
export const SECURITY_CATEGORIES: readonly SecurityCategory[] = [
  {
    label: 'Organization policies (SCP/RCP) and attachments',
    matches: typeIn('aws_organizations_policy', 'aws_organizations_policy_attachment', 'aws_organizations_organization', 'aws_organizations_delegated_administrator', 'aws_iam_organizations_features'),
  },
  { label: 'Accounts and OUs', matches: typeIn('aws_organizations_account', 'aws_organizations_organizational_unit') },
  { label: 'CloudTrail', matches: typePrefix('aws_cloudtrail') },
  { label: 'AWS Config', matches: typePrefix('aws_config_') },
  { label: 'GuardDuty', matches: typePrefix('aws_guardduty_') },
  { label: 'Security Hub', matches: typePrefix('aws_securityhub_') },
  { label: 'IAM Access Analyzer', matches: typePrefix('aws_accessanalyzer_') },
  { label: 'KMS keys and key policies', matches: typeIn('aws_kms_key', 'aws_kms_key_policy', 'aws_kms_replica_key', 'aws_kms_grant', 'aws_kms_alias') },
  { label: 'S3 bucket policies and public access', matches: typeIn('aws_s3_bucket_policy', 'aws_s3_bucket_public_access_block', 'aws_s3_account_public_access_block') },
  { label: 'S3 Object Lock', matches: typeIn('aws_s3_bucket_object_lock_configuration') },
  { label: 'S3 replication', matches: typeIn('aws_s3_bucket_replication_configuration') },
  { label: 'Landing-zone IAM roles and policies', matches: isLandingZoneIamChange },
  { label: 'Identity federation (OIDC/SAML providers)', matches: typeIn('aws_iam_openid_connect_provider', 'aws_iam_saml_provider') },
  {
    label: 'Transit Gateway routes and route tables',
    matches: typeIn(
      'aws_ec2_transit_gateway_route',
      'aws_ec2_transit_gateway_route_table',
      'aws_ec2_transit_gateway_route_table_association',
      'aws_ec2_transit_gateway_route_table_propagation',
      'aws_ec2_transit_gateway_prefix_list_reference',
    ),
  },
  { label: 'HSCN prefix lists', matches: typeIn('aws_ec2_managed_prefix_list', 'aws_ec2_managed_prefix_list_entry') },
  { label: 'Direct Connect gateway associations', matches: typeIn('aws_dx_gateway_association', 'aws_dx_gateway_association_proposal') },
  { label: 'Network Firewall policies and rule groups', matches: typeIn('aws_networkfirewall_firewall_policy', 'aws_networkfirewall_rule_group') },
];

/**
 * Attributes that say what a reviewed resource is, shown beside its address: a route's destination,
 * an account's name, the prefixes advertised to HSCN. Values come from the plan; unknown ones are
 * left out.
 */
const KEY_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  aws_ec2_transit_gateway_route: ['destination_cidr_block', 'blackhole'],
  aws_ec2_transit_gateway_prefix_list_reference: ['prefix_list_id', 'blackhole'],
  aws_route: ['destination_cidr_block', 'destination_prefix_list_id'],
  aws_dx_gateway_association: ['allowed_prefixes'],
  aws_organizations_account: ['name'],
  aws_organizations_organizational_unit: ['name'],
  aws_organizations_policy: ['name', 'type'],
  aws_organizations_delegated_administrator: ['service_principal'],
  aws_iam_role: ['name'],
  aws_iam_policy: ['name'],
  aws_iam_role_policy: ['role', 'name'],
  aws_iam_role_policy_attachment: ['role', 'policy_arn'],
  aws_s3_bucket: ['bucket'],
  aws_kms_alias: ['name'],
  aws_cloudtrail: ['name'],
  aws_networkfirewall_rule_group: ['name'],
  aws_networkfirewall_firewall_policy: ['name'],
  aws_ec2_managed_prefix_list: ['name'],
};

function keyAttributes(type: string, change: Json, action: PrimaryAction): string[] {
  const names = KEY_ATTRIBUTES[type];
  if (!names) return [];
  const source = action === 'delete' || action === 'forget' ? change.before : change.after;
  if (!isObject(source)) return [];
  const out: string[] = [];
  for (const name of names) {
    const value = source[name];
    if (value === null || value === undefined || value === false || sensitiveAt(change.after_sensitive, [name]) || sensitiveAt(change.before_sensitive, [name])) continue;
    const text = Array.isArray(value) ? value.join(' ') : typeof value === 'object' ? '' : String(value);
    if (text && text.length <= SHORT_VALUE) out.push(value === true ? name : `${name}=${text}`);
  }
  return out;
}

/** Terraform's `action_reason` values, in words a reviewer understands. */
const ACTION_REASONS: Readonly<Record<string, string>> = {
  replace_because_tainted: 'the object is tainted (a previous apply failed part-way)',
  replace_because_cannot_update: 'an attribute that cannot be updated in place changed',
  replace_by_request: 'replacement was requested (-replace)',
  replace_by_triggers: 'replace_triggered_by fired',
  delete_because_no_resource_config: 'its configuration was removed',
  delete_because_no_module: 'its module was removed',
  delete_because_wrong_repetition: 'count/for_each was added or removed',
  delete_because_count_index: 'its count index no longer exists',
  delete_because_each_key: 'its for_each key no longer exists',
  delete_because_no_move_target: 'a moved block points to an address that does not exist',
  read_because_config_unknown: 'its configuration depends on values known only after apply',
  read_because_dependency_pending: 'it depends on a pending change',
  read_because_check_nested: 'a check block reads it',
};

export class PlanFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanFormatError';
  }
}

export interface AttributeChange {
  readonly path: string;
  /** Short rendering of before and after; absent when the value is sensitive, long or structured. */
  readonly before?: string;
  readonly after?: string;
  readonly note?: 'sensitive' | 'known after apply' | 'long value' | 'added' | 'removed' | 'reordered';
  /** For lists of plain values (often sets, such as service principals): members added and removed. */
  readonly added?: readonly string[];
  readonly removed?: readonly string[];
  /** Terraform says this attribute forces replacement (`replace_paths`). */
  readonly forcesReplacement?: boolean;
}

export interface ResourceChange {
  readonly address: string;
  readonly type: string;
  readonly mode: 'managed' | 'data';
  readonly actions: readonly string[];
  readonly action: PrimaryAction;
  /** Whether Terraform creates the new object before destroying the old one. */
  readonly createBeforeDestroy: boolean;
  readonly imported: boolean;
  readonly previousAddress?: string;
  readonly actionReason?: string;
  /** Attribute paths that force replacement, as Terraform reports them (`replace_paths`). */
  readonly replacePaths: readonly string[];
  readonly changedAttributes: readonly AttributeChange[];
  /** Labels of SECURITY_CATEGORIES this change falls into. */
  readonly securityCategories: readonly string[];
  /** What the resource is (`destination_cidr_block=0.0.0.0/1`), for types in KEY_ATTRIBUTES. */
  readonly keyAttributes: readonly string[];
  /** A resource of a PROTECTED_TYPES type would be destroyed (delete or replace). */
  readonly protectedDestroy: boolean;
}

export interface StackPlan {
  readonly stack: string;
  readonly formatVersion: string;
  readonly terraformVersion?: string;
  readonly counts: Readonly<Record<ChangeKind, number>>;
  /** Data sources Terraform reads during apply. */
  readonly reads: number;
  readonly changes: readonly ResourceChange[];
  /** Resources whose state differs from reality (only when the plan refreshed). */
  readonly driftCount: number;
  readonly outputChanges: readonly { name: string; action: string }[];
  /** Terraform 1.14+ action invocations (not resources; listed for completeness). */
  readonly actionInvocations: readonly string[];
  readonly deferredCount: number;
  /** Terraform wrote the plan although planning failed (`errored`) or stopped early (`complete: false`). */
  readonly incomplete: boolean;
  readonly unknownActions: readonly string[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function primaryAction(actions: readonly string[]): PrimaryAction {
  const key = actions.join(',');
  switch (key) {
    case 'create':
    case 'update':
    case 'delete':
    case 'read':
    case 'no-op':
    case 'forget':
      return key;
    case 'delete,create':
    case 'create,delete':
      return 'replace';
    // Terraform 1.10+: `removed { lifecycle { destroy = false } }` on a replaced object creates the
    // new one and forgets the old one; nothing is destroyed.
    case 'create,forget':
    case 'forget,create':
      return 'forget';
    default:
      return 'unknown';
  }
}

function formatPath(steps: readonly unknown[]): string {
  let out = '';
  for (const step of steps) {
    if (typeof step === 'number') out += `[${step}]`;
    else if (typeof step === 'string' && /^[A-Za-z_][\w-]*$/.test(step)) out += out ? `.${step}` : step;
    else out += `[${JSON.stringify(step)}]`;
  }
  return out;
}

function sensitiveAt(mask: unknown, path: readonly (string | number)[]): boolean {
  let current: unknown = mask;
  for (const step of path) {
    if (current === true) return true;
    if (Array.isArray(current) && typeof step === 'number') current = current[step];
    else if (isObject(current) && typeof step === 'string') current = current[step];
    else return false;
  }
  return current === true;
}

const SHORT_VALUE = 80;
/** Longest rendering of one member of a set of blocks. */
const MEMBER_TEXT = 160;

function renderScalar(value: unknown): string | undefined {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return value.length <= SHORT_VALUE ? JSON.stringify(value) : undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/**
 * Leaf paths where `before` and `after` differ. Arrays and objects are walked; JSON documents
 * held in strings (IAM, bucket and key policies) are compared as documents so that reformatting
 * alone is not reported, and the changed statements show up as paths inside the document.
 */
export function changedAttributes(change: Json): AttributeChange[] {
  const out: AttributeChange[] = [];
  const before = change.before ?? null;
  const after = change.after ?? null;
  const unknown = change.after_unknown ?? {};
  const walk = (b: unknown, a: unknown, path: (string | number)[], unknownMask: unknown): void => {
    if (unknownMask === true) {
      out.push({ path: formatPath(path), before: sensitive(path) ? undefined : renderScalar(b), note: 'known after apply' });
      return;
    }
    const bj = parseJsonDocument(b);
    const aj = parseJsonDocument(a);
    if (bj !== undefined && aj !== undefined) {
      if (!deepEqual(bj, aj)) walkDocument(bj, aj, path, '');
      return;
    }
    if (Array.isArray(b) && Array.isArray(a) && isScalarList(b) && isScalarList(a) && !(Array.isArray(unknownMask) && unknownMask.includes(true)) && !sensitive(path)) {
      if (!deepEqual(b, a)) out.push(scalarListChange(formatPath(path), b, a));
      return;
    }
    if (Array.isArray(b) && Array.isArray(a)) {
      const length = Math.max(a.length, b.length);
      for (let index = 0; index < length; index += 1) walk(b[index], a[index], [...path, index], Array.isArray(unknownMask) ? unknownMask[index] : undefined);
      return;
    }
    if (isObject(b) && isObject(a)) {
      for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) walk(b[key], a[key], [...path, key], isObject(unknownMask) ? unknownMask[key] : undefined);
      return;
    }
    if (deepEqual(b ?? null, a ?? null)) return;
    // Nested blocks added or removed wholesale: report the block, not every leaf.
    if (sensitive(path)) {
      out.push({ path: formatPath(path), note: 'sensitive' });
      return;
    }
    const rb = renderScalar(b);
    const ra = renderScalar(a);
    out.push({ path: formatPath(path), before: rb, after: ra, note: rb === undefined || ra === undefined ? 'long value' : undefined });
  };
  const walkDocument = (b: unknown, a: unknown, path: (string | number)[], inner: string): void => {
    const where = (): string => `${formatPath(path)}{${inner}}`;
    if (b === undefined || a === undefined) {
      out.push({ path: where(), note: b === undefined ? 'added' : 'removed' });
      return;
    }
    if (Array.isArray(b) && Array.isArray(a) && isScalarList(b) && isScalarList(a) && !sensitive(path)) {
      if (!deepEqual(b, a)) out.push(scalarListChange(where(), b, a));
      return;
    }
    if (Array.isArray(b) && Array.isArray(a)) {
      for (let index = 0; index < Math.max(a.length, b.length); index += 1) walkDocument(b[index], a[index], path, `${inner}[${index}]`);
      return;
    }
    if (isObject(b) && isObject(a)) {
      for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) walkDocument(b[key], a[key], path, inner ? `${inner}.${key}` : key);
      return;
    }
    if (deepEqual(b, a)) return;
    if (sensitive(path)) {
      out.push({ path: where(), note: 'sensitive' });
      return;
    }
    const rb = renderScalar(b);
    const ra = renderScalar(a);
    out.push({ path: where(), before: rb, after: ra, note: rb === undefined || ra === undefined ? 'long value' : undefined });
  };
  const sensitive = (path: (string | number)[]): boolean => sensitiveAt(change.before_sensitive, path) || sensitiveAt(change.after_sensitive, path);
  if (!isObject(before) || !isObject(after)) return out;
  walk(before, after, [], unknown);
  // What forces a replacement first, then real changes, then values Terraform learns only at apply.
  const forcing = new Set<string>((Array.isArray(change.replace_paths) ? change.replace_paths : []).map((p: unknown[]) => formatPath(Array.isArray(p) ? p : [p])));
  const rank = (attribute: AttributeChange): number => (attribute.forcesReplacement ? 0 : attribute.note === 'known after apply' ? 2 : 1);
  return out.map((attribute) => (forcing.has(attribute.path) ? { ...attribute, forcesReplacement: true } : attribute)).sort((x, y) => rank(x) - rank(y));
}

function isScalar(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/** Lists of plain values, or of flat objects (set blocks such as prefix-list entries). */
function isScalarList(list: readonly unknown[]): boolean {
  return list.every((item) => isScalar(item) || (isObject(item) && Object.values(item).every(isScalar)));
}

/** Lists of plain values are compared by membership: most are sets, where an index means nothing. */
function scalarListChange(path: string, before: readonly unknown[], after: readonly unknown[]): AttributeChange {
  const show = (item: unknown): string => {
    if (typeof item === 'string') return item;
    if (isObject(item)) {
      const text = Object.entries(item)
        .filter(([, value]) => value !== null && value !== '')
        .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
        .join(', ');
      return text.length <= MEMBER_TEXT ? text : `${text.slice(0, MEMBER_TEXT - 1)}…`;
    }
    return JSON.stringify(item);
  };
  // Members are compared whole (as JSON) and only shortened for display.
  const beforeKeys = new Set(before.map((item) => JSON.stringify(item)));
  const afterKeys = new Set(after.map((item) => JSON.stringify(item)));
  const added = after.filter((item) => !beforeKeys.has(JSON.stringify(item))).map(show);
  const removed = before.filter((item) => !afterKeys.has(JSON.stringify(item))).map(show);
  if (!added.length && !removed.length) return { path, note: 'reordered' };
  return { path, added, removed };
}

function parseJsonDocument(value: unknown): unknown {
  if (typeof value !== 'string' || !/^\s*\{/.test(value)) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => deepEqual(item, b[index]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && deepEqual(a[key], b[key]));
  }
  return false;
}

/** Names by which a resource identifies an IAM role or policy (the role itself, or the role it attaches to). */
function identifyingNames(change: Json): string[] {
  const names = new Set<string>();
  for (const side of [change.before, change.after]) {
    if (!isObject(side)) continue;
    for (const key of ['name', 'role', 'name_prefix']) {
      const value = side[key];
      if (typeof value === 'string') names.add(value);
    }
    const arn = side.policy_arn ?? side.arn;
    if (typeof arn === 'string') {
      const tail = arn.split('/').pop();
      if (tail) names.add(tail);
    }
  }
  return [...names];
}

function emptyCounts(): Record<ChangeKind, number> {
  return { create: 0, update: 0, replace: 0, delete: 0, import: 0, move: 0, forget: 0, 'no-op': 0 };
}

/**
 * Reads one `terraform show -json` document. Throws PlanFormatError when the document is not a
 * plan at all (a state file, a `terraform show -json` of nothing, truncated JSON).
 */
export function parsePlan(plan: unknown, stack: string, options: RoleMatchOptions = {}): StackPlan {
  if (!isObject(plan)) throw new PlanFormatError(`${stack}: not a JSON object`);
  const formatVersion = plan.format_version;
  if (typeof formatVersion !== 'string' || !/^\d+\.\d+$/.test(formatVersion)) throw new PlanFormatError(`${stack}: no format_version; is this the output of terraform show -json <planfile>?`);
  const major = Number(formatVersion.split('.')[0]);
  if (major > 1) throw new PlanFormatError(`${stack}: plan format ${formatVersion} is newer than this tool understands (0.x and 1.x)`);
  const isPlan = 'planned_values' in plan || 'resource_changes' in plan || 'configuration' in plan || 'action_invocations' in plan;
  if (!isPlan) throw new PlanFormatError(`${stack}: this JSON has no planned_values or resource_changes; it looks like a state, not a plan`);
  const rawChanges: unknown = plan.resource_changes ?? [];
  if (!Array.isArray(rawChanges)) throw new PlanFormatError(`${stack}: resource_changes is not a list`);

  const counts = emptyCounts();
  let reads = 0;
  const changes: ResourceChange[] = [];
  const unknownActions: string[] = [];
  for (const raw of rawChanges as Json[]) {
    if (!isObject(raw) || typeof raw.address !== 'string' || !isObject(raw.change) || !Array.isArray(raw.change.actions)) {
      throw new PlanFormatError(`${stack}: a resource change has no address or actions`);
    }
    const change = raw.change as Json;
    const actions: string[] = change.actions;
    const action = primaryAction(actions);
    const mode = raw.mode === 'data' ? 'data' : 'managed';
    const type = typeof raw.type === 'string' ? raw.type : '';
    const imported = isObject(change.importing);
    const previousAddress = typeof raw.previous_address === 'string' && raw.previous_address !== raw.address ? raw.previous_address : undefined;
    if (action === 'read') reads += 1;
    else if (action === 'unknown') unknownActions.push(`${raw.address} (${actions.join(', ')})`);
    else counts[action] += 1;
    if (imported) counts.import += 1;
    if (previousAddress) counts.move += 1;
    const replacePaths = Array.isArray(change.replace_paths) ? (change.replace_paths as unknown[][]).map((path) => formatPath(Array.isArray(path) ? path : [path])) : [];
    const names = identifyingNames(change);
    const securityCategories =
      mode === 'managed' && action !== 'no-op' && action !== 'read' ? SECURITY_CATEGORIES.filter((category) => category.matches({ type, names }, options)).map((category) => category.label) : [];
    changes.push({
      address: raw.address,
      type,
      mode,
      actions,
      action,
      createBeforeDestroy: actions[0] === 'create' && actions.includes('delete'),
      imported,
      previousAddress,
      actionReason: typeof raw.action_reason === 'string' ? raw.action_reason : undefined,
      replacePaths,
      changedAttributes: action === 'update' || action === 'replace' ? changedAttributes(change) : [],
      securityCategories,
      keyAttributes: keyAttributes(type, change, action),
      protectedDestroy: mode === 'managed' && PROTECTED_TYPES.has(type) && (action === 'delete' || action === 'replace'),
    });
  }

  const outputChanges = isObject(plan.output_changes)
    ? Object.entries(plan.output_changes as Record<string, Json>)
        .map(([name, output]) => ({ name, action: Array.isArray(output?.actions) ? primaryAction(output.actions) : 'unknown' }))
        .filter((output) => output.action !== 'no-op')
    : [];
  const actionInvocations = Array.isArray(plan.action_invocations) ? (plan.action_invocations as Json[]).map((invocation) => String(invocation?.address ?? '?')) : [];
  return {
    stack,
    formatVersion,
    terraformVersion: typeof plan.terraform_version === 'string' ? plan.terraform_version : undefined,
    counts,
    reads,
    changes,
    driftCount: Array.isArray(plan.resource_drift) ? plan.resource_drift.length : 0,
    outputChanges,
    actionInvocations,
    deferredCount: Array.isArray(plan.deferred_changes) ? plan.deferred_changes.length : 0,
    incomplete: plan.errored === true || plan.complete === false,
    unknownActions,
  };
}

/** Stack name for a plan file: `network.json`, `network.plan.json` and `plan-network.json` all give `network`. */
export function stackNameFromFile(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base
    .replace(/\.json$/i, '')
    .replace(/\.(tf)?plan$/i, '')
    .replace(/^(tf)?plan[-_.]/i, '');
}

export interface ReportOptions {
  readonly maxChars?: number;
  /** Where reviewers find the full plans (the workflow run's artifacts). */
  readonly artifactsUrl?: string;
  /** The override label is on the pull request: protected destroys are reported but accepted. */
  readonly allowDestroy?: boolean;
  /** Stacks whose `terraform plan` failed, with a short reason; they have no plan to report. */
  readonly failedStacks?: readonly { stack: string; reason: string }[];
  /** Heading of the comment. */
  readonly title?: string;
}

export interface Report {
  readonly markdown: string;
  readonly protectedDestroys: readonly { stack: string; change: ResourceChange }[];
  /** True when the comment had to be shortened to fit. */
  readonly truncated: boolean;
}

const ACTION_WORD: Record<PrimaryAction, string> = {
  create: 'create',
  update: 'update in place',
  replace: 'REPLACE',
  delete: 'DELETE',
  forget: 'forget (stays in AWS, leaves state)',
  'no-op': 'no change',
  read: 'read',
  unknown: 'unrecognised action',
};

function code(text: string): string {
  // Backticks cannot be escaped inside a code span; a plain quote reads the same.
  return `\`${text.replace(/`/g, "'")}\``;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** The address with what the resource is: `aws_ec2_transit_gateway_route.x` [destination_cidr_block=0.0.0.0/1]. */
function describeResource(change: ResourceChange): string {
  return change.keyAttributes.length ? `${code(change.address)} [${change.keyAttributes.map((attribute) => code(attribute)).join(' ')}]` : code(change.address);
}

function describeAction(change: ResourceChange): string {
  let word = ACTION_WORD[change.action];
  if (change.action === 'replace') word += change.createBeforeDestroy ? ' (create before destroy)' : ' (destroy, then create)';
  const flags = [change.imported ? 'import' : '', change.previousAddress ? `moved from ${code(change.previousAddress)}` : ''].filter(Boolean);
  return flags.length ? `${word}; ${flags.join('; ')}` : word;
}

const MAX_LIST_MEMBERS = 10;

function members(items: readonly string[]): string {
  const shown = items.slice(0, MAX_LIST_MEMBERS).map(code).join(', ');
  return items.length > MAX_LIST_MEMBERS ? `${shown} and ${items.length - MAX_LIST_MEMBERS} more` : shown;
}

function describeAttribute(attribute: AttributeChange): string {
  const name = code(attribute.path) + (attribute.forcesReplacement ? ' **(forces replacement)**' : '');
  if (attribute.added || attribute.removed) {
    const parts = [attribute.added?.length ? `added ${members(attribute.added)}` : '', attribute.removed?.length ? `removed ${members(attribute.removed)}` : ''].filter(Boolean);
    return `${name}: ${parts.join('; ')}`;
  }
  if (attribute.note === 'sensitive' || attribute.note === 'known after apply' || attribute.note === 'added' || attribute.note === 'removed' || attribute.note === 'reordered') {
    return `${name} (${attribute.note})`;
  }
  if (attribute.before !== undefined && attribute.after !== undefined) return `${name}: ${code(attribute.before)} → ${code(attribute.after)}`;
  return `${name} (changed)`;
}

function limitList(lines: string[], limit: number, what: string): string[] {
  if (lines.length <= limit) return lines;
  return [...lines.slice(0, limit), `- … and ${lines.length - limit} more ${what} (see the full plans)`];
}

interface Limits {
  readonly warnings: number;
  readonly security: number;
  readonly attributes: number;
}

function warningLines(plans: readonly StackPlan[], limits: Limits): string[] {
  const lines: string[] = [];
  for (const plan of plans) {
    for (const change of plan.changes) {
      if (change.action !== 'delete' && change.action !== 'replace') continue;
      const reason = change.actionReason ? `${code(change.actionReason)}: ${ACTION_REASONS[change.actionReason] ?? 'see Terraform documentation'}` : 'no reason given by Terraform';
      const forcing = change.replacePaths.length ? `; forced by ${change.replacePaths.map(code).join(', ')}` : '';
      const badge = change.protectedDestroy ? '**PROTECTED** ' : '';
      lines.push(`- ${badge}**${plan.stack}** ${describeResource(change)}: ${describeAction(change)}; reason ${reason}${forcing}`);
    }
  }
  return limitList(lines, limits.warnings, 'deletions/replacements');
}

function forgetLines(plans: readonly StackPlan[]): string[] {
  return plans.flatMap((plan) =>
    plan.changes.filter((change) => change.action === 'forget').map((change) => `- **${plan.stack}** ${describeResource(change)}: removed from state but left running in AWS; nothing will manage it any more`),
  );
}

function securityLines(plans: readonly StackPlan[], limits: Limits): string[] {
  const byCategory = new Map<string, string[]>();
  for (const plan of plans) {
    for (const change of plan.changes) {
      for (const category of change.securityCategories) {
        const attributes = change.action === 'update' ? change.changedAttributes.slice(0, 3).map(describeAttribute) : [];
        const more = change.action === 'update' && change.changedAttributes.length > 3 ? ` and ${change.changedAttributes.length - 3} more` : '';
        const detail = attributes.length ? `: ${attributes.join(', ')}${more}` : '';
        const list = byCategory.get(category) ?? [];
        list.push(`- **${plan.stack}** ${describeResource(change)} (${describeAction(change)})${detail}`);
        byCategory.set(category, list);
      }
    }
  }
  const lines: string[] = [];
  for (const category of SECURITY_CATEGORIES) {
    const entries = byCategory.get(category.label);
    if (!entries) continue;
    lines.push(`**${category.label}** (${entries.length})`, '', ...limitList(entries, limits.security, 'changes'), '');
  }
  return lines;
}

function summaryTable(plans: readonly StackPlan[], failed: readonly { stack: string; reason: string }[]): string[] {
  const header = `| stack | ${CHANGE_KINDS.join(' | ')} |`;
  const rule = `|---|${CHANGE_KINDS.map(() => '---:').join('|')}|`;
  const rows = plans.map((plan) => `| ${cell(plan.stack)} | ${CHANGE_KINDS.map((kind) => (plan.counts[kind] && kind !== 'no-op' ? `**${plan.counts[kind]}**` : String(plan.counts[kind]))).join(' | ')} |`);
  const failedRows = failed.map(({ stack }) => `| ${cell(stack)} | ${CHANGE_KINDS.map(() => '—').join(' | ')} |`);
  return [header, rule, ...rows, ...failedRows];
}

function stackDetails(plan: StackPlan, limits: Limits): string {
  // Moves and imports matter even when nothing else about the resource changes.
  const changed = plan.changes.filter((change) => (change.action !== 'no-op' && change.action !== 'read') || change.previousAddress || change.imported);
  const total = changed.length;
  const summary = total === 0 && !plan.incomplete ? `${plan.stack}: no changes` : `${plan.stack}: ${total} resource change${total === 1 ? '' : 's'}`;
  const lines: string[] = [`<details><summary>${summary}</summary>`, ''];
  lines.push(`Plan format ${plan.formatVersion}${plan.terraformVersion ? `, Terraform ${plan.terraformVersion}` : ''}.`);
  if (plan.incomplete) lines.push('', '**The plan is incomplete (planning errored or stopped early): do not approve on this plan.**');
  const extras = [
    plan.reads ? `${plan.reads} data source read(s) at apply` : '',
    plan.driftCount ? `${plan.driftCount} resource(s) drifted outside Terraform` : '',
    plan.deferredCount ? `${plan.deferredCount} deferred change(s)` : '',
    plan.actionInvocations.length ? `action invocations: ${plan.actionInvocations.map(code).join(', ')}` : '',
    plan.outputChanges.length ? `outputs changed: ${plan.outputChanges.map((output) => `${code(output.name)} (${output.action})`).join(', ')}` : '',
  ].filter(Boolean);
  if (extras.length) lines.push('', ...extras.map((extra) => `- ${extra}`));
  if (changed.length) lines.push('');
  for (const change of changed) {
    lines.push(`- ${code(change.address)}: ${describeAction(change)}`);
    const attributes = change.changedAttributes;
    for (const attribute of attributes.slice(0, limits.attributes)) lines.push(`  - ${describeAttribute(attribute)}`);
    if (attributes.length > limits.attributes) lines.push(`  - … and ${attributes.length - limits.attributes} more attribute(s)`);
  }
  if (plan.unknownActions.length) lines.push('', `Unrecognised actions (review the raw plan): ${plan.unknownActions.map(code).join(', ')}`);
  lines.push('', '</details>', '');
  return lines.join('\n');
}

/** Every protected resource that the plans would destroy. */
export function protectedDestroys(plans: readonly StackPlan[]): { stack: string; change: ResourceChange }[] {
  return plans.flatMap((plan) => plan.changes.filter((change) => change.protectedDestroy).map((change) => ({ stack: plan.stack, change })));
}

/**
 * The whole comment. When it would exceed `maxChars`, per-stack details are dropped from the end
 * first, then the lists in the warning sections are shortened; the summary table and the verdict
 * are always kept, with a pointer to the full plans.
 */
export function renderReport(plans: readonly StackPlan[], options: ReportOptions = {}): Report {
  const maxChars = options.maxChars ?? GITHUB_COMMENT_LIMIT;
  const failed = options.failedStacks ?? [];
  const destroys = protectedDestroys(plans);
  const where = options.artifactsUrl ? `[the plan artifacts of this run](${options.artifactsUrl})` : 'the plan artifacts of this workflow run';
  const cutNotice = `> **This comment was shortened to fit GitHub's limit.** The full plans are in ${where}.`;

  const head = (limits: Limits): string[] => {
    const lines = [REPORT_MARKER, `## ${options.title ?? 'Terraform plan'}`, ''];
    if (destroys.length) {
      lines.push(
        options.allowDestroy
          ? `> **${destroys.length} protected resource(s) would be destroyed. The override label is present, so this plan is allowed: reviewers, confirm that this is intended.**`
          : `> **${destroys.length} protected resource(s) would be destroyed. This check fails until the change is reworked or a maintainer adds the override label.**`,
        '',
      );
    }
    if (failed.length) {
      lines.push(`> **Planning failed for ${failed.map((entry) => code(entry.stack)).join(', ')}: nothing below covers ${failed.length === 1 ? 'that stack' : 'those stacks'}.**`, '');
      for (const entry of failed) lines.push(`- ${code(entry.stack)}: ${entry.reason}`);
      lines.push('');
    }
    lines.push(...summaryTable(plans, failed), '');
    const warnings = warningLines(plans, limits);
    if (warnings.length) lines.push('### Deletions and replacements', '', ...warnings, '');
    const forgets = forgetLines(plans);
    if (forgets.length) lines.push('### Removed from state (forget)', '', ...limitList(forgets, limits.warnings, 'forgotten resources'), '');
    const security = securityLines(plans, limits);
    if (security.length) lines.push('### Needs security review', '', ...security);
    return lines;
  };

  const footer = `Full plans: ${where}.`;
  const attempts: Limits[] = [
    { warnings: Infinity, security: Infinity, attributes: 25 },
    { warnings: 200, security: 50, attributes: 10 },
    { warnings: 50, security: 15, attributes: 5 },
    { warnings: 10, security: 5, attributes: 3 },
  ];
  for (const limits of attempts) {
    const headText = head(limits).join('\n');
    const details = plans.map((plan) => stackDetails(plan, limits));
    const full = [headText, '### Per-stack details', '', ...details, footer].join('\n');
    if (full.length <= maxChars) return { markdown: full, protectedDestroys: destroys, truncated: false };
    // Keep as many per-stack details as fit, in stack order, and say what was left out.
    const budget = maxChars - headText.length - cutNotice.length - footer.length - 200;
    if (budget < 0) continue;
    const kept: string[] = [];
    let used = 0;
    for (const detail of details) {
      if (used + detail.length > budget) break;
      kept.push(detail);
      used += detail.length;
    }
    const omitted = plans.slice(kept.length).map((plan) => plan.stack);
    const omittedLine = omitted.length ? `Details omitted for: ${omitted.map(code).join(', ')}.\n` : '';
    const markdown = [headText, cutNotice, '', '### Per-stack details', '', ...kept, omittedLine, footer].join('\n');
    if (markdown.length <= maxChars) return { markdown, protectedDestroys: destroys, truncated: true };
  }
  // Even the shortest form is too long (a tiny --max-chars): keep whole lines from the top.
  const minimal = head(attempts[attempts.length - 1]).join('\n');
  const room = maxChars - cutNotice.length - 1;
  let cut = minimal.slice(0, Math.max(0, room));
  cut = cut.slice(0, Math.max(0, cut.lastIndexOf('\n')));
  const markdown = `${cut}\n${cutNotice}`.slice(0, maxChars);
  return { markdown, protectedDestroys: destroys, truncated: true };
}
