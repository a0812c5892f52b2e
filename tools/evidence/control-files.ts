// The evidence pack's control files: the control catalogue with each control's resources and tests,
// and one control -> resource -> test matrix per framework.
import { coverage, itemStatus, outcomesUnder } from '../../lib/compliance/coverage';
import { FRAMEWORKS, type FrameworkId } from '../../lib/compliance/frameworks';
import type { Control } from '../../lib/compliance/types';
import { type ControlEvidence, describePredicate } from './check';
import { csv, markdownTable } from './render';

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
  return evidence.applicable
    ? evidence.control.status
    : `${evidence.control.status} (not applicable: ${evidence.notApplicable ?? 'no HSCN configured'})`;
}

function resourcesText(evidence: ControlEvidence): string {
  return evidence.resources.map((result) => `${describePredicate(result.predicate)}: ${result.matches.length} found`).join('; ');
}

function testsText(evidence: ControlEvidence): string {
  return evidence.tests
    .map((result) => `${result.test.file}${result.test.name ? ` "${result.test.name}"` : ''}: ${result.outcome}`)
    .join('; ');
}

export function controlsFiles(evidence: readonly ControlEvidence[]): [string, string][] {
  const headers = [
    'id',
    'title',
    'status',
    'what it does',
    'missing',
    "trust's part",
    'framework references',
    'resources (synthesized)',
    'tests',
  ];
  const rows = evidence.map((e) => [
    e.control.id,
    e.control.title,
    statusText(e),
    e.control.does,
    e.control.missing ?? '',
    e.control.customer ?? '',
    refsText(e.control),
    resourcesText(e),
    testsText(e),
  ]);
  const md: string[] = [
    '# Control catalogue',
    '',
    'Every control the landing zone provides, provides in part, or leaves to the trust. Resources are found in the synthesized Terraform by type and attribute; tests by file and title.',
    '',
  ];
  for (const e of evidence) {
    md.push(`## ${e.control.id}: ${e.control.title}`, '', `- Status: **${statusText(e)}**`, `- Does: ${e.control.does}`);
    if (e.control.missing) md.push(`- Missing: ${e.control.missing}`);
    if (e.control.customer) md.push(`- The trust's part: ${e.control.customer}`);
    if (e.control.pending)
      md.push(`- Being built by issue ${e.control.pending.issue}: ${e.control.pending.resources.map(describePredicate).join('; ')}`);
    md.push(`- Framework references: ${refsText(e.control) || 'none'}`);
    if (e.resources.length > 0) {
      md.push('- Resources:');
      for (const r of e.resources)
        md.push(
          `  - ${describePredicate(r.predicate)}: ${r.matches.length} found${r.matches.length > 0 ? ` (${[...new Set(r.matches.map((m) => m.stack))].join(', ')})` : ''}`,
        );
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

export function matrixFiles(framework: FrameworkId, evidence: readonly ControlEvidence[]): [string, string][] {
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
    const resources = controls.reduce(
      (sum, control) => sum + (byId.get(control.id)?.resources.reduce((n, r) => n + r.matches.length, 0) ?? 0),
      0,
    );
    const tests = controls.flatMap((control) => byId.get(control.id)?.tests ?? []);
    const passed = tests.filter((t) => t.outcome === 'passed').length;
    const testText =
      tests.length === 0
        ? 'none'
        : `${tests.length} (${passed} passed, ${tests.filter((t) => t.outcome === 'not run').length} not run, ${tests.filter((t) => t.outcome === 'failed' || t.outcome === 'missing').length} failed or missing)`;
    return [item.id, item.title, itemStatus(controls), list.join(', '), resources, testText];
  });
  const headers = [definition.itemNoun, 'title', 'status', 'controls (status; CAF outcomes)', 'resources found', 'tests'];
  const md = [
    `# ${definition.title}: control -> resource -> test`,
    '',
    `Source: ${definition.source}.`,
    '',
    "An item is **provided** when every contributing control is, **partial** when any is partial or the trust does part of it, **customer** when it is wholly the trust's. Details of each control: [controls.md](controls.md).",
    '',
    markdownTable(headers, rows),
  ];
  return [
    [`matrix-${framework}.md`, md.join('\n')],
    [`matrix-${framework}.csv`, csv(headers, rows)],
  ];
}
