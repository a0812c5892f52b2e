// The README "Repository layout" table and the docs/architecture.md code map against the tree: every
// top-level folder and every folder under lib/ and tools/ is mentioned in both, every path they mention
// exists, and the layer order they state is the one eslint.config.js enforces.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../helpers/synth';

/** Dependencies and build or test output: not part of the layout. */
const NOT_SOURCE = new Set(['node_modules', 'dist', 'cdktf.out', 'test-artifacts', 'coverage', '.terraform', '.gen', '.git']);

function foldersUnder(folder: string): string[] {
  return fs
    .readdirSync(path.join(PROJECT_ROOT, folder), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !NOT_SOURCE.has(entry.name))
    .flatMap((entry) => {
      const relative = `${folder}/${entry.name}`;
      return [relative, ...foldersUnder(relative)];
    });
}

/** Every folder the layout must explain, each with a trailing slash. */
const REQUIRED_FOLDERS = [
  ...fs
    .readdirSync(PROJECT_ROOT, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !NOT_SOURCE.has(entry.name))
    .map((entry) => entry.name),
  ...foldersUnder('lib'),
  ...foldersUnder('tools'),
]
  .map((folder) => `${folder}/`)
  .sort();

function section(file: string, heading: string): string {
  const text = fs.readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
  const start = text.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`${file} has no "## ${heading}" section`);
  const end = text.indexOf('\n## ', start + 1);
  return text.slice(start, end < 0 ? undefined : end);
}

/** Backticked repository paths of a section: with a folder, or a file name with an extension. */
function pathsIn(text: string): string[] {
  return [...text.matchAll(/`([^`\n]+)`/g)]
    .map((match) => match[1])
    .filter((token) => /^[A-Za-z0-9_./-]+$/.test(token) && (token.includes('/') || /\.[a-z]+$/.test(token)));
}

const eslintLayers = (): string[] => {
  const source = fs.readFileSync(path.join(PROJECT_ROOT, 'eslint.config.js'), 'utf8');
  const list = source.match(/const LAYERS = \[([^\]]+)\]/);
  if (!list) throw new Error('eslint.config.js no longer declares const LAYERS = [...]');
  return [...list[1].matchAll(/'([^']+)'/g)].map((match) => match[1]);
};

describe.each([
  ['README.md', 'Repository layout'],
  ['docs/architecture.md', 'Code map'],
])('%s "%s"', (file, heading) => {
  const text = section(file, heading);
  const mentioned = pathsIn(text);

  it('mentions every top-level folder and every folder under lib/ and tools/', () => {
    expect(REQUIRED_FOLDERS).toEqual(expect.arrayContaining(['lib/network/', 'tools/terraform/', 'stacks/', '.github/']));
    expect(REQUIRED_FOLDERS.filter((folder) => !mentioned.includes(folder))).toEqual([]);
  });

  it('mentions only paths that exist', () => {
    expect(mentioned.length).toBeGreaterThan(REQUIRED_FOLDERS.length);
    expect(mentioned.filter((cited) => !fs.existsSync(path.join(PROJECT_ROOT, cited)))).toEqual([]);
  });
});

describe('the layer order', () => {
  it('is the same in eslint.config.js, docs/architecture.md and the README', () => {
    const layers = eslintLayers();
    expect(layers).toEqual(['lib', 'policies', 'modules', 'stacks', 'tools', 'cli']);
    const stated = layers.map((layer) => `\`${layer}\``).join(' → ');
    expect(section('docs/architecture.md', 'Layers and where new code goes')).toContain(stated);
    expect(section('README.md', 'Repository layout')).toContain(stated);
  });

  it('has a folder for every layer, each covered by its own lint rule', () => {
    for (const layer of eslintLayers()) expect(fs.statSync(path.join(PROJECT_ROOT, layer)).isDirectory()).toBe(true);
    const source = fs.readFileSync(path.join(PROJECT_ROOT, 'eslint.config.js'), 'utf8');
    expect(source).toMatch(/\.\.\.LAYERS\.map\(layerRule\)/);
  });
});
