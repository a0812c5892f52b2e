// What changed in one resource, as the report shows it: attribute paths with short before/after
// values (sensitive ones never read), policy documents compared as JSON, and the key attributes
// shown beside an address.
import type { PrimaryAction } from './categories';
import type { AttributeChange } from './parse';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function formatPath(steps: readonly unknown[]): string {
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
    if (
      Array.isArray(b) &&
      Array.isArray(a) &&
      isScalarList(b) &&
      isScalarList(a) &&
      !(Array.isArray(unknownMask) && unknownMask.includes(true)) &&
      !sensitive(path)
    ) {
      if (!deepEqual(b, a)) out.push(scalarListChange(formatPath(path), b, a));
      return;
    }
    if (Array.isArray(b) && Array.isArray(a)) {
      const length = Math.max(a.length, b.length);
      for (let index = 0; index < length; index += 1)
        walk(b[index], a[index], [...path, index], Array.isArray(unknownMask) ? unknownMask[index] : undefined);
      return;
    }
    if (isObject(b) && isObject(a)) {
      for (const key of new Set([...Object.keys(b), ...Object.keys(a)]))
        walk(b[key], a[key], [...path, key], isObject(unknownMask) ? unknownMask[key] : undefined);
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
      for (const key of new Set([...Object.keys(b), ...Object.keys(a)]))
        walkDocument(b[key], a[key], path, inner ? `${inner}.${key}` : key);
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
  const sensitive = (path: (string | number)[]): boolean =>
    sensitiveAt(change.before_sensitive, path) || sensitiveAt(change.after_sensitive, path);
  if (!isObject(before) || !isObject(after)) return out;
  walk(before, after, [], unknown);
  // What forces a replacement first, then real changes, then values Terraform learns only at apply.
  const forcing = new Set<string>(
    (Array.isArray(change.replace_paths) ? change.replace_paths : []).map((p: unknown[]) => formatPath(Array.isArray(p) ? p : [p])),
  );
  const rank = (attribute: AttributeChange): number => (attribute.forcesReplacement ? 0 : attribute.note === 'known after apply' ? 2 : 1);
  return out
    .map((attribute) => (forcing.has(attribute.path) ? { ...attribute, forcesReplacement: true } : attribute))
    .sort((x, y) => rank(x) - rank(y));
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

export function keyAttributes(type: string, change: Json, action: PrimaryAction): string[] {
  const names = KEY_ATTRIBUTES[type];
  if (!names) return [];
  const source = action === 'delete' || action === 'forget' ? change.before : change.after;
  if (!isObject(source)) return [];
  const out: string[] = [];
  for (const name of names) {
    const value = source[name];
    if (
      value === null ||
      value === undefined ||
      value === false ||
      sensitiveAt(change.after_sensitive, [name]) ||
      sensitiveAt(change.before_sensitive, [name])
    )
      continue;
    const text = Array.isArray(value) ? value.join(' ') : typeof value === 'object' ? '' : String(value);
    if (text && text.length <= SHORT_VALUE) out.push(value === true ? name : `${name}=${text}`);
  }
  return out;
}
