// No claim without proof: every compliance statement in README.md and docs/ (one that names a
// framework, or claims patient-data safety, logging or reporting times) carries a
// `<!-- control: id -->` marker; each cited entry exists, is called partial or the trust's where it is,
// and, when provided, has its resources in the synthesized example and its tests in their files; every
// framework item the statement names (NDG 7, CAF C1.b, NCSC principle 13...) is one its entries refer to.
// docs/evidence-sample/ is generated from the catalogue itself and checked by evidence-sample.test.ts;
// ADR 1000, which defines this rule, is the one other exemption.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONTROLS } from '../../lib/compliance/controls';
import { checkCatalogue, TestIndex } from '../../tools/evidence/check';
import { claimedReferences, claimProblems, markedControls, statements } from '../../tools/evidence/claims';
import { PROJECT_ROOT, synthConfig } from '../helpers/synth';

/**
 * The decision record of this rule describes the frameworks and quotes the claims the rule caught; it
 * makes no claim about the estate. Nothing else is exempt.
 */
const ABOUT_THE_RULE = new Set(['docs/decisions/1000-compliance-evidence-from-code.md']);

function documents(): string[] {
  const out = ['README.md'];
  const walk = (dir: string) => {
    for (const entry of fs
      .readdirSync(path.join(PROJECT_ROOT, dir), { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))) {
      const relative = `${dir}/${entry.name}`;
      if (entry.isDirectory() && relative !== 'docs/evidence-sample') walk(relative);
      else if (entry.isFile() && entry.name.endsWith('.md') && !ABOUT_THE_RULE.has(relative)) out.push(relative);
    }
  };
  walk('docs');
  return out;
}

const read = (file: string) => fs.readFileSync(path.join(PROJECT_ROOT, file), 'utf8');

const FULL = { hscn: true, regions: 2 };

describe('compliance claims in the documentation', () => {
  it('finds statements: paragraphs, list items and table rows, not code or headings', () => {
    const found = statements(
      '# NDG heading\n\nA paragraph naming\nCAF on two lines.\n\n- item one NDG 4\n- item two\n\n| control | NCSC principle |\n|---|---|\n| a | 2 |\n\n```\nNDG in code\n```\n',
    );
    expect(found.map((s) => [s.line, s.text])).toEqual([
      [3, 'A paragraph naming CAF on two lines.'],
      [6, '- item one NDG 4'],
      [7, '- item two'],
      [11, '| a | 2 |'],
    ]);
    expect(found[3].header).toBe('| control | NCSC principle |');
  });

  it('catches an unmarked claim, an unknown control, and a partial or customer entry cited without saying so', () => {
    const doc = [
      'Meets NDG standard 7.',
      '',
      'Access to patient data is logged. <!-- control: patient-data-access-logging -->',
      '',
      'Patient-data logging is partial: only prefixed buckets. <!-- control: patient-data-access-logging -->',
      '',
      'Continuity (NDG 7). <!-- control: continuity-planning -->',
      '',
      "Continuity (NDG 7) is the trust's. <!-- control: continuity-planning -->",
      '',
      'CAF C1.b <!-- control: no-such-control -->',
      '',
      '| control | NDG |',
      '|---|---|',
      '| a row under a framework column | 4 |',
    ].join('\n');
    expect(claimProblems('x.md', doc, CONTROLS)).toEqual([
      'x.md:1: names a framework or makes a compliance claim without a control marker: "Meets NDG standard 7."',
      'x.md:3: cites patient-data-access-logging, which is partial, without saying so ("partial" or "not built"): "Access to patient data is logged."',
      'x.md:7: cites continuity-planning, which is the trust\'s responsibility, without saying so: "Continuity (NDG 7)."',
      'x.md:11: cites control "no-such-control", which the catalogue does not have',
      'x.md:15: names a framework or makes a compliance claim without a control marker: "| a row under a framework column | 4 |"',
    ]);
  });

  it('catches a statement that claims a framework item none of its cited entries refers to', () => {
    expect(
      claimedReferences(
        'Supports: NDG standard 1 (personal data) and 9 (IT); NCSC principles 3 (separation) and 11; CAF B3.b and B3.c (data)',
      ),
    ).toEqual([
      { framework: 'NDG', id: '1' },
      { framework: 'NDG', id: '9' },
      { framework: 'NCSC', id: '3' },
      { framework: 'NCSC', id: '11' },
      { framework: 'CAF', id: 'B3.b' },
      { framework: 'CAF', id: 'B3.c' },
    ]);
    const doc = [
      'Object Lock supports NDG 7 (continuity). <!-- control: log-immutability -->',
      '',
      '| Control | NDG standards | NCSC CSP | CAF |',
      '|---|---|---|---|',
      '| Config <!-- control: config-recording --> | 8 (no unsupported systems), 9 | 5 | A3.a |',
    ].join('\n');
    expect(claimProblems('y.md', doc, CONTROLS)).toEqual([
      'y.md:1: claims NDG 7, which none of the cited entries (log-immutability) refers to',
      'y.md:5: claims NDG 8, which none of the cited entries (config-recording) refers to',
    ]);
  });

  it('ties every compliance statement in README.md and docs/ to a catalogue entry that backs it', () => {
    const files = documents();
    expect(files).toContain('docs/compliance.md');
    const problems = files.flatMap((file) => claimProblems(file, read(file), CONTROLS));
    expect(problems).toEqual([]);
  });

  it('cites only provided entries whose resources are in the synthesized example and whose tests exist', () => {
    const cited = new Set(documents().flatMap((file) => statements(read(file)).flatMap((s) => markedControls(s.text))));
    expect(cited.size).toBeGreaterThan(10);
    const evidence = checkCatalogue(
      CONTROLS.filter((control) => cited.has(control.id)),
      synthConfig().stacks,
      new TestIndex(PROJECT_ROOT),
      FULL,
    );
    expect(evidence.flatMap((e) => e.problems.map((problem) => `${e.control.id}: ${problem}`))).toEqual([]);
  });
});
