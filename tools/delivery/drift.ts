// What the scheduled drift detection reports: from the (redacted) plans of every stack on main,
// the stacks whose plan has changes and, per stack, the resources Terraform found changed outside
// Terraform (resource_drift) and the changes a deploy would make (resource_changes). main is what
// was deployed, so on a healthy estate both are empty.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export interface DriftedStack {
  readonly stack: string;
  /** Resources changed outside Terraform: address and the attributes that differ. */
  readonly drifted: readonly { readonly address: string; readonly actions: readonly string[] }[];
  /** Changes the next apply would make (to undo the drift, or code merged but not yet applied). */
  readonly planned: readonly { readonly address: string; readonly actions: readonly string[] }[];
}

const changed = (change: Json) => {
  const actions: string[] = change?.change?.actions ?? [];
  return !(actions.length === 1 && (actions[0] === 'no-op' || actions[0] === 'read'));
};

export function driftOf(stack: string, plan: Json): DriftedStack {
  const pick = (list: Json[] | undefined) =>
    (list ?? []).filter(changed).map((change) => ({ address: change.address as string, actions: change.change.actions as string[] }));
  return { stack, drifted: pick(plan?.resource_drift), planned: pick(plan?.resource_changes) };
}

/** Markdown for the drift issue; undefined when nothing drifted and nothing failed (stay quiet). */
export function renderDriftReport(
  stacks: readonly DriftedStack[],
  failed: readonly { stack: string; reason: string }[],
  runUrl?: string,
): string | undefined {
  const drifted = stacks.filter((entry) => entry.drifted.length || entry.planned.length);
  if (!drifted.length && !failed.length) return undefined;
  const lines = ['## Drift: the estate differs from main', ''];
  lines.push(
    `${drifted.length} stack(s) with changes, ${failed.length} stack(s) could not be planned${runUrl ? ` ([run](${runUrl}))` : ''}.`,
    '',
  );
  lines.push('Drift on a guardrail, trail, recorder or key is a security incident (docs/delivery.md, Drift).', '');
  for (const entry of drifted) {
    lines.push(`### ${entry.stack}`, '');
    for (const change of entry.drifted) lines.push(`- changed outside Terraform: \`${change.address}\` (${change.actions.join(', ')})`);
    for (const change of entry.planned) lines.push(`- the next apply would ${change.actions.join(' and ')} \`${change.address}\``);
    lines.push('');
  }
  if (failed.length) {
    lines.push('### Could not be planned', '');
    for (const { stack, reason } of failed) lines.push(`- ${stack}: ${reason}`);
    lines.push('');
  }
  return lines.join('\n');
}
