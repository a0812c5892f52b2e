// A folder of Terraform results addressed by everything that decides them, so that a result already produced
// (by this run or, when the folder outlives the run, by an earlier one) is read instead of produced again.
//
// A result is the text a real Terraform run printed for one input: a plan's JSON, a plan's summary, a
// validation's errors. The key is a SHA-256 of:
// - the kind of result ('full', 'summary', 'with-state', ...: what was run and what was kept);
// - the input, exactly (the offline stack JSON, the prior state, the HCL);
// - the tools: Terraform's version and platform, and the identity of the Terraform and AWS provider binaries
//   (path, size, modification time) with the provider version the checks pin;
// - the code that runs Terraform and shapes its output: every source file of tools/terraform and any producer
//   file the caller names (a test helper with its own Terraform call);
// - the environment variables that change what Terraform does (TF_CLI_ARGS*, TF_VAR_*, TF_WORKSPACE).
// Change any of them and the key changes, so the result is produced again. Only successes are stored: a run
// that threw is never remembered, and the next request runs Terraform again.
//
// One process produces a given key while others wait for its result (an exclusive lock file holding the
// producer's PID). A lock whose process is gone, or that is older than STALE_LOCK_MS, is broken: a persistent
// folder must survive a run killed half-way.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AWS_PROVIDER_VERSION, providerMirror } from './runner';

/** Bumped when the layout of stored results changes in a way the code hash would not catch. */
const STORE_FORMAT = 1;
/** A lock older than this is treated as abandoned (the slowest single plan takes well under two minutes). */
export const STALE_LOCK_MS = 20 * 60 * 1000;
const WAIT_MS = 250;

/** What a key is made of besides the input: the tools and code that produce results. */
export interface ProducerIdentity {
  readonly terraform: string;
  readonly provider: string;
  readonly code: string;
  readonly environment: string;
}

function fileIdentity(file: string | undefined): string {
  if (!file) return 'absent';
  try {
    const real = fs.realpathSync(file);
    const stat = fs.statSync(real);
    return `${real}:${stat.size}:${stat.mtimeMs}`;
  } catch {
    return `${file}:absent`;
  }
}

function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, command);
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** The pinned AWS provider's executable in the local mirror, when this machine has one. */
function mirroredProviderBinary(): string | undefined {
  const mirror = providerMirror();
  if (!mirror) return undefined;
  const dir = path.join(mirror, 'registry.terraform.io/hashicorp/aws', AWS_PROVIDER_VERSION);
  for (const platform of fs.readdirSync(dir)) {
    const platformDir = path.join(dir, platform);
    const binary = fs.readdirSync(platformDir).find((name) => name.startsWith('terraform-provider-aws'));
    if (binary) return path.join(platformDir, binary);
  }
  return undefined;
}

function sourceHash(files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of [...files].sort()) hash.update(file.split(path.sep).slice(-2).join('/')).update('\0').update(fs.readFileSync(file));
  return hash.digest('hex');
}

/** This directory's source files of the same flavour as this module (.ts under ts-jest, .js in dist). */
function terraformToolSources(): string[] {
  const extension = path.extname(__filename);
  return fs
    .readdirSync(__dirname)
    .filter((name) => name.endsWith(extension) && !name.endsWith(`.d${extension}`))
    .map((name) => path.join(__dirname, name));
}

/**
 * The identity of everything besides the input that decides a result. Without Terraform on PATH the
 * identity says so, and no stored result of a real Terraform matches it.
 */
export function producerIdentity(producerFiles: readonly string[] = []): ProducerIdentity {
  const environment = Object.entries(process.env)
    .filter(([name]) => /^TF_(CLI_ARGS|VAR_|WORKSPACE$)/.test(name))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => `${name}=${value}`)
    .join('\n');
  return {
    terraform: terraformIdentity(),
    provider: `${AWS_PROVIDER_VERSION} ${providerMirror() ?? 'registry'} ${fileIdentity(mirroredProviderBinary())}`,
    code: sourceHash([...terraformToolSources(), ...producerFiles]),
    environment,
  };
}

let probedTerraform: string | undefined;

/**
 * The Terraform this process runs: version, platform and binary, probed once (`terraform version` is the
 * only costly part of an identity, and a process does not change its Terraform half-way).
 */
function terraformIdentity(): string {
  if (probedTerraform === undefined) {
    try {
      const version = JSON.parse(
        execFileSync('terraform', ['version', '-json'], { encoding: 'utf8', env: process.env, stdio: ['ignore', 'pipe', 'ignore'] }),
      );
      probedTerraform = `${version.terraform_version} ${version.platform} ${fileIdentity(onPath('terraform'))}`;
    } catch {
      probedTerraform = 'unavailable';
    }
  }
  return probedTerraform;
}

/** The key of one result: its kind, its input parts and the producer identity. */
export function resultKey(kind: string, inputs: readonly string[], identity: ProducerIdentity): string {
  const hash = createHash('sha256').update(`lz-terraform-result ${STORE_FORMAT}\0${kind}\0`);
  for (const part of [identity.terraform, identity.provider, identity.code, identity.environment]) hash.update(part).update('\0');
  for (const input of inputs)
    hash
      .update(String(Buffer.byteLength(input)))
      .update(':')
      .update(input);
  return hash.digest('hex');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when the lock's process is gone or the lock is older than STALE_LOCK_MS; such a lock is removed. */
export function breakAbandonedLock(lock: string, now = Date.now()): boolean {
  let stat: fs.Stats;
  let pid: number;
  try {
    stat = fs.statSync(lock);
    pid = Number(fs.readFileSync(lock, 'utf8'));
  } catch {
    return false;
  }
  const abandoned = !Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || now - stat.mtimeMs > STALE_LOCK_MS;
  if (abandoned) fs.rmSync(lock, { force: true });
  return abandoned;
}

/** A stored result for one of the keys, first match wins; a hit is touched so pruning keeps what is used. */
function read(dir: string, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const file = path.join(dir, `${key}.json`);
    try {
      const text = fs.readFileSync(file, 'utf8');
      const now = new Date();
      fs.utimesSync(file, now, now);
      return text;
    } catch {
      // Not stored (or removed by a concurrent prune): try the next key.
    }
  }
  return undefined;
}

/**
 * Appends 'reused' or 'produced' to the file LZ_TEST_STORE_LOG names, when set: the test run
 * prints the totals, so nobody mistakes a reused result for a Terraform run.
 */
function note(event: 'reused' | 'produced'): void {
  const log = process.env.LZ_TEST_STORE_LOG;
  if (log) fs.appendFileSync(log, `${event}\n`);
}

function write(dir: string, key: string, text: string): void {
  const partial = path.join(dir, `${key}.json.${process.pid}.tmp`);
  fs.writeFileSync(partial, text);
  fs.renameSync(partial, path.join(dir, `${key}.json`));
}

function tryLock(dir: string, key: string): string | undefined {
  const lock = path.join(dir, `${key}.lock`);
  try {
    fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
    return lock;
  } catch {
    breakAbandonedLock(lock);
    return undefined;
  }
}

export interface StoredRequest {
  /** The store's folder; without one the result is produced and not kept. */
  readonly dir: string | undefined;
  /** The key to produce under. */
  readonly key: string;
  /** Further keys whose result also answers the request (a full plan answers a summary request). */
  readonly alsoAcceptable?: readonly string[];
}

/**
 * One look at the store for a request: the stored result, or the lock to produce it under (this process
 * holds it), or neither when another process is producing it and the caller must wait.
 */
function look(request: StoredRequest & { readonly dir: string }): { readonly hit: string } | { readonly lock: string } | undefined {
  fs.mkdirSync(request.dir, { recursive: true });
  const hit = read(request.dir, [request.key, ...(request.alsoAcceptable ?? [])]);
  if (hit !== undefined) {
    note('reused');
    return { hit };
  }
  const lock = tryLock(request.dir, request.key);
  return lock ? { lock } : undefined;
}

/** Stores what the lock holder produced and releases the lock (also when producing failed: nothing is stored). */
function keep(dir: string, key: string, lock: string, text: string): string {
  try {
    write(dir, key, text);
    note('produced');
    return text;
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

/** The stored result for the request, or the producer's result, stored for later requests. */
export async function storedOrProduced(request: StoredRequest, produce: () => Promise<string>): Promise<string> {
  const { dir, key } = request;
  if (!dir) return produce();
  for (;;) {
    const found = look({ ...request, dir });
    if (found && 'hit' in found) return found.hit;
    if (found) {
      let text: string;
      try {
        text = await produce();
      } catch (error) {
        fs.rmSync(found.lock, { force: true });
        throw error;
      }
      return keep(dir, key, found.lock, text);
    }
    await new Promise((resolve) => setTimeout(resolve, WAIT_MS));
  }
}

/** storedOrProduced for a producer that runs Terraform synchronously. */
export function storedOrProducedSync(request: StoredRequest, produce: () => string): string {
  const { dir, key } = request;
  if (!dir) return produce();
  for (;;) {
    const found = look({ ...request, dir });
    if (found && 'hit' in found) return found.hit;
    if (found) {
      let text: string;
      try {
        text = produce();
      } catch (error) {
        fs.rmSync(found.lock, { force: true });
        throw error;
      }
      return keep(dir, key, found.lock, text);
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, WAIT_MS);
  }
}

export interface PruneLimits {
  /** Results not read or written for this long are removed. */
  readonly maxAgeMs: number;
  /** Beyond this many bytes, the least recently used results are removed. */
  readonly maxBytes: number;
}

export const DEFAULT_PRUNE_LIMITS: PruneLimits = { maxAgeMs: 14 * 24 * 60 * 60 * 1000, maxBytes: 512 * 1024 * 1024 };

/** Bytes under a file or folder. */
function sizeOf(entry: string, stat: fs.Stats): number {
  if (!stat.isDirectory()) return stat.size;
  let total = 0;
  for (const name of fs.readdirSync(entry)) {
    const child = path.join(entry, name);
    total += sizeOf(child, fs.lstatSync(child));
  }
  return total;
}

/**
 * Keeps a persistent store bounded: removes entries (result files, or folders such as a synthesis)
 * unused for maxAgeMs, then the least recently used ones beyond maxBytes, abandoned locks, and partial
 * writes (`<name>.<pid>.tmp` or `.partial`) of processes that are gone. Returns what it removed.
 */
export function pruneResultStore(dir: string, limits: PruneLimits = DEFAULT_PRUNE_LIMITS, now = Date.now()): string[] {
  if (!fs.existsSync(dir)) return [];
  const removed: string[] = [];
  const remove = (name: string): void => {
    fs.rmSync(path.join(dir, name), { recursive: true, force: true });
    removed.push(name);
  };
  const entries: { name: string; size: number; used: number }[] = [];
  for (const name of fs.readdirSync(dir)) {
    const entry = path.join(dir, name);
    if (name.endsWith('.lock')) {
      if (breakAbandonedLock(entry, now)) removed.push(name);
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(entry);
    } catch {
      continue;
    }
    const partialOf = /\.(\d+)\.(tmp|partial)$/.exec(name);
    if (partialOf) {
      if (!isAlive(Number(partialOf[1])) || now - stat.mtimeMs > STALE_LOCK_MS) remove(name);
      continue;
    }
    if (now - stat.mtimeMs > limits.maxAgeMs) {
      remove(name);
      continue;
    }
    entries.push({ name, size: sizeOf(entry, stat), used: stat.mtimeMs });
  }
  let total = entries.reduce((sum, entry) => sum + entry.size, 0);
  for (const entry of entries.sort((a, b) => a.used - b.used)) {
    if (total <= limits.maxBytes) break;
    remove(entry.name);
    total -= entry.size;
  }
  return removed;
}
