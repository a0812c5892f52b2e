// `lz affected`: the stacks a change affects, proven on the example's real synth output and on
// edited copies of it (a guardrail edit, a hub resource edit, a changed output, a shared-code edit),
// plus a real vend, and the CI matrix split.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { assignmentShardOf } from '../../../lib/access/assignments';
import { loadConfig } from '../../../lib/config/load';
import { identityAssignmentsStackName } from '../../../lib/naming';
import { affectedBetween, matrixOf, outputsRead, wavesOf } from '../../../tools/delivery/affected';
import { readSynthOutput, type TerraformJson } from '../../../tools/synth/output';
import { planVend } from '../../../tools/vending/vending';
import { copyExampleConfig } from '../../helpers/config-fixtures';
import { synthConfig } from '../../helpers/synth';
import { runCli } from '../../helpers/cli';

let base: string;
let manifest: ReturnType<typeof readSynthOutput>['manifest'];

beforeAll(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-affected-base-'));
  synthConfig(undefined, base);
  manifest = readSynthOutput(base).manifest;
});

/** A copy of the base synth output with one stack's JSON edited. */
function editedCopy(edits: Record<string, (stack: TerraformJson) => void>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-affected-head-'));
  fs.cpSync(base, dir, { recursive: true });
  for (const [stack, edit] of Object.entries(edits)) {
    const file = path.join(dir, manifest.stacks[stack].synthesizedStackPath);
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    edit(json);
    fs.writeFileSync(file, JSON.stringify(json));
  }
  return dir;
}

function firstOfType(stack: TerraformJson, type: string): TerraformJson {
  const byName = stack.resource?.[type];
  if (!byName) throw new Error(`no ${type}`);
  return byName[Object.keys(byName)[0]];
}

const names = (result: ReturnType<typeof affectedBetween>) => result.stacks.map((entry) => entry.stack);

describe('affected stacks', () => {
  it('an unchanged synth output affects nothing', () => {
    const result = affectedBetween(base, editedCopy({}));
    expect(result.stacks).toEqual([]);
    expect(result.waves).toEqual([]);
    expect(result.totalStacks).toBe(Object.keys(manifest.stacks).length);
  });

  it('a guardrail edit affects only the organization stack: no output reads the policy', () => {
    const result = affectedBetween(
      base,
      editedCopy({
        organization: (stack) => {
          const policy = firstOfType(stack, 'aws_organizations_policy');
          policy.description = `${policy.description ?? ''} (edited)`;
        },
      }),
    );
    expect(names(result)).toEqual(['organization']);
    expect(result.stacks[0].reasons[0]).toEqual({ kind: 'changed', addresses: [expect.stringMatching(/^aws_organizations_policy\./)] });
  });

  it('a hub edit to a resource no output reads affects only the network stack', () => {
    const result = affectedBetween(
      base,
      editedCopy({
        network: (stack) => {
          const rules = firstOfType(stack, 'aws_networkfirewall_rule_group');
          rules.tags = { ...(rules.tags ?? {}), edited: 'yes' };
        },
      }),
    );
    expect(names(result)).toEqual(['network']);
  });

  it('an edit to a resource an output reads affects every stack that reads that output, and only those', () => {
    const head = editedCopy({
      network: (stack) => {
        const hub = firstOfType(stack, 'aws_ec2_transit_gateway');
        hub.description = 'edited';
      },
    });
    const result = affectedBetween(base, head);
    const readers = [...readSynthOutput(head).stacks]
      // Outputs of the Transit Gateway itself (not of its route tables, aws_ec2_transit_gateway_route_table...).
      .filter(([, json]) => [...(outputsRead(json).get('network') ?? [])].some((output) => /aws_ec2_transit_gateway(?!_)/.test(output)))
      .map(([name]) => name);
    expect(readers.length).toBeGreaterThan(0);
    expect(names(result)).toEqual(['network', ...readers].sort());
    for (const reader of readers) {
      expect(result.stacks.find((entry) => entry.stack === reader)?.reasons).toEqual([
        { kind: 'reads-changed-output', producer: 'network', outputs: [expect.stringContaining('aws_ec2_transit_gateway')] },
      ]);
    }
    // Waves keep the producer before its readers.
    expect(result.waves[0]).toEqual(['network']);
  });

  it('a changed output expression affects its readers even when no resource changed', () => {
    const result = affectedBetween(
      base,
      editedCopy({
        organization: (stack) => {
          const name = Object.keys(stack.output).find((output) => output.includes('account-log-archiveid')) as string;
          stack.output[name].value = '${aws_organizations_account.account-log-archive.arn}';
        },
      }),
    );
    expect(names(result)).toContain('organization');
    expect(names(result)).toContain('log-archive');
    expect(names(result)).toContain('management');
    expect(result.waves[0]).toEqual(['organization']);
  });

  it('a shared-code edit that changes every stack plans every stack, in the manifest dependency order', () => {
    const edits = Object.fromEntries(
      Object.keys(manifest.stacks).map((stack) => [stack, (json: TerraformJson) => void (json.terraform.required_version = '>= 1.11.5')]),
    );
    const result = affectedBetween(base, editedCopy(edits), { exclude: ['bootstrap'] });
    expect(names(result)).toEqual(
      Object.keys(manifest.stacks)
        .filter((stack) => stack !== 'bootstrap')
        .sort(),
    );
    expect(result.excluded).toEqual(['bootstrap']);
    expect(result.waves.flat().sort()).toEqual(names(result));
    const position = new Map(result.waves.flatMap((wave, index) => wave.map((stack) => [stack, index] as const)));
    for (const [stack, entry] of Object.entries(manifest.stacks)) {
      for (const dependency of entry.dependencies)
        if (position.has(stack) && position.has(dependency)) expect(position.get(dependency)!).toBeLessThan(position.get(stack)!);
    }
  });

  it('flags the stacks of suspended accounts and lists removed stacks without affecting them', () => {
    const head = editedCopy({ 'workload-analytics-dev': (json) => void (json.terraform.required_version = '>= 1.11.5') });
    const withoutPortal = JSON.parse(fs.readFileSync(path.join(head, 'manifest.json'), 'utf8'));
    delete withoutPortal.stacks['workload-clinical-portal-prod'];
    for (const stack of Object.values<TerraformJson>(withoutPortal.stacks))
      stack.dependencies = stack.dependencies.filter((name: string) => name !== 'workload-clinical-portal-prod');
    fs.writeFileSync(path.join(head, 'manifest.json'), JSON.stringify(withoutPortal));
    const result = affectedBetween(base, head, { suspendedStacks: ['workload-analytics-dev'] });
    expect(result.stacks).toEqual([
      { stack: 'workload-analytics-dev', reasons: [expect.objectContaining({ kind: 'changed' })], suspended: true },
    ]);
    expect(result.removed).toEqual(['workload-clinical-portal-prod']);
  });

  it('a real HSCN vend affects exactly four stacks: organization, the new workload, network-routes and one identity-assignments shard', () => {
    const config = copyExampleConfig();
    // The same request as the HSCN vend of test/tools/synth-diff/blast-radius.test.ts: the same account
    // file, so a test run synthesizes that configuration once for both (test/helpers/synth.ts).
    const plan = planVend(loadConfig(config), {
      name: 'new-hscn-service',
      email: 'aws-new-hscn-service@example.nhs.uk',
      ou: 'Workloads/Production',
      owner: 'records-team@example.nhs.uk',
      costCentre: 'CC-3100',
      classification: 'OFFICIAL-SENSITIVE',
      hscn: true,
    });
    fs.writeFileSync(path.join(config, 'accounts', plan.fileName), plan.yaml);
    const head = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-affected-vend-'));
    synthConfig(config, head);
    const result = affectedBetween(base, head);
    // The account (organization), its route-table association, return route and firewall entitlement
    // entry (network-routes), its OU's Identity Center assignments (the one shard its name hashes to,
    // ADR 0510; identity, the permission sets, is untouched) and its own stack, which also adds it to
    // the HSCN resolver-rule share: four, whatever the size of the estate (ADR 0508; bench:delivery
    // measures it at 50, 200 and 1,000 accounts). The network stack is untouched.
    expect(names(result).sort()).toEqual(
      [
        'network-routes',
        'organization',
        'workload-new-hscn-service',
        identityAssignmentsStackName(assignmentShardOf('new-hscn-service', 4)),
      ].sort(),
    );
    const routes = result.stacks.find((entry) => entry.stack === 'network-routes')!.reasons[0];
    expect(routes.kind).toBe('changed');
    expect(routes.kind === 'changed' && [...routes.addresses].sort()).toEqual([
      expect.stringMatching(/^aws_ec2_managed_prefix_list_entry\.spoke-routing_hscn-entitled-new-hscn-service_/),
      expect.stringMatching(/^aws_ec2_transit_gateway_route\.spoke-routing_gateway-to-new-hscn-service_/),
      expect.stringMatching(/^aws_ec2_transit_gateway_route_table_association\.spoke-routing_association-new-hscn-service_/),
      // Its attachment ID, read from the new workload stack.
      'data.terraform_remote_state.cross-stack-reference-input-workload-new-hscn-service',
    ]);
    expect(result.stacks.find((entry) => entry.stack === 'workload-new-hscn-service')?.reasons[0]).toEqual({ kind: 'added' });
  });
});

describe('waves of a subset', () => {
  it('orders through stacks outside the subset: security-organization waits for organization via network', () => {
    expect(wavesOf(['security-organization', 'organization'], manifest)).toEqual([['organization'], ['security-organization']]);
    expect(wavesOf(['workload-analytics-dev', 'workload-clinical-portal-prod'], manifest)).toEqual([
      ['workload-analytics-dev', 'workload-clinical-portal-prod'],
    ]);
  });
});

describe('CI matrix', () => {
  it('splits each wave into as few batches as stacksPerJob allows, evenly, with stable ids', () => {
    const waves = [['organization'], Array.from({ length: 25 }, (_, index) => `workload-${index}`)];
    const matrix = matrixOf(waves, { stacksPerJob: 10, maxParallelJobs: 4 });
    expect(matrix.waves.map((wave) => wave.include.length)).toEqual([1, 3]);
    expect(matrix.waves[1].include.map((batch) => batch.stacks.split(' ').length)).toEqual([9, 8, 8]);
    expect(matrix.all.include.map((batch) => batch.id)).toEqual(['w0-b0', 'w1-b0', 'w1-b1', 'w1-b2']);
    expect(matrix.all.include.flatMap((batch) => batch.stacks.split(' ')).sort()).toEqual(waves.flat().sort());
    expect(matrix.maxParallel).toBe(4);
    expect(matrix.stackCount).toBe(26);
  });

  it('an empty change gives an empty matrix, and nonsense sizes are refused', () => {
    expect(matrixOf([], { stacksPerJob: 10, maxParallelJobs: 8 }).all.include).toEqual([]);
    expect(() => matrixOf([['a']], { stacksPerJob: 0, maxParallelJobs: 8 })).toThrow(/stacksPerJob/);
    expect(() => matrixOf([['a']], { stacksPerJob: 1, maxParallelJobs: 0 })).toThrow(/maxParallelJobs/);
  });
});

describe('lz affected', () => {
  it('prints JSON for CI and writes the matrix and per-wave outputs for GitHub Actions', async () => {
    const head = editedCopy({ organization: (stack) => void (firstOfType(stack, 'aws_organizations_policy').description = 'edited') });
    const outputFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lz-gh-')), 'output');
    const result = await runCli(['affected', '--base-dir', base, '--head-dir', head, '--json', '--github-output', outputFile]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.stacks.map((entry: { stack: string }) => entry.stack)).toEqual(['organization']);
    expect(report.matrix.all.include).toEqual([{ id: 'w0-b0', wave: 0, stacks: 'organization' }]);
    const lines = fs.readFileSync(outputFile, 'utf8').trim().split('\n');
    expect(lines).toContain('count=1');
    expect(lines).toContain(`wave-0=${JSON.stringify({ include: [{ id: 'w0-b0', wave: 0, stacks: 'organization' }] })}`);
    expect(lines).toContain('wave-1-count=0');
    expect(lines.find((line) => line.startsWith('max-parallel='))).toBe('max-parallel=8');
  });

  it('refuses two bases at once with a usage error', async () => {
    const result = await runCli(['affected', '--base-dir', base, '--all']);
    expect(result.code).toBe(64);
    expect(result.stderr).toMatch(/exactly one of/);
  });
});
