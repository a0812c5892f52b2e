// lz plan-report on real plans: every reference plan Terraform's JSON formats 0.1 to 1.2 have
// produced (test/fixtures/terraform-plans, from hashicorp/terraform-json), and real AWS plans of
// this project's own stacks computed by Terraform and the AWS provider against a prior state.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CHANGE_KINDS,
  GITHUB_COMMENT_LIMIT,
  parsePlan,
  PlanFormatError,
  REPORT_MARKER,
  renderReport,
  stackNameFromFile,
  type StackPlan,
} from '../../../tools/plan-review/plan-report';
import { EXIT_BAD_PLAN, EXIT_PLAN_FAILED, EXIT_PROTECTED_DESTROY } from '../../../cli/commands/plan-report';
import { PROTECTED_TYPES } from '../../../lib/protection';
import { runCli } from '../../helpers/cli';
import { planWithState } from '../../helpers/plan-with-state';
import { bootstrapPrior, networkPrior, ORGANIZATION_BLOCKS, organizationPrior, pipelinePrior } from '../../helpers/plan-scenarios';
import { synthConfig, type SynthResult, type TerraformJson } from '../../helpers/synth';

const FIXTURES = path.resolve(__dirname, '../../fixtures/terraform-plans');
const referenceFiles = fs
  .readdirSync(FIXTURES)
  .filter((file) => file.endsWith('.json'))
  .sort();

function reference(name: string): StackPlan {
  return parsePlan(JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')), name);
}

function tmpFile(name: string, content: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-plan-report-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

describe('reference plans of every JSON format version', () => {
  it('ships all 20 reference plans, covering formats 0.1 to 1.2', () => {
    expect(referenceFiles).toHaveLength(20);
    const versions = new Set(referenceFiles.map((file) => reference(file.replace(/\.json$/, '')).formatVersion));
    expect([...versions].sort()).toEqual(['0.1', '0.2', '1.0', '1.1', '1.2']);
  });

  it.each(referenceFiles)('%s parses and every resource change is counted exactly once', (file) => {
    const raw = JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8'));
    const plan = parsePlan(raw, file);
    const changes = raw.resource_changes ?? [];
    const primary =
      plan.counts.create + plan.counts.update + plan.counts.replace + plan.counts.delete + plan.counts.forget + plan.counts['no-op'];
    expect(primary + plan.reads).toBe(changes.length);
    expect(plan.unknownActions).toEqual([]);
    const report = renderReport([plan]);
    expect(report.markdown.startsWith(REPORT_MARKER)).toBe(true);
    expect(report.markdown).toContain(`| ${file} |`);
  });

  it('action_reason.json: a tainted replacement with its reason in the warnings', () => {
    const plan = reference('action_reason');
    expect(plan.counts).toMatchObject({ replace: 1, create: 0, delete: 0 });
    expect(plan.changes[0]).toMatchObject({
      address: 'null_resource.example',
      action: 'replace',
      actionReason: 'replace_because_tainted',
      createBeforeDestroy: false,
      protectedDestroy: false,
    });
    const { markdown } = renderReport([plan]);
    expect(markdown).toContain('### Deletions and replacements');
    expect(markdown).toMatch(
      /`null_resource\.example`: REPLACE \(destroy, then create\); reason `replace_because_tainted`: the object is tainted/,
    );
  });

  it('actions.json (Terraform 1.14 actions): no resource changes, the action invocation is listed', () => {
    const plan = reference('actions');
    expect(plan.changes).toHaveLength(0);
    expect(plan.actionInvocations).toEqual(['action.bufo_print.success']);
    expect(plan.terraformVersion).toBeUndefined();
    expect(renderReport([plan]).markdown).toContain('action invocations: `action.bufo_print.success`');
  });

  it('moved_block.json: a move without other change counts as move and no-op', () => {
    const plan = reference('moved_block');
    expect(plan.counts).toMatchObject({ move: 1, 'no-op': 1, update: 0 });
    expect(plan.changes[0].previousAddress).toBe('random_id.test');
    expect(renderReport([plan]).markdown).toContain('`random_id.test2`: no change; moved from `random_id.test`');
  });

  it('identity.json: an import with an in-place update and the changed attributes', () => {
    const plan = reference('identity');
    expect(plan.counts).toMatchObject({ import: 1, update: 1, create: 0 });
    const [change] = plan.changes;
    expect(change.imported).toBe(true);
    expect(change.changedAttributes).toEqual([
      { path: 'age', before: 'null', after: '999', note: undefined },
      { path: 'name', before: 'null', after: '"test"', note: undefined },
    ]);
    expect(renderReport([plan]).markdown).toContain('`corner_user_identity.user`: update in place; import');
  });

  it('config_resource_depends_on.json: a replacement without action_reason (format 0.1) and a no-op', () => {
    const plan = reference('config_resource_depends_on');
    expect(plan.counts).toMatchObject({ replace: 1, 'no-op': 1 });
    expect(plan.changes.find((change) => change.action === 'replace')?.actionReason).toBeUndefined();
    expect(renderReport([plan]).markdown).toContain('reason no reason given by Terraform');
  });

  it('basic.json and 013_module_depends_on.json: data-source reads are not resource changes', () => {
    const basic = reference('basic');
    expect(basic.counts.create).toBe(7);
    expect(basic.reads).toBe(1);
    expect(basic.outputChanges).toHaveLength(8);
    const deps = reference('013_module_depends_on');
    expect(deps.counts.create).toBe(2);
    expect(deps.reads).toBe(1);
  });

  it('has_checks.json and no_changes.json: for_each keys kept, nothing flagged', () => {
    expect(reference('has_checks').changes.map((change) => change.address)).toEqual([
      'module.files.local_file.foo["file1.txt"]',
      'module.files.local_file.foo["file2.txt"]',
    ]);
    const none = reference('no_changes');
    expect(none.counts['no-op']).toBe(6);
    const { markdown } = renderReport([none]);
    expect(markdown).not.toContain('### Deletions and replacements');
    expect(markdown).not.toContain('### Needs security review');
    expect(markdown).toContain('no_changes: no changes');
  });

  it('rejects what is not a plan, naming the problem', () => {
    expect(() => parsePlan({ version: 4, resources: [] }, 'state')).toThrow(PlanFormatError);
    expect(() => parsePlan({ format_version: '1.2', values: {} }, 'state-show')).toThrow(/looks like a state/);
    expect(() => parsePlan({ format_version: '2.0', resource_changes: [] }, 'future')).toThrow(/newer than this tool/);
    expect(() => parsePlan([], 'list')).toThrow(/not a JSON object/);
  });

  it('derives stack names from plan file names', () => {
    expect(['network.json', 'out/network.plan.json', 'plan-network.json', 'workload-a.tfplan.json'].map(stackNameFromFile)).toEqual([
      'network',
      'network',
      'network',
      'workload-a',
    ]);
  });

  it('keeps a huge report under the limit, with the summary and a pointer to the artifacts', () => {
    const basic = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'basic.json'), 'utf8'));
    const tainted = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'action_reason.json'), 'utf8'));
    const plans = Array.from({ length: 400 }, (_, index) =>
      parsePlan(index % 2 ? basic : tainted, `stack-${String(index).padStart(3, '0')}`),
    );
    const full = renderReport(plans, { maxChars: 10_000_000 });
    expect(full.truncated).toBe(false);
    expect(full.markdown.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT);
    const cut = renderReport(plans, { artifactsUrl: 'https://github.com/example-valley-nhs/landing-zone/actions/runs/1' });
    expect(cut.truncated).toBe(true);
    expect(cut.markdown.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(cut.markdown).toContain('shortened to fit');
    expect(cut.markdown).toContain('(https://github.com/example-valley-nhs/landing-zone/actions/runs/1)');
    // Every stack keeps its row in the summary table even when details are dropped.
    for (const plan of plans) expect(cut.markdown).toContain(`| ${plan.stack} |`);
    const tiny = renderReport(plans, { maxChars: 2000 });
    expect(tiny.markdown.length).toBeLessThanOrEqual(2000);
    expect(tiny.markdown).toContain('shortened to fit');
  });
});

describe('protected destroys: every type in lib/protection.ts, one list shared with the invariants', () => {
  function deletePlan(types: readonly string[]): StackPlan {
    const resourceChanges = types.map((type) => ({
      address: `${type}.victim`,
      mode: 'managed',
      type,
      name: 'victim',
      provider_name: 'registry.terraform.io/hashicorp/aws',
      change: { actions: ['delete'], before: { id: 'x' }, after: null, after_unknown: {}, before_sensitive: {}, after_sensitive: false },
    }));
    return parsePlan({ format_version: '1.2', terraform_version: '1.11.4', resource_changes: resourceChanges }, 'organization');
  }

  it('flags the destroy of the organization trail, the execution-role StackSet and a guardrail attachment', () => {
    const plan = deletePlan([
      'aws_cloudtrail',
      'aws_cloudformation_stack_set',
      'aws_cloudformation_stack_set_instance',
      'aws_organizations_policy_attachment',
      'aws_sns_topic',
    ]);
    const flagged = plan.changes.filter((change) => change.protectedDestroy).map((change) => change.type);
    expect(flagged).toEqual([
      'aws_cloudtrail',
      'aws_cloudformation_stack_set',
      'aws_cloudformation_stack_set_instance',
      'aws_organizations_policy_attachment',
    ]);
  });

  it('flags every protected type', () => {
    const plan = deletePlan([...PROTECTED_TYPES]);
    expect(plan.changes.every((change) => change.protectedDestroy)).toBe(true);
    expect(plan.changes).toHaveLength(PROTECTED_TYPES.size);
  });
});

describe('lz plan-report command', () => {
  it('reports the reference plans and exits 0 when nothing protected is destroyed', async () => {
    const files = referenceFiles.map((file) => path.join(FIXTURES, file));
    const out = tmpFile('comment.md', '');
    const result = await runCli(['plan-report', ...files, '--out', out]);
    expect(result.code).toBe(0);
    const markdown = fs.readFileSync(out, 'utf8');
    expect(markdown).toContain(`| stack | ${CHANGE_KINDS.join(' | ')} |`);
    expect(result.stderr).toContain('20 plan(s), 0 protected destroy(s)');
  });

  it('refuses mismatched --stack-names and unreadable plans with distinct exit codes', async () => {
    const file = path.join(FIXTURES, 'basic.json');
    expect((await runCli(['plan-report', file, '--stack-names', 'a,b'])).code).toBe(64);
    const notJson = tmpFile('broken.json', '{"format_version": "1.2", ');
    const broken = await runCli(['plan-report', notJson]);
    expect(broken.code).toBe(EXIT_BAD_PLAN);
    expect(broken.stderr).toContain('is not JSON');
    const missing = await runCli(['plan-report', '/nonexistent/plan.json']);
    expect(missing.code).toBe(EXIT_BAD_PLAN);
  });

  it('appends another report within the same limit, cut with a pointer when it is long', async () => {
    const diff = tmpFile(
      'synth-diff.md',
      `## Synthesized Terraform compared with \`origin/main\`\n\n${'- added `aws_iam_role.x`\n'.repeat(2000)}`,
    );
    const out = tmpFile('comment.md', '');
    const files = referenceFiles.map((file) => path.join(FIXTURES, file));
    const result = await runCli(['plan-report', ...files, '--append', diff, '--max-chars', '20000', '--out', out]);
    expect(result.code).toBe(0);
    const markdown = fs.readFileSync(out, 'utf8');
    expect(markdown.length).toBeLessThanOrEqual(20000);
    expect(markdown).toContain('## Synthesized Terraform compared with `origin/main`');
    expect(markdown).toContain('the full synth-diff.md is in the plan artifacts');
    expect(markdown.indexOf('| stack |')).toBeLessThan(markdown.indexOf('## Synthesized Terraform'));
    expect((await runCli(['plan-report'])).code).toBe(64);
  });

  it('reports failed stacks and exits with the plan-failed status', async () => {
    const result = await runCli([
      'plan-report',
      path.join(FIXTURES, 'no_changes.json'),
      '--failed-stack',
      'network=terraform plan exited 1',
    ]);
    expect(result.code).toBe(EXIT_PLAN_FAILED);
    expect(result.stdout).toContain('Planning failed for `network`');
    // Every plan failed: the comment still says so.
    const none = await runCli(['plan-report', '--failed-stack', 'organization=Error: AccessDenied']);
    expect(none.code).toBe(EXIT_PLAN_FAILED);
    expect(none.stdout).toContain('`organization`: Error: AccessDenied');
  });
});

describe('real AWS plans of this project (Terraform + AWS provider 5.100, offline, against a prior state)', () => {
  let synth: SynthResult;
  let organizationPlan: TerraformJson;
  let pipelinePlan: TerraformJson;
  let bootstrapPlan: TerraformJson;
  let networkPlan: TerraformJson;
  let planFiles: { organization: string; pipeline: string };

  beforeAll(() => {
    synth = synthConfig();
    organizationPlan = planWithState(synth.stacks, 'organization', { prior: organizationPrior(), extraBlocks: ORGANIZATION_BLOCKS });
    pipelinePlan = planWithState(synth.stacks, 'pipeline', { prior: pipelinePrior() });
    bootstrapPlan = planWithState(synth.stacks, 'bootstrap', { prior: bootstrapPrior() });
    networkPlan = planWithState(synth.stacks, 'network', { prior: networkPrior() });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-real-plans-'));
    planFiles = { organization: path.join(dir, 'organization.json'), pipeline: path.join(dir, 'pipeline.json') };
    fs.writeFileSync(planFiles.organization, JSON.stringify(organizationPlan));
    fs.writeFileSync(planFiles.pipeline, JSON.stringify(pipelinePlan));
  });

  it('organization: counts of a real plan with update, move, forget and a protected delete', () => {
    const plan = parsePlan(organizationPlan, 'organization');
    const byAddress = new Map(plan.changes.map((change) => [change.address, change]));
    expect(byAddress.get('aws_organizations_organization.organization')?.action).toBe('update');
    expect(byAddress.get('aws_organizations_organizational_unit.ou-suspended')?.previousAddress).toBe(
      'aws_organizations_organizational_unit.ou-quarantine',
    );
    expect(byAddress.get('aws_organizations_account.account-legacy-imaging')?.action).toBe('forget');
    const retired = byAddress.get('aws_organizations_account.account-retired-trial');
    expect(retired).toMatchObject({ action: 'delete', actionReason: 'delete_because_no_resource_config', protectedDestroy: true });
    expect(plan.counts).toMatchObject({ delete: 1, forget: 1, move: 1, replace: 0 });
    // Every account, OU and organization-level resource in the config that was not in the prior state is created.
    const configured = Object.values<Record<string, unknown>>(synth.stacks.get('organization')?.resource ?? {}).reduce(
      (sum, byName) => sum + Object.keys(byName).length,
      0,
    );
    expect(plan.counts.create).toBe(configured - 3); // organization, ou-sandbox and ou-suspended exist already
    const orgChange = byAddress.get('aws_organizations_organization.organization');
    // Sets of plain values are reported by membership, not by index.
    expect(orgChange?.changedAttributes.find((attribute) => attribute.path === 'enabled_policy_types')).toMatchObject({
      added: ['BACKUP_POLICY', 'DECLARATIVE_POLICY_EC2', 'RESOURCE_CONTROL_POLICY', 'TAG_POLICY'],
      removed: [],
    });
    expect(orgChange?.changedAttributes.find((attribute) => attribute.path === 'aws_service_access_principals')?.added).toContain(
      'sso.amazonaws.com',
    );
    expect(orgChange?.securityCategories).toContain('Organization policies (SCP/RCP) and attachments');
    expect(retired?.securityCategories).toContain('Accounts and OUs');
  });

  it('pipeline: a forced replacement with replace_paths, a policy update and a delete of a landing-zone role', () => {
    const plan = parsePlan(pipelinePlan, 'pipeline', { landingZoneRoleNames: ['OrganizationAccountAccessRole', 'LandingZoneBreakGlass'] });
    const byAddress = new Map(plan.changes.map((change) => [change.address, change]));
    const role = byAddress.get('aws_iam_role.plan-role');
    expect(role).toMatchObject({ action: 'replace', actionReason: 'replace_because_cannot_update', protectedDestroy: false });
    expect(role?.replacePaths).toContain('name');
    // The attribute that forces the replacement comes first, with its old and new value.
    expect(role?.changedAttributes[0]).toMatchObject({
      path: 'name',
      before: '"lz-ci-plan"',
      after: '"lz-pipeline-plan"',
      forcesReplacement: true,
    });
    const policy = byAddress.get('aws_iam_role_policy.plan-role-policy');
    expect(policy?.action).toBe('update');
    // The policy JSON is compared as a document: the changed statement shows up inside it.
    expect(policy?.changedAttributes.some((attribute) => attribute.path.startsWith('policy{Statement[0]'))).toBe(true);
    expect(policy?.changedAttributes.find((attribute) => attribute.path === 'policy{Statement[5]}')?.note).toBe('added');
    expect(byAddress.get('aws_iam_openid_connect_provider.github-oidc')?.action).toBe('update');
    expect(byAddress.get('aws_iam_role.legacy-deployer')).toMatchObject({ action: 'delete', protectedDestroy: false });
    expect(plan.counts).toMatchObject({ replace: 1, delete: 1 });
    for (const address of ['aws_iam_role.plan-role', 'aws_iam_role_policy.plan-role-policy', 'aws_iam_role.legacy-deployer']) {
      expect(byAddress.get(address)?.securityCategories).toContain('Landing-zone IAM roles and policies');
    }
    expect(byAddress.get('aws_iam_openid_connect_provider.github-oidc')?.securityCategories).toContain(
      'Identity federation (OIDC/SAML providers)',
    );
  });

  it('bootstrap: key and bucket policy updates for security review, a replaced alias and a protected bucket deleted', () => {
    const plan = parsePlan(bootstrapPlan, 'bootstrap');
    const byAddress = new Map(plan.changes.map((change) => [change.address, change]));
    const key = byAddress.get('aws_kms_key.state-key_753BFC90');
    expect(key).toMatchObject({ action: 'update', protectedDestroy: false });
    expect(key?.changedAttributes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'enable_key_rotation', before: 'false', after: 'true' }),
        expect.objectContaining({ path: 'policy{Statement[0].Principal.AWS}', before: '"*"', after: '"arn:aws:iam::111111111111:root"' }),
      ]),
    );
    expect(key?.securityCategories).toEqual(['KMS keys and key policies']);
    expect(byAddress.get('aws_kms_alias.state-key_alias_63E2A9D5')).toMatchObject({
      action: 'replace',
      replacePaths: ['name'],
      securityCategories: ['KMS keys and key policies'],
    });
    const bucketPolicy = byAddress.get('aws_s3_bucket_policy.state-bucket_policy_7580CD97');
    expect(bucketPolicy?.action).toBe('update');
    expect(bucketPolicy?.changedAttributes.map((attribute) => attribute.path)).toContain('policy{Statement[0]}');
    expect(bucketPolicy?.securityCategories).toEqual(['S3 bucket policies and public access']);
    expect(byAddress.get('aws_s3_bucket.legacy-state-bucket')).toMatchObject({ action: 'delete', protectedDestroy: true });
    // Every resource that did not exist before is created.
    const prior = new Set(bootstrapPrior().map((resource) => `${resource.type}.${resource.name}`));
    const configured = Object.entries<Record<string, unknown>>(synth.stacks.get('bootstrap')?.resource ?? {}).flatMap(([type, byName]) =>
      Object.keys(byName).map((name) => `${type}.${name}`),
    );
    expect(plan.counts).toMatchObject({ create: configured.filter((address) => !prior.has(address)).length, replace: 1, delete: 1 });
    expect(plan.counts.create).toBeGreaterThanOrEqual(4);
  });

  it('network: an HSCN destination added and a Transit Gateway route removed, both for review', () => {
    const plan = parsePlan(networkPlan, 'network');
    const byAddress = new Map(plan.changes.map((change) => [change.address, change]));
    const prefixes = byAddress.get('aws_ec2_managed_prefix_list.hscn-edge_hscn-prefixes_90E85153');
    expect(prefixes?.action).toBe('update');
    expect(prefixes?.securityCategories).toEqual(['HSCN prefix lists']);
    // A set of blocks is compared by membership: exactly the new destination is added.
    expect(prefixes?.changedAttributes.find((attribute) => attribute.path === 'entry')).toMatchObject({
      added: ['cidr=198.51.100.0/24, description=HSCN destination (config network.hscn.prefixes)'],
      removed: [],
    });
    const route = byAddress.get('aws_ec2_transit_gateway_route.hub_spokes-to-gateway-0-0-0-0-1_0AB1C2D3');
    expect(route).toMatchObject({ action: 'delete', actionReason: 'delete_because_no_resource_config', protectedDestroy: false });
    expect(route?.securityCategories).toEqual(['Transit Gateway routes and route tables']);
    // The route's destination is shown beside its address, from the prior state for a delete.
    expect(route?.keyAttributes).toEqual(['destination_cidr_block=0.0.0.0/1']);
    expect(byAddress.get('aws_ec2_transit_gateway_route.hub_gateway-blackhole-0-0-0-0-0_C549A9DC')?.keyAttributes).toEqual([
      'destination_cidr_block=0.0.0.0/0',
      'blackhole',
    ]);
    const created = plan.changes.filter((change) => change.action === 'create');
    expect(created.some((change) => change.securityCategories.includes('Network Firewall policies and rule groups'))).toBe(true);
    expect(created.some((change) => change.securityCategories.includes('Direct Connect gateway associations'))).toBe(true);
    expect(plan.counts).toMatchObject({ update: 1, delete: 1, replace: 0 });
  });

  it('the comment lists every delete and replace with its reason and forcing attributes, and the security review', () => {
    const plans = [parsePlan(organizationPlan, 'organization'), parsePlan(pipelinePlan, 'pipeline')];
    const { markdown, protectedDestroys } = renderReport(plans);
    expect(protectedDestroys.map(({ change }) => change.address)).toEqual(['aws_organizations_account.account-retired-trial']);
    expect(markdown).toContain('1 protected resource(s) would be destroyed');
    expect(markdown).toContain(
      '**PROTECTED** **organization** `aws_organizations_account.account-retired-trial` [`name=retired-trial`]: DELETE; reason `delete_because_no_resource_config`: its configuration was removed',
    );
    expect(markdown).toMatch(
      /\*\*pipeline\*\* `aws_iam_role\.plan-role` \[`name=lz-pipeline-plan`\]: REPLACE \(.*\); reason `replace_because_cannot_update`.*; forced by `name`/,
    );
    expect(markdown).toContain('### Removed from state (forget)');
    expect(markdown).toContain('**Accounts and OUs**');
    expect(markdown).toContain('**Landing-zone IAM roles and policies**');
    expect(markdown).toContain('<details><summary>organization:');
  });

  it('exits non-zero for a protected destroy, and zero with --allow-destroy', async () => {
    const blocked = await runCli(['plan-report', planFiles.organization, planFiles.pipeline]);
    expect(blocked.code).toBe(EXIT_PROTECTED_DESTROY);
    expect(blocked.stderr).toContain('protected: organization aws_organizations_account.account-retired-trial (delete)');
    const allowed = await runCli(['plan-report', planFiles.organization, planFiles.pipeline, '--allow-destroy']);
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain('The override label is present');
    // Without a protected resource destroyed, the pipeline plan alone passes despite its delete.
    expect((await runCli(['plan-report', planFiles.pipeline])).code).toBe(0);
  });
});
