// No stack traces for user mistakes, whatever the flags: every command of `lz` is called with
// generated flag sets (values drawn from missing paths, files where folders belong, folders where
// files belong, unwritable destinations, garbage and empty strings) and must exit with a status from
// the one exit table, print no Node stack trace, and write nothing outside its output paths.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { buildProgram } from '../../cli/main';
import { EXIT_CANNOT_CREATE, EXIT_NO_INPUT, EXIT_STATUS_TABLE } from '../../cli/exit-codes';
import { runCli } from '../helpers/cli';
import { copyExampleConfig } from '../helpers/config-fixtures';
import { installAwsMocks } from '../helpers/verify-aws';

const KNOWN_STATUSES = new Set(EXIT_STATUS_TABLE.map(([code]) => code));
const STACK_TRACE = /^\s+at .+[(:]\d+/m;

/** Commands whose every call would synthesize or run git/Terraform: fuzzed with fewer runs. */
const SLOW_COMMANDS = new Set(['diff', 'diagram', 'verify', 'backup-report', 'posture', 'access', 'affected', 'evidence']);

describe('lz flag fuzzing: user mistakes never crash', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-flag-fuzz-'));
  const configDir = copyExampleConfig();
  const aFile = path.join(scratch, 'a-file.txt');
  fs.writeFileSync(aFile, 'not json, not yaml: [');
  const aFolder = path.join(scratch, 'a-folder');
  fs.mkdirSync(aFolder);
  const accountsBefore = fs.readdirSync(path.join(configDir, 'accounts')).sort();

  afterAll(() => {
    fs.rmSync(scratch, { recursive: true, force: true });
    fs.rmSync(configDir, { recursive: true, force: true });
  });

  const values = fc.constantFrom(
    '',
    '/nonexistent/folder',
    '/nonexistent/folder/out.md',
    `${aFile}/below-a-file`,
    aFile,
    aFolder,
    configDir,
    'not a value',
    '-1',
    '999999999999',
    '../..',
    'clinical-portal-prod',
    'ec2:RunInstances',
    'us-east-1',
    '💥',
  );

  const commands = buildProgram().commands.map((command) => ({
    name: command.name(),
    flags: command.options.map((option) => ({ flag: option.long as string, takesValue: option.required || option.optional })),
  }));

  it('covers every registered command', () => {
    expect(commands.map((command) => command.name)).toEqual(
      expect.arrayContaining(['validate', 'vend', 'suspend', 'simulate', 'diagram', 'plan-report', 'diff']),
    );
  });

  it.each(commands.map((command) => [command.name, command] as const))(
    '%s: generated flag sets exit from the table, without a stack trace',
    async (_name, command) => {
      const flagSets = fc.array(
        fc.record({ flag: fc.constantFrom(...command.flags, { flag: '--no-such-flag', takesValue: false }), value: values }),
        { maxLength: 5 },
      );
      // lz verify talks to AWS: it gets recorded answers (a caller without credentials), never the network.
      if (command.name === 'verify') installAwsMocks('healthy', { callerCredentials: false });
      const runs = SLOW_COMMANDS.has(command.name) ? 12 : 40;
      let calls = 0;
      await fc.assert(
        fc.asyncProperty(flagSets, fc.array(values, { maxLength: 2 }), async (flags, positionals) => {
          const argv = [
            command.name,
            ...positionals,
            ...flags.flatMap(({ flag, value }) => (flag.takesValue ? [flag.flag, value] : [flag.flag])),
          ];
          // A configuration directory is always given unless the flags name one, so no call reads ./config.
          if (command.flags.some((flag) => flag.flag === '--config') && !argv.includes('--config')) argv.push('--config', configDir);
          const result = await runCli(argv);
          calls += 1;
          expect({ argv, status: KNOWN_STATUSES.has(result.code) }).toEqual({ argv, status: true });
          expect({ argv, trace: STACK_TRACE.test(result.stderr) }).toEqual({ argv, trace: false });
        }),
        { numRuns: runs, seed: 20261129 },
      );
      expect(calls).toBe(runs);
      // Nothing vended or suspended into the shared configuration by accident unless the call succeeded.
      expect(fs.readdirSync(path.join(configDir, 'accounts')).filter((file) => !file.startsWith('.')).length).toBeGreaterThanOrEqual(
        accountsBefore.length,
      );
    },
  );

  it('a missing input folder, a missing output folder and a folder that is not synth output are one line each', async () => {
    const missingBase = await runCli(['diff', '--base-dir', '/nonexistent/base', '--head-dir', aFolder]);
    expect(missingBase.code).toBe(EXIT_NO_INPUT);
    expect(missingBase.stderr).toBe('lz: --base-dir: /nonexistent/base does not exist; check the path\n');

    const notSynth = await runCli(['diff', '--base-dir', aFolder, '--head-dir', aFolder]);
    expect(notSynth.code).toBe(EXIT_NO_INPUT);
    expect(notSynth.stderr).toMatch(/^lz: .*a-folder is not a cdktf synth output \(no manifest\.json\)/);

    const plan = path.resolve(__dirname, '../fixtures/terraform-plans/basic.json');
    const missingOut = await runCli(['plan-report', plan, '--out', '/nonexistent/folder/comment.md']);
    expect(missingOut.code).toBe(EXIT_CANNOT_CREATE);
    expect(missingOut.stderr).toMatch(
      /^lz: --out: cannot write \/nonexistent\/folder\/comment\.md: the folder \/nonexistent\/folder does not exist; create it first\. Nothing was written\.\n$/,
    );
  });

  it('vend into a folder it cannot write: one message naming the file, nothing written', async () => {
    // CI runs as root, which ignores file modes; sysfs refuses to create files even for root.
    const dir = copyExampleConfig();
    const accounts = path.join(dir, 'accounts');
    fs.rmSync(accounts, { recursive: true });
    fs.symlinkSync('/sys/kernel', accounts);
    const result = await runCli([
      'vend',
      '--config',
      dir,
      '--name',
      'new-service',
      '--email',
      'aws-new-service@example.nhs.uk',
      '--ou',
      'Workloads/Production',
      '--owner',
      'team@example.nhs.uk',
      '--cost-centre',
      'CC-1',
      '--classification',
      'OFFICIAL',
    ]);
    expect(result.code).toBe(EXIT_CANNOT_CREATE);
    expect(result.stderr).toMatch(
      /^lz: (--config: cannot write into .*|cannot write .*accounts\/new-service\.yaml: .*); nothing was written\.?\n$/i,
    );
    expect(STACK_TRACE.test(result.stderr)).toBe(false);
    expect(fs.readdirSync('/sys/kernel').some((file) => file.includes('new-service'))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
