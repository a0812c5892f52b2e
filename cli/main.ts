// `lz`: the landing-zone command-line tool. Each subcommand lives in cli/commands/<name>.ts
// and registers itself here. User mistakes (bad flags, invalid configuration) print a clear
// message and exit non-zero without a stack trace; anything else is a bug and keeps its trace.
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../lib/config/diagnostics';
import { registerAccess } from './commands/access';
import { registerBackupReport } from './commands/backup-report';
import { registerAffected } from './commands/affected';
import { registerConfigDiff } from './commands/config-diff';
import { registerDiff } from './commands/diff';
import { registerDriftReport } from './commands/drift-report';
import { registerPlanCompare } from './commands/plan-compare';
import { registerPlanReport } from './commands/plan-report';
import { registerPosture } from './commands/posture';
import { registerRedactPlan } from './commands/redact-plan';
import { registerProviderOverride } from './commands/provider-override';
import { registerStackOrder } from './commands/stack-order';
import { registerDiagram } from './commands/diagram';
import { registerEvidence } from './commands/evidence';
import { registerSimulate } from './commands/simulate';
import { registerSuspend } from './commands/suspend';
import { registerValidate } from './commands/validate';
import { registerVend } from './commands/vend';
import { registerVerify } from './commands/verify';
import { reportConfigErrors } from './report';
import { UsageError } from './usage-error';

import { EXIT_CANNOT_CREATE, EXIT_NO_INPUT, EXIT_STATUS_TABLE, EXIT_USAGE } from './exit-codes';

export { EXIT_USAGE } from './exit-codes';

/** Every subcommand, in the order `lz --help` lists them. */
const COMMANDS: readonly ((program: Command) => void)[] = [
  registerValidate,
  registerVend,
  registerSuspend,
  registerSimulate,
  registerDiagram,
  registerPlanReport,
  registerDiff,
  registerAffected,
  registerConfigDiff,
  registerRedactPlan,
  registerPlanCompare,
  registerDriftReport,
  registerStackOrder,
  registerProviderOverride,
  registerVerify,
  registerPosture,
  registerAccess,
  registerBackupReport,
  registerEvidence,
];

export function buildProgram(): Command {
  const program = new Command('lz')
    .description('AWS landing zone for UK healthcare: validate configuration, vend accounts, review plans')
    .exitOverride()
    .showHelpAfterError('(run lz --help for usage)')
    .configureOutput({ writeErr: (text) => process.stderr.write(text) })
    .addHelpText(
      'after',
      `\nExit status:\n${EXIT_STATUS_TABLE.map(([code, meaning]) => `  ${String(code).padStart(3)}  ${meaning}`).join('\n')}`,
    );
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
    const fileProblem = describeFileSystemError(error);
    if (fileProblem) {
      process.stderr.write(`lz: ${fileProblem.message}\n`);
      return fileProblem.exitCode;
    }
    throw error;
  }
}

/** Errors of the file system that a user causes (a missing folder, no permission) and can fix. */
const USER_FILE_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'does not exist',
  ENOTDIR: 'has a path component that is not a folder',
  EISDIR: 'is a folder, not a file',
  EACCES: 'is not accessible with your permissions',
  EPERM: 'is not accessible with your permissions',
  EROFS: 'is on a read-only file system',
  ENOSPC: 'cannot be written: the disk is full',
  EEXIST: 'already exists',
};

/** Reading calls exit with EXIT_NO_INPUT; anything that writes exits with EXIT_CANNOT_CREATE. */
const READING_SYSCALLS = new Set(['open', 'read', 'scandir', 'stat', 'lstat', 'access', 'readlink']);

function describeFileSystemError(error: unknown): { message: string; exitCode: number } | undefined {
  const errno = error as NodeJS.ErrnoException;
  if (!errno || typeof errno.code !== 'string' || !(errno.code in USER_FILE_ERRORS)) return undefined;
  const where = errno.path ?? (errno as { dest?: string }).dest ?? 'a file';
  const reading = errno.syscall !== undefined && READING_SYSCALLS.has(errno.syscall) && errno.code !== 'EROFS' && errno.code !== 'EEXIST';
  const advice = reading ? 'check the path and try again' : 'choose a folder you can write to, or create it first; nothing was written';
  return {
    message: `${where} ${USER_FILE_ERRORS[errno.code]} (${errno.code}); ${advice}`,
    exitCode: reading ? EXIT_NO_INPUT : EXIT_CANNOT_CREATE,
  };
}
