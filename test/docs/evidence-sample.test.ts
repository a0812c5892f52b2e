// docs/evidence-sample/ is what `lz evidence --no-commit` writes for the bundled example. This test
// builds the pack in-process from the same inputs and fails when the committed copy is stale; run
// `npm run evidence:sample` and commit the result.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfig } from '../../lib/config/load';
import { buildEvidencePack, installedVersions } from '../../tools/evidence/pack';
import { EXAMPLE_CONFIG_DIR, PROJECT_ROOT, synthConfig } from '../helpers/synth';

const SAMPLE = path.join(PROJECT_ROOT, 'docs/evidence-sample');

it('docs/evidence-sample/ is the current output of lz evidence for the example, and every control in it is backed', async () => {
  const pack = await buildEvidencePack({
    loaded: loadConfig(EXAMPLE_CONFIG_DIR),
    stacks: synthConfig().stacks,
    projectRoot: PROJECT_ROOT,
    versions: installedVersions(PROJECT_ROOT),
  });
  expect(pack.problems).toEqual([]);
  const committed = fs.existsSync(SAMPLE) ? fs.readdirSync(SAMPLE).sort() : [];
  const stale = 'docs/evidence-sample/ is stale: run `npm run evidence:sample` and commit the result';
  expect({ files: committed, note: stale }).toEqual({ files: [...pack.files.keys()].sort(), note: stale });
  for (const [name, content] of pack.files) {
    const current = fs.readFileSync(path.join(SAMPLE, name), 'utf8');
    if (current !== content) throw new Error(`${stale} (${name} differs)`);
  }
}, 60_000);
