// The editor schemas in config/schema/ are generated from the zod schema; this fails when they are
// stale (run `npm run schema`), and checks that they describe the real files.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderJsonSchemas } from '../../../lib/config/json-schema';
import { EXAMPLE_CONFIG_DIR } from '../../helpers/synth';

describe('config/schema JSON Schemas', () => {
  const rendered = renderJsonSchemas();

  it.each(Object.keys(rendered))('%s is up to date with the zod schema (run npm run schema if not)', (file) => {
    const checkedIn = fs.readFileSync(path.join(EXAMPLE_CONFIG_DIR, 'schema', file), 'utf8');
    expect(checkedIn).toBe(rendered[file]);
  });

  it('rejects unknown keys and requires what the loader requires', () => {
    const account = JSON.parse(rendered['workload-account.schema.json']);
    expect(account.additionalProperties).toBe(false);
    expect(account.required).toEqual(expect.arrayContaining(['name', 'email', 'ou', 'owner', 'costCentre', 'classification', 'cidr']));
    expect(account.required).not.toContain('status');
    const landingZone = JSON.parse(rendered['landing-zone.schema.json']);
    expect(landingZone.properties.homeRegion.enum).toEqual(['eu-west-2', 'eu-west-1']);
  });

  it('is referenced by the example files for editor support', () => {
    expect(fs.readFileSync(path.join(EXAMPLE_CONFIG_DIR, 'landing-zone.yaml'), 'utf8')).toContain('$schema=./schema/landing-zone.schema.json');
    for (const file of fs.readdirSync(path.join(EXAMPLE_CONFIG_DIR, 'accounts'))) {
      expect(fs.readFileSync(path.join(EXAMPLE_CONFIG_DIR, 'accounts', file), 'utf8')).toContain('$schema=../schema/workload-account.schema.json');
    }
  });
});
