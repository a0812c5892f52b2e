// tools/synth/synthesize.ts: synthesizeStacks and synthesizeInto, behind `lz access`, `backup-report`,
// `connection-summary`, `evidence`, `posture`, `diff`, `affected` and `verify`, make the stacks the synth
// entry point writes with the same speed-ups, so a command no longer runs `terraform version` once per
// imported resource and resolves every stack three times; synthesizeLandingZone, which the tests' synth
// helper uses, applies main.ts's overrides during the synthesis only, writes the same bytes as cdktf's own
// passes, puts cdktf's own passes back afterwards, and honours the opt-outs.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TerraformStack } from 'cdktf';
import { loadConfig } from '../../../lib/config/load';
import * as fastSynth from '../../../lib/synth/fast-synth';
import * as fastTokens from '../../../lib/synth/fast-tokens';
import * as versionCheckOnce from '../../../lib/synth/version-check-once';
import { synthesizeLandingZone, synthesizeStacks } from '../../../tools/synth/synthesize';
import { copyExampleConfig } from '../../helpers/config-fixtures';
import { EXAMPLE_CONFIG_DIR, synthConfig, withV8StackTraces } from '../../helpers/synth';

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

describe('synthesizeStacks', () => {
  it('returns the stacks of the synth entry point and runs `terraform version` once per process, not once per import', () => {
    const dir = copyExampleConfig();
    const loaded = loadConfig(dir);
    // The module object itself: cdktf reads execSync from it at every call.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const execSync = jest.spyOn(require('node:child_process') as typeof import('node:child_process'), 'execSync');
    const versionRuns = () => execSync.mock.calls.filter(([command]) => String(command).includes('terraform version')).length;
    try {
      const first = synthesizeStacks(loaded);
      const afterFirst = versionRuns();
      const second = synthesizeStacks(loaded);
      expect(versionRuns()).toBe(afterFirst);
      const imports = [...first.values()].reduce((count, stack) => count + ((stack.import as unknown[] | undefined)?.length ?? 0), 0);
      // cdktf 0.21 validates the Terraform version once per imported resource; the example adopts an account.
      expect(imports).toBeGreaterThan(1);
      expect(afterFirst).toBeLessThan(imports);
      expect(second).toEqual(first);
    } finally {
      execSync.mockRestore();
    }
    // What the synth entry point writes for the same configuration (test/helpers/synth.ts synthesizes as main.ts does).
    expect(new Map(synthesizeStacks(loaded))).toEqual(new Map(synthConfig(dir).stacks));
  });
});
