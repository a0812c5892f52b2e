// The editor schemas in config/schema/ are generated from the zod schema; this fails when they are
// stale (run `npm run schema`), and checks that they describe the real files.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderJsonSchemas } from '../../../lib/config/json-schema';
import { EXAMPLE_CONFIG_DIR } from '../../helpers/synth';

type JsonSchemaNode = { [key: string]: unknown };

/**
 * Every property a configuration file can hold, as its path in the schema, with its JSON Schema:
 * object properties, array items, union members and shared definitions ($defs), recursively.
 */
function everyProperty(node: unknown, at: string, out: [string, JsonSchemaNode][] = []): [string, JsonSchemaNode][] {
  if (node === null || typeof node !== 'object') return out;
  const schema = node as JsonSchemaNode;
  for (const [name, property] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchemaNode>)) {
    out.push([`${at}.${name}`, property]);
    everyProperty(property, `${at}.${name}`, out);
  }
  if (schema.items) everyProperty(schema.items, `${at}[]`, out);
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object')
    everyProperty(schema.additionalProperties, `${at}{}`, out);
  for (const union of ['anyOf', 'oneOf', 'allOf'] as const) {
    for (const member of (schema[union] ?? []) as unknown[]) everyProperty(member, at, out);
  }
  for (const [name, definition] of Object.entries((schema.$defs ?? {}) as Record<string, unknown>))
    everyProperty(definition, `${at}#${name}`, out);
  return out;
}

describe('config/schema JSON Schemas', () => {
  const rendered = renderJsonSchemas();

  it.each(Object.keys(rendered))('%s is up to date with the zod schema (run npm run schema if not)', (file) => {
    const checkedIn = fs.readFileSync(path.join(EXAMPLE_CONFIG_DIR, 'schema', file), 'utf8');
    expect(checkedIn).toBe(rendered[file]);
  });

  it.each(Object.keys(rendered))('%s describes every property for editor hover text', (file) => {
    const properties = everyProperty(JSON.parse(rendered[file]), file.replace('.schema.json', ''));
    expect(properties.length).toBeGreaterThan(file === 'workload-account.schema.json' ? 9 : 70);
    const undescribed = properties
      .filter(([, property]) => typeof property.description !== 'string' || property.description.length < 15)
      .map(([where]) => where);
    // Add .describe('...') to the field in lib/config/schema/ (the section's file): what it does, units, default, an example.
    expect(undescribed).toEqual([]);
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
    expect(fs.readFileSync(path.join(EXAMPLE_CONFIG_DIR, 'landing-zone.yaml'), 'utf8')).toContain(
      '$schema=./schema/landing-zone.schema.json',
    );
    for (const file of fs.readdirSync(path.join(EXAMPLE_CONFIG_DIR, 'accounts'))) {
      expect(fs.readFileSync(path.join(EXAMPLE_CONFIG_DIR, 'accounts', file), 'utf8')).toContain(
        '$schema=../schema/workload-account.schema.json',
      );
    }
  });
});
