// synthesizeLandingZone (tools/synth/synthesize.ts), which the commands that synthesize for
// themselves and the tests' synth helper use: main.ts's overrides during the synthesis, the same
// bytes as cdktf's own passes, cdktf's own passes back afterwards, and LZ_FRAMEWORK_SYNTH=1 honoured.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TerraformStack } from 'cdktf';
import { loadConfig } from '../../../lib/config/load';
import * as fastSynth from '../../../lib/synth/fast-synth';
import * as versionCheckOnce from '../../../lib/synth/version-check-once';
import { buildApp } from '../../../stacks/app';
import { synthesizeLandingZone } from '../../../tools/synth/synthesize';
import { EXAMPLE_CONFIG_DIR, withV8StackTraces } from '../../helpers/synth';

/** Every file under `dir`, relative path -> text. */
function tree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    if (entry.isFile()) files.set(path.relative(dir, full), fs.readFileSync(full, 'utf8'));
  }
  return files;
}

const newFolder = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'lz-synthesize-'));

/** Runs `run` with LZ_FRAMEWORK_SYNTH set to `value` (or unset), whatever the suite runs with. */
function withFrameworkSynth<T>(value: string | undefined, run: () => T): T {
  const saved = process.env.LZ_FRAMEWORK_SYNTH;
  if (value === undefined) delete process.env.LZ_FRAMEWORK_SYNTH;
  else process.env.LZ_FRAMEWORK_SYNTH = value;
  try {
    return run();
  } finally {
    if (saved === undefined) delete process.env.LZ_FRAMEWORK_SYNTH;
    else process.env.LZ_FRAMEWORK_SYNTH = saved;
  }
}

describe('synthesizeLandingZone', () => {
  afterEach(() => jest.restoreAllMocks());

  it("writes the example byte for byte as cdktf's own passes do, with main.ts's overrides, and puts cdktf's passes back", () => {
    const { prepareStack, toTerraform } = TerraformStack.prototype;
    const loaded = loadConfig(EXAMPLE_CONFIG_DIR);
    const framework = newFolder();
    withV8StackTraces(() => buildApp(loaded, framework).app.synth());

    const singlePass = jest.spyOn(fastSynth, 'enableSinglePassSynth');
    const versionOnce = jest.spyOn(versionCheckOnce, 'checkBinaryVersionsOnce');
    const patched = newFolder();
    withFrameworkSynth(undefined, () => synthesizeLandingZone(loaded, patched));
    expect(singlePass).toHaveBeenCalledTimes(1);
    expect(versionOnce).toHaveBeenCalledTimes(1);
    expect(TerraformStack.prototype.prepareStack).toBe(prepareStack);
    expect(TerraformStack.prototype.toTerraform).toBe(toTerraform);

    const expected = tree(framework);
    const actual = tree(patched);
    expect(expected.size).toBeGreaterThan(5);
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    expect([...expected].filter(([file, text]) => actual.get(file) !== text).map(([file]) => file)).toEqual([]);
  });

  it("synthesizes with cdktf's own passes when LZ_FRAMEWORK_SYNTH=1", () => {
    const singlePass = jest.spyOn(fastSynth, 'enableSinglePassSynth');
    const versionOnce = jest.spyOn(versionCheckOnce, 'checkBinaryVersionsOnce');
    const outdir = newFolder();
    withFrameworkSynth('1', () => synthesizeLandingZone(loadConfig(EXAMPLE_CONFIG_DIR), outdir));
    expect(fs.existsSync(path.join(outdir, 'manifest.json'))).toBe(true);
    expect(singlePass).not.toHaveBeenCalled();
    expect(versionOnce).not.toHaveBeenCalled();
  });
});
