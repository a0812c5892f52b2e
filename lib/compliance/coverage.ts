// Which catalogue entries contribute to which framework item: the join behind every evidence matrix
// and the coverage test (every NDG standard, CAF principle and NCSC principle has an entry).
import { FRAMEWORKS, type FrameworkId, type FrameworkItem, cafPrincipleOf } from './frameworks';
import type { Control, ControlStatus } from './types';

/** The item IDs of one framework an entry refers to (CAF outcomes rolled up to their principle). */
export function itemsReferenced(control: Control, framework: FrameworkId): string[] {
  const refs = control.refs;
  switch (framework) {
    case 'ndg':
      return [...(refs.ndg ?? [])];
    case 'ncsc-csp':
      return [...(refs.ncsc ?? [])];
    case 'gxp':
      return [...(refs.annex11 ?? [])];
    case 'caf':
      return [...new Set((refs.caf ?? []).map(cafPrincipleOf))];
    case 'dspt':
      return [...new Set([...(refs.caf ?? []).map(cafPrincipleOf), ...(refs.dsptE ?? [])])];
  }
}

/** The contributing outcomes an entry names under one principle (`C1` -> `C1.a, C1.b`), for display. */
export function outcomesUnder(control: Control, principle: string): string[] {
  return (control.refs.caf ?? []).filter((outcome) => cafPrincipleOf(outcome) === principle && outcome !== principle);
}

export interface ItemCoverage {
  readonly item: FrameworkItem;
  readonly controls: readonly Control[];
}

export function coverage(framework: FrameworkId, controls: readonly Control[]): ItemCoverage[] {
  return FRAMEWORKS[framework].items.map((item) => ({
    item,
    controls: controls.filter((control) => itemsReferenced(control, framework).includes(item.id)),
  }));
}

/**
 * The status an assessor should read for an item: provided when some entry provides it and none is
 * only partial, partial when any contributing entry is partial or it mixes provided with customer
 * work, customer when only the trust's entries contribute.
 */
export function itemStatus(controls: readonly Control[]): ControlStatus | 'not covered' {
  if (controls.length === 0) return 'not covered';
  const statuses = new Set(controls.map((control) => control.status));
  if (statuses.size === 1) return [...statuses][0];
  return 'partial';
}

export const STATUSES: readonly ControlStatus[] = ['provided', 'partial', 'customer'];

export function statusCounts(controls: readonly Control[]): Record<ControlStatus, number> {
  const counts: Record<ControlStatus, number> = { provided: 0, partial: 0, customer: 0 };
  for (const control of controls) counts[control.status] += 1;
  return counts;
}
