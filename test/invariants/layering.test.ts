// Imports flow one way, lib -> policies -> modules -> stacks -> tools -> cli (docs/architecture.md),
// and eslint.config.js enforces it. This proves the rule bites for every backward import, lets every
// forward import through, and that the tree as committed has no violation.
import * as path from 'node:path';
import { ESLint } from 'eslint';

const ROOT = path.resolve(__dirname, '../..');
const LAYERS = ['lib', 'policies', 'modules', 'stacks', 'tools', 'cli'] as const;
// The project's own flat config, loaded here rather than by ESLint (which would import() it, and
// jest's module sandbox has no dynamic import).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const projectConfig = require(path.join(ROOT, 'eslint.config.js'));

function projectEslint(): ESLint {
  return new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: projectConfig });
}

async function importProblems(fromLayer: string, toLayer: string): Promise<string[]> {
  const eslint = projectEslint();
  const filePath = path.join(ROOT, fromLayer, 'domain', 'probe.ts');
  const [result] = await eslint.lintText(`import '../../${toLayer}/domain/thing';\n`, { filePath });
  return result.messages.filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

describe('import direction between layers', () => {
  const pairs = LAYERS.flatMap((from, i) => LAYERS.map((to, j) => [from, to, j > i] as const));

  it.each(pairs)('%s importing %s is refused: %s', async (from, to, backward) => {
    const problems = await importProblems(from, to);
    if (backward) expect(problems).toEqual([expect.stringContaining(`${from}/ may import only`)]);
    else expect(problems).toEqual([]);
  });

  it('the provider package root stays refused in every layer', async () => {
    const eslint = projectEslint();
    // The forbidden specifier is assembled so that this file itself never contains the root import.
    const providerRoot = ['@cdktf', 'provider-aws'].join('/');
    for (const layer of LAYERS) {
      const [result] = await eslint.lintText(`import { S3Bucket } from '${providerRoot}';\nexport { S3Bucket };\n`, {
        filePath: path.join(ROOT, layer, 'probe.ts'),
      });
      expect(result.messages.map((message) => message.ruleId)).toContain('no-restricted-imports');
    }
  });
});
