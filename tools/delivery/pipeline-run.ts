// Helpers the plan and deploy workflows run around Terraform: the order in which stacks may run
// (from cdktf's manifest) and the provider override that makes a stack use the pipeline's roles
// instead of the ones synthesized for humans (docs/decisions/0502-plan-and-deploy-workflows.md).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PLAN_READONLY_ROLE } from '../../lib/delivery/pipeline-policies';
import type { CdktfManifest, TerraformJson } from '../synth/output';

/** Any value inside Terraform JSON. */
type Json = TerraformJson[string];

/**
 * Stacks in waves: every stack's dependencies are in earlier waves, so the stacks of one wave can
 * run in parallel. Throws on unknown dependencies and on cycles (cdktf refuses them too).
 */
export function stackWaves(
  manifest: { readonly stacks: Readonly<Record<string, { readonly dependencies?: readonly string[] }>> },
  exclude: readonly string[] = [],
): string[][] {
  const stacks: Readonly<Record<string, { readonly dependencies?: readonly string[] }>> = manifest?.stacks ?? {};
  const skipped = new Set(exclude);
  const pending = new Map<string, Set<string>>();
  for (const [name, stack] of Object.entries(stacks)) {
    if (skipped.has(name)) continue;
    for (const dependency of stack.dependencies ?? []) {
      if (!(dependency in stacks)) throw new Error(`stack ${name} depends on unknown stack ${dependency}`);
    }
    pending.set(name, new Set((stack.dependencies ?? []).filter((dependency) => !skipped.has(dependency))));
  }
  const waves: string[][] = [];
  while (pending.size) {
    const ready = [...pending.entries()]
      .filter(([, deps]) => deps.size === 0)
      .map(([name]) => name)
      .sort();
    if (!ready.length) throw new Error(`dependency cycle among stacks: ${[...pending.keys()].join(', ')}`);
    waves.push(ready);
    for (const name of ready) pending.delete(name);
    for (const deps of pending.values()) for (const name of ready) deps.delete(name);
  }
  return waves;
}

/**
 * Stacks of a synth output whose state is local (bootstrap until its state moves into S3): a CI
 * runner has no such state, so the pipeline must neither plan nor apply them.
 */
export function localStateStacks(outdir: string, manifest: CdktfManifest): string[] {
  return Object.entries<{ synthesizedStackPath: string }>(manifest?.stacks ?? {})
    .filter(([, stack]) => hasLocalState(JSON.parse(fs.readFileSync(path.join(outdir, stack.synthesizedStackPath), 'utf8'))))
    .map(([name]) => name)
    .sort();
}

/** The same as localStateStacks, for stacks already read (lz affected has parsed them once). */
export function localStateStacksOf(stacks: ReadonlyMap<string, TerraformJson>): string[] {
  return [...stacks]
    .filter(([, json]) => hasLocalState(json))
    .map(([name]) => name)
    .sort();
}

function hasLocalState(json: TerraformJson): boolean {
  const backend = json?.terraform?.backend;
  return !backend || 'local' in backend;
}

export interface OverrideOptions {
  /** Role to assume in the stack's account instead of the synthesized one. */
  readonly role?: string;
  /** sts:SourceIdentity for every role assumption (the deploy workflow: actor and commit). */
  readonly sourceIdentity?: string;
  readonly sessionName?: string;
}

/** File Terraform merges over cdk.tf.json (override files are applied last, block by block). */
export const OVERRIDE_FILE = 'zz_lz_pipeline_override.tf.json';

/**
 * A Terraform override for the AWS providers of one synthesized stack. Member-account providers
 * keep their account (the role ARN's account part) and switch role; management-account providers,
 * which use the caller's credentials, assume `role` in their allowed account when a role is given.
 */
export function providerOverride(stack: Json, options: OverrideOptions): Json | undefined {
  const blocks: Json[] = Array.isArray(stack?.provider?.aws) ? stack.provider.aws : stack?.provider?.aws ? [stack.provider.aws] : [];
  const out: Json[] = [];
  for (const provider of blocks) {
    const current = Array.isArray(provider.assume_role) ? provider.assume_role[0] : provider.assume_role;
    let roleArn: string | undefined;
    if (current?.role_arn && options.role) roleArn = String(current.role_arn).replace(/:role\/[^:]*$/, `:role/${options.role}`);
    else if (current?.role_arn) roleArn = String(current.role_arn);
    else if (options.role && Array.isArray(provider.allowed_account_ids) && provider.allowed_account_ids.length === 1) {
      roleArn = `arn:aws:iam::${provider.allowed_account_ids[0]}:role/${options.role}`;
    }
    if (!roleArn) continue;
    const assumeRole: Json = { role_arn: roleArn, session_name: options.sessionName ?? current?.session_name ?? 'landing-zone-pipeline' };
    if (options.sourceIdentity) assumeRole.source_identity = options.sourceIdentity;
    out.push({ ...(provider.alias ? { alias: provider.alias } : {}), assume_role: [assumeRole] });
  }
  return out.length ? { provider: { aws: out } } : undefined;
}

/** Writes the override beside a stack's cdk.tf.json; returns whether one was needed. */
export function writeProviderOverride(stackDir: string, options: OverrideOptions): boolean {
  const stack = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'));
  const override = providerOverride(stack, options);
  const file = path.join(stackDir, OVERRIDE_FILE);
  if (!override) {
    fs.rmSync(file, { force: true });
    return false;
  }
  fs.writeFileSync(file, `${JSON.stringify(override, null, 2)}\n`);
  return true;
}

export { PLAN_READONLY_ROLE };
