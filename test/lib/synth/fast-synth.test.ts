// The single-pass stack synth (lib/synth/fast-synth.ts) and the once-per-synth version check
// (lib/synth/version-check-once.ts): each patches only the cdktf source it was checked against,
// and the synthesized cdktf.out is byte-for-byte the same with and without each of them.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Aspects, type IAspect, Lazy, LocalBackend, TerraformLocal, TerraformOutput, TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import {
  EXPECTED_STACK_SOURCE_SHA256,
  enableSinglePassSynth,
  frameworkSynthRequested,
  terraformStackSourceSha256,
} from '../../../lib/synth/fast-synth';
import {
  BINARY_VERSION_MODULE,
  EXPECTED_BINARY_VERSION_SOURCE_SHA256,
  binaryVersionSourceSha256,
  checkBinaryVersionsOnce,
} from '../../../lib/synth/version-check-once';
import { disableTokenStackTraces, EXPECTED_CDKTF_VERSION } from '../../../lib/synth/fast-tokens';
import { generateConfig } from '../../helpers/config-fixtures';
import { loadConfig } from '../../../lib/config/load';
import { buildApp } from '../../../stacks/app';
import { EXAMPLE_CONFIG_DIR, withV8StackTraces } from '../../helpers/synth';

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

function synthTree(build: (outdir: string) => App): Map<string, Buffer> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-fast-synth-'));
  try {
    withV8StackTraces(() => build(outdir).synth());
    return tree(outdir);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function expectIdenticalTrees(framework: Map<string, Buffer>, patched: Map<string, Buffer>): void {
  expect([...patched.keys()].sort()).toEqual([...framework.keys()].sort());
  const differing = [...framework].filter(([file, bytes]) => !bytes.equals(patched.get(file)!)).map(([file]) => file);
  expect(differing).toEqual([]);
}

function withPatch<T>(patch: () => () => void, run: () => T): T {
  const restore = patch();
  try {
    return run();
  } finally {
    restore();
  }
}

describe('enableSinglePassSynth', () => {
  it('is checked against the installed cdktf terraform-stack.js', () => {
    expect(terraformStackSourceSha256()).toBe(EXPECTED_STACK_SOURCE_SHA256);
  });

  it('refuses, patching nothing, another cdktf version or another terraform-stack.js', () => {
    const { prepareStack, toTerraform } = TerraformStack.prototype;
    expect(() => enableSinglePassSynth('0.22.0', EXPECTED_STACK_SOURCE_SHA256)).toThrow(/cdktf 0\.22\.0 is installed/);
    expect(() => enableSinglePassSynth(EXPECTED_CDKTF_VERSION, '0'.repeat(64))).toThrow(/not the source this override was checked against/);
    expect(TerraformStack.prototype.prepareStack).toBe(prepareStack);
    expect(TerraformStack.prototype.toTerraform).toBe(toTerraform);
  });

  it('replaces prepareStack and toTerraform until restored, idempotently', () => {
    const { prepareStack, toTerraform } = TerraformStack.prototype;
    const restore = enableSinglePassSynth();
    try {
      expect(TerraformStack.prototype.toTerraform).not.toBe(toTerraform);
      enableSinglePassSynth()();
      expect(TerraformStack.prototype.toTerraform).not.toBe(toTerraform);
    } finally {
      restore();
    }
    expect(TerraformStack.prototype.prepareStack).toBe(prepareStack);
    expect(TerraformStack.prototype.toTerraform).toBe(toTerraform);
  });

  it('is skipped on request (LZ_FRAMEWORK_SYNTH=1)', () => {
    expect(frameworkSynthRequested({ LZ_FRAMEWORK_SYNTH: '1' })).toBe(true);
    expect(frameworkSynthRequested({})).toBe(false);
  });

  // The cases the kept prepare-pass fragments must not hide: an output a later stack adds to an
  // already prepared stack, an Aspect changing an element between the passes, a token in a stack override.
  it('matches cdktf for cross-stack outputs, Aspects and token overrides', () => {
    const build = (outdir: string): App => {
      const app = new App({ outdir, skipBackendValidation: true, stackTraces: false });
      const origin = new TerraformStack(app, 'origin');
      new LocalBackend(origin, { path: 'origin.tfstate' });
      const shared = new TerraformLocal(origin, 'shared', 'plain');
      const reader = new TerraformStack(app, 'reader');
      new LocalBackend(reader, { path: 'reader.tfstate' });
      new TerraformOutput(reader, 'copied', { value: shared.asString });
      const renamed = new TerraformOutput(reader, 'renamed', { value: 'before the aspect' });
      const rename: IAspect = {
        visit(node: IConstruct) {
          if (node === renamed) renamed.description = 'set by an aspect after prepare';
        },
      };
      Aspects.of(reader).add(rename);
      reader.addOverride('terraform.required_version', Lazy.stringValue({ produce: () => '>= 1.11' }));
      return app;
    };
    const framework = synthTree(build);
    const patched = withPatch(enableSinglePassSynth, () => synthTree(build));
    expect(framework.get('stacks/reader/cdk.tf.json')!.toString()).toContain('set by an aspect after prepare');
    expect(framework.get('stacks/origin/cdk.tf.json')!.toString()).toContain('cross-stack-output-');
    expect(framework.get('stacks/reader/cdk.tf.json')!.toString()).toContain('"required_version": ">= 1.11"');
    expectIdenticalTrees(framework, patched);
  });

  const allThree = () => {
    const restores = [disableTokenStackTraces(), enableSinglePassSynth(), checkBinaryVersionsOnce()];
    return () => restores.reverse().forEach((restore) => restore());
  };

  // The example checks each override on its own (the token override too) and all three together;
  // the 200-account estate checks all three together against the unmodified framework, which is
  // what `npm run synth` runs. One place for the scale proof: each 200-account synth without the
  // overrides costs tens of seconds of CPU.
  it.each([
    [
      'the example configuration',
      () => EXAMPLE_CONFIG_DIR,
      [disableTokenStackTraces, enableSinglePassSynth, checkBinaryVersionsOnce, allThree],
    ],
    ['a generated 200-account estate', () => generateConfig(200), [allThree]],
  ])('leaves cdktf.out byte-identical for %s, with each override and all three', (_name, configDir, patches) => {
    const dir = configDir();
    const loaded = loadConfig(dir);
    const build = (outdir: string): App => buildApp(loaded, outdir).app;
    try {
      const framework = synthTree(build);
      expect(framework.size).toBeGreaterThan(5);
      for (const patch of patches)
        expectIdenticalTrees(
          framework,
          withPatch(patch, () => synthTree(build)),
        );
    } finally {
      if (dir !== EXAMPLE_CONFIG_DIR) fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('checkBinaryVersionsOnce', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ValidateBinaryVersion } = require(BINARY_VERSION_MODULE) as {
    ValidateBinaryVersion: new (binary: string, constraint: string, command: string, hint?: string) => { validate(): string[] };
  };

  it('is checked against the installed cdktf validate-binary-version.js', () => {
    expect(binaryVersionSourceSha256()).toBe(EXPECTED_BINARY_VERSION_SOURCE_SHA256);
  });

  it('refuses, patching nothing, another cdktf version or source', () => {
    const validate = ValidateBinaryVersion.prototype.validate;
    expect(() => checkBinaryVersionsOnce('0.22.0', EXPECTED_BINARY_VERSION_SOURCE_SHA256)).toThrow(/cdktf 0\.22\.0 is installed/);
    expect(() => checkBinaryVersionsOnce(EXPECTED_CDKTF_VERSION, '0'.repeat(64))).toThrow(
      /not the source this override was checked against/,
    );
    expect(ValidateBinaryVersion.prototype.validate).toBe(validate);
  });

  it("runs the version command once and still gives every construct cdktf's failure message", () => {
    const counter = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lz-version-once-')), 'runs');
    const command = `echo run >> ${counter}; echo "fake 1.2.3"`;
    const tooOld = () => new ValidateBinaryVersion('fake', '>=1.5', command, 'Upgrade.');
    const unpatched = tooOld().validate();
    expect(unpatched).toEqual(['fake version 1.2.3 is lower than the required version >=1.5 for this construct. Upgrade.']);
    fs.rmSync(counter);
    const answers = withPatch(checkBinaryVersionsOnce, () => [tooOld().validate(), tooOld().validate(), tooOld().validate()]);
    expect(answers).toEqual([unpatched, unpatched, unpatched]);
    expect(fs.readFileSync(counter, 'utf8').trim().split('\n')).toHaveLength(1);
    // Restored: the command runs again.
    tooOld().validate();
    expect(fs.readFileSync(counter, 'utf8').trim().split('\n')).toHaveLength(2);
  });
});
