// Every repository path the documentation and the code cite must exist, so a reader who follows a
// citation finds what it promises: relative Markdown links and backticked paths in README.md, NOTICE
// and docs/, and paths in code comments (and in strings that point at documents). A path inside the
// repository is checked from the repository root and from the citing file's folder; a bare file name
// (no folder) must name some file of the repository. Not checked: URLs, paths in other repositories,
// placeholders (<name>, *, ...), output that builds or runs create (GENERATED), and bare .json/.txt
// names, which are artefact names such as manifest.json rather than citations.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../helpers/synth';

/** Folders never scanned and never required to exist: dependencies and build or test output. */
const GENERATED = ['node_modules', 'dist', 'cdktf.out', 'test-artifacts', 'coverage', '.terraform', '.git'];
/** Paths the documents name on purpose although the repository does not hold them, and why. */
const NOT_IN_REPOSITORY: Readonly<Record<string, string>> = {
  'config/accounts/never-deployed.txt': 'created by the user only when a vend is abandoned before deploy (docs/vending.md)',
  'stacks/network/cdk.tf.json': 'a path inside the synth output folder, which tools/synth/output.ts reads',
};
/** Words that look like file names but name something else. */
const NOT_FILE_NAMES: ReadonlySet<string> = new Set(['Node.js']);

function repositoryFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(path.join(PROJECT_ROOT, dir), { withFileTypes: true })) {
      const relative = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!GENERATED.includes(entry.name)) walk(relative);
      } else out.push(relative);
    }
  };
  walk('');
  return out.sort();
}

const FILES = repositoryFiles();
const BASENAMES = new Set(FILES.map((file) => path.posix.basename(file)));
const TOP_LEVEL = new Set(fs.readdirSync(PROJECT_ROOT).filter((name) => !GENERATED.includes(name)));
const CHECKED_EXTENSION = /\.(md|ts|js|ya?ml|sh)$/;
const PATH_CHARACTERS = /^[A-Za-z0-9_./-]+$/;

interface Citation {
  readonly file: string;
  readonly line: number;
  readonly cited: string;
}

/** Whether a token reads as a path in this repository (rather than an OU path, an ARN or another repository's file). */
function isRepositoryPath(token: string): boolean {
  if (!PATH_CHARACTERS.test(token) || token.includes('...') || !/[A-Za-z]/.test(token) || NOT_FILE_NAMES.has(token)) return false;
  const [first] = token.split('/');
  if (GENERATED.includes(first)) return false;
  if (token.includes('/')) return first === '.' || first === '..' || TOP_LEVEL.has(first);
  return /^[A-Za-z0-9_-][A-Za-z0-9_.-]*\.[a-z]+$/.test(token) && CHECKED_EXTENSION.test(token);
}

function exists(citation: Citation): boolean {
  if (!citation.cited.includes('/')) return BASENAMES.has(citation.cited);
  const cited = citation.cited.replace(/\/$/, '');
  if (cited in NOT_IN_REPOSITORY) return true;
  for (const base of ['', path.posix.dirname(citation.file)]) {
    const resolved = path.posix.normalize(path.posix.join(base, cited));
    if (resolved.startsWith('..')) continue;
    if (fs.existsSync(path.join(PROJECT_ROOT, resolved))) return true;
    // ADR shorthand: docs/decisions/0401 names the record whose file name starts with 0401.
    const folder = path.join(PROJECT_ROOT, path.posix.dirname(resolved));
    if (
      /^\d{4}$/.test(path.posix.basename(resolved)) &&
      fs.existsSync(folder) &&
      fs.readdirSync(folder).some((name) => name.startsWith(`${path.posix.basename(resolved)}-`))
    ) {
      return true;
    }
  }
  return false;
}

const lineAt = (text: string, index: number): number => text.slice(0, index).split('\n').length;
const TRAILING_PUNCTUATION = /[.,;:)]+$/;
const PATH_TOKEN = /(?<![\w@./:-])((?:\.{1,2}\/)*[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)*\/?)/g;
/** Strings in code that cite a document (error messages, test names). */
const DOCUMENT_TOKEN = /(?<![\w/.-])((?:docs\/[\w./-]+)|(?:[A-Z][A-Z_-]*\.md))/g;

function citationsInDocument(file: string, text: string): Citation[] {
  const citations: Citation[] = [];
  for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = match[1].split('#')[0];
    if (target && !/^[a-z][a-z0-9+.-]*:/.test(target)) citations.push({ file, line: lineAt(text, match.index!), cited: target });
  }
  for (const match of text.matchAll(/`([^`\n]+)`/g)) {
    if (isRepositoryPath(match[1])) citations.push({ file, line: lineAt(text, match.index!), cited: match[1] });
  }
  if (!file.endsWith('.md')) {
    for (const match of text.matchAll(PATH_TOKEN)) {
      const token = match[1].replace(TRAILING_PUNCTUATION, '');
      if (isRepositoryPath(token)) citations.push({ file, line: lineAt(text, match.index!), cited: token });
    }
  }
  for (const match of text.matchAll(DOCUMENT_TOKEN))
    citations.push({ file, line: lineAt(text, match.index!), cited: match[1].replace(TRAILING_PUNCTUATION, '') });
  return unique(citations);
}

function unique(citations: readonly Citation[]): Citation[] {
  const seen = new Map<string, Citation>();
  for (const citation of citations) seen.set(`${citation.line}\0${citation.cited}`, citation);
  return [...seen.values()];
}

/** The comment text of one line of code (// and block comments in TS/JS, # elsewhere). */
function commentOf(file: string, line: string): string | undefined {
  if (/\.(ts|js)$/.test(file)) {
    const slashes = line.match(/(?:^|\s)\/\/\s?(.*)$/);
    if (slashes) return slashes[1];
    const block = line.match(/^\s*(?:\/\*+|\*)\s?(.*)$/);
    return block?.[1];
  }
  return line.match(/(?:^|\s)#\s?(.*)$/)?.[1];
}

function citationsInCode(file: string, text: string): Citation[] {
  const citations: Citation[] = [];
  text.split('\n').forEach((line, index) => {
    const comment = commentOf(file, line);
    if (comment) {
      for (const match of comment.matchAll(PATH_TOKEN)) {
        const token = match[1].replace(TRAILING_PUNCTUATION, '');
        if (isRepositoryPath(token)) citations.push({ file, line: index + 1, cited: token });
      }
    }
    for (const match of line.matchAll(DOCUMENT_TOKEN))
      citations.push({ file, line: index + 1, cited: match[1].replace(TRAILING_PUNCTUATION, '') });
  });
  return unique(citations);
}

const isDocument = (file: string): boolean => file.endsWith('.md') || file === 'NOTICE';
const isCode = (file: string): boolean => /\.(ts|js|ya?ml|sh)$/.test(file) && !file.startsWith('config/schema/');
/**
 * Test fixtures are third-party data, not citations (their own NOTICE.md and README.md are checked),
 * and this file quotes broken citations on purpose to show that they are caught.
 */
const SELF = 'test/docs/cited-paths.test.ts';
const scanned = FILES.filter(
  (file) => (isDocument(file) || isCode(file)) && file !== SELF && !(file.startsWith('test/fixtures/') && !file.endsWith('.md')),
);

function citationsIn(file: string): Citation[] {
  const text = fs.readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
  return isDocument(file) ? citationsInDocument(file, text) : citationsInCode(file, text);
}

describe('paths cited in documents and code', () => {
  it('finds citations to check in every kind of file', () => {
    const citing = new Set(scanned.flatMap(citationsIn).map((citation) => citation.file.split('/')[0]));
    for (const folder of ['README.md', 'docs', 'lib', 'stacks', 'modules', 'tools', 'test']) expect(citing).toContain(folder);
  });

  it.each(scanned.filter((file) => isDocument(file)))('%s cites only paths that exist', (file) => {
    const broken = citationsIn(file)
      .filter((citation) => !exists(citation))
      .map(({ line, cited }) => `${file}:${line}: ${cited}`);
    expect(broken).toEqual([]);
  });

  it('code comments and document references in code cite only paths that exist', () => {
    const broken = scanned
      .filter(isCode)
      .flatMap(citationsIn)
      .filter((citation) => !exists(citation))
      .map(({ file, line, cited }) => `${file}:${line}: ${cited}`);
    expect(broken).toEqual([]);
  });

  it('recognises a missing document, a wrong ADR number and a missing relative link as broken', () => {
    const citations = [
      ...citationsInCode(
        'lib/example.ts',
        "// Rules of PLATFORM-GUIDE.md section 3 (docs/decisions/0501-plan-and-deploy-workflows.md), not a Node.js trace\nthrow new Error('see docs/nothing-here.md');",
      ),
      ...citationsInDocument(
        'docs/example.md',
        'See [delivery](missing.md) and `tools/network/not-a-file.ts`, [ADR](decisions/0004-execution-role-stack-set.md).',
      ),
    ];
    expect(citations.filter((citation) => !exists(citation)).map((citation) => citation.cited)).toEqual([
      'PLATFORM-GUIDE.md',
      'docs/decisions/0501-plan-and-deploy-workflows.md',
      'docs/nothing-here.md',
      'missing.md',
      'tools/network/not-a-file.ts',
    ]);
  });
});
