// The one reader of a cdktf synth output folder (manifest.json and each stack's cdk.tf.json), used
// by every tool that answers a question from the synthesized Terraform (synth diff, the offline
// Terraform checks, reachability, stack order, verify) and by the tests.
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * A stack's Terraform JSON (or one block of it). Terraform JSON is dynamic by nature: the shape of a
 * resource depends on its type, so attribute values stay untyped here and each tool checks what it reads.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TerraformJson = Record<string, any>;

/** One stack's entry in cdktf's manifest.json. */
export interface ManifestStack {
  readonly name: string;
  readonly constructPath: string;
  /** Relative to the synth output folder, for example the network stack's stacks/<stack>/cdk.tf.json. */
  readonly synthesizedStackPath: string;
  readonly workingDirectory: string;
  /** Stacks that must be deployed first (cdktf's addDependency and cross-stack references). */
  readonly dependencies: string[];
}

/** cdktf's manifest.json. */
export interface CdktfManifest {
  readonly version: string;
  readonly stacks: Record<string, ManifestStack>;
}

export interface SynthOutput {
  readonly outdir: string;
  readonly manifest: CdktfManifest;
  /** Stack name -> its Terraform JSON, in manifest order. */
  readonly stacks: ReadonlyMap<string, TerraformJson>;
}

/** A folder given as synth output is not one (no manifest.json): the caller's mistake, not a bug. */
export class NotSynthOutputError extends Error {
  constructor(readonly dir: string) {
    super(`${dir} is not a cdktf synth output (no manifest.json); give the folder cdktf synth wrote, such as cdktf.out`);
    this.name = 'NotSynthOutputError';
  }
}

export function readManifest(outdir: string): CdktfManifest {
  const file = path.join(outdir, 'manifest.json');
  if (!fs.existsSync(file)) throw new NotSynthOutputError(outdir);
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as CdktfManifest;
  return { ...manifest, stacks: manifest.stacks ?? {} };
}

export function readSynthOutput(outdir: string): SynthOutput {
  const manifest = readManifest(outdir);
  const stacks = new Map<string, TerraformJson>();
  for (const [name, stack] of Object.entries(manifest.stacks)) {
    stacks.set(name, JSON.parse(fs.readFileSync(path.join(outdir, stack.synthesizedStackPath), 'utf8')) as TerraformJson);
  }
  return { outdir, manifest, stacks };
}

/** Two synth outputs read together, and the stacks whose files are byte for byte the same in both. */
export interface SynthOutputPair {
  readonly base: SynthOutput;
  readonly head: SynthOutput;
  /** Stacks present in both whose cdk.tf.json files are identical: parsed once, the same object on both sides. */
  readonly identical: ReadonlySet<string>;
}

/**
 * Reads a base and a head synth output, comparing each stack's file bytes first: an identical file is
 * parsed once and shared, so a change that touches four stacks of a thousand costs a thousand byte
 * comparisons and about half the parsing, and the comparison can skip the identical ones.
 */
export function readSynthOutputPair(baseDir: string, headDir: string): SynthOutputPair {
  const baseManifest = readManifest(baseDir);
  const headManifest = readManifest(headDir);
  const baseStacks = new Map<string, TerraformJson>();
  const headStacks = new Map<string, TerraformJson>();
  const identical = new Set<string>();
  const headBytes = new Map<string, Buffer>();
  for (const [name, stack] of Object.entries(headManifest.stacks))
    headBytes.set(name, fs.readFileSync(path.join(headDir, stack.synthesizedStackPath)));
  for (const [name, stack] of Object.entries(baseManifest.stacks)) {
    const bytes = fs.readFileSync(path.join(baseDir, stack.synthesizedStackPath));
    const json = JSON.parse(bytes.toString('utf8')) as TerraformJson;
    baseStacks.set(name, json);
    const other = headBytes.get(name);
    if (other && other.equals(bytes)) {
      identical.add(name);
      headBytes.set(name, Buffer.alloc(0));
    }
  }
  for (const name of Object.keys(headManifest.stacks)) {
    headStacks.set(
      name,
      identical.has(name) ? baseStacks.get(name)! : (JSON.parse(headBytes.get(name)!.toString('utf8')) as TerraformJson),
    );
  }
  return {
    base: { outdir: baseDir, manifest: baseManifest, stacks: baseStacks },
    head: { outdir: headDir, manifest: headManifest, stacks: headStacks },
    identical,
  };
}
