// synthesizeLandingZone (tools/synth/synthesize.ts), which the commands that synthesize for
// themselves and the tests' synth helper use: main.ts's overrides during the synthesis, the same
// bytes as cdktf's own passes, cdktf's own passes back afterwards, and the opt-outs honoured.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TerraformStack } from 'cdktf';
import { loadConfig } from '../../../lib/config/load';
import * as fastSynth from '../../../lib/synth/fast-synth';
import * as fastTokens from '../../../lib/synth/fast-tokens';
import * as versionCheckOnce from '../../../lib/synth/version-check-once';
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

/** Runs `run` with the opt-out settings set as given (absent: unset), whatever the suite runs with. */
function withSettings<T>(settings: { LZ_FRAMEWORK_SYNTH?: string; LZ_TOKEN_STACK_TRACES?: string }, run: () => T): T {
  const names = ['LZ_FRAMEWORK_SYNTH', 'LZ_TOKEN_STACK_TRACES'] as const;
  const saved = names.map((name) => [name, process.env[name]] as const);
  for (const name of names) {
    if (settings[name] === undefined) delete process.env[name];
    else process.env[name] = settings[name];
  }
  try {
    return run();
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

describe('synthesizeLandingZone', () => {
  it("is cdktf's own synthesis with LZ_FRAMEWORK_SYNTH=1 and LZ_TOKEN_STACK_TRACES=1, and otherwise writes the same bytes with main.ts's overrides, then puts cdktf's passes back", () => {
    const { prepareStack, toTerraform } = TerraformStack.prototype;
    const loaded = loadConfig(EXAMPLE_CONFIG_DIR);
    const singlePass = jest.spyOn(fastSynth, 'enableSinglePassSynth');
    const versionOnce = jest.spyOn(versionCheckOnce, 'checkBinaryVersionsOnce');
    const tokenTraces = jest.spyOn(fastTokens, 'disableTokenStackTraces');

    const framework = newFolder();
    withSettings({ LZ_FRAMEWORK_SYNTH: '1', LZ_TOKEN_STACK_TRACES: '1' }, () =>
      withV8StackTraces(() => synthesizeLandingZone(loaded, framework)),
    );
    expect(singlePass).not.toHaveBeenCalled();
    expect(versionOnce).not.toHaveBeenCalled();
    expect(tokenTraces).not.toHaveBeenCalled();

    const patched = newFolder();
    withSettings({}, () => synthesizeLandingZone(loaded, patched));
    expect(singlePass).toHaveBeenCalledTimes(1);
    expect(versionOnce).toHaveBeenCalledTimes(1);
    expect(tokenTraces).toHaveBeenCalledTimes(1);
    expect(TerraformStack.prototype.prepareStack).toBe(prepareStack);
    expect(TerraformStack.prototype.toTerraform).toBe(toTerraform);

    const expected = tree(framework);
    const actual = tree(patched);
    expect(expected.size).toBeGreaterThan(5);
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    expect([...expected].filter(([file, text]) => actual.get(file) !== text).map(([file]) => file)).toEqual([]);
  });
});
