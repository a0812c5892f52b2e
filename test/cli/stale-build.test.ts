// Review tools never run stale code: bin/lz.js builds first when a TypeScript source is newer than
// dist/, and refuses (exit 75) when it may not build. Proven on a throw-away project tree with set
// modification times, and by running the real bin/lz.js against one.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EXIT_STALE_BUILD } from '../../cli/exit-codes';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const staleBuild = require('../../bin/stale-build.js') as {
  staleSource(root: string): string | undefined;
  ensureFreshBuild(
    root: string,
    options: { env?: NodeJS.ProcessEnv; log?: (line: string) => void; build?: () => number },
  ): number | undefined;
  EXIT_STALE_BUILD: number;
  STAMP: string;
};

const ROOT = path.resolve(__dirname, '../..');

/** A project tree with one guardrail source and its compiled output, the output an hour newer. */
function project(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-stale-'));
  fs.mkdirSync(path.join(root, 'policies'), { recursive: true });
  fs.mkdirSync(path.join(root, 'dist/policies'), { recursive: true });
  fs.mkdirSync(path.join(root, 'dist/cli'), { recursive: true });
  fs.mkdirSync(path.join(root, 'bin'));
  fs.writeFileSync(path.join(root, 'policies/guardrail.ts'), 'export const x = 1;\n');
  fs.writeFileSync(path.join(root, 'dist/policies/guardrail.js'), 'exports.x = 1;\n');
  fs.writeFileSync(
    path.join(root, 'dist/cli/main.js'),
    "exports.run = async () => { process.stdout.write('ran compiled program\\n'); return 0; };\n",
  );
  fs.copyFileSync(path.join(ROOT, 'bin/lz.js'), path.join(root, 'bin/lz.js'));
  fs.copyFileSync(path.join(ROOT, 'bin/stale-build.js'), path.join(root, 'bin/stale-build.js'));
  const hourAgo = Date.now() / 1000 - 3600;
  fs.utimesSync(path.join(root, 'policies/guardrail.ts'), hourAgo, hourAgo);
  return root;
}

/** The compiler's entry point exists (the injected build stands in for running it). */
function withCompiler(root: string): string {
  fs.mkdirSync(path.join(root, 'node_modules/typescript/bin'), { recursive: true });
  fs.writeFileSync(path.join(root, 'node_modules/typescript/bin/tsc'), '');
  return root;
}

const editNow = (root: string) => fs.writeFileSync(path.join(root, 'policies/guardrail.ts'), 'export const x = 2;\n');

describe('stale build guard', () => {
  it('agrees with cli/exit-codes.ts on the exit status', () => {
    expect(staleBuild.EXIT_STALE_BUILD).toBe(EXIT_STALE_BUILD);
  });

  it('finds nothing when dist/ is newer, and names the edited guardrail after an edit', () => {
    const root = project();
    expect(staleBuild.staleSource(root)).toBeUndefined();
    editNow(root);
    expect(staleBuild.staleSource(root)).toBe(path.join('policies', 'guardrail.ts'));
  });

  it('a source with no compiled file at all is stale', () => {
    const root = project();
    fs.writeFileSync(path.join(root, 'policies/new-guardrail.ts'), 'export {};\n');
    expect(staleBuild.staleSource(root)).toBe(path.join('policies', 'new-guardrail.ts'));
  });

  it('builds first, then records the build so an unchanged file tsc did not re-emit is not stale again', () => {
    const root = withCompiler(project());
    editNow(root);
    const lines: string[] = [];
    let builds = 0;
    expect(
      staleBuild.ensureFreshBuild(root, { env: {}, log: (line) => lines.push(line), build: () => ((builds += 1), 0) }),
    ).toBeUndefined();
    expect(builds).toBe(1);
    expect(lines).toEqual([`lz: dist/ is older than ${path.join('policies', 'guardrail.ts')}; building first (tsc -p .)`]);
    // tsc is incremental: the stamp, not the .js mtime, is what shows the build happened.
    const future = Date.now() / 1000 + 60;
    fs.utimesSync(path.join(root, 'dist', staleBuild.STAMP), future, future);
    expect(staleBuild.staleSource(root)).toBeUndefined();
  });

  it('a failed build stops with exit 75 and runs nothing', () => {
    const root = withCompiler(project());
    editNow(root);
    const lines: string[] = [];
    expect(staleBuild.ensureFreshBuild(root, { env: {}, log: (line) => lines.push(line), build: () => 2 })).toBe(75);
    expect(lines[1]).toMatch(/the build failed/);
  });

  it('the real bin/lz.js refuses with exit 75 and a clear message when it may not build, and runs the program when current', () => {
    const root = project();
    const ok = spawnSync(process.execPath, [path.join(root, 'bin/lz.js'), 'diff'], {
      encoding: 'utf8',
      env: { ...process.env, LZ_NO_AUTO_BUILD: '1' },
    });
    expect(ok.stdout).toBe('ran compiled program\n');
    editNow(root);
    const refused = spawnSync(process.execPath, [path.join(root, 'bin/lz.js'), 'diff'], {
      encoding: 'utf8',
      env: { ...process.env, LZ_NO_AUTO_BUILD: '1' },
    });
    expect(refused.status).toBe(75);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      `lz: dist/ is older than ${path.join('policies', 'guardrail.ts')}: the compiled program would not be the code you are reviewing. Run npm run build, then retry.\n`,
    );
  });
});
