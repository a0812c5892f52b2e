// `lz vend`: one command, one new reviewed file. Checks every flag against the configuration, allocates
// the VPC range, re-validates the whole configuration with the new file in it and only then writes
// config/accounts/<name>.yaml (atomically, never replacing a file). Nothing else is ever written.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { ACCOUNTS_DIR, loadConfig, resolveConfigDir } from '../../lib/config/load';
import { IDENTITY_ASSIGNMENTS_STACK_PREFIX } from '../../lib/naming';
import { planVend, type VendPlan, VendRequestError, VPC_SIZES, formatVendProblem } from '../../tools/vending/vending';
import { writeFileAtomically } from '../atomic-write';
import { requireWritableFolder } from '../paths';
import { UsageError } from '../usage-error';

interface VendOptions {
  name?: string;
  email?: string;
  ou?: string;
  owner?: string;
  costCentre?: string;
  classification?: string;
  hscn?: boolean;
  size?: string;
  accountId?: string;
  configRoleExists?: boolean;
  configRecorder?: string[];
  configAbsent?: boolean;
  group?: string[];
  config?: string;
  dryRun?: boolean;
}

export function registerVend(program: Command): void {
  program
    .command('vend')
    .description('add a workload account: validate, allocate its VPC range and write config/accounts/<name>.yaml')
    // Not requiredOption: a missing flag is reported together with every other problem.
    .option('--name <name>', 'account name (DNS-safe; the stack becomes workload-<name>)')
    .option('--email <email>', 'unique mailbox for the account root user')
    .option('--ou <path>', 'OU under Workloads, such as Workloads/Production')
    .option('--owner <email>', 'accountable owner (person or team mailbox)')
    .option('--cost-centre <code>', 'cost centre code, such as CC-1042')
    .option('--classification <level>', 'data classification, one of dataClassifications')
    .option('--hscn', 'entitle the account to reach HSCN (its own stack and network-routes carry the entitlement)')
    .option(
      '--size <size>',
      `VPC size: ${Object.entries(VPC_SIZES)
        .map(([size, prefix]) => `${size} /${prefix}`)
        .join(', ')} (default: medium)`,
    )
    .option(
      '--account-id <id>',
      'adopt this existing account (imported, not created); say what AWS Config it has with the next three flags',
    )
    .option('--config-role-exists', 'with --account-id: AWSServiceRoleForConfig already exists in the account (it is imported)')
    .option(
      '--config-recorder <region=recorder[,channel]>',
      'with --account-id: an existing AWS Config recorder (and delivery channel) in a Region; repeat per Region',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option('--config-absent', 'with --account-id: the account has no AWS Config at all (no role, no recorder)')
    .option(
      '--group <name>',
      "the owning team's Identity Center group (display name); it gets access.owningTeamPermissionSets on the account; repeat per group",
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option('--config <dir>', 'configuration directory (default: $LZ_CONFIG_DIR or ./config)')
    .option('--dry-run', 'print the account file instead of writing it')
    .action((options: VendOptions) => {
      vend(options);
    });
}

function vend(options: VendOptions): void {
  const dir = resolveConfigDir(options.config);
  const loaded = loadConfig(dir);
  let plan: VendPlan;
  try {
    plan = planVend(loaded, { ...options, hscn: options.hscn === true, configRecorders: options.configRecorder, groups: options.group });
  } catch (error) {
    if (error instanceof VendRequestError) {
      const count = error.problems.length;
      throw new UsageError(
        `cannot vend (${count} problem${count === 1 ? '' : 's'}); nothing was written:\n${error.problems.map((problem) => `  ${formatVendProblem(problem)}`).join('\n')}`,
      );
    }
    throw error;
  }

  const accountsDir = path.join(loaded.dir, ACCOUNTS_DIR);
  const target = path.join(accountsDir, plan.fileName);
  const shown = path.relative(process.cwd(), target).startsWith('..') ? target : path.relative(process.cwd(), target);
  if (fs.existsSync(target) || fs.existsSync(target.replace(/\.yaml$/, '.yml'))) {
    throw new UsageError(`${shown} already exists; nothing was written. Choose another --name`);
  }
  // The whole configuration, with the new file in it, must still be valid: the same checks as synth.
  loadConfig(dir, { pendingAccountFiles: new Map([[plan.fileName, plan.yaml]]) });

  if (options.dryRun) {
    process.stdout.write(plan.yaml);
    process.stderr.write(`\nDry run: nothing written. lz vend without --dry-run writes this to ${shown}.\n${describeImpact(plan)}`);
    return;
  }

  requireWritableFolder(fs.existsSync(accountsDir) ? accountsDir : loaded.dir, '--config');
  fs.mkdirSync(accountsDir, { recursive: true });
  try {
    writeFileAtomically(target, plan.yaml, { noClobber: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new UsageError(`${shown} appeared while vending (another lz vend?); nothing was written`);
    }
    throw error;
  }
  process.stdout.write(`Wrote ${shown}\n${summary(plan)}${describeImpact(plan)}${nextSteps(plan, shown)}`);
}

function summary(plan: VendPlan): string {
  const account = plan.account;
  return [
    `  account:        ${account.name} (${account.accountId ? `adopts existing account ${account.accountId}` : 'new account, created by the organization stack'})`,
    ...(account.adoption
      ? [
          `  adoption:       AWSServiceRoleForConfig ${account.adoption.configServiceLinkedRole ? 'imported' : 'created'}; ${
            Object.keys(account.adoption.configRecorders).length > 0
              ? `recorders imported in ${Object.keys(account.adoption.configRecorders).join(', ')}`
              : 'no recorder to import'
          }`,
        ]
      : []),
    `  OU:             ${account.ou}`,
    `  VPC CIDR:       ${account.cidr} (${plan.size})`,
    `  HSCN:           ${account.hscn ? 'entitled' : 'no'}`,
    `  classification: ${account.classification}`,
    '',
    '',
  ].join('\n');
}

function describeImpact(plan: VendPlan): string {
  const account = plan.account;
  const lines = ['Stacks this change touches (and nothing else):'];
  lines.push(
    `  ~ organization: ${account.accountId ? `imports account ${account.accountId} as` : 'creates'} account ${account.name} in ${account.ou}`,
  );
  // Only the estate's first HSCN entitlement edits network (it adds the firewall's pass rules, ADR 0508).
  if (plan.impact.changed.includes('network')) {
    lines.push(`  ~ network: adds the firewall's HSCN pass rules (the estate's first HSCN entitlement)`);
  }
  const assignmentsStack = plan.impact.changed.find((stack) => stack.startsWith(IDENTITY_ASSIGNMENTS_STACK_PREFIX));
  if (plan.assignments.length > 0) {
    lines.push(
      `  ~ ${assignmentsStack}: adds ${plan.assignments.length} Identity Center assignment(s) on ${account.name}, and nothing else:`,
    );
    for (const row of plan.assignments) lines.push(`      ${row.group} -> ${row.permissionSet} (${row.via.join(', ')})`);
  }
  for (const added of plan.impact.added) {
    lines.push(`  + ${added}: new stack with the account baseline and the spoke VPC ${account.cidr}`);
  }
  lines.push(
    `  ~ network-routes: associates the new spoke with ${account.hscn ? 'spokes-hscn' : 'spokes'} and routes ${account.cidr} back to it from gateway${account.hscn ? `; adds ${account.cidr} to the firewall's HSCN entitlement prefix list` : ''}`,
  );
  return `${lines.join('\n')}\n`;
}

function nextSteps(plan: VendPlan, shown: string): string {
  const name = plan.account.name;
  const expected = plan.account.accountId
    ? `organization shows the account being imported (the offline plan sets the import aside and says so)`
    : `organization shows 1 account to add (aws_organizations_account.account-${name})`;
  return [
    '',
    'Next steps:',
    `  1. git switch -c vend/${name} && git add ${shown} && git commit -m "Vend account ${name}"`,
    '  2. Push and open a pull request; the plan comment is what the reviewer approves:',
    `     - ${expected};`,
    plan.account.adoption
      ? `     - workload-${name} appears as a new stack: baseline and spoke, plus imports of the AWS Config setup the account already has (adoption: in the file);`
      : `     - workload-${name} appears as a new stack (baseline and spoke, all additions${plan.account.hscn ? ', and the account added to the HSCN resolver-rule share' : ''});`,
    plan.impact.changed.includes('network')
      ? "     - network shows only the firewall's HSCN pass rules being added;"
      : '     - network shows no change;',
    `     - network-routes adds one route-table association (${plan.account.hscn ? 'spokes-hscn' : 'spokes'}) and one route to ${plan.account.cidr}${plan.account.hscn ? ', and one entry of the HSCN entitlement prefix list' : ''}, nothing else;`,
    ...(plan.assignments.length > 0
      ? [
          `     - ${plan.impact.changed.find((stack) => stack.startsWith(IDENTITY_ASSIGNMENTS_STACK_PREFIX))} shows ${plan.assignments.length} account assignment(s) to add, all on ${name}, and nothing else;`,
        ]
      : []),
    '     - any other stack with changes means something else is wrong: stop and investigate.',
    '  3. After approval and merge, the deploy workflow runs cdktf deploy; see docs/vending.md for the order and how to resume a failed step.',
    `     The execution role reaches the new account from the organization stack's StackSet within minutes; if workload-${name}`,
    '     fails at role assumption because it was quicker, re-run the deploy.',
    '',
  ].join('\n');
}
