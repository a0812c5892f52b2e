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
