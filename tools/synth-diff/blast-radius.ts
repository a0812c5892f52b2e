// The blast radius of a configuration change: compares every stack's synthesized Terraform JSON
// before and after, and names the stacks and the Terraform addresses that differ. Used by the tests
// that prove a vend touches only the stacks it should, and usable for a plan-comment summary.
import { isDeepStrictEqual } from 'node:util';

import type { TerraformJson } from '../synth/output';
import { compareAddressable } from './synth-diff';

export interface StackDifference {
  readonly stack: string;
  /** Terraform addresses, such as aws_organizations_account.account-x or output.y or data.z.w. */
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly string[];
}

export interface BlastRadius {
  readonly addedStacks: readonly string[];
  readonly removedStacks: readonly string[];
  /** Stacks present before and after whose Terraform JSON differs. */
  readonly changedStacks: readonly StackDifference[];
  readonly unchangedStacks: number;
}

/** The addresses that differ between two versions of one stack (the same comparison as `lz diff`). */
export function compareStack(stack: string, before: TerraformJson, after: TerraformJson): StackDifference {
  return { stack, ...compareAddressable(before, after) };
}

export function blastRadius(before: ReadonlyMap<string, TerraformJson>, after: ReadonlyMap<string, TerraformJson>): BlastRadius {
  const addedStacks = [...after.keys()].filter((name) => !before.has(name)).sort();
  const removedStacks = [...before.keys()].filter((name) => !after.has(name)).sort();
  const changedStacks: StackDifference[] = [];
  let unchangedStacks = 0;
  for (const [name, old] of before) {
    const now = after.get(name);
    if (now === undefined) continue;
    // Whole-stack deep compare first: any difference at all, metadata included, is looked at.
    if (isDeepStrictEqual(old, now)) {
      unchangedStacks += 1;
      continue;
    }
    changedStacks.push(compareStack(name, old, now));
  }
  changedStacks.sort((a, b) => a.stack.localeCompare(b.stack));
  return { addedStacks, removedStacks, changedStacks, unchangedStacks };
}
