// Holds the control catalogue (lib/compliance/controls/) to its statuses: finds each entry's
// resources in the synthesized Terraform by type and attribute, finds each named test in its test
// file, and reports every entry whose status is not backed. `lz evidence` and the tests use it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  OPTIONAL_SECTION_PATHS,
  type AttributeTest,
  type Control,
  type OptionalSection,
  type ResourcePredicate,
  type TestReference,
} from '../../lib/compliance/types';
import { FRAMEWORKS } from '../../lib/compliance/frameworks';
import type { TerraformJson } from '../synth/output';

/** One synthesized resource that matched a predicate. */
export interface ResourceMatch {
  readonly stack: string;
  readonly address: string;
}

export interface PredicateResult {
  readonly predicate: ResourcePredicate;
  readonly matches: readonly ResourceMatch[];
  readonly satisfied: boolean;
}

export type TestOutcome = 'passed' | 'failed' | 'not run' | 'missing';

export interface TestResult {
  readonly test: TestReference;
  /** Whether the test is declared in its file (for a file-only reference: the file has at least one test). */
  readonly found: boolean;
  /** From a Jest JSON result file when one is given; otherwise `not run`. */
  readonly outcome: TestOutcome;
}

/** What the configuration has, for entries and predicates that apply only to some estates. */
export interface EstateFacts {
  readonly hscn: boolean;
  readonly regions: number;
  /** The optional sections the configuration has; when left out, every section counts as configured. */
  readonly configured?: readonly OptionalSection[];
}

/** The facts of a loaded landing-zone configuration. */
export function estateFacts(lz: {
  readonly network: { readonly hscn?: unknown };
  readonly allowedRegions: readonly unknown[];
  readonly access?: unknown;
  readonly backup?: unknown;
  readonly securityPosture?: { readonly alternateContacts?: unknown; readonly sensitiveDataDiscovery?: unknown };
}): EstateFacts {
  const configured: OptionalSection[] = [];
  if (lz.access !== undefined) configured.push('access');
  if (lz.backup !== undefined) configured.push('backup');
  if (lz.securityPosture?.alternateContacts !== undefined) configured.push('alternateContacts');
  if (lz.securityPosture?.sensitiveDataDiscovery !== undefined) configured.push('sensitiveDataDiscovery');
  return { hscn: lz.network.hscn !== undefined, regions: lz.allowedRegions.length, configured };
}

/** Why an entry does not apply to an estate, or undefined when it does. */
export function notApplicableReason(control: Control, facts: EstateFacts): string | undefined {
  if (control.requiresHscn && !facts.hscn) return 'no HSCN configured';
  if (control.requiresConfig && facts.configured && !facts.configured.includes(control.requiresConfig)) {
    return `no \`${OPTIONAL_SECTION_PATHS[control.requiresConfig]}\` configured: the trust's until it is`;
  }
  return undefined;
}

export interface ControlEvidence {
  readonly control: Control;
  /** `not applicable` when the control needs HSCN or an optional section and the configuration has none. */
  readonly applicable: boolean;
  /** Why not, when not applicable. */
  readonly notApplicable?: string;
  readonly resources: readonly PredicateResult[];
  readonly tests: readonly TestResult[];
  /** Why the entry's status is not backed; empty when it is. */
  readonly problems: readonly string[];
}

/** Jest's `--json` output, the fields read here. */
export interface JestResults {
  readonly testResults: readonly {
    readonly name: string;
    readonly assertionResults: readonly { readonly title: string; readonly status: string }[];
  }[];
}

function valueAt(body: TerraformJson, dotted: string): unknown {
  let value: unknown = body;
  for (const part of dotted.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function passes(value: unknown, test: AttributeTest): boolean {
  if (typeof test !== 'object') return value === test;
  if ('exists' in test) return (value !== undefined && value !== null) === test.exists;
  if ('atLeast' in test) return typeof value === 'number' && value >= test.atLeast;
  const text = typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
  return text.includes(test.contains);
}

/** The predicate as an assessor reads it: `aws_cloudtrail where is_organization_trail = true`. */
export function describePredicate(predicate: ResourcePredicate): string {
  const tests = Object.entries(predicate.where ?? {}).map(([key, test]) => {
    if (typeof test !== 'object') return `${key} = ${JSON.stringify(test)}`;
    if ('exists' in test) return test.exists ? `${key} set` : `${key} unset`;
    if ('atLeast' in test) return `${key} >= ${test.atLeast}`;
    return `${key} contains ${JSON.stringify(test.contains)}`;
  });
  const count = (predicate.atLeast ?? 1) > 1 ? `at least ${predicate.atLeast} x ` : '';
  return `${count}${predicate.type}${tests.length > 0 ? ` where ${tests.join(' and ')}` : ''}`;
}

export function matchPredicate(stacks: ReadonlyMap<string, TerraformJson>, predicate: ResourcePredicate): PredicateResult {
  const matches: ResourceMatch[] = [];
  for (const [stack, json] of stacks) {
    const byName = (json.resource?.[predicate.type] ?? {}) as Record<string, TerraformJson>;
    for (const [name, body] of Object.entries(byName)) {
      if (Object.entries(predicate.where ?? {}).every(([key, test]) => passes(valueAt(body, key), test))) {
        matches.push({ stack, address: `${predicate.type}.${name}` });
      }
    }
  }
  return { predicate, matches, satisfied: matches.length >= (predicate.atLeast ?? 1) };
}

const TEST_CALL = /\b(?:it|test)(?:\.each\([^()]*\))?\(\s*(['"`])((?:\\.|(?!\1).)*)\1/g;

/**
 * Whether a Jest result title is an instance of a declared title: equal, or for `it.each` titles the
 * printf placeholders (`%s`, `%d`, `%p`, ...) stand for any text.
 */
export function titleMatches(declared: string, title: string): boolean {
  if (declared === title) return true;
  if (!/%[sdifjop#]/.test(declared)) return false;
  const pattern = declared
    .split(/(%[sdifjop#%])/)
    .map((part) => (part === '%%' ? '%' : /^%[sdifjop#]$/.test(part) ? '(.+?)' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${pattern}$`, 's').test(title);
}

/** The `it(...)`/`test(...)`/`it.each(...)(...)` titles declared in a test file, unescaped. */
export function declaredTests(source: string): string[] {
  return [...source.matchAll(TEST_CALL)].map((match) => match[2].replace(/\\(.)/g, '$1'));
}

/** Reads test files under a project root once each. */
export class TestIndex {
  private readonly cache = new Map<string, string[] | undefined>();
  constructor(
    private readonly projectRoot: string,
    private readonly results?: JestResults,
  ) {}

  titles(file: string): string[] | undefined {
    if (!this.cache.has(file)) {
      const full = path.join(this.projectRoot, file);
      this.cache.set(file, fs.existsSync(full) ? declaredTests(fs.readFileSync(full, 'utf8')) : undefined);
    }
    return this.cache.get(file);
  }

  result(test: TestReference): TestResult {
    const titles = this.titles(test.file);
    const found = titles !== undefined && (test.name === undefined ? titles.length > 0 : titles.includes(test.name));
    if (!found) return { test, found, outcome: 'missing' };
    if (!this.results) return { test, found, outcome: 'not run' };
    const file = this.results.testResults.find(
      (result) => path.relative(this.projectRoot, result.name).split(path.sep).join('/') === test.file,
    );
    const assertions = (file?.assertionResults ?? []).filter(
      (assertion) => test.name === undefined || titleMatches(test.name, assertion.title),
    );
    if (assertions.length === 0) return { test, found, outcome: 'not run' };
    return { test, found, outcome: assertions.every((assertion) => assertion.status === 'passed') ? 'passed' : 'failed' };
  }
}

/** Every framework reference of an entry that names no item of its framework. */
function unknownReferences(control: Control): string[] {
  const problems: string[] = [];
  const known = (framework: keyof typeof FRAMEWORKS, id: string) => FRAMEWORKS[framework].items.some((item) => item.id === id);
  for (const id of control.refs.ndg ?? []) if (!known('ndg', id)) problems.push(`NDG standard ${id} does not exist`);
  for (const id of control.refs.ncsc ?? []) if (!known('ncsc-csp', id)) problems.push(`NCSC cloud principle ${id} does not exist`);
  for (const id of control.refs.caf ?? [])
    if (!/^[A-D][1-6](\.[a-f])?$/.test(id) || !known('caf', id.split('.')[0]))
      problems.push(`CAF ${id} is not a principle or contributing outcome of A1-D2`);
  for (const id of control.refs.dsptE ?? [])
    if (!known('dspt', id) || !id.startsWith('E')) problems.push(`DSPT objective E principle ${id} does not exist`);
  for (const id of control.refs.annex11 ?? [])
    if (!known('gxp', id)) problems.push(`Annex 11 clause ${id} is not in the catalogue's clause list`);
  return problems;
}

/** Checks one entry against the estate and the test files. */
export function checkControl(
  control: Control,
  stacks: ReadonlyMap<string, TerraformJson>,
  tests: TestIndex,
  facts: EstateFacts,
): ControlEvidence {
  const notApplicable = notApplicableReason(control, facts);
  const applicable = notApplicable === undefined;
  const provided = control.status === 'provided';
  const predicates = [...control.resources, ...(provided ? (control.pending?.resources ?? []) : [])].filter(
    (predicate) => !predicate.onlyWithTwoRegions || facts.regions > 1,
  );
  const testRefs = [...control.tests, ...(provided ? (control.pending?.tests ?? []) : [])];
  const resources = predicates.map((predicate) => matchPredicate(stacks, predicate));
  const testResults = testRefs.map((test) => tests.result(test));
  const problems = unknownReferences(control);
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(control.id)) problems.push('id must be kebab-case');
  for (const result of testResults) {
    if (!result.found) problems.push(`test not found: ${result.test.file}${result.test.name ? ` "${result.test.name}"` : ' (no tests)'}`);
    if (result.outcome === 'failed') problems.push(`test failed: ${result.test.file} "${result.test.name ?? '*'}"`);
  }
  if (applicable) {
    for (const result of resources)
      if (!result.satisfied) problems.push(`resource not found: ${describePredicate(result.predicate)} (found ${result.matches.length})`);
  }
  switch (control.status) {
    case 'provided':
      if (predicates.length === 0) problems.push('provided, but names no resource that implements it');
      if (testRefs.length === 0) problems.push('provided, but names no test that proves it');
      break;
    case 'partial':
      if (!control.missing?.trim()) problems.push('partial, but does not say what is missing');
      break;
    case 'customer':
      if (!control.customer?.trim()) problems.push("customer's responsibility, but does not say what the customer does");
      if (control.resources.length > 0) problems.push("customer's responsibility, but names resources: mark it partial or provided");
      break;
  }
  return { control, applicable, ...(notApplicable ? { notApplicable } : {}), resources, tests: testResults, problems };
}

export function checkCatalogue(
  controls: readonly Control[],
  stacks: ReadonlyMap<string, TerraformJson>,
  tests: TestIndex,
  facts: EstateFacts,
): ControlEvidence[] {
  const seen = new Set<string>();
  return controls.map((control) => {
    const evidence = checkControl(control, stacks, tests, facts);
    if (seen.has(control.id)) return { ...evidence, problems: [...evidence.problems, `duplicate id ${control.id}`] };
    seen.add(control.id);
    return evidence;
  });
}
