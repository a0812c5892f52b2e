// What the pipeline keeps of a Terraform plan and how the deploy proves it applies what was reviewed.
// - Redaction: `terraform show -json` prints sensitive values (VPN pre-shared keys, secrets) in clear
//   text, marking them only in the *_sensitive / sensitive_values masks beside each value. Every plan
//   JSON is redacted through those masks before it is uploaded, commented or archived.
// - Comparison: before each apply the deploy re-plans and compares the resource changes (address,
//   actions, replacement paths, planned values) with the reviewed plan, not the bytes.
// (docs/decisions/0505-reviewed-plan-and-redaction.md)
import { createHash } from 'node:crypto';

import { changedPaths } from '../synth-diff/synth-diff';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/**
 * Structural equality of JSON values. Not util.isDeepStrictEqual: that also compares prototypes, and
 * plans parsed in another realm (a test sandbox, a worker) would never be equal.
 */
export function sameJson(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === b.length && a.every((item: Json, index: number) => sameJson(item, b[index]));
  const keys = Object.keys(a).filter((key) => a[key] !== undefined);
  const otherKeys = Object.keys(b).filter((key) => b[key] !== undefined);
  return keys.length === otherKeys.length && keys.every((key) => sameJson(a[key], b[key]));
}

export const REDACTED = '(sensitive value redacted)';

/** A value with every part its sensitivity mask marks replaced by REDACTED (null stays null: nothing to hide). */
export function redactByMask(value: Json, mask: Json): Json {
  if (mask === true) return value === null || value === undefined ? value : REDACTED;
  if (!mask || typeof mask !== 'object' || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item, index) => redactByMask(item, Array.isArray(mask) ? mask[index] : undefined));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactByMask(item, mask[key])]));
}

function redactChange(change: Json): Json {
  if (!change || typeof change !== 'object') return change;
  return {
    ...change,
    before: redactByMask(change.before, change.before_sensitive),
    after: redactByMask(change.after, change.after_sensitive),
  };
}

function redactModule(module: Json): Json {
  if (!module || typeof module !== 'object') return module;
  return {
    ...module,
    ...(module.resources
      ? {
          resources: module.resources.map((resource: Json) => ({
            ...resource,
            values: redactByMask(resource.values, resource.sensitive_values),
          })),
        }
      : {}),
    ...(module.child_modules ? { child_modules: module.child_modules.map(redactModule) } : {}),
  };
}

function redactOutputs(outputs: Json): Json {
  if (!outputs || typeof outputs !== 'object') return outputs;
  return Object.fromEntries(
    Object.entries<Json>(outputs).map(([name, output]) => [name, output?.sensitive ? { ...output, value: REDACTED } : output]),
  );
}

/** Sensitive attributes of each resource in configuration, from the planned change's masks. */
function redactConfiguration(configuration: Json, sensitiveVariables: Set<string>): Json {
  // Configuration holds expressions; a literal (constant_value) can be a secret written in code, and a
  // sensitive variable's default is printed there too. Constants are dropped wherever the attribute
  // is sensitive in any change of that resource type, and sensitive variable defaults always.
  const strip = (module: Json): Json => {
    if (!module || typeof module !== 'object') return module;
    const variables = module.variables
      ? Object.fromEntries(
          Object.entries<Json>(module.variables).map(([name, variable]) => [
            name,
            variable?.sensitive || sensitiveVariables.has(name)
              ? { ...variable, default: variable.default === undefined ? undefined : REDACTED }
              : variable,
          ]),
        )
      : undefined;
    return { ...module, ...(variables ? { variables } : {}) };
  };
  return configuration ? { ...configuration, root_module: strip(configuration.root_module) } : configuration;
}

/**
 * A plan JSON with every sensitive value replaced: resource changes and drift (before/after through
 * before_sensitive/after_sensitive), planned values and prior state (through sensitive_values),
 * outputs marked sensitive, sensitive variables, and configuration constants of sensitive attributes.
 */
export function redactPlan(plan: Json): Json {
  const sensitiveVariables = new Set(
    Object.entries<Json>(plan?.configuration?.root_module?.variables ?? {})
      .filter(([, variable]) => variable?.sensitive)
      .map(([name]) => name),
  );
  const sensitiveAttributes = new Map<string, Set<string>>();
  for (const change of plan?.resource_changes ?? []) {
    for (const mask of [change.change?.before_sensitive, change.change?.after_sensitive]) {
      if (!mask || typeof mask !== 'object') continue;
      for (const [attribute, marked] of Object.entries(mask)) {
        if (marked === false || (typeof marked === 'object' && marked !== null && !JSON.stringify(marked).includes('true'))) continue;
        if (!sensitiveAttributes.has(change.type)) sensitiveAttributes.set(change.type, new Set());
        sensitiveAttributes.get(change.type)!.add(attribute);
      }
    }
  }
  const redactExpressions = (module: Json): Json => {
    if (!module || typeof module !== 'object') return module;
    return {
      ...module,
      ...(module.resources
        ? {
            resources: module.resources.map((resource: Json) => {
              const sensitive = sensitiveAttributes.get(resource.type);
              if (!sensitive || !resource.expressions) return resource;
              const expressions = Object.fromEntries(
                Object.entries<Json>(resource.expressions).map(([key, expression]) => [
                  key,
                  sensitive.has(key) ? { redacted: REDACTED } : expression,
                ]),
              );
              return { ...resource, expressions };
            }),
          }
        : {}),
    };
  };
  const configuration = redactConfiguration(plan?.configuration, sensitiveVariables);
  return {
    ...plan,
    ...(plan?.variables
      ? {
          variables: Object.fromEntries(
            Object.entries<Json>(plan.variables).map(([name, variable]) => [
              name,
              sensitiveVariables.has(name) ? { value: REDACTED } : variable,
            ]),
          ),
        }
      : {}),
    ...(plan?.resource_changes
      ? { resource_changes: plan.resource_changes.map((change: Json) => ({ ...change, change: redactChange(change.change) })) }
      : {}),
    ...(plan?.resource_drift
      ? { resource_drift: plan.resource_drift.map((change: Json) => ({ ...change, change: redactChange(change.change) })) }
      : {}),
    ...(plan?.output_changes
      ? {
          output_changes: Object.fromEntries(
            Object.entries<Json>(plan.output_changes).map(([name, change]) => [name, redactChange(change)]),
          ),
        }
      : {}),
    ...(plan?.planned_values
      ? {
          planned_values: {
            ...plan.planned_values,
            outputs: redactOutputs(plan.planned_values.outputs),
            root_module: redactModule(plan.planned_values.root_module),
          },
        }
      : {}),
    ...(plan?.prior_state?.values
      ? {
          prior_state: {
            ...plan.prior_state,
            values: {
              ...plan.prior_state.values,
              outputs: redactOutputs(plan.prior_state.values.outputs),
              root_module: redactModule(plan.prior_state.values.root_module),
            },
          },
        }
      : {}),
    ...(configuration ? { configuration: { ...configuration, root_module: redactExpressions(configuration.root_module) } } : {}),
  };
}

/** One managed resource's planned change, as the comparison sees it. */
export interface ResourceChangeSummary {
  readonly address: string;
  readonly actions: readonly string[];
  readonly replacePaths: readonly string[];
  /** Planned values, sensitive parts redacted, values unknown until apply marked as such. */
  readonly after: Json;
}

export const UNKNOWN = '(known after apply)';

function withUnknowns(value: Json, unknown: Json): Json {
  if (unknown === true) return UNKNOWN;
  if (!unknown || typeof unknown !== 'object') return value;
  if (Array.isArray(unknown)) {
    const items = Array.isArray(value) ? value : [];
    return Array.from({ length: Math.max(items.length, unknown.length) }, (_, index) => withUnknowns(items[index] ?? null, unknown[index]));
  }
  const base = value && typeof value === 'object' ? value : {};
  return Object.fromEntries(
    [...new Set([...Object.keys(base), ...Object.keys(unknown)])].sort().map((key) => [key, withUnknowns(base[key] ?? null, unknown[key])]),
  );
}

/** The changes of a plan that apply would make: managed resources whose actions are not no-op. */
export function resourceChanges(plan: Json): ResourceChangeSummary[] {
  const redacted = redactPlan(plan);
  return (redacted.resource_changes ?? [])
    .filter((change: Json) => change.mode !== 'data' && !sameJson(change.change?.actions, ['no-op']))
    .map((change: Json) => ({
      address: change.address,
      actions: change.change.actions,
      replacePaths: (change.change.replace_paths ?? []).map((p: Json) => JSON.stringify(p)).sort(),
      after: withUnknowns(change.change.after, change.change.after_unknown),
    }))
    .sort((a: ResourceChangeSummary, b: ResourceChangeSummary) => a.address.localeCompare(b.address));
}

export interface PlanDifference {
  readonly address: string;
  /** What differs, in words a reviewer can act on. */
  readonly difference: string;
  /**
   * Whether the deploy must refuse. A reviewed change that is no longer planned is reported but not
   * refused: it was applied already (a resumed deploy, a partly applied stack) or someone made it by
   * hand; either way nothing unreviewed would be applied.
   */
  readonly refuse: boolean;
}

/** Is `current` a value the reviewed one allowed? An unknown in the reviewed plan admits any value. */
function admitted(reviewed: Json, current: Json): boolean {
  if (reviewed === UNKNOWN) return true;
  if (Array.isArray(reviewed) && Array.isArray(current))
    return reviewed.length === current.length && reviewed.every((item, index) => admitted(item, current[index]));
  if (
    reviewed &&
    current &&
    typeof reviewed === 'object' &&
    typeof current === 'object' &&
    !Array.isArray(reviewed) &&
    !Array.isArray(current)
  ) {
    const keys = new Set([...Object.keys(reviewed), ...Object.keys(current)]);
    return [...keys].every((key) => admitted(reviewed[key] ?? null, current[key] ?? null));
  }
  return sameJson(reviewed, current);
}

/**
 * The differences between the reviewed plan and a fresh one: resources changed that were not, or no
 * longer, other actions, other replacement causes, other planned values. Empty means same change.
 */
export function comparePlans(reviewedPlan: Json, currentPlan: Json): PlanDifference[] {
  const reviewed = new Map(resourceChanges(reviewedPlan).map((change) => [change.address, change]));
  const current = new Map(resourceChanges(currentPlan).map((change) => [change.address, change]));
  const differences: PlanDifference[] = [];
  for (const [address, now] of current) {
    const then = reviewed.get(address);
    if (!then) {
      differences.push({ address, difference: `would ${now.actions.join(' and ')}, which the reviewed plan did not show`, refuse: true });
      continue;
    }
    if (!sameJson(then.actions, now.actions))
      differences.push({ address, difference: `actions ${then.actions.join('+')} reviewed, ${now.actions.join('+')} now`, refuse: true });
    else if (!sameJson(then.replacePaths, now.replacePaths))
      differences.push({
        address,
        difference: `replaced because of ${now.replacePaths.join(', ') || 'nothing'} now, ${then.replacePaths.join(', ') || 'nothing'} reviewed`,
        refuse: true,
      });
    else if (!admitted(then.after, now.after)) {
      const paths = changedPaths(then.after, now.after).filter((p) => !sameJson(valueAt(then.after, p), UNKNOWN));
      differences.push({
        address,
        difference: `planned values differ at ${paths.slice(0, 8).join(', ') || '(value)'}${paths.length > 8 ? ` and ${paths.length - 8} more` : ''}`,
        refuse: true,
      });
    }
  }
  for (const [address, then] of reviewed) {
    if (!current.has(address))
      differences.push({
        address,
        difference: `reviewed to ${then.actions.join(' and ')}, no longer planned (already applied?)`,
        refuse: false,
      });
  }
  return differences.sort((a, b) => a.address.localeCompare(b.address));
}

function valueAt(value: Json, pathText: string): Json {
  let current = value;
  for (const part of pathText.split(/\.|\[(\d+)\]/).filter((piece) => piece !== undefined && piece !== '')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = current[/^\d+$/.test(part) ? Number(part) : part];
  }
  return current;
}

/** SHA-256 of a file's bytes, hex: the content hash recorded beside every artifact. */
export function contentHash(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
