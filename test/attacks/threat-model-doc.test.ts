// docs/threat-model.md states how many attacks and must-allow cases the suite holds, per promise:
// those figures must be the data's, so the document never overstates what is proven.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ATTACK_CASES, DECLARATIVE_ATTACK_CASES, MUST_ALLOW_CASES } from '../../tools/simulation/attack-cases';

const DOC = fs.readFileSync(path.resolve(__dirname, '../../docs/threat-model.md'), 'utf8');

describe('docs/threat-model.md counts the adversarial suite truthfully', () => {
  it('states the number of simulated attacks, declarative attacks and must-allow cases', () => {
    expect(DOC).toContain(`**${ATTACK_CASES.length} attack requests**`);
    expect(DOC).toContain(`**${DECLARATIVE_ATTACK_CASES.length} attacks stopped by EC2 declarative policies**`);
    expect(DOC).toContain(`**${MUST_ALLOW_CASES.length} must-allow cases**`);
    expect(DOC).toContain(`The ${MUST_ALLOW_CASES.length} must-allow cases include`);
  });

  it('states the number of attacks per promise', () => {
    const counts = new Map<string, number>();
    for (const attack of [...ATTACK_CASES, ...DECLARATIVE_ATTACK_CASES]) counts.set(attack.promise, (counts.get(attack.promise) ?? 0) + 1);
    for (const [promise, count] of counts) expect(DOC).toContain(`| \`${promise}\` | ${count} |`);
  });

  it('names a statement for every Sid the suite expects to decide, so the table and the data agree', () => {
    const sids = new Set(ATTACK_CASES.map((attack) => attack.deniedBy[1]));
    const missing = [...sids].filter((sid) => sid !== 'DenyAuditTampering' && !DOC.includes(sid));
    expect(missing).toEqual([]);
  });
});

describe('docs/threat-model.md names a guarding test for every follow-up move that exists', () => {
  const section = DOC.slice(DOC.indexOf('### Follow-up moves'), DOC.indexOf('### Medium'));
  const rows = section.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| move') && !line.startsWith('|---'));
  const testsRoot = path.resolve(__dirname, '..');
  const testSources = ['attacks', 'invariants'].flatMap((folder) =>
    fs
      .readdirSync(path.join(testsRoot, folder))
      .filter((file) => file.endsWith('.test.ts'))
      .map((file) => ({ file, text: fs.readFileSync(path.join(testsRoot, folder, file), 'utf8') })),
  );

  it('lists the moves with a verdict and a guarding test each', () => {
    expect(rows.length).toBeGreaterThanOrEqual(9);
    for (const row of rows) expect(row.split(' | ')).toHaveLength(4);
  });

  it('every test file it names exists, and every quoted test title is in one of them', () => {
    const files = [...section.matchAll(/`([\w-]+\.test\.ts)`/g)].map((match) => match[1]);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect({ file, found: testSources.some((source) => source.file === file) }).toEqual({ file, found: true });
    // A quoted title may be cut short with an ellipsis; the part before it must be in a test source.
    const titles = rows.flatMap((row) => [...row.split(' | ')[3].matchAll(/"([^"]+)"/g)].map((match) => match[1].replace(/\s*….*$/, '')));
    expect(titles.length).toBeGreaterThan(0);
    const missing = titles.filter((title) => !testSources.some((source) => source.text.includes(title)));
    expect(missing).toEqual([]);
  });
});
