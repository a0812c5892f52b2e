// The Terraform check shares results by stack content and can keep a summary of the plan instead of
// the full `terraform show -json` document. Both must answer exactly what a fresh full run answers.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkStack, summaryFromPlanEvents } from '../../../tools/terraform/check';
import { initialiseWorkingFolder, initTemplatesMade } from '../../../tools/terraform/init';
import { prepareOfflineStack } from '../../../tools/terraform/offline';
import { synthConfig } from '../../helpers/synth';

type Change = { address: string; mode: string; type: string; change: { actions: string[] } };
const shape = (changes: Change[]) => changes.map((c) => `${c.mode} ${c.type} ${c.address} ${c.change.actions.join('-')}`).sort();

describe('summaryFromPlanEvents', () => {
  const events = [
    '{"@level":"info","type":"version","terraform":"1.11.4"}',
    '{"@level":"info","type":"planned_change","change":{"resource":{"addr":"aws_s3_bucket.logs","resource_type":"aws_s3_bucket"},"action":"create"}}',
    '{"@level":"info","type":"planned_change","change":{"resource":{"addr":"aws_kms_key.k","resource_type":"aws_kms_key"},"action":"replace"}}',
    '{"@level":"info","type":"planned_change","change":{"resource":{"addr":"data.aws_caller_identity.me","resource_type":"aws_caller_identity"},"action":"read"}}',
    '{"@level":"info","type":"change_summary","changes":{"add":1,"change":0,"remove":0}}',
  ].join('\n');

  it('reads every planned change with the actions terraform show would report', () => {
    expect(shape(summaryFromPlanEvents(events).resource_changes)).toEqual([
      'data aws_caller_identity data.aws_caller_identity.me read',
      'managed aws_kms_key aws_kms_key.k delete-create',
      'managed aws_s3_bucket aws_s3_bucket.logs create',
    ]);
  });
});

describe('checkStack with a content cache (real Terraform)', () => {
  const synth = synthConfig();
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-check-cache-'));
  const artifacts = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-check-artifacts-'));
  afterAll(() => {
    for (const dir of [cacheDir, artifacts, synth.outdir]) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('fails a summary on what terraform validate rejects: the plan runs the same validation', async () => {
    const invalid = JSON.parse(JSON.stringify(synth.stacks.get('bootstrap')));
    const [bucket] = Object.values<Record<string, unknown>>(invalid.resource.aws_s3_bucket);
    bucket.no_such_argument = 'x';
    const stacks = new Map([...synth.stacks, ['bootstrap', invalid]]);
    await expect(checkStack('bootstrap', stacks, artifacts, { planDetail: 'summary', cacheDir })).rejects.toThrow(
      /Extraneous JSON object property/,
    );
  });

  it('fails a full check on what terraform validate rejects, without a separate validate run: the plan runs the same validation', async () => {
    const invalid = JSON.parse(JSON.stringify(synth.stacks.get('bootstrap')));
    const [bucket] = Object.values<Record<string, unknown>>(invalid.resource.aws_s3_bucket);
    bucket.no_such_argument = 'x';
    const stacks = new Map([...synth.stacks, ['bootstrap', invalid]]);
    await expect(checkStack('bootstrap', stacks, artifacts, { planDetail: 'full', cacheDir })).rejects.toThrow(
      /terraform plan failed[\s\S]*Extraneous JSON object property/,
    );
  });

  it('keeps in a summary exactly the changes of the full plan, and answers a repeat from the cache without running Terraform', async () => {
    const full = await checkStack('bootstrap', synth.stacks, artifacts, { planDetail: 'full' });
    const summary = await checkStack('bootstrap', synth.stacks, artifacts, { planDetail: 'summary', cacheDir });
    expect(full.planDetail).toBe('full');
    expect(summary.planDetail).toBe('summary');
    expect(shape(summary.plan.resource_changes)).toEqual(shape(full.plan.resource_changes));
    expect(summary.resourcesPlanned).toBe(full.resourcesPlanned);

    // With Terraform off the PATH, only the cache can answer.
    const savedPath = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      const repeat = await checkStack('bootstrap', synth.stacks, artifacts, { planDetail: 'summary', cacheDir });
      expect(shape(repeat.plan.resource_changes)).toEqual(shape(summary.plan.resource_changes));
      await expect(checkStack('pipeline', synth.stacks, artifacts, { planDetail: 'summary', cacheDir })).rejects.toThrow();
    } finally {
      process.env.PATH = savedPath;
    }
  });
});

describe('terraform init once per provider requirement (real Terraform)', () => {
  const synth = synthConfig();
  const folders = [1, 2, 3].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'lz-init-copy-')));
  afterAll(() => {
    for (const dir of folders) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gives stacks with the same required_providers a copy of one init, and a stack with other requirements an init of its own', async () => {
    const bootstrap = prepareOfflineStack(synth.stacks.get('bootstrap')!, synth.stacks).json;
    const pipeline = prepareOfflineStack(synth.stacks.get('pipeline')!, synth.stacks).json;
    expect(pipeline.terraform.required_providers).toEqual(bootstrap.terraform.required_providers);
    const loosened = {
      ...bootstrap,
      terraform: { ...bootstrap.terraform, required_providers: { aws: { source: 'aws', version: '>= 5.0' } } },
    };
    await initialiseWorkingFolder(folders[0], bootstrap);
    const afterPinned = initTemplatesMade();
    await initialiseWorkingFolder(folders[1], pipeline);
    expect(initTemplatesMade()).toBe(afterPinned);
    await initialiseWorkingFolder(folders[2], loosened);
    expect(initTemplatesMade()).toBe(afterPinned + 1);
    const lock = (dir: string) => fs.readFileSync(path.join(dir, '.terraform.lock.hcl'), 'utf8');
    expect(lock(folders[0])).toContain('constraints = "5.100.0"');
    expect(lock(folders[1])).toBe(lock(folders[0]));
    // The lock file a fresh init writes for the loosened requirement, not a copy of the pinned one.
    expect(lock(folders[2])).toContain('constraints = ">= 5.0.0"');
    for (const dir of folders) {
      expect(fs.readdirSync(path.join(dir, '.terraform/providers/registry.terraform.io/hashicorp/aws'))).toEqual(['5.100.0']);
    }
  });
});
