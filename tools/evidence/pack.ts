// `lz evidence`: the evidence pack an assessor reads, generated from configuration, the synthesized
// Terraform and (when given) a Jest result file. Every figure comes from those inputs; nothing is typed
// by hand, and the output is deterministic (no timestamps or commit unless passed in), so a committed
// sample (docs/evidence-sample/) can be checked for staleness.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONTROLS } from '../../lib/compliance/controls';
import { coverage, itemStatus, outcomesUnder, STATUSES, statusCounts } from '../../lib/compliance/coverage';
import { FRAMEWORK_IDS, FRAMEWORKS, type FrameworkId } from '../../lib/compliance/frameworks';
import type { Control } from '../../lib/compliance/types';
import type { LoadedConfig } from '../../lib/config/load';
import { CORE_ACCOUNT_KEYS, effectiveOu, isActive } from '../../lib/config/model';
import { guardrailCatalogue } from '../../policies/catalogue';
import { connectionSummary } from '../network/connection-summary';
import { reachabilityMatrix } from '../network/reachability-matrix';
import type { TerraformJson } from '../synth/output';
import { checkCatalogue, type ControlEvidence, describePredicate, estateFacts, type JestResults, TestIndex } from './check';
import { guardrailEvidence, SUSPENDED_STAND_IN } from './guardrails';
import { csv, markdownTable, readable } from './render';

export interface EvidenceInputs {
  readonly loaded: LoadedConfig;
  readonly stacks: ReadonlyMap<string, TerraformJson>;
  /** The repository root: test files are looked up under it. */
  readonly projectRoot: string;
  /** Only this framework's matrix; every framework when absent. */
  readonly framework?: FrameworkId;
  readonly testResults?: JestResults;
  /** The commit assessed, as the caller determined it; `not recorded` when absent. */
  readonly commit?: string;
  /** When the pack was generated, only if the caller passes it (keeps output deterministic). */
  readonly generatedAt?: string;
  /** Package versions that built the estate (name -> version). */
  readonly versions: Readonly<Record<string, string>>;
}

export interface EvidencePack {
  /** File name (relative to the output folder) -> content. */
  readonly files: ReadonlyMap<string, string>;
  readonly evidence: readonly ControlEvidence[];
  /** `control: problem` for every entry whose status is not backed. */
  readonly problems: readonly string[];
}

const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

function refsText(control: Control): string {
  const r = control.refs;
  const parts = [
    r.ndg?.length ? `NDG ${r.ndg.join(', ')}` : '',
    r.caf?.length ? `CAF ${r.caf.join(', ')}` : '',
    r.dsptE?.length ? `DSPT ${r.dsptE.join(', ')}` : '',
    r.ncsc?.length ? `NCSC CSP ${r.ncsc.join(', ')}` : '',
    r.fsbp?.length ? `FSBP ${r.fsbp.join(', ')}` : '',
    r.cis?.length ? `CIS v3.0 ${r.cis.join(', ')}` : '',
    r.annex11?.length ? `Annex 11 ${r.annex11.join(', ')}` : '',
  ];
  return parts.filter(Boolean).join('; ');
}

function statusText(evidence: ControlEvidence): string {
  return evidence.applicable ? evidence.control.status : `${evidence.control.status} (not applicable: ${evidence.notApplicable ?? 'no HSCN configured'})`;
}

function resourcesText(evidence: ControlEvidence): string {
  return evidence.resources.map((result) => `${describePredicate(result.predicate)}: ${result.matches.length} found`).join('; ');
}

function testsText(evidence: ControlEvidence): string {
  return evidence.tests.map((result) => `${result.test.file}${result.test.name ? ` "${result.test.name}"` : ''}: ${result.outcome}`).join('; ');
}

function controlsFiles(evidence: readonly ControlEvidence[]): [string, string][] {
  const headers = ['id', 'title', 'status', 'what it does', 'missing', "trust's part", 'framework references', 'resources (synthesized)', 'tests'];
  const rows = evidence.map((e) => [e.control.id, e.control.title, statusText(e), e.control.does, e.control.missing ?? '', e.control.customer ?? '', refsText(e.control), resourcesText(e), testsText(e)]);
  const md: string[] = ['# Control catalogue', '', 'Every control the landing zone provides, provides in part, or leaves to the trust. Resources are found in the synthesized Terraform by type and attribute; tests by file and title.', ''];
  for (const e of evidence) {
    md.push(`## ${e.control.id}: ${e.control.title}`, '', `- Status: **${statusText(e)}**`, `- Does: ${e.control.does}`);
    if (e.control.missing) md.push(`- Missing: ${e.control.missing}`);
    if (e.control.customer) md.push(`- The trust's part: ${e.control.customer}`);
    if (e.control.pending) md.push(`- Being built by issue ${e.control.pending.issue}: ${e.control.pending.resources.map(describePredicate).join('; ')}`);
    md.push(`- Framework references: ${refsText(e.control) || 'none'}`);
    if (e.resources.length > 0) {
      md.push('- Resources:');
      for (const r of e.resources) md.push(`  - ${describePredicate(r.predicate)}: ${r.matches.length} found${r.matches.length > 0 ? ` (${[...new Set(r.matches.map((m) => m.stack))].join(', ')})` : ''}`);
    }
    if (e.tests.length > 0) {
      md.push('- Tests:');
      for (const t of e.tests) md.push(`  - \`${t.test.file}\`${t.test.name ? ` "${t.test.name}"` : ''}: ${t.outcome}`);
    }
    if (e.problems.length > 0) md.push(`- **Not backed**: ${e.problems.join('; ')}`);
    md.push('');
  }
  return [
    ['controls.md', md.join('\n')],
    ['controls.csv', csv(headers, rows)],
  ];
}

function matrixFiles(framework: FrameworkId, evidence: readonly ControlEvidence[]): [string, string][] {
  const definition = FRAMEWORKS[framework];
  const byId = new Map(evidence.map((e) => [e.control.id, e]));
  const rows = coverage(
    framework,
    evidence.map((e) => e.control),
  ).map(({ item, controls }) => {
    const list = controls.map((control) => {
      const outcomes = framework === 'caf' || framework === 'dspt' ? outcomesUnder(control, item.id) : [];
      return `${control.id} (${control.status}${outcomes.length ? `; ${outcomes.join(', ')}` : ''})`;
    });
    const resources = controls.reduce((sum, control) => sum + (byId.get(control.id)?.resources.reduce((n, r) => n + r.matches.length, 0) ?? 0), 0);
    const tests = controls.flatMap((control) => byId.get(control.id)?.tests ?? []);
    const passed = tests.filter((t) => t.outcome === 'passed').length;
    const testText = tests.length === 0 ? 'none' : `${tests.length} (${passed} passed, ${tests.filter((t) => t.outcome === 'not run').length} not run, ${tests.filter((t) => t.outcome === 'failed' || t.outcome === 'missing').length} failed or missing)`;
    return [item.id, item.title, itemStatus(controls), list.join(', '), resources, testText];
  });
  const headers = [definition.itemNoun, 'title', 'status', 'controls (status; CAF outcomes)', 'resources found', 'tests'];
  const md = [`# ${definition.title}: control -> resource -> test`, '', `Source: ${definition.source}.`, '', 'An item is **provided** when every contributing control is, **partial** when any is partial or the trust does part of it, **customer** when it is wholly the trust\'s. Details of each control: [controls.md](controls.md).', '', markdownTable(headers, rows)];
  return [
    [`matrix-${framework}.md`, md.join('\n')],
    [`matrix-${framework}.csv`, csv(headers, rows)],
  ];
}

/** OU path of every OU resource key, from the synthesized parent references. */
function ouPaths(stacks: ReadonlyMap<string, TerraformJson>): Map<string, string> {
  const ous = new Map<string, { name: string; parent: string }>();
  for (const json of stacks.values()) {
    for (const [key, body] of Object.entries<TerraformJson>(json.resource?.aws_organizations_organizational_unit ?? {})) ous.set(key, { name: body.name, parent: String(body.parent_id) });
  }
  const paths = new Map<string, string>();
  const pathOf = (key: string): string => {
    const ou = ous.get(key);
    if (!ou) return '';
    const parentKey = /aws_organizations_organizational_unit\.([^.]+)\.id/.exec(ou.parent)?.[1];
    return parentKey ? `${pathOf(parentKey)}/${ou.name}` : ou.name;
  };
  for (const key of ous.keys()) paths.set(key, pathOf(key));
  return paths;
}

function accountFiles(loaded: LoadedConfig, stacks: ReadonlyMap<string, TerraformJson>): [string, string][] {
  const lz = loaded.landingZone;
  const paths = ouPaths(stacks);
  const synthesized = new Map<string, TerraformJson>();
  const imported = new Set<string>();
  for (const json of stacks.values()) {
    for (const body of Object.values<TerraformJson>(json.resource?.aws_organizations_account ?? {})) synthesized.set(body.name, body);
    for (const entry of (json.import ?? []) as { to: string }[]) imported.add(entry.to);
  }
  const rows: (string | number)[][] = [];
  rows.push(['management', 'management', '(root)', lz.managementAccount.accountId, 'existing (management account)', '', '', '', '', 'active']);
  const accountRow = (name: string, kind: string, hscn: string, status: string) => {
    const body = synthesized.get(name);
    const ouKey = /aws_organizations_organizational_unit\.([^.]+)\.id/.exec(String(body?.parent_id ?? ''))?.[1];
    const tags = (body?.tags ?? {}) as Record<string, string>;
    const importedAs = [...imported].some((to) => to.endsWith(`.account-${name}`));
    return [name, kind, ouKey ? (paths.get(ouKey) ?? '') : '(not synthesized)', '', importedAs ? 'adopted (import)' : 'created by the organization stack', tags.owner ?? '', tags['data-classification'] ?? '', tags['cost-centre'] ?? '', hscn, status];
  };
  for (const key of CORE_ACCOUNT_KEYS) {
    const core = lz.coreAccounts[key];
    const row = accountRow(core.name, 'core', '', 'active');
    row[3] = core.accountId ?? '(assigned at creation)';
    rows.push(row);
  }
  for (const { config: account } of loaded.accounts) {
    const row = accountRow(account.name, 'workload', account.hscn ? 'entitled' : 'no', isActive(account) ? 'active' : `suspended (OU ${effectiveOu(account)})`);
    row[3] = account.accountId ?? '(assigned at creation)';
    rows.push(row);
  }
  const headers = ['account', 'kind', 'OU (synthesized)', 'account ID', 'origin', 'owner (tag)', 'data classification (tag)', 'cost centre (tag)', 'HSCN', 'status'];
  const catalogue = guardrailCatalogue(lz);
  const ouRows = [...paths.values()].sort().map((ouPath) => {
    const attached = catalogue.filter((policy) => policy.targets.some((target) => target.kind === 'ou' && target.path === ouPath)).map((policy) => policy.key);
    const members = rows.filter((row) => row[2] === ouPath).map((row) => row[0]);
    return [ouPath, attached.join(', ') || '(inherited only)', members.join(', ')];
  });
  const rootPolicies = catalogue.filter((policy) => policy.targets.some((target) => target.kind === 'root')).map((policy) => policy.key);
  const md = [
    '# Account and OU register',
    '',
    `Organization: ${lz.organization.name}. Owners, classifications and cost centres are the tags the organization stack puts on each account; classifications allowed by configuration: ${lz.dataClassifications.join(', ')}.`,
    '',
    markdownTable(headers, rows),
    '## Organizational units',
    '',
    `Guardrails attached to the root (every OU inherits them): ${rootPolicies.join(', ')}.`,
    '',
    markdownTable(['OU', 'guardrails attached directly', 'accounts'], ouRows),
  ];
  return [
    ['accounts.md', md.join('\n')],
    ['accounts.csv', csv(headers, rows)],
    ['organizational-units.csv', csv(['OU', 'guardrails attached directly', 'accounts'], ouRows)],
  ];
}

async function guardrailFiles(loaded: LoadedConfig, stacks: ReadonlyMap<string, TerraformJson>): Promise<[string, string][]> {
  const { policies, outcomes } = await guardrailEvidence(loaded, stacks);
  const denied = outcomes.filter((o) => o.decision === 'Denied').length;
  const probeRows = [...new Set(outcomes.map((o) => o.probe.label))].map((label) => {
    const row: (string | number)[] = [label];
    for (const principal of ['administrator', 'execution role', 'break-glass role']) {
      const these = outcomes.filter((o) => o.probe.label === label && o.principal === principal);
      row.push(`${these.filter((o) => o.decision === 'Denied').length} of ${these.length} denied`);
    }
    return row;
  });
  const md = [
    '# Guardrails',
    '',
    'Every service and resource control policy as synthesized, and the totals of a probe set run through the real OU chain by the guardrail simulator (`lz simulate`, in-process): each probe is sent as an administrator, the execution role and the break-glass role, in every account (plus ' + '`' + SUSPENDED_STAND_IN + '`' + ', a stand-in in the Suspended OU, when no account is suspended). Identity and resource policies are allow-everything, so the guardrails alone decide. Every request: [guardrail-simulation.csv](guardrail-simulation.csv).',
    '',
    markdownTable(
      ['policy', 'name', 'type', 'attached to', 'statements', 'characters (limit 5,120)', 'probe requests it denied'],
      policies.map((p) => [p.key, p.name, p.type, p.attachedTo, p.statements.join(', '), p.size, p.denied]),
    ),
    `## Simulation totals`,
    '',
    `${outcomes.length} requests: ${outcomes.length - denied} allowed, ${denied} denied.`,
    '',
    markdownTable(['probe', 'administrator', 'execution role', 'break-glass role'], probeRows),
  ];
  const simulation = csv(
    ['probe', 'action', 'account', 'principal', 'region', 'decision', 'decided by'],
    outcomes.map((o) => [o.probe.label, o.probe.action, o.account, o.principal, o.region, o.decision, o.decidedBy]),
  );
  return [
    ['guardrails.md', md.join('\n')],
    ['guardrail-simulation.csv', simulation],
  ];
}

function logRetentionFiles(stacks: ReadonlyMap<string, TerraformJson>): [string, string][] {
  const rows: (string | number)[][] = [];
  for (const [stack, json] of stacks) {
    const resources = json.resource ?? {};
    const regionOf = (provider: unknown) => {
      const alias = typeof provider === 'string' && provider.includes('.') ? provider.split('.')[1] : undefined;
      return ((json.provider?.aws ?? []) as { alias?: string; region?: string }[]).find((p) => p.alias === alias)?.region ?? '';
    };
    const about = (type: string, key: string) =>
      Object.values<TerraformJson>(resources[type] ?? {}).find((body) => String(body.bucket).includes(`aws_s3_bucket.${key}.`));
    for (const [key, bucket] of Object.entries<TerraformJson>(resources.aws_s3_bucket ?? {})) {
      const lock = about('aws_s3_bucket_object_lock_configuration', key);
      const lifecycle = about('aws_s3_bucket_lifecycle_configuration', key);
      const replication = about('aws_s3_bucket_replication_configuration', key);
      const encryption = about('aws_s3_bucket_server_side_encryption_configuration', key);
      const versioning = about('aws_s3_bucket_versioning', key);
      const retention = lock?.rule?.default_retention;
      const objectLock = retention ? `${retention.mode}, ${retention.days ?? retention.years} ${retention.days ? 'days' : 'years'}` : bucket.object_lock_enabled ? 'enabled, no default retention' : 'none';
      const expiry = ((lifecycle?.rule ?? []) as TerraformJson[]).flatMap((rule) => (rule.expiration ?? []).map((e: TerraformJson) => e.days)).filter(Boolean);
      const destinationKey = /aws_s3_bucket\.([^.]+)\.arn/.exec(JSON.stringify(replication?.rule ?? ''))?.[1];
      const destination = destinationKey ? readable(resources.aws_s3_bucket?.[destinationKey]?.bucket) : '';
      const algorithm = encryption?.rule?.[0]?.apply_server_side_encryption_by_default?.sse_algorithm ?? '';
      rows.push(['S3 bucket', readable(bucket.bucket), stack, regionOf(bucket.provider), objectLock, versioning?.versioning_configuration?.status ?? '', algorithm, expiry.length ? `${expiry.join(', ')} days` : 'none', destination || 'none', bucket.lifecycle?.prevent_destroy === true ? 'yes' : 'no']);
    }
    for (const group of Object.values<TerraformJson>(resources.aws_cloudwatch_log_group ?? {})) {
      rows.push(['CloudWatch log group', readable(group.name), stack, regionOf(group.provider), 'n/a', 'n/a', group.kms_key_id ? 'KMS' : 'service default', group.retention_in_days ? `${group.retention_in_days} days` : 'never expires', 'none', group.lifecycle?.prevent_destroy === true ? 'yes' : 'no']);
    }
  }
  rows.sort((a, b) => `${a[2]}${a[1]}`.localeCompare(`${b[2]}${b[1]}`));
  const headers = ['store', 'name', 'stack', 'Region', 'Object Lock', 'versioning', 'encryption', 'expiry', 'replicated to', 'prevent_destroy'];
  const md = ['# Log retention and immutability', '', 'Every S3 bucket and CloudWatch log group in the synthesized estate, with its lock, versioning, encryption, expiry and replica.', '', markdownTable(headers, rows)];
  return [
    ['log-retention.md', md.join('\n')],
    ['log-retention.csv', csv(headers, rows)],
  ];
}

function accessReviewFile(stacks: ReadonlyMap<string, TerraformJson>, evidence: readonly ControlEvidence[]): [string, string] {
  const sets: (string | number)[][] = [];
  let assignments = 0;
  for (const [stack, json] of stacks) {
    for (const body of Object.values<TerraformJson>(json.resource?.aws_ssoadmin_permission_set ?? {})) sets.push([readable(body.name), stack, body.session_duration ?? '', readable(body.description ?? '')]);
    assignments += Object.keys(json.resource?.aws_ssoadmin_account_assignment ?? {}).length;
  }
  const entry = evidence.find((e) => e.control.id === 'workforce-identity');
  const md = ['# Access review', ''];
  if (sets.length === 0) {
    md.push(`**Not built.** The estate deploys no IAM Identity Center permission sets or account assignments, so there is nothing to review from code. ${entry?.control.missing ?? ''}`, '');
  } else {
    md.push(`${sets.length} permission sets and ${assignments} account assignments are deployed.`, '', markdownTable(['permission set', 'stack', 'session duration', 'description'], sets));
  }
  return ['access-review.md', md.join('\n')];
}

function provenanceRows(inputs: EvidenceInputs): (string | number)[][] {
  const rows: (string | number)[][] = [];
  const configFiles = [path.join(inputs.loaded.dir, 'landing-zone.yaml'), ...inputs.loaded.accounts.map((account) => path.join(inputs.loaded.dir, 'accounts', `${account.config.name}.yaml`))];
  for (const file of configFiles) if (fs.existsSync(file)) rows.push(['configuration', path.relative(inputs.loaded.dir, file).split(path.sep).join('/'), sha256(fs.readFileSync(file))]);
  for (const [stack, json] of inputs.stacks) rows.push(['synthesized stack', `stacks/${stack}/cdk.tf.json`, sha256(JSON.stringify(json))]);
  rows.push(['control catalogue', 'lib/compliance/controls.ts', sha256(JSON.stringify(CONTROLS))]);
  return rows;
}

function readmeFile(inputs: EvidenceInputs, evidence: readonly ControlEvidence[], frameworks: readonly FrameworkId[], files: readonly string[]): string {
  const counts = statusCounts(evidence.map((e) => e.control));
  const lz = inputs.loaded.landingZone;
  const md = [
    `# Evidence pack: ${lz.organization.name}`,
    '',
    'Generated by `lz evidence` from the configuration, the synthesized Terraform and the test results named below. Nothing in it is typed by hand: regenerate it rather than edit it.',
    '',
    '## What was assessed',
    '',
    `- Commit: ${inputs.commit ?? 'not recorded'}`,
    `- Generated: ${inputs.generatedAt ?? 'not recorded (deterministic output)'}`,
    `- Test results: ${inputs.testResults ? `${inputs.testResults.testResults.length} test files from a Jest result file` : 'not run (no result file given; pass --test-results)'}`,
    `- Stacks: ${inputs.stacks.size}; resources: ${[...inputs.stacks.values()].reduce((sum, json) => sum + Object.values<Record<string, unknown>>(json.resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0), 0)}`,
    `- Versions: ${Object.entries(inputs.versions).map(([name, version]) => `${name} ${version}`).join(', ')}; AWS provider required by the stacks: ${providerVersions(inputs.stacks).join(', ') || 'none'}`,
    '- Content hashes (SHA-256) of the configuration files, the synthesized stacks and the catalogue: [provenance.csv](provenance.csv)',
    '',
    '## Controls by status',
    '',
    markdownTable(['status', 'controls'], STATUSES.map((status) => [status, counts[status]])),
    '## Frameworks',
    '',
    markdownTable(
      ['framework', 'items', ...STATUSES, 'not covered'],
      frameworks.map((id) => {
        const rows = coverage(id, evidence.map((e) => e.control));
        const count = (status: string) => rows.filter((row) => itemStatus(row.controls) === status).length;
        return [`[${FRAMEWORKS[id].title}](matrix-${id}.md)`, rows.length, ...STATUSES.map(count), count('not covered')];
      }),
    ),
    '## Files',
    '',
    ...files.map((file) => `- [${file}](${file})`),
    '',
  ];
  const problems = evidence.flatMap((e) => e.problems.map((problem) => `${e.control.id}: ${problem}`));
  if (problems.length > 0) md.push('## Not backed', '', ...problems.map((problem) => `- ${problem}`), '');
  return md.join('\n');
}

export async function buildEvidencePack(inputs: EvidenceInputs): Promise<EvidencePack> {
  const lz = inputs.loaded.landingZone;
  const facts = estateFacts(lz);
  const evidence = checkCatalogue(CONTROLS, inputs.stacks, new TestIndex(inputs.projectRoot, inputs.testResults), facts);
  const frameworks = inputs.framework ? [inputs.framework] : FRAMEWORK_IDS;
  const entries: [string, string][] = [
    ...controlsFiles(evidence),
    ...frameworks.flatMap((framework) => matrixFiles(framework, evidence)),
    ...accountFiles(inputs.loaded, inputs.stacks),
    ...(await guardrailFiles(inputs.loaded, inputs.stacks)),
    ...logRetentionFiles(inputs.stacks),
    ['hscn-connection.md', connectionSummary(inputs.loaded, reachabilityMatrix(inputs.loaded, inputs.stacks))],
    accessReviewFile(inputs.stacks, evidence),
    ['provenance.csv', csv(['kind', 'path', 'sha256'], provenanceRows(inputs))],
  ];
  const names = entries.map(([name]) => name);
  const files = new Map<string, string>([['README.md', readmeFile(inputs, evidence, frameworks, names)], ...entries]);
  const problems = evidence.flatMap((e) => e.problems.map((problem) => `${e.control.id}: ${problem}`));
  return { files, evidence, problems };
}

/** Package versions that built the estate, read from the installed packages. */
export function installedVersions(projectRoot: string): Record<string, string> {
  const versions: Record<string, string> = {};
  const read = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as { name: string; version: string };
  const own = read(path.join(projectRoot, 'package.json'));
  versions[own.name] = own.version;
  for (const name of ['cdktf', '@cdktf/provider-aws', 'constructs']) {
    const file = path.join(projectRoot, 'node_modules', name, 'package.json');
    if (fs.existsSync(file)) versions[name] = read(file).version;
  }
  return versions;
}

/** The AWS provider version the synthesized stacks require (one value for the whole estate). */
export function providerVersions(stacks: ReadonlyMap<string, TerraformJson>): string[] {
  return [...new Set([...stacks.values()].map((json) => String(json.terraform?.required_providers?.aws?.version ?? '')).filter(Boolean))];
}
