// Which stacks a change affects, from two synth outputs (the pull request's base and its head) and
// nothing else: the stacks whose synthesized Terraform changed, plus every stack that reads an output
// of a changed stack through cdktf's cross-stack remote state where that output may change. The
// result is ordered in dependency waves and split into batches for a CI matrix.
// (docs/decisions/0504-affected-stacks-and-fan-out.md)
import { isDeepStrictEqual } from 'node:util';

import { diffStacks, type StackDiff } from '../synth-diff/synth-diff';
import { readSynthOutputPair, type SynthOutput, type TerraformJson } from '../synth/output';
import { stackDependencies } from '../synth/ordering';

/** Why a stack is in the affected set. */
export type AffectedReason =
  | { readonly kind: 'added' }
  | { readonly kind: 'changed'; readonly addresses: readonly string[] }
  | { readonly kind: 'reads-changed-output'; readonly producer: string; readonly outputs: readonly string[] };

export interface AffectedStack {
  readonly stack: string;
  readonly reasons: readonly AffectedReason[];
  /** The account of a suspended workload: planned and applied like any other (the execution role is exempt from the Suspended OU's deny-all). */
  readonly suspended: boolean;
}

export interface AffectedResult {
  /** Affected stacks, by name. */
  readonly stacks: readonly AffectedStack[];
  /** Affected stacks in dependency waves: a stack's affected dependencies are in earlier waves. */
  readonly waves: readonly (readonly string[])[];
  /** Stacks of the base that the head no longer has. Nothing destroys them automatically (ADR 0401): listed for review. */
  readonly removed: readonly string[];
  /** Stacks left out because their state is local (bootstrap before its state moves to S3). */
  readonly excluded: readonly string[];
  readonly totalStacks: number;
}

export interface AffectedOptions {
  /** Stack names never planned or applied by CI (local state). */
  readonly exclude?: readonly string[];
  /** Stack names of suspended workload accounts (flagged in the result). */
  readonly suspendedStacks?: readonly string[];
}

const REMOTE_STATE_INPUT = /^cross-stack-reference-input-(.+)$/;
const OUTPUT_READ = /data\.terraform_remote_state\.cross-stack-reference-input-([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g;
const RESOURCE_REFERENCE = /\$\{(?!data\.|var\.|local\.)([a-z0-9_]+)\.([A-Za-z0-9_-]+)/g;
const DATA_REFERENCE = /\$\{data\.([a-z0-9_]+)\.([A-Za-z0-9_-]+)/g;

/** Producer stack -> output names this stack reads from it. */
export function outputsRead(stack: TerraformJson): Map<string, Set<string>> {
  const reads = new Map<string, Set<string>>();
  const text = JSON.stringify({ ...stack, '//': undefined });
  for (const [, producer, output] of text.matchAll(OUTPUT_READ)) {
    if (!reads.has(producer)) reads.set(producer, new Set());
    reads.get(producer)!.add(output);
  }
  // A remote-state block read nowhere still makes Terraform read the producer's state.
  for (const name of Object.keys(stack.data?.terraform_remote_state ?? {})) {
    const producer = REMOTE_STATE_INPUT.exec(name)?.[1];
    if (producer && !reads.has(producer)) reads.set(producer, new Set());
  }
  return reads;
}

/**
 * Outputs of a changed stack whose value may change on apply: the output was added, removed or its
 * expression changed, or it reads a resource or data source that the change adds, removes or edits.
 * An edited resource keeps its ID and ARN unless it is replaced, which only a plan can tell; the
 * synth output cannot, so this errs towards planning the reader (docs/delivery.md, "Affected stacks").
 */
export function changedOutputs(base: TerraformJson | undefined, head: TerraformJson | undefined, diff: StackDiff): Set<string> {
  const before: Record<string, unknown> = base?.output ?? {};
  const after: Record<string, unknown> = head?.output ?? {};
  const touched = new Set([...diff.added, ...diff.removed, ...diff.changed.map((change) => change.address)]);
  const changed = new Set<string>();
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (!(name in before) || !(name in after) || !isDeepStrictEqual(withoutMetadata(before[name]), withoutMetadata(after[name]))) {
      changed.add(name);
      continue;
    }
    const text = JSON.stringify(after[name]);
    const referenced = [
      ...[...text.matchAll(RESOURCE_REFERENCE)].map(([, type, resource]) => `${type}.${resource}`),
      ...[...text.matchAll(DATA_REFERENCE)].map(([, type, source]) => `data.${type}.${source}`),
    ];
    if (referenced.some((address) => touched.has(address))) changed.add(name);
  }
  return changed;
}

function withoutMetadata(value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value))
    return Object.fromEntries(Object.entries(value).filter(([key]) => key !== '//'));
  return value;
}

/** The affected stacks of a change: a pure function of the two synth outputs. */
export function affectedStacks(
  base: SynthOutput,
  head: SynthOutput,
  diffs: readonly StackDiff[],
  options: AffectedOptions = {},
): AffectedResult {
  const excluded = new Set(options.exclude ?? []);
  const suspended = new Set(options.suspendedStacks ?? []);
  const reasons = new Map<string, AffectedReason[]>();
  const add = (stack: string, reason: AffectedReason) => {
    if (excluded.has(stack) || !head.stacks.has(stack)) return;
    if (!reasons.has(stack)) reasons.set(stack, []);
    reasons.get(stack)!.push(reason);
  };
  const changedOutputsByProducer = new Map<string, Set<string>>();
  for (const diff of diffs) {
    if (diff.status === 'unchanged' || diff.status === 'removed') continue;
    if (diff.status === 'added') add(diff.stack, { kind: 'added' });
    else
      add(diff.stack, {
        kind: 'changed',
        addresses: [
          ...diff.removed,
          ...diff.added,
          ...diff.changed.map((change) => change.address),
          ...diff.settingsChanged.map((p) => `(settings) ${p}`),
        ],
      });
    const outputs = changedOutputs(base.stacks.get(diff.stack), head.stacks.get(diff.stack), diff);
    if (outputs.size) changedOutputsByProducer.set(diff.stack, outputs);
  }
  // Readers of changed outputs. A reader's own JSON is unchanged (else it is already affected), so
  // its plan changes only through the values it reads; one level is enough because a reader's
  // outputs are its own expressions, re-read by its readers only after it is applied (the deploy
  // re-plans every stack of a later wave and refuses a change nobody reviewed).
  if (changedOutputsByProducer.size) {
    for (const [stack, json] of head.stacks) {
      for (const [producer, read] of outputsRead(json)) {
        const changed = changedOutputsByProducer.get(producer);
        if (!changed) continue;
        const outputs = [...read].filter((output) => changed.has(output)).sort();
        if (outputs.length) add(stack, { kind: 'reads-changed-output', producer, outputs });
      }
    }
  }
  const names = [...reasons.keys()].sort();
  return {
    stacks: names.map((stack) => ({ stack, reasons: reasons.get(stack)!, suspended: suspended.has(stack) })),
    waves: wavesOf(names, head.manifest),
    removed: diffs.filter((diff) => diff.status === 'removed').map((diff) => diff.stack),
    excluded: [...excluded].filter((stack) => head.stacks.has(stack)).sort(),
    totalStacks: head.stacks.size,
  };
}

/** Every stack of a synth output as affected (drift detection, a forced full run). */
export function allStacks(head: SynthOutput, options: AffectedOptions = {}): AffectedResult {
  const excluded = new Set(options.exclude ?? []);
  const suspended = new Set(options.suspendedStacks ?? []);
  const names = [...head.stacks.keys()].filter((stack) => !excluded.has(stack)).sort();
  return {
    stacks: names.map((stack) => ({ stack, reasons: [{ kind: 'changed', addresses: [] }], suspended: suspended.has(stack) })),
    waves: wavesOf(names, head.manifest),
    removed: [],
    excluded: [...excluded].filter((stack) => head.stacks.has(stack)).sort(),
    totalStacks: head.stacks.size,
  };
}

/**
 * Waves of a subset of stacks: a stack waits for every member of the subset it depends on, directly
 * or through stacks outside the subset (the manifest's transitive dependencies).
 */
export function wavesOf(subset: readonly string[], manifest: SynthOutput['manifest']): string[][] {
  const closure = stackDependencies(manifest);
  const members = new Set(subset);
  const pending = new Map(
    subset.map((stack) => [stack, new Set([...(closure.get(stack) ?? [])].filter((dependency) => members.has(dependency)))]),
  );
  const waves: string[][] = [];
  while (pending.size) {
    const ready = [...pending]
      .filter(([, dependencies]) => dependencies.size === 0)
      .map(([stack]) => stack)
      .sort();
    if (!ready.length) throw new Error(`dependency cycle among stacks: ${[...pending.keys()].join(', ')}`);
    waves.push(ready);
    for (const stack of ready) pending.delete(stack);
    for (const dependencies of pending.values()) for (const stack of ready) dependencies.delete(stack);
  }
  return waves;
}

export interface MatrixOptions {
  /** Stacks one job plans or applies, one after another (amortises runner start-up and provider init). */
  readonly stacksPerJob: number;
  /** Jobs running at once across the whole workflow (GitHub's `max-parallel`), so AWS API rate limits hold. */
  readonly maxParallelJobs: number;
}

export interface MatrixBatch {
  /** Stable job label: w<wave>-b<batch>. */
  readonly id: string;
  readonly wave: number;
  /** Space-separated stack names (a GitHub matrix value is a string a shell loop reads). */
  readonly stacks: string;
}

export interface Matrix {
  /** Per wave, the `include` list of a GitHub Actions matrix. */
  readonly waves: readonly { readonly include: readonly MatrixBatch[] }[];
  /** Every batch of every wave, for a workflow that needs no order (plans read state, they do not change it). */
  readonly all: { readonly include: readonly MatrixBatch[] };
  readonly maxParallel: number;
  readonly stackCount: number;
}

/**
 * Splits waves into batches of at most `stacksPerJob` stacks, evenly: a wave of n stacks gets
 * ceil(n / stacksPerJob) jobs, never more than it needs.
 */
export function matrixOf(waves: readonly (readonly string[])[], options: MatrixOptions): Matrix {
  if (!Number.isInteger(options.stacksPerJob) || options.stacksPerJob < 1) throw new Error('stacksPerJob must be a positive integer');
  if (!Number.isInteger(options.maxParallelJobs) || options.maxParallelJobs < 1)
    throw new Error('maxParallelJobs must be a positive integer');
  const byWave = waves.map((wave, waveIndex) => {
    const jobs = Math.ceil(wave.length / options.stacksPerJob);
    const batches: string[][] = Array.from({ length: jobs }, () => []);
    // Round-robin keeps batch sizes within one of each other.
    wave.forEach((stack, index) => batches[index % jobs].push(stack));
    return { include: batches.map((stacks, batch) => ({ id: `w${waveIndex}-b${batch}`, wave: waveIndex, stacks: stacks.join(' ') })) };
  });
  return {
    waves: byWave,
    all: { include: byWave.flatMap((wave) => wave.include) },
    maxParallel: options.maxParallelJobs,
    stackCount: waves.reduce((sum, wave) => sum + wave.length, 0),
  };
}

/** Compares two synth output folders and returns the affected stacks. */
export function affectedBetween(baseDir: string, headDir: string, options: AffectedOptions = {}): AffectedResult {
  const { base, head, identical } = readSynthOutputPair(baseDir, headDir);
  return affectedStacks(base, head, diffStacks(base.stacks, head.stacks, identical), options);
}
