// The token stack-trace override (lib/synth/fast-tokens.ts): it patches only the cdktf function it
// was checked against, every token constructor then skips the capture, and the synthesized
// cdktf.out is byte-for-byte the same with and without it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Lazy } from 'cdktf';
import {
  disableTokenStackTraces,
  EXPECTED_CAPTURE_SOURCE_SHA256,
  EXPECTED_CDKTF_VERSION,
  functionSourceSha256,
  installedCdktfVersion,
  noTokenStackTrace,
  STACK_TRACE_MODULE,
  type StackTraceModule,
} from '../../../lib/synth/fast-tokens';
import { loadConfig } from '../../../lib/config/load';
import { buildApp } from '../../../stacks/app';
import { EXAMPLE_CONFIG_DIR, withV8StackTraces } from '../../helpers/synth';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const realModule = require(STACK_TRACE_MODULE) as StackTraceModule;

function creationStackOfNewToken(): string[] {
  return (Lazy.anyValue({ produce: () => 'x' }) as unknown as { creationStack: string[] }).creationStack;
}

/** Every file under `dir`, relative path -> bytes. */
function tree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const full = path.join(entry.parentPath, entry.name);
      files.set(path.relative(dir, full), fs.readFileSync(full));
    }
  }
  return files;
}

function synthTree(configDir: string): Map<string, Buffer> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-fast-tokens-'));
  try {
    // Not synthConfig(): that helper switches the capture off itself, and this must compare both ways.
    withV8StackTraces(() => buildApp(loadConfig(configDir), outdir).app.synth());
    return tree(outdir);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function expectIdenticalTrees(withTraces: Map<string, Buffer>, withoutTraces: Map<string, Buffer>): void {
  expect([...withoutTraces.keys()].sort()).toEqual([...withTraces.keys()].sort());
  const differing = [...withTraces].filter(([file, bytes]) => !bytes.equals(withoutTraces.get(file)!)).map(([file]) => file);
  expect(differing).toEqual([]);
}

describe('disableTokenStackTraces', () => {
  it('is checked against the installed cdktf and the source of its captureStackTrace', () => {
    expect(installedCdktfVersion()).toBe(EXPECTED_CDKTF_VERSION);
    expect(functionSourceSha256(realModule.captureStackTrace)).toBe(EXPECTED_CAPTURE_SOURCE_SHA256);
  });

  it('refuses, patching nothing, a captureStackTrace whose source differs', () => {
    const changed = function captureStackTrace(): string[] {
      return ['a different implementation'];
    };
    const target: StackTraceModule = { captureStackTrace: changed };
    expect(() => disableTokenStackTraces(target, EXPECTED_CDKTF_VERSION)).toThrow(/not the function this override was checked against/);
    expect(target.captureStackTrace).toBe(changed);
  });

  it('refuses, patching nothing, another cdktf version even when the source matches', () => {
    const target: StackTraceModule = { captureStackTrace: realModule.captureStackTrace };
    expect(() => disableTokenStackTraces(target, '0.22.0')).toThrow(/cdktf 0\.22\.0 is installed/);
    expect(target.captureStackTrace).toBe(realModule.captureStackTrace);
  });

  it('stops every new token capturing a stack, and the returned function restores the capture', () => {
    expect(creationStackOfNewToken().length).toBeGreaterThan(0);
    const restore = disableTokenStackTraces();
    try {
      expect(realModule.captureStackTrace).toBe(noTokenStackTrace);
      expect(creationStackOfNewToken()).toEqual([]);
      // Applying it twice (e.g. main.ts and a caller) is harmless and keeps the first restore valid.
      disableTokenStackTraces()();
      expect(realModule.captureStackTrace).toBe(noTokenStackTrace);
    } finally {
      restore();
    }
    expect(creationStackOfNewToken().length).toBeGreaterThan(0);
  });

  it("still captures every token's creation stack while the byte-identity syntheses format traces with V8's own formatter", () => {
    const stack = withV8StackTraces(creationStackOfNewToken);
    expect(stack.length).toBeGreaterThan(0);
    expect(stack.join('\n')).toContain('creationStackOfNewToken');
  });

  // The generated 200-account estate is proven byte-identical with every override on, this one
  // included, in test/lib/synth/fast-synth.test.ts.
  it.each([['the example configuration', () => EXAMPLE_CONFIG_DIR]])('leaves cdktf.out byte-identical for %s', (_name, configDir) => {
    const dir = configDir();
    const withTraces = synthTree(dir);
    const restore = disableTokenStackTraces();
    let withoutTraces: Map<string, Buffer>;
    try {
      withoutTraces = synthTree(dir);
    } finally {
      restore();
    }
    if (dir !== EXAMPLE_CONFIG_DIR) fs.rmSync(dir, { recursive: true, force: true });
    expect(withTraces.size).toBeGreaterThan(5);
    expectIdenticalTrees(withTraces, withoutTraces);
  });
});
