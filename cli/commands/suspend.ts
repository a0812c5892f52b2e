// `lz suspend <name>`: the only supported way to retire a workload account. It changes one field
// (status: suspended) in the account's file, keeping every comment, re-validates the configuration,
// and prints the deploy order that disconnects the account before it is quarantined.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { parseDocument, type Scalar } from 'yaml';
import { ACCOUNTS_DIR, loadConfig, resolveConfigDir } from '../../lib/config/load';
import { workloadStackName } from '../../lib/config/model';
import { writeFileAtomically } from '../atomic-write';
import { requireWritableFolder } from '../paths';
import { UsageError } from '../usage-error';

export function registerSuspend(program: Command): void {
  program
    .command('suspend')
    .description('suspend a workload account: disconnect it from the hub and HSCN, then quarantine it in the Suspended OU')
    .argument('<name>', 'account name (config/accounts/<name>.yaml)')
    .option('--config <dir>', 'configuration directory (default: $LZ_CONFIG_DIR or ./config)')
    .action((name: string, options: { config?: string }) => {
      suspend(name, options);
    });
}

function suspend(name: string, options: { config?: string }): void {
  const dir = resolveConfigDir(options.config);
  const loaded = loadConfig(dir);
  const entry = loaded.accounts.find((account) => account.config.name === name);
  if (!entry) {
    throw new UsageError(
      `no workload account named "${name}"; known accounts: ${loaded.accounts.map((account) => account.config.name).join(', ') || '(none)'}`,
    );
  }
  const file = path.join(loaded.dir, ACCOUNTS_DIR, `${name}.yaml`);
  const fileName = fs.existsSync(file) ? `${name}.yaml` : `${name}.yml`;
  const target = path.join(loaded.dir, ACCOUNTS_DIR, fileName);
  if (entry.config.status === 'suspended') {
    process.stdout.write(`${entry.source.displayPath} already has status: suspended; nothing changed.\n`);
    return;
  }
  // Only the status value changes: it is spliced into the original text at the position the parser
  // reports, so comments, order, quoting and the layout of every other line stay byte for byte.
  const original = fs.readFileSync(target, 'utf8');
  const status = parseDocument(original).get('status', true) as Scalar | undefined;
  const text = status?.range
    ? `${original.slice(0, status.range[0])}suspended${original.slice(status.range[1])}`
    : `${original.replace(/\n*$/, '\n')}status: suspended\n`;
  loadConfig(dir, { pendingAccountFiles: new Map([[fileName, text]]) });
  requireWritableFolder(path.dirname(target), '--config');
  writeFileAtomically(target, text);

  const stack = workloadStackName(name);
  process.stdout.write(
    [
      `Set status: suspended in ${entry.source.displayPath}.`,
      '',
      'Stacks this change touches:',
      `  ~ organization: moves ${name} from ${entry.config.ou} to the Suspended OU (deny-all except the execution, break-glass, StackSets and read-only plan roles)`,
      `  ~ network: removes ${name}'s hub routes${entry.config.hscn ? ', HSCN firewall entitlement and resolver-rule share' : ''} and blackholes ${entry.config.cidr}`,
      `  ~ ${stack}: removes the Transit Gateway attachment and resolver-rule associations; the baseline, VPC and logs stay`,
      '',
      'Deploy order (docs/vending.md, "Suspending an account"): disconnect first, then quarantine.',
      `  npx cdktf deploy network ${stack} --ignore-missing-stack-dependencies`,
      '  npx cdktf deploy organization',
      "A plain `cdktf deploy '*'` is also safe: it moves the account first, but the Suspended OU policy spares the",
      'execution role that the network and workload stacks use, so the disconnect still applies.',
      'Nothing closes the account: keep this file for as long as the account exists.',
      '',
    ].join('\n'),
  );
}
