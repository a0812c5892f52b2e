// `lz evidence --out <dir> [--framework dspt|caf|ncsc-csp|ndg|gxp] [--config DIR] [--synth DIR]
// [--test-results FILE] [--commit SHA | --no-commit] [--generated-at TEXT]`: writes the evidence pack
// (Markdown and CSV) built by tools/evidence/pack.ts. Exit 0 when every catalogue entry's status is
// backed, EXIT_DENIED (after writing the pack, which lists them) when some are not.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { FRAMEWORK_IDS, type FrameworkId } from '../../lib/compliance/frameworks';
import { loadConfig, resolveConfigDir } from '../../lib/config/load';
import type { JestResults } from '../../tools/evidence/check';
import { buildEvidencePack, installedVersions } from '../../tools/evidence/pack';
import { synthesizeStacks } from '../../tools/synth/synthesize';
import { readSynthOutput } from '../../tools/synth/output';
import { writeFileAtomically } from '../atomic-write';
import { EXIT_BAD_PLAN, EXIT_CANNOT_CREATE, EXIT_DENIED, EXIT_NO_INPUT } from '../exit-codes';
import { requireInputFolder, requireWritableFolder } from '../paths';
import { UsageError } from '../usage-error';

interface EvidenceOptions {
  readonly out: string;
  readonly framework?: string;
  readonly config?: string;
  readonly synth?: string;
  readonly testResults?: string;
  readonly commit?: string | false;
  readonly generatedAt?: string;
}

/** The repository root: the folder of package.json above this file (cli/commands or dist/cli/commands). */
function projectRoot(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
  }
  return process.cwd();
}

/** HEAD of the repository, with `-dirty` when the work tree has changes; undefined outside git. */
function currentCommit(root: string): string | undefined {
  try {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty =
      execFileSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() !== '';
    return dirty ? `${head}-dirty` : head;
  } catch {
    return undefined;
  }
}

const PACK_TITLE = '# Evidence pack';

/**
 * The --out folder must exist and be empty or hold only a previous pack, so a mistyped path never
 * scatters files into an unrelated folder. Returns the previous pack's files (to be replaced).
 */
function requireEvidenceFolder(out: string): string[] {
  requireWritableFolder(out, '--out', `cannot write the evidence pack into ${out}`);
  const entries = fs.readdirSync(out);
  if (entries.length === 0) return [];
  const readme = path.join(out, 'README.md');
  const isPack =
    fs.existsSync(readme) && fs.readFileSync(readme, 'utf8').startsWith(PACK_TITLE) && entries.every((name) => /\.(md|csv)$/.test(name));
  if (!isPack)
    throw new UsageError(
      `--out: ${out} is not empty and does not hold a previous evidence pack; give an empty folder (mkdir it first). Nothing was written.`,
      EXIT_CANNOT_CREATE,
    );
  return entries;
}

function readTestResults(file: string): JestResults {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new UsageError(
      `--test-results: ${file} ${missing ? 'does not exist' : 'is not JSON'}; give the file \`npx jest --json --outputFile=<file>\` wrote`,
      missing ? EXIT_NO_INPUT : EXIT_BAD_PLAN,
    );
  }
  if (!parsed || !Array.isArray((parsed as JestResults).testResults)) {
    throw new UsageError(
      `--test-results: ${file} is not a Jest JSON result (no testResults); give the file \`npx jest --json --outputFile=<file>\` wrote`,
      EXIT_BAD_PLAN,
    );
  }
  return parsed as JestResults;
}

export function registerEvidence(program: Command): void {
  program
    .command('evidence')
    .description(
      'write the compliance evidence pack (Markdown and CSV): control -> resource -> test matrices, account register, guardrails, log retention, HSCN, access review',
    )
    .requiredOption('--out <dir>', 'an existing folder to write the pack into: empty, or holding a previous pack (which is replaced)')
    .option('--framework <id>', `only this framework's matrix: ${FRAMEWORK_IDS.join(', ')}`)
    .option('--config <dir>', 'configuration directory (default: $LZ_CONFIG_DIR or ./config)')
    .option('--synth <dir>', 'read an existing synth output (such as cdktf.out) instead of synthesizing')
    .option('--test-results <file>', 'a Jest JSON result file (npx jest --json --outputFile=...); tests are "not run" without it')
    .option('--commit <sha>', 'the commit assessed (default: git HEAD of this checkout)')
    .option('--no-commit', 'record no commit (for a reproducible sample)')
    .option('--generated-at <text>', 'a timestamp to record; none by default, so output is deterministic')
    .action(async (options: EvidenceOptions) => {
      if (options.framework !== undefined && !(FRAMEWORK_IDS as string[]).includes(options.framework)) {
        throw new UsageError(`--framework must be one of ${FRAMEWORK_IDS.join(', ')}, not ${options.framework}`);
      }
      if (options.synth !== undefined) requireInputFolder(options.synth, '--synth');
      const testResults = options.testResults !== undefined ? readTestResults(options.testResults) : undefined;
      const out = path.resolve(options.out);
      const previousPack = requireEvidenceFolder(out);
      const loaded = loadConfig(resolveConfigDir(options.config));
      const stacks = options.synth !== undefined ? readSynthOutput(options.synth).stacks : synthesizeStacks(loaded);
      const root = projectRoot();
      const pack = await buildEvidencePack({
        loaded,
        stacks,
        projectRoot: root,
        framework: options.framework as FrameworkId | undefined,
        testResults,
        commit: options.commit === false ? undefined : (options.commit ?? currentCommit(root)),
        generatedAt: options.generatedAt,
        versions: installedVersions(root),
      });
      // A previous pack's files go first, so a file the new pack no longer has cannot linger.
      for (const name of previousPack) fs.rmSync(path.join(out, name));
      for (const [name, content] of pack.files) writeFileAtomically(path.join(out, name), content);
      process.stdout.write(`Wrote ${pack.files.size} files to ${options.out}: ${[...pack.files.keys()].join(', ')}\n`);
      if (pack.problems.length > 0) {
        process.stderr.write(
          `lz evidence: ${pack.problems.length} catalogue entries are not backed by the estate or the tests:\n${pack.problems.map((problem) => `  ${problem}`).join('\n')}\n`,
        );
        process.exitCode = EXIT_DENIED;
      }
    });
}
