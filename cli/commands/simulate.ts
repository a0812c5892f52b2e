// `lz simulate`: answers "why can't I ...?" by evaluating one request through the guardrails the
// organization attaches (the same engine as the policy test suite) and naming the deciding
// policy and statement.
import type { Command } from 'commander';
import { loadConfig, resolveConfigDir } from '../../lib/config/load';
import {
  buildGuardrailModel,
  SimulationInputError,
  type SimulationOutcome,
  simulateRequest,
  SimulatorUnavailableError,
} from '../../tools/simulation/simulate';
import { UsageError } from '../usage-error';

interface SimulateOptions {
  account: string;
  action: string;
  region: string;
  principal?: string;
  resource?: string;
  context: string[];
  config?: string;
}

/** Exit status when the request would be denied, so scripts can test the answer. */
export { EXIT_DENIED } from '../exit-codes';
import { EXIT_DENIED } from '../exit-codes';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseContext(entries: readonly string[]): Record<string, string | string[]> {
  const context: Record<string, string | string[]> = {};
  for (const entry of entries) {
    const separator = entry.indexOf('=');
    if (separator <= 0)
      throw new UsageError(`--context ${entry} must be key=value, such as aws:SecureTransport=false (key= removes a key)`);
    const key = entry.slice(0, separator);
    const value = entry.slice(separator + 1);
    const previous = context[key];
    context[key] = previous === undefined || value === '' ? value : [...(typeof previous === 'string' ? [previous] : previous), value];
  }
  return context;
}

export function formatOutcome(outcome: SimulationOutcome): string {
  const lines = [
    `${outcome.decision}: ${outcome.action} in ${outcome.region} on ${outcome.resource}`,
    `  account:   ${outcome.account.name} (${outcome.account.accountId}${outcome.account.ouPath ? `, OU ${outcome.account.ouPath}` : ', management account'})`,
    `  principal: ${outcome.principal} (${outcome.principalKind})`,
  ];
  if (outcome.deciding) {
    const where = outcome.deciding.attachedTo ? ` attached to ${outcome.deciding.attachedTo}` : '';
    const name = outcome.deciding.policyName ? ` (${outcome.deciding.policyName})` : '';
    const statement = outcome.deciding.statement ? `, statement ${outcome.deciding.statement}` : '';
    lines.push(`  decided by: ${outcome.deciding.policyType} ${outcome.deciding.policy}${name}${statement}${where}`);
  } else if (outcome.decision === 'Allowed') {
    lines.push('  no guardrail denies this request (identity policy: allow everything; resource policy: allow everyone)');
  }
  if (!outcome.scpsApply) lines.push('  SCPs: do not apply to this principal');
  if (!outcome.rcpsApply) lines.push('  RCPs: do not apply to this resource');
  for (const level of outcome.chain) lines.push(`  evaluated ${level}`);
  for (const note of outcome.notes) lines.push(`  note: ${note}`);
  return `${lines.join('\n')}\n`;
}

export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description('explain whether the guardrails allow a request, and which policy and statement decide')
    .requiredOption('--account <name>', 'account name from configuration (core, workload or management)')
    .requiredOption('--action <service:Action>', 'IAM action, such as ec2:RunInstances')
    .requiredOption('--region <region>', 'Region the request is sent to (global services: us-east-1)')
    .option(
      '--principal <arn>',
      'caller: role, assumed-role, user, root or federated provider ARN, or a service principal (default: an administrator role in the account)',
    )
    .option('--resource <arn>', "resource ARN (default: an example ARN of the action's resource type)")
    .option(
      '--context <key=value>',
      'request context key, repeatable (for example aws:SecureTransport=false, aws:AssumedRoot=true)',
      collect,
      [],
    )
    .option('--config <dir>', 'configuration directory (default: $LZ_CONFIG_DIR or ./config)')
    .action(async (options: SimulateOptions) => {
      if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(options.region))
        throw new UsageError(`--region ${options.region} is not an AWS Region code such as eu-west-2 (use us-east-1 for global services)`);
      const loaded = loadConfig(resolveConfigDir(options.config));
      const model = buildGuardrailModel(
        loaded.landingZone,
        loaded.accounts.map((account) => account.config),
      );
      try {
        const outcome = await simulateRequest(model, {
          account: options.account,
          action: options.action,
          region: options.region,
          principal: options.principal,
          resource: options.resource,
          context: parseContext(options.context),
        });
        process.stdout.write(formatOutcome(outcome));
        process.exitCode = outcome.decision === 'Allowed' ? 0 : EXIT_DENIED;
      } catch (error) {
        if (error instanceof SimulationInputError || error instanceof SimulatorUnavailableError) throw new UsageError(error.message);
        throw error;
      }
    });
}
