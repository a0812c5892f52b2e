// The synth helper (test/helpers/synth.ts) shares one synthesis per configuration within a test run
// and copies it into a caller's own folder only when the caller asks for `outdir`: the copy is what
// lets a caller change its folder freely, and skipping it is what keeps thirty readers cheap.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readSynthOutput } from '../../tools/synth/output';
import { PROGRAM_SOURCES, PROJECT_ROOT, programKey, synthConfig, synthFolderCopies } from '../helpers/synth';

describe('synthConfig within a test run', () => {
  it('reads the stacks from the shared synthesis and copies a folder only when outdir is asked for', () => {
    synthConfig();
    const copies = synthFolderCopies();
    const reader = synthConfig();
    expect(reader.stacks.get('organization')).toBeDefined();
    expect(synthFolderCopies()).toBe(copies);

    const folder = reader.outdir;
    expect(synthFolderCopies()).toBe(copies + 1);
    expect(reader.outdir).toBe(folder);
    expect(synthFolderCopies()).toBe(copies + 1);
    expect(readSynthOutput(folder).stacks).toEqual(reader.stacks);
    expect(path.dirname(folder)).not.toContain('synth-cache');
  });

  it('gives each caller its own folder: a change to one reaches neither the shared synthesis nor another caller', () => {
    const first = synthConfig();
    const second = synthConfig();
    expect(first.outdir).not.toBe(second.outdir);
    fs.rmSync(path.join(first.outdir, 'manifest.json'));
    expect(fs.existsSync(path.join(second.outdir, 'manifest.json'))).toBe(true);
    const third = synthConfig();
    expect(third.stacks).toEqual(second.stacks);
    expect(fs.existsSync(path.join(third.outdir, 'manifest.json'))).toBe(true);
  });

  it('fills a folder the caller names before returning', () => {
    const named = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'lz-named-'));
    const result = synthConfig(undefined, named);
    expect(fs.existsSync(path.join(named, 'manifest.json'))).toBe(true);
    expect(result.outdir).toBe(named);
    expect(readSynthOutput(named).stacks).toEqual(result.stacks);
  });
});

describe('the synthesis key', () => {
  /** Every project file reachable from `entry` through relative imports and requires. */
  function importClosure(entry: string): Set<string> {
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = fs.readFileSync(file, 'utf8');
      for (const match of text.matchAll(/(?:from\s+|require\(|import\()\s*'(\.{1,2}\/[^']+)'/g)) {
        const base = path.resolve(path.dirname(file), match[1]);
        const target = [base, `${base}.ts`, `${base}.json`, path.join(base, 'index.ts')].find(
          (candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile(),
        );
        if (target) visit(target);
      }
    };
    visit(entry);
    return seen;
  }

  it('covers every project file a synthesis loads: the program key digests all of them', () => {
    const closure = importClosure(path.join(PROJECT_ROOT, 'test/helpers/synth.ts'));
    expect(closure.size).toBeGreaterThan(100);
    const covered = (file: string) =>
      PROGRAM_SOURCES.some((source) => {
        const full = path.join(PROJECT_ROOT, source);
        return file === full || file.startsWith(`${full}${path.sep}`);
      });
    // tools/synth/output.ts and the lock helper only read and wait; they write nothing into a synthesis.
    const readersOnly = ['tools/synth/output.ts', 'tools/terraform/result-store.ts', 'tools/terraform/runner.ts'];
    const uncovered = [...closure]
      .map((file) => path.relative(PROJECT_ROOT, file))
      .filter((file) => !covered(path.join(PROJECT_ROOT, file)) && !readersOnly.includes(file));
    expect(uncovered).toEqual([]);
  });

  it('is the same within a process and names the Node version and the locked dependencies', () => {
    expect(programKey()).toMatch(/^[0-9a-f]{64}$/);
    expect(programKey()).toBe(programKey());
    expect(PROGRAM_SOURCES).toEqual(expect.arrayContaining(['lib', 'modules', 'stacks', 'policies', 'package-lock.json']));
  });

  it('keeps each synthesis under the configuration and the program digests in the store the run names', () => {
    const result = synthConfig();
    expect(result.stacks.size).toBeGreaterThan(10);
    const store = process.env.LZ_SYNTH_STORE!;
    const kept = fs.readdirSync(store).filter((name) => name.endsWith(`-${programKey().slice(0, 16)}`));
    expect(kept.length).toBeGreaterThan(0);
  });
});
