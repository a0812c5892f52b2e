// What a change does to the synthesized Terraform, without AWS: compares two cdktf synth outputs
// (the pull request's base and its head) and reports, per stack, the resources added, removed and
// changed with the attribute paths that changed. A pull request from a fork, which gets no AWS
// credentials, still gets a meaningful review from this.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { readSynthOutput, readSynthOutputPair, type TerraformJson } from '../synth/output';

/** Any value inside Terraform JSON. */
type Json = TerraformJson[string];

export { NotSynthOutputError } from '../synth/output';

export interface ResourceDiff {
  /** Terraform address: `type.name`, or `data.type.name` for data sources. */
  readonly address: string;
  readonly paths: readonly string[];
}

export interface StackDiff {
  readonly stack: string;
  readonly status: 'added' | 'removed' | 'changed' | 'unchanged';
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly ResourceDiff[];
  /** Providers, backend, outputs or other top-level blocks that changed (paths). */
  readonly settingsChanged: readonly string[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Stack name -> Terraform JSON of a cdktf synth output directory. */
export function readSynthDir(dir: string): Map<string, Json> {
  return new Map(readSynthOutput(dir).stacks);
}

/** Top-level sections whose entries are addressed by name: `output.x`, `variable.y`, `locals.z`, `module.m`. */
const NAMED_SECTIONS = new Set(['output', 'variable', 'locals', 'module']);

/**
 * Every addressable block of a stack without cdktf's `//` metadata: resources as `type.name`, data
 * sources as `data.type.name`, named blocks as `output.x` (and variable, locals, module), and any
 * other top-level block (provider, terraform, import, moved, ...) under its section name. The one
 * addressing both `lz diff` and the blast-radius checks use.
 */
export function addressableBlocks(stack: Json): Map<string, Json> {
  const out = new Map<string, Json>();
  for (const [section, body] of Object.entries<Json>(stack ?? {})) {
    if (section === '//') continue;
    if ((section === 'resource' || section === 'data') && isObject(body)) {
      const prefix = section === 'data' ? 'data.' : '';
      for (const [type, byName] of Object.entries(body as Record<string, Record<string, Json>>)) {
        for (const [name, block] of Object.entries(byName)) out.set(`${prefix}${type}.${name}`, stripMetadata(block));
      }
    } else if (NAMED_SECTIONS.has(section) && isObject(body)) {
      for (const [name, block] of Object.entries(body)) out.set(`${section}.${name}`, stripMetadata(block));
    } else {
      out.set(section, stripMetadata(body));
    }
  }
  return out;
}

/** Resources and data sources only (what `lz diff` lists per address). */
function blocksByAddress(stack: Json): Map<string, Json> {
  return new Map([...addressableBlocks(stack)].filter(([address]) => isResourceAddress(address)));
}

function isResourceAddress(address: string): boolean {
  return address.includes('.') && !NAMED_SECTIONS.has(address.slice(0, address.indexOf('.')));
}

/** Addresses added, removed and changed between two stacks (any block, metadata aside). */
export function compareAddressable(before: Json, after: Json): { added: string[]; removed: string[]; changed: string[] } {
  const old = addressableBlocks(before);
  const now = addressableBlocks(after);
  return {
    added: [...now.keys()].filter((address) => !old.has(address)).sort(),
    removed: [...old.keys()].filter((address) => !now.has(address)).sort(),
    changed: [...now.keys()].filter((address) => old.has(address) && changedPaths(old.get(address), now.get(address)).length > 0).sort(),
  };
}

function stripMetadata(value: Json): Json {
  if (Array.isArray(value)) return value.map(stripMetadata);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== '//')
      .map(([key, inner]) => [key, stripMetadata(inner)]),
  );
}

function parseDocument(value: unknown): unknown {
  if (typeof value !== 'string' || !/^\s*[[{]/.test(value)) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/**
 * Paths where two values differ. JSON documents held in strings (IAM, bucket and key policies,
 * SCPs) are compared as documents: `policy{Statement[2].Action}`.
 */
export function changedPaths(before: unknown, after: unknown, prefix = '', insideDocument = false): string[] {
  if (!insideDocument) {
    const b = parseDocument(before);
    const a = parseDocument(after);
    if (b !== undefined && a !== undefined) {
      return changedPaths(b, a, '', true).map((inner) => `${prefix}{${inner}}`);
    }
  }
  const join = (key: string | number): string => (typeof key === 'number' ? `${prefix}[${key}]` : prefix ? `${prefix}.${key}` : key);
  if (Array.isArray(before) && Array.isArray(after)) {
    const out: string[] = [];
    for (let index = 0; index < Math.max(before.length, after.length); index += 1) {
      if (index >= before.length || index >= after.length) out.push(join(index));
      else out.push(...changedPaths(before[index], after[index], join(index), insideDocument));
    }
    return out;
  }
  if (isObject(before) && isObject(after)) {
    const out: string[] = [];
    for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
      if (!(key in before) || !(key in after)) out.push(join(key));
      else out.push(...changedPaths(before[key], after[key], join(key), insideDocument));
    }
    return out;
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [prefix || '(value)'];
}

function diffStack(stack: string, base: Json | undefined, head: Json | undefined): StackDiff {
  const before = blocksByAddress(base);
  const after = blocksByAddress(head);
  const added = [...after.keys()].filter((address) => !before.has(address)).sort();
  const removed = [...before.keys()].filter((address) => !after.has(address)).sort();
  const changed: ResourceDiff[] = [];
  for (const [address, body] of after) {
    if (!before.has(address)) continue;
    const paths = changedPaths(before.get(address), body);
    if (paths.length) changed.push({ address, paths });
  }
  changed.sort((a, b) => a.address.localeCompare(b.address));
  const settings = (json: Json): Json =>
    stripMetadata(Object.fromEntries(Object.entries(json ?? {}).filter(([key]) => key !== 'resource' && key !== 'data')));
  const settingsChanged = base && head ? changedPaths(settings(base), settings(head)) : [];
  let status: StackDiff['status'] = 'unchanged';
  if (!base) status = 'added';
  else if (!head) status = 'removed';
  else if (added.length || removed.length || changed.length || settingsChanged.length) status = 'changed';
  return { stack, status, added, removed, changed, settingsChanged };
}

/** Compares two synth output directories. A pure function of their contents. */
export function diffSynthOutputs(baseDir: string, headDir: string): StackDiff[] {
  const { base, head, identical } = readSynthOutputPair(baseDir, headDir);
  return diffStacks(base.stacks, head.stacks, identical);
}

/**
 * Compares two sets of stacks already read (stack name -> Terraform JSON). `identical` names stacks
 * known to be byte-identical on both sides (readSynthOutputPair): reported unchanged without a walk.
 */
export function diffStacks(
  base: ReadonlyMap<string, Json>,
  head: ReadonlyMap<string, Json>,
  identical: ReadonlySet<string> = new Set(),
): StackDiff[] {
  const names = [...new Set([...base.keys(), ...head.keys()])].sort();
  return names.map((name) =>
    identical.has(name) && base.has(name) && head.has(name)
      ? { stack: name, status: 'unchanged', added: [], removed: [], changed: [], settingsChanged: [] }
      : diffStack(name, base.get(name), head.get(name)),
  );
}

const MAX_PATHS = 12;

/** Markdown for the pull request (also printed by `lz diff`). */
export function renderSynthDiff(diffs: readonly StackDiff[], baseLabel: string): string {
  const lines = [`## Synthesized Terraform compared with \`${baseLabel}\``, ''];
  const touched = diffs.filter((diff) => diff.status !== 'unchanged');
  if (!touched.length) return [...lines, 'No stack changes: the synthesized Terraform is identical.', ''].join('\n');
  lines.push('| stack | status | added | removed | changed |', '|---|---|---:|---:|---:|');
  for (const diff of touched)
    lines.push(`| ${diff.stack} | ${diff.status} | ${diff.added.length} | ${diff.removed.length} | ${diff.changed.length} |`);
  lines.push('');
  for (const diff of touched) {
    lines.push(`### ${diff.stack} (${diff.status})`, '');
    for (const address of diff.removed) lines.push(`- **removed** \`${address}\``);
    for (const address of diff.added) lines.push(`- added \`${address}\``);
    for (const change of diff.changed) {
      const shown = change.paths.slice(0, MAX_PATHS).map((p) => `\`${p}\``);
      const more = change.paths.length > MAX_PATHS ? ` and ${change.paths.length - MAX_PATHS} more` : '';
      lines.push(`- changed \`${change.address}\`: ${shown.join(', ')}${more}`);
    }
    if (diff.settingsChanged.length)
      lines.push(
        `- stack settings changed: ${diff.settingsChanged
          .slice(0, MAX_PATHS)
          .map((p) => `\`${p}\``)
          .join(', ')}`,
      );
    lines.push('');
  }
  return lines.join('\n');
}

export interface SynthAtRefOptions {
  /** Root of the git repository (default: found from the current directory). */
  readonly repoDir?: string;
  /** Configuration directory to synthesize with; inside the repository it is taken from the ref. */
  readonly configDir?: string;
  readonly log?: (line: string) => void;
}

function git(args: string[], cwd: string): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
}

/**
 * Synthesizes the project as it was at a git ref: `git archive` of the ref into a temporary
 * directory (no worktree bookkeeping left behind in .git), the installed node_modules linked in,
 * compiled and synthesized there. Returns the synth output directory; the caller removes `root`.
 */
export function synthAtRef(ref: string, options: SynthAtRefOptions = {}): { root: string; outdir: string } {
  const repoDir = options.repoDir ?? git(['rev-parse', '--show-toplevel'], process.cwd()).trim();
  try {
    git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], repoDir);
  } catch {
    throw new Error(`git ref ${ref} does not exist (in CI, fetch it first: git fetch origin <branch>)`);
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-diff-base-'));
  try {
    const source = path.join(root, 'src');
    fs.mkdirSync(source);
    const archive = path.join(root, 'base.tar');
    git(['archive', '--format=tar', '-o', archive, ref], repoDir);
    execFileSync('tar', ['-xf', archive, '-C', source]);
    fs.symlinkSync(fs.realpathSync(path.join(repoDir, 'node_modules')), path.join(source, 'node_modules'), 'dir');
    options.log?.(`compiling ${ref}`);
    // Only what the synthesis runs: main.ts and what it imports, with the ref's own compiler options
    // and type checks. The ref's tests and scripts are not compiled: about 10 of the 26 CPU seconds
    // of `tsc -p .` on this repository, and a type error in a test cannot stop the diff.
    const synthOnlyProject = path.join(source, 'tsconfig.synth-at-ref.json');
    fs.writeFileSync(synthOnlyProject, JSON.stringify({ extends: './tsconfig.json', include: [], files: ['main.ts'] }));
    execFileSync(process.execPath, [path.join(source, 'node_modules/typescript/bin/tsc'), '-p', synthOnlyProject], {
      cwd: source,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const outdir = path.join(root, 'out');
    let configDir = path.join(source, 'config');
    if (options.configDir) {
      const relative = path.relative(repoDir, path.resolve(options.configDir));
      configDir = relative.startsWith('..') || path.isAbsolute(relative) ? path.resolve(options.configDir) : path.join(source, relative);
    }
    options.log?.(`synthesizing ${ref}`);
    const env = { ...process.env, CDKTF_OUTDIR: outdir, LZ_CONFIG_DIR: configDir };
    try {
      execFileSync(process.execPath, ['dist/main.js'], { cwd: source, env, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      const failure = error as { stderr?: Buffer };
      throw new Error(`synthesizing ${ref} failed:\n${failure.stderr?.toString() ?? String(error)}`);
    }
    return { root, outdir };
  } catch (error) {
    fs.rmSync(root, { recursive: true, force: true });
    throw error;
  }
}
