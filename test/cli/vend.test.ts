import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { writeFileAtomically } from '../../cli/atomic-write';
import { loadConfig } from '../../lib/config/load';
import { synthesizeStacks } from '../../tools/synth/synthesize';
import { checkStack, formatCheckLine, terraformVersion } from '../../tools/terraform/check';
import { type CliResult, runCli } from '../helpers/cli';
import { copyExampleConfig } from '../helpers/config-fixtures';

/** Every file under a directory with its content, to prove that nothing was written. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, full), entry.isFile() ? fs.readFileSync(full, 'utf8') : '<dir>');
  }
  return files;
}

const VALID = [
  '--name',
  'patient-records-prod',
  '--email',
  'aws-patient-records-prod@example.nhs.uk',
  '--ou',
  'Workloads/Production',
  '--owner',
  'records-team@example.nhs.uk',
  '--cost-centre',
  'CC-3100',
  '--classification',
  'OFFICIAL-SENSITIVE',
];

describe('lz vend', () => {
  it('writes exactly one new account file that loads, and says which stacks change and what to do next', async () => {
    const dir = copyExampleConfig();
    const before = snapshot(dir);
    const outcome = await lz('vend', ...VALID, '--config', dir);
    expect(outcome.stderr).toBe('');
    expect(outcome.code).toBe(0);
    const after = snapshot(dir);
    expect([...after.keys()].filter((file) => !before.has(file))).toEqual([path.join('accounts', 'patient-records-prod.yaml')]);
    for (const [file, content] of before) expect(after.get(file)).toBe(content);
    const account = loadConfig(dir).accounts.find((entry) => entry.config.name === 'patient-records-prod')?.config;
    expect(account).toMatchObject({ ou: 'Workloads/Production', cidr: '100.64.12.0/22', hscn: false, status: 'active' });
    expect(outcome.stdout).toContain('~ organization: creates account patient-records-prod in Workloads/Production');
    expect(outcome.stdout).toContain('+ workload-patient-records-prod: new stack');
    expect(outcome.stdout).not.toContain('~ network:');
    expect(outcome.stdout).toContain('~ network-routes: associates the new spoke with spokes and routes');
    expect(outcome.stdout).toContain('git switch -c vend/patient-records-prod');
    expect(outcome.stdout).toContain('network shows no change');
    process.stdout.write(`\nSample session:\n$ lz vend ${[...VALID, '--config', 'config'].join(' ')}\n${outcome.stdout}\n`);
  });

  it('leaves the network stack alone for --hscn (the example already has an entitled account) and adds an import for --account-id', async () => {
    const dir = copyExampleConfig();
    const outcome = await lz(
      'vend',
      ...VALID,
      '--hscn',
      '--size',
      'large',
      '--account-id',
      '444444444444',
      '--config-role-exists',
      '--config-recorder',
      'eu-west-2=default,default',
      '--config',
      dir,
    );
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).not.toContain('~ network:');
    expect(outcome.stdout).toContain(
      "and routes 100.64.16.0/20 back to it from gateway; adds 100.64.16.0/20 to the firewall's HSCN entitlement prefix list",
    );
    expect(outcome.stdout).toContain('network shows no change');
    expect(outcome.stdout).toContain('imports account 444444444444');
    expect(outcome.stdout).toContain('AWSServiceRoleForConfig imported; recorders imported in eu-west-2');
    expect(outcome.stdout).toContain(`imports of the AWS Config setup the account already has`);
    const written = fs.readFileSync(path.join(dir, 'accounts', 'patient-records-prod.yaml'), 'utf8');
    expect(written).toContain('accountId: "444444444444"');
    expect(written).toContain('    eu-west-2: { recorder: default, deliveryChannel: default }');
    // The adopted account's baseline imports the recorder it already has instead of creating a second one.
    // Synthesized as lz's commands do (one `terraform version`, one resolve pass: the same stacks as synth).
    const imports: { to: string; id: string }[] = synthesizeStacks(loadConfig(dir)).get('workload-patient-records-prod')!.import;
    expect(imports.filter((block) => block.to.startsWith('aws_config_configuration_recorder.')).map((block) => block.id)).toEqual([
      'default',
    ]);
  });

  it('--dry-run prints the file and writes nothing', async () => {
    const dir = copyExampleConfig();
    const before = snapshot(dir);
    const outcome = await lz('vend', ...VALID, '--size', 'small', '--dry-run', '--config', dir);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toMatch(
      /^# yaml-language-server: \$schema=\.\.\/schema\/workload-account\.schema\.json\nname: patient-records-prod\n/,
    );
    expect(outcome.stdout).toContain('cidr: 100.64.12.0/24');
    expect(outcome.stderr).toContain('Dry run: nothing written');
    expect(snapshot(dir)).toEqual(before);
  });

  it('reports every bad flag at once, exits non-zero and writes nothing', async () => {
    const dir = copyExampleConfig();
    const before = snapshot(dir);
    const outcome = await lz(
      'vend',
      '--name',
      'Bad_Name',
      '--email',
      'aws-network@example.nhs.uk',
      '--ou',
      'Sandbox',
      '--classification',
      'SECRET',
      '--size',
      'huge',
      '--config',
      dir,
    );
    expect(outcome.code).toBe(64);
    for (const option of ['--name', '--email', '--ou', '--owner', '--cost-centre', '--classification', '--size'])
      expect(outcome.stderr).toContain(`  ${option}: `);
    expect(outcome.stderr).toContain('nothing was written');
    expect(outcome.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses to vend into an invalid configuration, naming its problems', async () => {
    const dir = copyExampleConfig();
    fs.writeFileSync(path.join(dir, 'accounts', 'analytics-dev.yaml'), 'name: analytics-dev\n');
    const before = snapshot(dir);
    const outcome = await lz('vend', ...VALID, '--config', dir);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(/analytics-dev\.yaml:1: email: is required/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('reports YAML that only fails on conversion (an alias without an anchor) as a problem, not a crash', async () => {
    const dir = copyExampleConfig();
    fs.writeFileSync(path.join(dir, 'accounts', 'analytics-dev.yaml'), '*alias\n');
    const outcome = await lz('vend', ...VALID, '--config', dir);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(/analytics-dev\.yaml:1: \(file\): is not valid YAML: .*alias/);
  });

  it('reports an exhausted pool against network.workloadPool and writes nothing', async () => {
    const dir = copyExampleConfig();
    const lzFile = path.join(dir, 'landing-zone.yaml');
    fs.writeFileSync(
      lzFile,
      fs
        .readFileSync(lzFile, 'utf8')
        .replace('workloadPool: 100.64.0.0/12', 'workloadPool: 100.64.0.0/20')
        .replace('reservedRanges: [100.79.0.0/16]', 'reservedRanges: [100.64.12.0/22]'),
    );
    const before = snapshot(dir);
    const outcome = await lz('vend', ...VALID, '--config', dir);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(/landing-zone\.yaml:\d+: network\.workloadPool: 100\.64\.0\.0\/20 has no free \/22 left/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('never replaces a file that appears between the check and the write', () => {
    const dir = copyExampleConfig();
    const target = path.join(dir, 'accounts', 'race.yaml');
    fs.writeFileSync(target, 'first');
    expect(() => writeFileAtomically(target, 'second', { noClobber: true })).toThrow(/EEXIST/);
    expect(fs.readFileSync(target, 'utf8')).toBe('first');
    expect(fs.readdirSync(path.join(dir, 'accounts')).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('random invalid flag sets never crash, always name the flag and never write', async () => {
    const dir = copyExampleConfig();
    const before = snapshot(dir);
    const flag = (name: string, good: fc.Arbitrary<string>) =>
      fc.option(
        fc
          .oneof(
            good,
            fc.string({ minLength: 1 }).filter((text) => !text.startsWith('-')),
          )
          .map((value) => [name, value]),
        { nil: undefined },
      );
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(
          flag('--name', fc.constantFrom('analytics-dev', 'Upper', 'x', 'management')),
          flag('--email', fc.constantFrom('aws-security@example.nhs.uk', 'not-an-email')),
          flag('--ou', fc.constantFrom('Sandbox', 'Suspended', 'Production')),
          flag('--owner', fc.constantFrom('nobody')),
          flag('--cost-centre', fc.constantFrom('CC#1', 'x'.repeat(65))),
          flag('--classification', fc.constantFrom('SECRET', 'official')),
          flag('--size', fc.constantFrom('huge', '__proto__')),
          flag('--account-id', fc.constantFrom('333333333333', '12')),
        ),
        fc.boolean(),
        async (flags, dryRun) => {
          runs += 1;
          const args = flags.filter((entry): entry is string[] => entry !== undefined).flat();
          const outcome = await lz('vend', ...args, ...(dryRun ? ['--dry-run'] : []), '--config', dir);
          // At least one flag is missing or bad in every generated set.
          expect(outcome.code).not.toBe(0);
          expect(outcome.stderr).toMatch(/--[a-z-]+: |error: /);
          expect(outcome.stderr).not.toMatch(/\n\s+at /);
          expect(snapshot(dir)).toEqual(before);
        },
      ),
      { numRuns: 300 },
    );
    process.stdout.write(`property: ${runs} random invalid flag sets, all rejected naming a flag, nothing written\n`);
  });

  it('random and garbage configuration files never crash vend, always name the file and never write', async () => {
    const files = ['landing-zone.yaml', 'accounts/analytics-dev.yaml', 'accounts/clinical-portal-prod.yaml', 'accounts/extra.yaml'];
    const garbage = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.jsonValue({ maxDepth: 3 }).map((value) => stringify(value)),
      fc.constantFrom('name: [unclosed', 'a: 1\na: 2\n', '\t- tab', '%YAML 9.9\n---\nx', '---\n---\n', '*alias', '!!binary x'),
    );
    let runs = 0;
    let rejected = 0;
    // One copy of the example, put back after every run (the edited file restored, a vended file
    // removed) and checked pristine before the next: copying and later deleting 300 folders cost more
    // than the vends themselves.
    const dir = copyExampleConfig();
    const pristine = snapshot(dir);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...files),
        garbage,
        fc.constantFrom<'replace' | 'append' | 'insert'>('replace', 'append', 'insert'),
        fc.nat(),
        async (file, text, how, at) => {
          runs += 1;
          expect(snapshot(dir)).toEqual(pristine);
          const full = path.join(dir, file);
          const existed = fs.existsSync(full);
          const old = existed ? fs.readFileSync(full, 'utf8') : '';
          try {
            const lines = old.split('\n');
            lines.splice(at % (lines.length + 1), 0, text);
            fs.writeFileSync(full, how === 'replace' ? text : how === 'append' ? `${old}${text}` : lines.join('\n'));
            const before = snapshot(dir);
            const outcome = await lz('vend', ...VALID, '--config', dir);
            if (outcome.code === 0) {
              // The edit left a valid configuration: then the new file must load with it.
              expect(loadConfig(dir).accounts.some((entry) => entry.config.name === 'patient-records-prod')).toBe(true);
              return;
            }
            rejected += 1;
            expect(outcome.code).toBe(2);
            expect(outcome.stderr).toMatch(/\.yaml:\d+: /);
            expect(outcome.stderr).not.toMatch(/\n\s+at /);
            expect(snapshot(dir)).toEqual(before);
          } finally {
            if (existed) fs.writeFileSync(full, old);
            else fs.rmSync(full, { force: true });
            fs.rmSync(path.join(dir, 'accounts', 'patient-records-prod.yaml'), { force: true });
          }
        },
      ),
      { numRuns: 300 },
    );
    expect(snapshot(dir)).toEqual(pristine);
    process.stdout.write(
      `property: ${runs} garbage configurations, ${rejected} rejected naming file and line, none crashed, nothing written on rejection\n`,
    );
    expect(rejected).toBeGreaterThan(runs / 2);
  });
});

describe('lz suspend', () => {
  it('changes only the status line, keeps comments and prints the disconnect-first order', async () => {
    const dir = copyExampleConfig();
    const file = path.join(dir, 'accounts', 'analytics-dev.yaml');
    const before = fs.readFileSync(file, 'utf8');
    const outcome = await lz('suspend', 'analytics-dev', '--config', dir);
    expect(outcome.code).toBe(0);
    const after = fs.readFileSync(file, 'utf8');
    expect(after).toBe(before.replace('status: active', 'status: suspended'));
    expect(outcome.stdout).toContain('npx cdktf deploy network workload-analytics-dev --ignore-missing-stack-dependencies');
    expect(outcome.stdout.indexOf('deploy network')).toBeLessThan(outcome.stdout.indexOf('deploy organization'));
    expect(loadConfig(dir).accounts.find((entry) => entry.config.name === 'analytics-dev')?.config.status).toBe('suspended');

    const again = await lz('suspend', 'analytics-dev', '--config', dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('already has status: suspended');
    expect(fs.readFileSync(file, 'utf8')).toBe(after);
  });

  it('rejects an unknown account without writing', async () => {
    const dir = copyExampleConfig();
    const before = snapshot(dir);
    const outcome = await lz('suspend', 'no-such-account', '--config', dir);
    expect(outcome.code).toBe(64);
    expect(outcome.stderr).toContain('known accounts: analytics-dev, clinical-portal-prod');
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('end to end: lz vend, synth, offline Terraform plan', () => {
  it('plans the new account in organization and the new workload stack, and sets the adoption import aside', async () => {
    const dir = copyExampleConfig();
    const outcome = await lz('vend', ...VALID, '--config', dir);
    expect(outcome.code).toBe(0);
    const adoption = await lz(
      'vend',
      '--name',
      'legacy-pathology',
      '--email',
      'aws-legacy-pathology@example.nhs.uk',
      '--ou',
      'Workloads/NonProduction',
      '--owner',
      'pathology@example.nhs.uk',
      '--cost-centre',
      'CC-4200',
      '--classification',
      'OFFICIAL',
      '--account-id',
      '444444444444',
      '--config-absent',
      '--config',
      dir,
    );
    expect(adoption.code).toBe(0);
    // A configuration no other test synthesizes: made as lz's commands make it (the same stacks as synth, in less time).
    const stacks = synthesizeStacks(loadConfig(dir));
    expect(stacks.has('workload-patient-records-prod')).toBe(true);
    await terraformVersion();
    const artifactsDir = path.resolve(__dirname, '../../test-artifacts/terraform-vend');
    const results = await Promise.all([
      // The new account's attributes are asserted, so organization keeps the full plan document.
      checkStack('organization', stacks, artifactsDir),
      // Only the workload stack's planned actions are asserted: the summary plan answers that, with the
      // same implied validation, in one Terraform provider start instead of three (validate, plan, show).
      checkStack('workload-patient-records-prod', stacks, artifactsDir, { planDetail: 'summary' }),
    ]);
    process.stdout.write(`${results.map(formatCheckLine).join('\n')}\n`);
    const organization = results.find((result) => result.stack === 'organization')!;
    const account = (
      organization.plan.resource_changes as { address: string; change: { actions: string[]; after: Record<string, unknown> } }[]
    ).find((change) => change.address === 'aws_organizations_account.account-patient-records-prod');
    expect(account?.change.actions).toEqual(['create']);
    expect(account?.change.after).toMatchObject({
      name: 'patient-records-prod',
      email: 'aws-patient-records-prod@example.nhs.uk',
      close_on_deletion: false,
    });
    // Imports need AWS: the offline plan sets both adoptions (the example's and the new one) aside and says so.
    expect(organization.importsSetAside).toEqual([
      { to: 'aws_organizations_account.account-analytics-dev', id: '333333333333' },
      { to: 'aws_organizations_account.account-legacy-pathology', id: '444444444444' },
    ]);
    const workload = results.find((result) => result.stack === 'workload-patient-records-prod')!;
    expect(workload.resourcesPlanned).toBeGreaterThan(0);
    expect(Object.keys(workload.actions)).toEqual(['create']);
  });
});

/** Runs `lz` in-process and captures what it prints. */
function lz(...args: string[]): Promise<CliResult> {
  return runCli(args);
}
