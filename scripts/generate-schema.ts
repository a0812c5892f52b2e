// `npm run schema`: regenerate config/schema/*.json from the zod schema (a test fails when stale).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderJsonSchemas } from '../lib/config/json-schema';

const schemaDir = path.resolve(__dirname, '../../config/schema');
fs.mkdirSync(schemaDir, { recursive: true });
for (const [file, text] of Object.entries(renderJsonSchemas())) {
  fs.writeFileSync(path.join(schemaDir, file), text);
  process.stdout.write(`wrote config/schema/${file}\n`);
}
