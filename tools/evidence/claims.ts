// Finds the compliance statements in Markdown and checks each is tied to the control catalogue: a
// sentence, list item or table row that names a framework (NDG, CAF, DSPT, NCSC principles, GxP,
// FSBP, CIS...) or makes one of the patient-data claims assessors test must carry a marker
// `<!-- control: id[, id] -->` naming catalogue entries; a partial entry must be called partial (or
// "not built") in the same statement, and a customer entry must say it is the trust's. Used by
// test/docs/claims.test.ts over README.md and docs/.
import { cafPrincipleOf } from '../../lib/compliance/frameworks';
import type { Control } from '../../lib/compliance/types';

/** Words that make a statement a compliance statement. */
export const FRAMEWORK_PATTERN =
  /\bNDG\b|National Data Guardian|\bCAF\b|Cyber Assessment Framework|\bDSPT\b|DSP Toolkit|Data Security and Protection Toolkit|NCSC (?:Cloud Security )?Principle|cloud security principle|\bCSP\b|\bGxP\b|Annex 11|ALCOA|\bFSBP\b|Foundational Security Best Practices|\bCIS\b|DCB0129|DCB0160/i;

/** Claims an assessor tests directly, framework named or not. */
export const CLAIM_PATTERN =
  /safe for (?:NHS )?patient data|(?:patient|personal confidential) data is logged|within (?:the DSPT's )?12 hours/i;

const MARKER = /<!--\s*control:\s*([a-z0-9,\s-]+?)\s*-->/g;
const SAYS_PARTIAL = /\bpartial(?:ly)?\b|\bnot built\b|\bnot (?:yet )?deployed\b/i;
const SAYS_CUSTOMER = /\btrust's\b|\bcustomer\b|\byour (?:job|responsibility)\b|\bapplication team/i;

export interface Statement {
  readonly line: number;
  readonly text: string;
  /** For a table row: the table's header row, whose framework columns make every row a claim. */
  readonly header?: string;
}

/** Paragraphs, list items and table rows outside code blocks; headings and HTML-only lines are left out. */
export function statements(markdown: string): Statement[] {
  const out: Statement[] = [];
  let current: { line: number; lines: string[] } | undefined;
  let fenced = false;
  let tableHeader: string | undefined;
  const flush = () => {
    if (current) out.push({ line: current.line, text: current.lines.join(' ') });
    current = undefined;
  };
  markdown.split('\n').forEach((raw, index) => {
    const line = raw.trimEnd();
    if (/^\s*(```|~~~)/.test(line)) {
      flush();
      fenced = !fenced;
      return;
    }
    if (fenced) return;
    if (!/^\s*\|/.test(line)) tableHeader = undefined;
    if (line.trim() === '' || /^#{1,6}\s/.test(line)) return flush();
    if (/^\s*\|/.test(line)) {
      flush();
      if (/^\s*\|[\s|:-]+\|\s*$/.test(line)) return; // the delimiter row
      // The header row only names the columns; the rows under it are the statements.
      if (tableHeader === undefined) tableHeader = line;
      else out.push({ line: index + 1, text: line, header: tableHeader });
      return;
    }
    if (/^\s*(?:[-*+]|\d+\.)\s/.test(line)) flush();
    if (!current) current = { line: index + 1, lines: [] };
    current.lines.push(line.trim());
  });
  flush();
  return out;
}

export function markedControls(text: string): string[] {
  return [...text.matchAll(MARKER)].flatMap((match) =>
    match[1]
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean),
  );
}

export type ClaimedFramework = 'NDG' | 'NCSC' | 'CAF' | 'Annex 11';

/** A list of numbers, each optionally followed by a parenthesised gloss: `1 (data) and 9 (IT)`. */
const NUMBER_LIST = String.raw`(\d{1,2}(?:\s*\([^)]*\))?(?:\s*(?:,|and|or)\s*\d{1,2}(?:\s*\([^)]*\))?)*)`;
const CAF_LIST = String.raw`([A-D][1-6](?:\.[a-f])?(?:\s*(?:,|and)\s*[A-D][1-6](?:\.[a-f])?)*)`;
const PROSE_REFERENCES: readonly [ClaimedFramework, RegExp][] = [
  ['NDG', new RegExp(String.raw`\bNDG(?:\s+standards?)?\s+${NUMBER_LIST}`, 'gi')],
  ['NCSC', new RegExp(String.raw`\b(?:NCSC\s+(?:Cloud\s+Security\s+)?principles?|CSP)\s+${NUMBER_LIST}`, 'gi')],
  ['Annex 11', new RegExp(String.raw`\bAnnex 11(?:\s+clauses?)?\s+${NUMBER_LIST}`, 'gi')],
  ['CAF', new RegExp(String.raw`\bCAF(?:\s+v4\.0)?\s+${CAF_LIST}`, 'g')],
];
const COLUMN_FRAMEWORKS: readonly [ClaimedFramework, RegExp][] = [
  ['NDG', /\bNDG\b/i],
  ['NCSC', /\bNCSC\b|\bCSP\b/],
  ['CAF', /\bCAF\b/],
  ['Annex 11', /Annex 11/],
];

const numbersIn = (text: string) => [...text.replace(/\([^)]*\)/g, '').matchAll(/\b\d{1,2}\b/g)].map((m) => m[0]);
const cafIn = (text: string) => [...text.matchAll(/\b[A-D][1-6](?:\.[a-f])?\b/g)].map((m) => m[0]);
const cells = (row: string) =>
  row
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());

/** The framework items a statement claims: numbers after NDG, NCSC principle, Annex 11; CAF codes; table columns. */
export function claimedReferences(text: string, header?: string): { framework: ClaimedFramework; id: string }[] {
  const out: { framework: ClaimedFramework; id: string }[] = [];
  const scan = (part: string) => {
    for (const [framework, pattern] of PROSE_REFERENCES) {
      for (const match of part.matchAll(pattern))
        for (const id of framework === 'CAF' ? cafIn(match[1]) : numbersIn(match[1])) out.push({ framework, id });
    }
  };
  if (header === undefined) {
    scan(text);
  } else {
    const headings = cells(header);
    cells(text).forEach((cell, index) => {
      const column = COLUMN_FRAMEWORKS.find(([, pattern]) => pattern.test(headings[index] ?? ''));
      if (column)
        for (const id of column[0] === 'CAF' ? cafIn(cell) : numbersIn(cell.split(/[:;]/)[0])) out.push({ framework: column[0], id });
      else scan(cell);
    });
  }
  const seen = new Set<string>();
  return out.filter((ref) => !seen.has(`${ref.framework} ${ref.id}`) && seen.add(`${ref.framework} ${ref.id}`));
}

function backs(controls: readonly Control[], framework: ClaimedFramework, id: string): boolean {
  return controls.some((control) => {
    switch (framework) {
      case 'NDG':
        return (control.refs.ndg ?? []).includes(id);
      case 'NCSC':
        return (control.refs.ncsc ?? []).includes(id);
      case 'Annex 11':
        return (control.refs.annex11 ?? []).includes(id);
      case 'CAF':
        return (control.refs.caf ?? []).some(
          (ref) => ref === id || (!id.includes('.') && cafPrincipleOf(ref) === id) || (!ref.includes('.') && cafPrincipleOf(id) === ref),
        );
    }
  });
}

/** Every problem with the compliance statements of one file, as `file:line: problem`. */
export function claimProblems(file: string, markdown: string, controls: readonly Control[]): string[] {
  const byId = new Map(controls.map((control) => [control.id, control]));
  const problems: string[] = [];
  for (const statement of statements(markdown)) {
    // Inline code is a name (`lz-ncsc-caf`) or an example of the marker syntax, never a claim.
    const text = statement.text.replace(/`[^`]*`/g, '');
    const ids = markedControls(text);
    const prose = text.replace(MARKER, '');
    const claims =
      FRAMEWORK_PATTERN.test(prose) ||
      CLAIM_PATTERN.test(prose) ||
      (statement.header !== undefined && FRAMEWORK_PATTERN.test(statement.header));
    const where = `${file}:${statement.line}`;
    const excerpt = prose.trim().slice(0, 100);
    if (claims && ids.length === 0)
      problems.push(`${where}: names a framework or makes a compliance claim without a control marker: "${excerpt}"`);
    const cited = ids.map((id) => byId.get(id)).filter((control): control is Control => control !== undefined);
    if (cited.length > 0) {
      for (const ref of claimedReferences(prose, statement.header)) {
        if (!backs(cited, ref.framework, ref.id))
          problems.push(
            `${where}: claims ${ref.framework} ${ref.id}, which none of the cited entries (${cited.map((c) => c.id).join(', ')}) refers to`,
          );
      }
    }
    for (const id of ids) {
      const control = byId.get(id);
      if (!control) {
        problems.push(`${where}: cites control "${id}", which the catalogue does not have`);
        continue;
      }
      if (control.status === 'partial' && !SAYS_PARTIAL.test(prose))
        problems.push(`${where}: cites ${id}, which is partial, without saying so ("partial" or "not built"): "${excerpt}"`);
      if (control.status === 'customer' && !SAYS_CUSTOMER.test(prose))
        problems.push(`${where}: cites ${id}, which is the trust's responsibility, without saying so: "${excerpt}"`);
    }
  }
  return problems;
}
