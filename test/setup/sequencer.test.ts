// The test order (test/setup/slow-first-sequencer.js) and the inner-loop selection (jest.quick.config.js)
// both read test/setup/slow-test-files.json: a stale entry would silently stop ordering or excluding a file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../helpers/synth';

/* eslint-disable @typescript-eslint/no-require-imports */
const SlowFirstSequencer = require('./slow-first-sequencer.js');
const { files: SLOW_FILES } = require('./slow-test-files.json') as { files: Record<string, { seconds: number; why: string }> };
const quickConfig = require('../../jest.quick.config.js') as { testPathIgnorePatterns: string[] };
/* eslint-enable @typescript-eslint/no-require-imports */

interface FakeTest {
  path: string;
  duration?: number;
  context: { config: { rootDir: string; cache: boolean }; hasteFS: { getSize: (file: string) => number } };
}

/** Test files as Jest hands them to a sequencer on a clean clone: no timing cache, sizes from disk. */
function cleanCloneTests(files: string[]): FakeTest[] {
  const context = { config: { rootDir: PROJECT_ROOT, cache: false }, hasteFS: { getSize: (file: string) => fs.statSync(file).size } };
  return files.map((file) => ({ path: path.join(PROJECT_ROOT, file), context }));
}

describe('slow test files list', () => {
  it('names only test files that exist, each with its expected seconds and the reason it is slow', () => {
    expect(Object.keys(SLOW_FILES).length).toBeGreaterThan(0);
    for (const [file, entry] of Object.entries(SLOW_FILES)) {
      expect(fs.existsSync(path.join(PROJECT_ROOT, file)) ? file : `missing: ${file}`).toBe(file);
      expect(entry.seconds).toBeGreaterThan(0);
      expect(entry.why).toMatch(/^(real Terraform|scale): /);
    }
  });

  it('on a clean clone, starts the listed slow files first, slowest first, then the others in Jest’s order (largest file first)', () => {
    const others = ['test/setup/temp-folders.test.ts', 'test/tools/terraform/offline.test.ts', 'test/setup/synth-cache.test.ts'];
    const listed = Object.keys(SLOW_FILES);
    const ordered = new SlowFirstSequencer()
      .sort(cleanCloneTests([...others, ...listed.slice().reverse()]))
      .map((test: FakeTest) => path.relative(PROJECT_ROOT, test.path));
    const bySeconds = listed.slice().sort((a, b) => SLOW_FILES[b].seconds - SLOW_FILES[a].seconds);
    expect(ordered.slice(0, listed.length)).toEqual(bySeconds);
    const bySize = others
      .slice()
      .sort((a, b) => fs.statSync(path.join(PROJECT_ROOT, b)).size - fs.statSync(path.join(PROJECT_ROOT, a)).size);
    expect(ordered.slice(listed.length)).toEqual(bySize);
  });

  it('leaves every listed file out of npm run test:quick, and keeps the others', () => {
    const ignored = (file: string) =>
      quickConfig.testPathIgnorePatterns.some((pattern) => new RegExp(pattern.replace('<rootDir>', PROJECT_ROOT)).test(file));
    for (const file of Object.keys(SLOW_FILES)) expect(ignored(path.join(PROJECT_ROOT, file))).toBe(true);
    expect(ignored(path.join(PROJECT_ROOT, 'test/tools/terraform/offline.test.ts'))).toBe(false);
    expect(ignored(path.join(PROJECT_ROOT, 'test/setup/temp-folders.test.ts'))).toBe(false);
  });
});
