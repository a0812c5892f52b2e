// `lz`: the landing-zone command-line tool. Each subcommand lives in lib/cli/commands/<name>.ts
// and registers itself here. User mistakes (bad flags, invalid configuration) print a clear
// message and exit non-zero without a stack trace; anything else is a bug and keeps its trace.
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/diagnostics';
import { registerDiff } from './commands/diff';
import { registerPlanReport } from './commands/plan-report';
import { registerProviderOverride } from './commands/provider-override';
import { registerStackOrder } from './commands/stack-order';
import { registerDiagram } from './commands/diagram';
import { registerSimulate } from './commands/simulate';
import { registerSuspend } from './commands/suspend';
import { registerValidate } from './commands/validate';
import { registerVend } from './commands/vend';
import { registerVerify } from './commands/verify';
import { reportConfigErrors } from './report';
import { UsageError } from './usage-error';

export const EXIT_USAGE = 64;

/** Every subcommand, in the order `lz --help` lists them. */
const COMMANDS: readonly ((program: Command) => void)[] = [registerValidate, registerVend, registerSuspend, registerSimulate, registerDiagram, registerPlanReport, registerDiff, registerStackOrder, registerProviderOverride, registerVerify];

export function buildProgram(): Command {
  const program = new Command('lz')
    .description('AWS landing zone for UK healthcare: validate configuration, vend accounts, review plans')
    .exitOverride()
    .showHelpAfterError('(run lz --help for usage)')
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  for (const register of COMMANDS) register(program);
  program.commands.forEach((command) => command.exitOverride());
  return program;
}

export async function run(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version requests are not errors.
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (error instanceof ConfigError) {
      return reportConfigErrors(error);
    }
    if (error instanceof UsageError) {
      process.stderr.write(`lz: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}
