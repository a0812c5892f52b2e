// Reading `terraform show -json` plans of every format (0.1 to 1.2) into stack plans: actions,
// changed attributes (sensitive values never read), security categories and protected destroys.
import { PROTECTED_TYPES } from '../../../lib/protection';
import { type ChangeKind, type PrimaryAction, type RoleMatchOptions, SECURITY_CATEGORIES } from './categories';
import { changedAttributes, formatPath, isObject, keyAttributes } from './attributes';

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
  if (typeof formatVersion !== 'string' || !/^\d+\.\d+$/.test(formatVersion))
    throw new PlanFormatError(`${stack}: no format_version; is this the output of terraform show -json <planfile>?`);
  const major = Number(formatVersion.split('.')[0]);
  if (major > 1) throw new PlanFormatError(`${stack}: plan format ${formatVersion} is newer than this tool understands (0.x and 1.x)`);
  const isPlan = 'planned_values' in plan || 'resource_changes' in plan || 'configuration' in plan || 'action_invocations' in plan;
  if (!isPlan)
    throw new PlanFormatError(`${stack}: this JSON has no planned_values or resource_changes; it looks like a state, not a plan`);
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
    const previousAddress =
      typeof raw.previous_address === 'string' && raw.previous_address !== raw.address ? raw.previous_address : undefined;
    if (action === 'read') reads += 1;
    else if (action === 'unknown') unknownActions.push(`${raw.address} (${actions.join(', ')})`);
    else counts[action] += 1;
    if (imported) counts.import += 1;
    if (previousAddress) counts.move += 1;
    const replacePaths = Array.isArray(change.replace_paths)
      ? (change.replace_paths as unknown[][]).map((path) => formatPath(Array.isArray(path) ? path : [path]))
      : [];
    const names = identifyingNames(change);
    const securityCategories =
      mode === 'managed' && action !== 'no-op' && action !== 'read'
        ? SECURITY_CATEGORIES.filter((category) => category.matches({ type, names }, options)).map((category) => category.label)
        : [];
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
  const actionInvocations = Array.isArray(plan.action_invocations)
    ? (plan.action_invocations as Json[]).map((invocation) => String(invocation?.address ?? '?'))
    : [];
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
