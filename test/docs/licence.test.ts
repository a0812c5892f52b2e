// The licence the README states, the NOTICE for the third-party data the repository carries, and the
// promise that the AGPL guardrail simulator stays a development-only dependency that synth never loads.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../helpers/synth';

const read = (file: string): string => fs.readFileSync(path.join(PROJECT_ROOT, file), 'utf8');

/** Every .ts file under a folder of the repository (recursively). */
function typeScriptFiles(folder: string): string[] {
  const root = path.join(PROJECT_ROOT, folder);
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.join(folder, file));
}

const AGPL_PACKAGE = '@cloud-copilot/iam-simulate';
/** Folders and files that build and synthesize the estate: none may refer to the simulator at all. */
const SYNTH_PATH = ['lib', 'policies', 'modules', 'stacks'];

describe('licence', () => {
  it('is the unmodified Apache License 2.0 text', () => {
    const licence = read('LICENSE');
    expect(licence).toMatch(/^\s+Apache License\n\s+Version 2\.0, January 2004\n\s+http:\/\/www\.apache\.org\/licenses\/\n/);
    expect(licence).toContain('END OF TERMS AND CONDITIONS');
    expect(licence.split('\n')).toHaveLength(203);
  });

  it('has a NOTICE naming every third-party data file the repository carries, and each exists', () => {
    const notice = read('NOTICE');
    for (const file of [
      'policies/data/region-exemptions.ts',
      'lib/conformance/data/ncsc-rules.json',
      'test/fixtures/terraform-plans/',
      'lib/guardrails/data/iam-service-prefixes.json',
    ]) {
      expect(notice).toContain(file);
      expect(fs.existsSync(path.join(PROJECT_ROOT, file))).toBe(true);
    }
    expect(notice).toContain('Mozilla Public License');
    expect(notice).toContain('CC0 1.0');
  });
});

describe(`${AGPL_PACKAGE} (AGPL-3.0) is a development-only dependency`, () => {
  const pkg = JSON.parse(read('package.json'));

  it('is a devDependency, not a dependency', () => {
    expect(pkg.devDependencies).toHaveProperty([AGPL_PACKAGE]);
    expect(pkg.dependencies ?? {}).not.toHaveProperty([AGPL_PACKAGE]);
    expect(JSON.parse(read(`node_modules/${AGPL_PACKAGE}/package.json`)).license).toMatch(/^AGPL-3\.0/);
  });

  it('is never referred to by the code that validates, synthesizes or deploys', () => {
    const files = ['main.ts', ...SYNTH_PATH.flatMap(typeScriptFiles)];
    expect(files.length).toBeGreaterThan(20);
    // The MIT-licensed IAM data may be named (lib/guardrails/data/iam-service-prefixes.json is a snapshot of it, in NOTICE); the simulator may not.
    for (const file of files) expect({ file, mentions: read(file).includes(AGPL_PACKAGE) }).toEqual({ file, mentions: false });
  });

  it('is loaded only by dynamic import() in tools/simulation/, so no other command loads it', () => {
    const runtimeLoads: string[] = [];
    for (const file of [
      'main.ts',
      ...['lib', 'policies', 'modules', 'stacks', 'tools', 'cli', 'scripts', 'bin'].flatMap(typeScriptFiles),
    ]) {
      const text = read(file);
      // Static value imports and require() would load the package with the module; type imports are erased.
      const staticImport =
        /^\s*import\s+(?!type\b)[^;]*?from\s+['"]@cloud-copilot\//m.test(text) || /require\(\s*['"]@cloud-copilot\//.test(text);
      if (staticImport) runtimeLoads.push(`${file}: static import`);
      const dynamicImports = text.match(/(?<!typeof )import\(\s*['"]@cloud-copilot\/[^'"]+['"]\s*\)/g) ?? [];
      if (dynamicImports.length > 0 && !file.startsWith(`tools${path.sep}simulation${path.sep}`))
        runtimeLoads.push(`${file}: dynamic import outside tools/simulation/`);
    }
    expect(runtimeLoads).toEqual([]);
    expect(read('tools/simulation/simulate.ts')).toMatch(/await Promise\.all\(\[import\('@cloud-copilot\/iam-simulate'\)/);
  });
});
