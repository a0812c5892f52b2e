// JSON Schemas for editors (YAML language server), generated from the same zod schema that
// validates configuration, so editor hints can never disagree with the loader.
import { z } from 'zod';
import { landingZoneSchema, workloadAccountSchema } from './schema';

export const JSON_SCHEMA_FILES = {
  'landing-zone.schema.json': landingZoneSchema,
  'workload-account.schema.json': workloadAccountSchema,
} as const;

/** The checked-in text of each schema file: stable key order, two-space indent, final newline. */
export function renderJsonSchemas(): Record<string, string> {
  const rendered: Record<string, string> = {};
  for (const [file, schema] of Object.entries(JSON_SCHEMA_FILES)) {
    // "input" describes what people write: fields with defaults are optional.
    const jsonSchema = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' });
    rendered[file] = `${JSON.stringify({ ...jsonSchema, title: file.replace('.schema.json', '') }, null, 2)}\n`;
  }
  return rendered;
}
