// Rendering stack plans into one Markdown pull-request comment within GitHub's size limit.
import { ACTION_REASONS, CHANGE_KINDS, GITHUB_COMMENT_LIMIT, type PrimaryAction, REPORT_MARKER, SECURITY_CATEGORIES } from './categories';
import type { AttributeChange, ResourceChange, StackPlan } from './parse';

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
  return change.keyAttributes.length
    ? `${code(change.address)} [${change.keyAttributes.map((attribute) => code(attribute)).join(' ')}]`
    : code(change.address);
}

function describeAction(change: ResourceChange): string {
  let word = ACTION_WORD[change.action];
  if (change.action === 'replace') word += change.createBeforeDestroy ? ' (create before destroy)' : ' (destroy, then create)';
  const flags = [change.imported ? 'import' : '', change.previousAddress ? `moved from ${code(change.previousAddress)}` : ''].filter(
    Boolean,
  );
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
    const parts = [
      attribute.added?.length ? `added ${members(attribute.added)}` : '',
      attribute.removed?.length ? `removed ${members(attribute.removed)}` : '',
    ].filter(Boolean);
    return `${name}: ${parts.join('; ')}`;
  }
  if (
    attribute.note === 'sensitive' ||
    attribute.note === 'known after apply' ||
    attribute.note === 'added' ||
    attribute.note === 'removed' ||
    attribute.note === 'reordered'
  ) {
    return `${name} (${attribute.note})`;
  }
  if (attribute.before !== undefined && attribute.after !== undefined)
    return `${name}: ${code(attribute.before)} → ${code(attribute.after)}`;
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
      const reason = change.actionReason
        ? `${code(change.actionReason)}: ${ACTION_REASONS[change.actionReason] ?? 'see Terraform documentation'}`
        : 'no reason given by Terraform';
      const forcing = change.replacePaths.length ? `; forced by ${change.replacePaths.map(code).join(', ')}` : '';
      const badge = change.protectedDestroy ? '**PROTECTED** ' : '';
      lines.push(`- ${badge}**${plan.stack}** ${describeResource(change)}: ${describeAction(change)}; reason ${reason}${forcing}`);
    }
  }
  return limitList(lines, limits.warnings, 'deletions/replacements');
}

function forgetLines(plans: readonly StackPlan[]): string[] {
  return plans.flatMap((plan) =>
    plan.changes
      .filter((change) => change.action === 'forget')
      .map(
        (change) =>
          `- **${plan.stack}** ${describeResource(change)}: removed from state but left running in AWS; nothing will manage it any more`,
      ),
  );
}

/**
 * Risk order of the security review: a protected destroy first, then deletions and replacements,
 * updates, imports and moves, and creations last (new things add, they do not weaken).
 */
export function securityRisk(change: ResourceChange): number {
  if (change.protectedDestroy) return 0;
  switch (change.action) {
    case 'delete':
      return 1;
    case 'replace':
      return 2;
    case 'forget':
      return 3;
    case 'update':
      return 4;
    case 'create':
      return change.imported ? 5 : 6;
    default:
      return 7;
  }
}

/** Guardrail documents: their whole change is shown, never shortened (the plan comment is the review). */
const FULL_DIFF_TYPES = new Set(['aws_organizations_policy']);

function securityLines(plans: readonly StackPlan[], limits: Limits): string[] {
  const byCategory = new Map<string, { risk: number; order: number; lines: string[] }[]>();
  let order = 0;
  for (const plan of plans) {
    for (const change of plan.changes) {
      for (const category of change.securityCategories) {
        const full = FULL_DIFF_TYPES.has(change.type) && change.action === 'update';
        const shown = full ? change.changedAttributes : change.changedAttributes.slice(0, 3);
        const attributes = change.action === 'update' && !full ? shown.map(describeAttribute) : [];
        const more =
          change.action === 'update' && !full && change.changedAttributes.length > 3
            ? ` and ${change.changedAttributes.length - 3} more`
            : '';
        const detail = attributes.length ? `: ${attributes.join(', ')}${more}` : '';
        const lines = [`- **${plan.stack}** ${describeResource(change)} (${describeAction(change)})${detail}`];
        // A guardrail's every changed statement, one per line: a cut-off policy diff hides exactly
        // the statement a reviewer needs to see.
        if (full) lines.push(...shown.map((attribute) => `  - ${describeAttribute(attribute)}`));
        const list = byCategory.get(category) ?? [];
        list.push({ risk: securityRisk(change), order: (order += 1), lines });
        byCategory.set(category, list);
      }
    }
  }
  const lines: string[] = [];
  for (const category of SECURITY_CATEGORIES) {
    const entries = byCategory.get(category.label);
    if (!entries) continue;
    entries.sort((a, b) => a.risk - b.risk || a.order - b.order);
    // Guardrail entries are never dropped; other categories are shortened when the comment is too long.
    const isGuardrail = category.label === SECURITY_CATEGORIES[0].label;
    const kept = limitList(
      entries.map((entry) => entry.lines.join('\n')),
      isGuardrail ? Infinity : limits.security,
      'changes',
    );
    lines.push(`**${category.label}** (${entries.length})`, '', ...kept, '');
  }
  return lines;
}

function summaryTable(plans: readonly StackPlan[], failed: readonly { stack: string; reason: string }[]): string[] {
  const header = `| stack | ${CHANGE_KINDS.join(' | ')} |`;
  const rule = `|---|${CHANGE_KINDS.map(() => '---:').join('|')}|`;
  const rows = plans.map(
    (plan) =>
      `| ${cell(plan.stack)} | ${CHANGE_KINDS.map((kind) => (plan.counts[kind] && kind !== 'no-op' ? `**${plan.counts[kind]}**` : String(plan.counts[kind]))).join(' | ')} |`,
  );
  const failedRows = failed.map(({ stack }) => `| ${cell(stack)} | ${CHANGE_KINDS.map(() => '—').join(' | ')} |`);
  return [header, rule, ...rows, ...failedRows];
}

function stackDetails(plan: StackPlan, limits: Limits): string {
  // Moves and imports matter even when nothing else about the resource changes.
  const changed = plan.changes.filter(
    (change) => (change.action !== 'no-op' && change.action !== 'read') || change.previousAddress || change.imported,
  );
  const total = changed.length;
  const summary =
    total === 0 && !plan.incomplete ? `${plan.stack}: no changes` : `${plan.stack}: ${total} resource change${total === 1 ? '' : 's'}`;
  const lines: string[] = [`<details><summary>${summary}</summary>`, ''];
  lines.push(`Plan format ${plan.formatVersion}${plan.terraformVersion ? `, Terraform ${plan.terraformVersion}` : ''}.`);
  if (plan.incomplete) lines.push('', '**The plan is incomplete (planning errored or stopped early): do not approve on this plan.**');
  const extras = [
    plan.reads ? `${plan.reads} data source read(s) at apply` : '',
    plan.driftCount ? `${plan.driftCount} resource(s) drifted outside Terraform` : '',
    plan.deferredCount ? `${plan.deferredCount} deferred change(s)` : '',
    plan.actionInvocations.length ? `action invocations: ${plan.actionInvocations.map(code).join(', ')}` : '',
    plan.outputChanges.length
      ? `outputs changed: ${plan.outputChanges.map((output) => `${code(output.name)} (${output.action})`).join(', ')}`
      : '',
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
  const where = options.artifactsUrl
    ? `[the plan artifacts of this run](${options.artifactsUrl})`
    : 'the plan artifacts of this workflow run';
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
      lines.push(
        `> **Planning failed for ${failed.map((entry) => code(entry.stack)).join(', ')}: nothing below covers ${failed.length === 1 ? 'that stack' : 'those stacks'}.**`,
        '',
      );
      for (const entry of failed) lines.push(`- ${code(entry.stack)}: ${entry.reason}`);
      lines.push('');
    }
    lines.push(...summaryTable(plans, failed), '');
    const warnings = warningLines(plans, limits);
    if (warnings.length) lines.push('### Deletions and replacements', '', ...warnings, '');
    const forgets = forgetLines(plans);
    if (forgets.length)
      lines.push('### Removed from state (forget)', '', ...limitList(forgets, limits.warnings, 'forgotten resources'), '');
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
