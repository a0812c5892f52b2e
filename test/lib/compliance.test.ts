// The control catalogue covers every item of the frameworks an NHS assessor uses, and every entry's
// status is backed: provided entries by resources found in the synthesized example and tests found in
// their files, partial entries by a statement of what is missing, customer entries by what the trust does.
import * as path from 'node:path';
import { CONTROLS } from '../../lib/compliance/controls';
import { loadConfig } from '../../lib/config/load';
import { coverage, itemStatus, statusCounts } from '../../lib/compliance/coverage';
import { FRAMEWORK_IDS, FRAMEWORKS } from '../../lib/compliance/frameworks';
import { checkCatalogue, estateFacts, TestIndex } from '../../tools/evidence/check';
import { PROJECT_ROOT, synthConfig } from '../helpers/synth';

const FULL = { hscn: true, regions: 2 };

describe('control catalogue', () => {
  it('covers every NDG standard, every CAF principle A1-D2, all 14 NCSC cloud principles and every DSPT and Annex 11 item', () => {
    expect(FRAMEWORKS.ndg.items.map((item) => item.id)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(FRAMEWORKS.caf.items.map((item) => item.id)).toEqual([
      'A1',
      'A2',
      'A3',
      'A4',
      'B1',
      'B2',
      'B3',
      'B4',
      'B5',
      'B6',
      'C1',
      'C2',
      'D1',
      'D2',
    ]);
    expect(FRAMEWORKS['ncsc-csp'].items).toHaveLength(14);
    for (const framework of FRAMEWORK_IDS) {
      const uncovered = coverage(framework, CONTROLS)
        .filter((row) => itemStatus(row.controls) === 'not covered')
        .map((row) => row.item.id);
      expect({ framework, uncovered }).toEqual({ framework, uncovered: [] });
    }
  });

  it('holds every status to its evidence on the synthesized example', () => {
    const evidence = checkCatalogue(CONTROLS, synthConfig().stacks, new TestIndex(PROJECT_ROOT), FULL);
    expect(evidence.flatMap((e) => e.problems.map((problem) => `${e.control.id}: ${problem}`))).toEqual([]);
    const counts = statusCounts(CONTROLS);
    expect(counts.provided).toBeGreaterThan(0);
    expect(counts.partial + counts.customer).toBeGreaterThan(0);
  });

  it.each(['single-region', 'no-hscn'])('holds every status to its evidence in the %s example too', (scenario) => {
    const dir = path.join(PROJECT_ROOT, 'config/examples', scenario);
    const lz = loadConfig(dir).landingZone;
    const evidence = checkCatalogue(CONTROLS, synthConfig(dir).stacks, new TestIndex(PROJECT_ROOT), estateFacts(lz));
    expect(evidence.flatMap((e) => e.problems.map((problem) => `${e.control.id}: ${problem}`))).toEqual([]);
  });

  it('says what is missing for every partial entry that another issue is building, and names the resources it will add', () => {
    for (const control of CONTROLS.filter((entry) => entry.pending)) {
      expect(control.status).toBe('partial');
      expect(control.missing).toMatch(new RegExp(`issue ${control.pending!.issue}`));
      expect(control.pending!.resources.length).toBeGreaterThan(0);
    }
  });
});
