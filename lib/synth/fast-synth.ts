// Synthesizes each stack with one token-resolution pass over its elements instead of three.
//
// Why: cdktf 0.21.0's App.synth() first runs `prepareStack()` on every stack, which resolves every
// element's `toTerraform()` (with `preparing: true`, the pass that discovers cross-stack references
// and adds their outputs and remote-state data sources). Then each stack's `toTerraform()` resolves
// every element again, deep-merges the results and resolves the whole merged document a third time.
// On a 1,000-account estate those passes are about 60 % of synth CPU, and the third one also
// allocates a copy of every stack document (issue 18).
//
// How: `TerraformStack.prototype.prepareStack` and `.toTerraform` are replaced by the functions
// below, which do what cdktf's do (the same element walk, the same resolve calls, the same merge
// order) with two differences that leave the output unchanged:
// - The fragment an element resolves to in the prepare pass is kept and used by `toTerraform()`
//   instead of resolving the element again, when nothing can have changed it in between: the
//   element existed when its stack was prepared, and no Aspect is registered on the stack, its
//   constructs or the app (Aspects run between the passes and may change elements). Elements made after their stack's
//   prepare (cross-stack outputs added by a later stack, remote-state data sources) are resolved
//   as cdktf does. Each kept fragment is dropped once its stack is synthesized.
// - The final resolve of the merged document is skipped when the stack's raw overrides
//   (`addOverride` on the stack) contain no token: every fragment is already resolved, resolving
//   plain JSON returns an equal copy, so the final pass could only change what the overrides bring.
//   With a token in the overrides cdktf's own final resolve runs.
// The replacement is applied only when the installed cdktf is the version it was written against
// AND cdktf/lib/terraform-stack.js (whose private element walk this copies) has exactly the expected
// SHA-256; anything else throws, patching nothing. LZ_FRAMEWORK_SYNTH=1 synthesizes with cdktf's own
// passes (main.ts then skips it). test/lib/synth/fast-synth.test.ts proves the output byte-identical.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { Aspects, TerraformElement, TerraformOutput, TerraformStack, Token, Tokenization } from 'cdktf';
import type { IConstruct } from 'constructs';
import { EXPECTED_CDKTF_VERSION, installedCdktfVersion } from './fast-tokens';

/** SHA-256 of cdktf/lib/terraform-stack.js in cdktf 0.21.0: prepareStack, toTerraform and the element walk they use. */
export const EXPECTED_STACK_SOURCE_SHA256 = 'cb4d04ed1dd586e9cf395b2f903453bea35e8a13b4f9c5872c1049d090e00bc2';

/** The module whose TerraformStack methods this replaces. */
export const TERRAFORM_STACK_MODULE = 'cdktf/lib/terraform-stack.js';

type Json = Record<string, unknown>;
type Resolve = (scope: IConstruct, obj: unknown, preparing?: boolean) => unknown;
type DeepMerge = (target: unknown, ...sources: unknown[]) => unknown;

// cdktf's own resolve (the one its stacks call) and deepMerge; not in the package's public exports.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { resolve } = require('cdktf/lib/_tokens') as { resolve: Resolve };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { deepMerge } = require('cdktf/lib/util') as { deepMerge: DeepMerge };

/** The TerraformStack members this override reads and writes. */
interface StackInternals {
  readonly node: TerraformStack['node'];
  readonly rawOverrides: Json;
  readonly cdktfVersion: string;
  ensureBackendExists(): unknown;
}

/** Fragments resolved in the prepare pass, by stack and element; emptied as each stack is synthesized. */
const preparedFragments = new WeakMap<TerraformStack, Map<TerraformElement, unknown>>();

/** cdktf's terraformElements(): the stack's elements, depth first, not descending into nested stacks. */
function terraformElements(node: IConstruct, into: TerraformElement[] = []): TerraformElement[] {
  if (TerraformElement.isTerraformElement(node)) into.push(node);
  for (const child of node.node.children) {
    if (TerraformStack.isStack(child)) continue;
    terraformElements(child, into);
  }
  return into;
}

/**
 * Whether an Aspect can visit the stack's elements: one registered on the stack, any construct in
 * it (not descending into nested stacks, like the element walk) or any scope above it (the app).
 * invokeAspects() runs between the two passes and may change elements.
 */
function aspectsReach(stack: TerraformStack): boolean {
  const registered = (construct: IConstruct): boolean => Aspects.of(construct).all.length > 0;
  const inTree = (construct: IConstruct): boolean =>
    registered(construct) || construct.node.children.some((child) => !TerraformStack.isStack(child) && inTree(child));
  return stack.node.scopes.some(registered) || inTree(stack);
}

/**
 * Whether resolving `value` could give anything but an equal copy: it holds a token (a resolvable
 * object, or a string, number or key encoding one), a function, a non-plain object, or an undefined
 * array element (resolve drops those; JSON serialization would write null).
 */
function needsResolve(value: unknown): boolean {
  if (value === null || value === undefined || typeof value === 'boolean') return false;
  if (typeof value === 'string' || typeof value === 'number') return Token.isUnresolved(value);
  if (typeof value !== 'object') return true;
  if (Tokenization.isResolvable(value)) return true;
  if (Array.isArray(value)) return value.some((element) => element === undefined || needsResolve(element));
  if (Object.getPrototypeOf(value) !== Object.prototype) return true;
  return Object.entries(value).some(([key, inner]) => Token.isUnresolved(key) || needsResolve(inner));
}

/** cdktf's prepareStack(), keeping each element's resolved fragment for toTerraform(). */
function prepareStack(this: TerraformStack): void {
  const stack = this as unknown as StackInternals;
  stack.ensureBackendExists();
  // With HCL output (SYNTH_HCL_OUTPUT, `cdktf synth --hcl`) cdktf writes toHclTerraform(), which
  // resolves the elements itself: nothing would use the fragments.
  const hclOutput = (this.synthesizer as unknown as { hclOutput?: boolean }).hclOutput === true;
  const keep = !hclOutput && !aspectsReach(this);
  const fragments = new Map<TerraformElement, unknown>();
  for (const element of terraformElements(this)) {
    const fragment = resolve(this, element.toTerraform(), true);
    if (keep) fragments.set(element, fragment);
  }
  if (keep) preparedFragments.set(this, fragments);
}

/** cdktf's toTerraform(): the same document, from the kept fragments and without the redundant final resolve. */
function toTerraform(this: TerraformStack): unknown {
  const stack = this as unknown as StackInternals;
  const kept = preparedFragments.get(this);
  preparedFragments.delete(this);
  const tf: Json = {};
  const metadata: Json = {
    version: stack.cdktfVersion,
    stackName: this.node.id,
    backend: 'local',
    cloud: undefined,
    ...(Object.keys(stack.rawOverrides).length > 0 ? { overrides: { stack: Object.keys(stack.rawOverrides) } } : {}),
  };
  const elements = terraformElements(this);
  for (const element of elements) deepMerge(metadata, resolve(this, element.toMetadata()));
  const outputs = elements.reduce<Json>((carry, item) => {
    if (!TerraformOutput.isTerraformOutput(item)) return carry;
    deepMerge(
      carry,
      item.node.path.split('/').reduceRight<Json>((innerCarry, part) => {
        if (Object.keys(innerCarry).length === 0) return { [part]: item.friendlyUniqueId };
        return { [part]: innerCarry };
      }, {}),
    );
    return carry;
  }, {});
  tf['//'] = { metadata, outputs };
  const fragments = elements.map((element) => (kept?.has(element) ? kept.get(element) : resolve(this, element.toTerraform())));
  kept?.clear();
  for (const fragment of fragments) deepMerge(tf, fragment);
  if (needsResolve(stack.rawOverrides)) {
    deepMerge(tf, stack.rawOverrides);
    return resolve(this, tf);
  }
  // The fragments and metadata are resolved and the overrides are plain values, so cdktf's final
  // resolve(tf) would return an equal copy of tf, less its undefined members (which JSON
  // serialization leaves out as well).
  deepMerge(tf, stack.rawOverrides);
  return tf;
}

/** SHA-256 (hex) of the installed cdktf/lib/terraform-stack.js. */
export function terraformStackSourceSha256(): string {
  return createHash('sha256')
    .update(fs.readFileSync(require.resolve(TERRAFORM_STACK_MODULE)))
    .digest('hex');
}

interface StackPrototype {
  prepareStack: () => void;
  toTerraform: () => unknown;
}

/**
 * Replaces TerraformStack's prepareStack and toTerraform with the single-pass versions above and
 * returns a function that puts cdktf's back. Idempotent. Throws, patching nothing, when the cdktf
 * version or the source of cdktf/lib/terraform-stack.js is not the one expected.
 */
export function enableSinglePassSynth(
  cdktfVersion: string = installedCdktfVersion(),
  stackSourceSha256: string = terraformStackSourceSha256(),
): () => void {
  const prototype = TerraformStack.prototype as unknown as StackPrototype;
  if (prototype.toTerraform === toTerraform) return () => undefined;
  if (cdktfVersion !== EXPECTED_CDKTF_VERSION) {
    throw new Error(
      `lib/synth/fast-synth.ts: cdktf ${cdktfVersion} is installed but the single-pass stack synth was checked against cdktf ${EXPECTED_CDKTF_VERSION}. ` +
        `Re-check ${TERRAFORM_STACK_MODULE} (prepareStack, toTerraform), then update the expected version and EXPECTED_STACK_SOURCE_SHA256 ` +
        "(or set LZ_FRAMEWORK_SYNTH=1 to synthesize with cdktf's own passes).",
    );
  }
  if (stackSourceSha256 !== EXPECTED_STACK_SOURCE_SHA256) {
    throw new Error(
      `lib/synth/fast-synth.ts: ${TERRAFORM_STACK_MODULE} is not the source this override was checked against ` +
        `(SHA-256 ${stackSourceSha256}, expected ${EXPECTED_STACK_SOURCE_SHA256}). Nothing was patched.`,
    );
  }
  const original = { prepareStack: prototype.prepareStack, toTerraform: prototype.toTerraform };
  prototype.prepareStack = prepareStack;
  prototype.toTerraform = toTerraform;
  return () => {
    prototype.prepareStack = original.prepareStack;
    prototype.toTerraform = original.toTerraform;
  };
}

/** Whether the user asked for cdktf's own synth passes (LZ_FRAMEWORK_SYNTH=1), e.g. to compare output. */
export function frameworkSynthRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.LZ_FRAMEWORK_SYNTH === '1';
}
