// The in-process synthesis behind `lz access`, `backup-report`, `connection-summary`, `evidence`,
// `posture`, `diff`, `affected` and `verify` (tools/synth/synthesize.ts): the stacks the synth entry
// point writes, made with the same speed-ups, so a command no longer runs `terraform version` once per
// imported resource and resolves every stack three times.
import { loadConfig } from '../../../lib/config/load';
import { synthesizeStacks } from '../../../tools/synth/synthesize';
import { copyExampleConfig } from '../../helpers/config-fixtures';
import { synthConfig } from '../../helpers/synth';

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
