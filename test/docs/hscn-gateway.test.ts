// docs/hscn-gateway.md embeds generated output; this keeps it from going stale. To refresh it, run
// `lz diagram` and `lz connection-summary` on the example and paste the output between the markers.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfig } from '../../lib/config/load';
import { connectionSummary } from '../../tools/network/connection-summary';
import { networkDiagram } from '../../tools/network/diagram';
import { reachabilityMatrix } from '../../tools/network/reachability-matrix';
import { synthesizeStacks } from '../../tools/synth/synthesize';
import { EXAMPLE_CONFIG_DIR } from '../helpers/synth';

const doc = fs.readFileSync(path.resolve(__dirname, '../../docs/hscn-gateway.md'), 'utf8');

function generatedSection(command: string): string {
  const match = new RegExp(`<!-- generated: ${command} -->\\n([\\s\\S]*?)<!-- end generated -->`).exec(doc);
  if (!match) throw new Error(`docs/hscn-gateway.md has no generated section for ${command}`);
  return match[1];
}

describe('docs/hscn-gateway.md', () => {
  const loaded = loadConfig(EXAMPLE_CONFIG_DIR);

  it('embeds exactly what lz diagram prints for the example', () => {
    expect(generatedSection('lz diagram')).toBe(`\`\`\`mermaid\n${networkDiagram(loaded)}\`\`\`\n`);
  });

  it('embeds exactly what lz connection-summary prints for the example', () => {
    expect(generatedSection('lz connection-summary')).toBe(connectionSummary(loaded, reachabilityMatrix(loaded, synthesizeStacks(loaded))));
  });

  it('carries the provider checklist items the HSCN provider must answer', () => {
    for (const item of [
      'Location',
      'Speed',
      'hosted transit virtual interface',
      'BGP ASN',
      'Summarised HSCN prefixes',
      'No default route',
      'VPN backup',
      "The VPN's path",
    ]) {
      expect(doc).toContain(item);
    }
  });
});
