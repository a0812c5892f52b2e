// The blast radius of a configuration change: compares every stack's synthesized Terraform JSON
// before and after, and names the stacks and the Terraform addresses that differ. Used by the tests
// that prove a vend touches only the stacks it should, and usable for a plan-comment summary.
import { isDeepStrictEqual } from 'node:util';

import type { TerraformJson } from '../synth/output';

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

/** Every addressable block of a stack: resource.T.N -> T.N, data.T.N, output.N, and the other top-level blocks. */
function addressable(stack: TerraformJson): Map<string, unknown> {
  const blocks = new Map<string, unknown>();
  for (const [section, body] of Object.entries(stack)) {
    if (section === '//') continue; // cdktf metadata (construct paths, backtraces): not Terraform
    if ((section === 'resource' || section === 'data') && body && typeof body === 'object') {
      for (const [type, byName] of Object.entries(body as Record<string, Record<string, unknown>>)) {
        for (const [name, value] of Object.entries(byName)) {
          blocks.set(`${section === 'data' ? 'data.' : ''}${type}.${name}`, withoutMetadata(value));
        }
      }
    } else if ((section === 'output' || section === 'variable' || section === 'locals' || section === 'module') && body && typeof body === 'object') {
      for (const [name, value] of Object.entries(body as Record<string, unknown>)) blocks.set(`${section}.${name}`, value);
    } else {
      blocks.set(section, body);
    }
  }
  return blocks;
}

function withoutMetadata(value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value) && '//' in value) {
    return Object.fromEntries(Object.entries(value).filter(([key]) => key !== '//'));
  }
  return value;
}

export function compareStack(stack: string, before: TerraformJson, after: TerraformJson): StackDifference {
  const old = addressable(before);
  const now = addressable(after);
  const added = [...now.keys()].filter((key) => !old.has(key)).sort();
  const removed = [...old.keys()].filter((key) => !now.has(key)).sort();
  const changed = [...now.keys()].filter((key) => old.has(key) && !isDeepStrictEqual(old.get(key), now.get(key))).sort();
  return { stack, added, removed, changed };
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
